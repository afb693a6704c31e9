#include "platform/pwquality_policy.h"

#include <pwquality.h>

#include <mutex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace retorno {
namespace {

class PwqualityPolicy final : public PasswordPolicy {
 public:
  explicit PwqualityPolicy(pwquality_settings_t* settings) : settings_(settings) {}
  ~PwqualityPolicy() override { pwquality_free_settings(settings_); }

  std::string Weakness(std::string_view password, std::string_view login) override {
    // libpwquality wants C strings; a NUL inside cannot be judged, and the use case
    // refuses control characters anyway.
    if (password.find('\0') != std::string_view::npos) return "password_too_simple";
    const std::string pw(password), user(login);
    void* aux = nullptr;
    int rc;
    {
      // cracklib's FascistCheck keeps static state while it reads the dictionary.
      std::lock_guard lock(mu_);
      rc = pwquality_check(settings_, pw.c_str(), nullptr, user.empty() ? nullptr : user.c_str(),
                           &aux);
    }
    if (rc >= 0) return "";
    // For a dictionary refusal `aux` is cracklib's own static message (not ours to
    // free); the checks used here return no allocated aux.
    std::string detail;
    if (rc == PWQ_ERROR_CRACKLIB_CHECK && aux) detail = static_cast<const char*>(aux);
    // cracklib says "it is based on a dictionary word" (or "...a (reversed) dictionary
    // word"); everything else it and libpwquality refuse is a pattern, not a word.
    if (rc == PWQ_ERROR_CRACKLIB_CHECK && absl::StrContains(detail, "dictionary word"))
      return "password_too_common";
    return "password_too_simple";
  }

 private:
  std::mutex mu_;
  pwquality_settings_t* settings_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<PasswordPolicy>> NewPwqualityPolicy() {
  pwquality_settings_t* settings = pwquality_default_settings();
  if (!settings) return absl::InternalError("libpwquality could not start");
  // Length is the use case's rule (counted in characters, not bytes); the library's
  // own minimum would count credits for character classes and disagree with it.
  pwquality_set_int_value(settings, PWQ_SETTING_MIN_LENGTH, 6);
  auto policy = std::make_unique<PwqualityPolicy>(settings);
  // A missing dictionary makes cracklib refuse with "error loading dictionary" or,
  // worse, accept everything: prove both ways at start.
  if (std::string w = policy->Weakness("password123", ""); w != "password_too_common")
    return absl::FailedPreconditionError(
        "the password dictionary is missing or unreadable (install cracklib-runtime)");
  if (std::string w = policy->Weakness("k7#Vq-Lp2w!Zr", ""); !w.empty())
    return absl::FailedPreconditionError(
        absl::StrCat("the password dictionary refuses a strong password (", w, ")"));
  return policy;
}

}  // namespace retorno
