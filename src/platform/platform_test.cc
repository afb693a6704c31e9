#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "platform/magic_sniffer.h"
#include "platform/pwquality_policy.h"
#include "platform/sodium_crypto.h"
#include "platform/sodium_secrets.h"

namespace retorno {
namespace {

TEST(SodiumCrypto, HashAndVerify) {
  auto crypto = NewSodiumCrypto({.fast_for_tests = true});
  ASSERT_TRUE(crypto.ok());
  auto hash = (*crypto)->HashPassword("senha-forte-123");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE((*crypto)->VerifyPassword(*hash, "senha-forte-123"));
  EXPECT_FALSE((*crypto)->VerifyPassword(*hash, "senha-errada"));
  EXPECT_FALSE((*crypto)->VerifyPassword("", "x"));
}

TEST(SodiumCrypto, TokensAreRandomAndHashesKnown) {
  auto crypto = *NewSodiumCrypto({.fast_for_tests = true});
  EXPECT_NE(crypto->RandomToken(), crypto->RandomToken());
  EXPECT_EQ(crypto->RandomToken().size(), 43u);
  EXPECT_EQ(crypto->Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SodiumSecrets, AKeyFileReadableByOthersIsMadePrivate) {
  char dir_template[] = "/tmp/retorno-secrets-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string key_file = std::string(dir_template) + "/secret.key";
  ASSERT_TRUE(NewSodiumSecrets(key_file).ok());
  ASSERT_EQ(chmod(key_file.c_str(), 0644), 0);
  auto again = NewSodiumSecrets(key_file);
  ASSERT_TRUE(again.ok()) << again.status();
  struct stat st {};
  ASSERT_EQ(stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::filesystem::remove_all(dir_template);
}

TEST(PwqualityPolicy, RefusesCommonAndSimplePasswordsAndSaysWhy) {
  auto policy = NewPwqualityPolicy();
  ASSERT_TRUE(policy.ok()) << policy.status();
  PasswordPolicy& p = **policy;
  // Dictionary words, even with digits added or letters swapped for look-alikes.
  EXPECT_EQ(p.Weakness("password123", ""), "password_too_common");
  EXPECT_EQ(p.Weakness("qwertyuiop", ""), "password_too_common");
  EXPECT_EQ(p.Weakness("iloveyou12", ""), "password_too_common");
  // Sequences, repetitions, palindromes and the login itself.
  EXPECT_EQ(p.Weakness("1234567890", ""), "password_too_simple");
  EXPECT_EQ(p.Weakness("abcdefghij", ""), "password_too_simple");
  EXPECT_EQ(p.Weakness("aaaaaaaaaa", ""), "password_too_simple");
  EXPECT_EQ(p.Weakness("mariana.souza-1", "mariana.souza"), "password_too_simple");
  // Passphrases and mixed passwords pass.
  EXPECT_EQ(p.Weakness("correct-horse-battery", ""), "");
  EXPECT_EQ(p.Weakness("Senha-forte-2026", "admin"), "");
  EXPECT_EQ(p.Weakness("senha forte de café", ""), "");
}

TEST(MagicSniffer, SniffsByContentNotName) {
  auto sniffer = NewMagicSniffer();
  ASSERT_TRUE(sniffer.ok()) << sniffer.status();
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  EXPECT_EQ((*sniffer)->Sniff(pdf), "application/pdf");
  const std::string png(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
  EXPECT_EQ((*sniffer)->Sniff(png), "image/png");
  EXPECT_EQ((*sniffer)->Sniff("olá, texto simples\n"), "text/plain");
}

}  // namespace
}  // namespace retorno

namespace retorno {
namespace {

TEST(SodiumSecrets, SealsWithAKeyFileItCreatesOnce) {
  char dir_template[] = "/tmp/retorno-secrets-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string key_file = std::string(dir_template) + "/secret.key";
  auto a = NewSodiumSecrets(key_file);
  ASSERT_TRUE(a.ok()) << a.status();
  struct stat st {};
  ASSERT_EQ(stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string sealed = (*a)->Seal("s3nha-ção");
  EXPECT_EQ(sealed.find("s3nha"), std::string::npos);
  EXPECT_NE((*a)->Seal("s3nha-ção"), sealed);  // a fresh nonce each time
  // A second process reads the same key and opens what the first sealed.
  auto b = NewSodiumSecrets(key_file);
  ASSERT_TRUE(b.ok()) << b.status();
  auto opened = (*b)->Open(sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "s3nha-ção");
  // Another key, or a tampered text, does not open.
  auto other = NewSodiumSecrets(std::string(dir_template) + "/other.key");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE((*other)->Open(sealed).ok());
  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE((*b)->Open(tampered).ok());
  EXPECT_FALSE((*b)->Open("plain").ok());
}

// Two servers started at once on a fresh folder (two nodes of one company, a service
// restarted by two supervisors) both find no key file: each must end up with the one
// key written, never a half-written file.
TEST(SodiumSecrets, ProcessesStartingAtOnceShareOneWholeKey) {
  char dir_template[] = "/tmp/retorno-secrets-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  constexpr int kRounds = 200;
  constexpr int kStarters = 6;
  for (int round = 0; round < kRounds; ++round) {
    const std::string key_file = absl::StrCat(dir_template, "/secret-", round, ".key");
    std::vector<absl::StatusOr<std::unique_ptr<Secrets>>> got(kStarters);
    std::vector<std::thread> starters;
    for (int i = 0; i < kStarters; ++i)
      starters.emplace_back([&got, &key_file, i] { got[i] = NewSodiumSecrets(key_file); });
    for (std::thread& t : starters) t.join();
    for (auto& g : got) ASSERT_TRUE(g.ok()) << "round " << round << ": " << g.status();
    const std::string sealed = (*got[0])->Seal("chave");
    for (auto& g : got) {
      auto opened = (*g)->Open(sealed);
      ASSERT_TRUE(opened.ok()) << "round " << round << ": " << opened.status();
      EXPECT_EQ(*opened, "chave");
    }
    EXPECT_EQ(std::filesystem::file_size(key_file), 32u);
  }
  // Nothing but the keys is left in the folder.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_template)) {
    EXPECT_NE(e.path().filename().string().find("secret-"), std::string::npos) << e.path();
    ++files;
  }
  EXPECT_EQ(files, kRounds);
  std::filesystem::remove_all(dir_template);
}

}  // namespace
}  // namespace retorno
