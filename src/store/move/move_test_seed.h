// The source database of the move-data tests: a demo company made through the use
// cases (users, parties, follow-ups with their returns and history, documents), plus
// attachments whose bytes cover every byte value. Test code only.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>

#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/parties/parties.h"
#include "app/sales/sales.h"
#include "main/demo.h"
#include "platform/magic_sniffer.h"
#include "platform/pwquality_policy.h"
#include "platform/sodium_crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno::move {

inline absl::Time At(int y, int mo, int d) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, 12, 0, 0), absl::UTCTimeZone());
}

// Fills the SQLite database at `path`; `blobs` receives each attachment's bytes by id.
inline void SeedDemoCompany(const std::string& path, std::map<int64_t, std::string>& blobs) {
  auto store = OpenSqliteStore({.path = path}).value();
  auto crypto = NewSodiumCrypto({.fast_for_tests = true}).value();
  auto sniffer = NewMagicSniffer().value();
  auto passwords = NewPwqualityPolicy().value();
  AccountService accounts(*store, *crypto, *passwords);
  PartyService parties(*store);
  FollowupService followups(*store, *crypto, *sniffer);
  CatalogService catalog(*store);
  DocumentService documents(*store, followups);
  BirthdayService birthdays(*store, followups);
  DemoOptions demo;
  demo.parties = 40;
  demo.followups = 150;
  ASSERT_TRUE(FillDemo(*store, accounts, parties, followups, {catalog, documents, birthdays},
                       At(2026, 11, 20), demo)
                  .ok());
  std::mt19937 random(7);
  ASSERT_TRUE(store
                  ->Write([&](Tx& tx) -> absl::Status {
                    for (int i = 1; i <= 12; ++i) {
                      std::string bytes(static_cast<size_t>(i * 9000), '\0');
                      for (char& b : bytes) b = static_cast<char>(random() & 0xff);
                      for (int v = 0; v < 256; ++v)
                        bytes[static_cast<size_t>(v)] = static_cast<char>(v);
                      Attachment a;
                      a.followup_id = FollowupId(i);
                      a.file_name = "scan-" + std::to_string(i) + ".bin";
                      a.content_type = "application/octet-stream";
                      a.size = static_cast<int64_t>(bytes.size());
                      a.sha256 = crypto->Sha256Hex(bytes);
                      a.uploaded_by = UserId(1);
                      a.created_at = At(2026, 11, 20);
                      absl::StatusOr<AttachmentId> id = tx.followups().InsertAttachment(a, bytes);
                      if (!id.ok()) return id.status();
                      blobs[id->value] = bytes;
                    }
                    return absl::OkStatus();
                  })
                  .ok());
}

}  // namespace retorno::move
