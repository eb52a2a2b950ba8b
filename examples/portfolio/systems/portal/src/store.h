// Case records of the citizen portal. Production reads them from the
// bureau's Oracle database; tests and demos use the in-memory store.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portal {

struct CaseRecord {
  std::string case_id;
  std::string citizen_id;   // 18-character resident identity number
  std::string kind;         // "pension", "unemployment", "injury"
  std::string state;        // "received", "in-review", "paid", "rejected"
  long long amount_fen = 0; // as settled by the back office
  std::string updated;      // ISO 8601
};

class Store {
public:
  virtual ~Store() = default;
  virtual std::optional<CaseRecord> find_case(const std::string &case_id) = 0;
  virtual std::vector<CaseRecord> cases_of(const std::string &citizen_id) = 0;
  virtual bool add_case(const CaseRecord &r) = 0;
};

std::unique_ptr<Store> make_memory_store();
// Connect string as "user/password@//host:1521/service".
std::unique_ptr<Store> make_oracle_store(const std::string &connect);

}  // namespace portal
