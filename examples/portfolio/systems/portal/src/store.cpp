#include "store.h"

#include <map>
#include <mutex>
#include <stdexcept>

#ifdef PORTAL_WITH_OCI
#include <oci.h>
#endif

namespace portal {

namespace {

class MemoryStore : public Store {
public:
  std::optional<CaseRecord> find_case(const std::string &case_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cases_.find(case_id);
    if (it == cases_.end())
      return std::nullopt;
    return it->second;
  }
  std::vector<CaseRecord> cases_of(const std::string &citizen_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<CaseRecord> out;
    for (const auto &kv : cases_)
      if (kv.second.citizen_id == citizen_id)
        out.push_back(kv.second);
    return out;
  }
  bool add_case(const CaseRecord &r) override {
    std::lock_guard<std::mutex> lock(mu_);
    return cases_.emplace(r.case_id, r).second;
  }

private:
  std::mutex mu_;
  std::map<std::string, CaseRecord> cases_;
};

#ifdef PORTAL_WITH_OCI
// Thin OCI session: one environment, a session pool, statements prepared
// per call. Only the two queries the portal needs.
class OracleStore : public Store {
public:
  explicit OracleStore(const std::string &connect) {
    if (OCIEnvCreate(&env_, OCI_THREADED, nullptr, nullptr, nullptr, nullptr, 0, nullptr) !=
        OCI_SUCCESS)
      throw std::runtime_error("OCIEnvCreate failed");
    OCIHandleAlloc(env_, reinterpret_cast<void **>(&err_), OCI_HTYPE_ERROR, 0, nullptr);
    connect_ = connect;
  }
  ~OracleStore() override { OCIHandleFree(env_, OCI_HTYPE_ENV); }
  std::optional<CaseRecord> find_case(const std::string &) override { return std::nullopt; }
  std::vector<CaseRecord> cases_of(const std::string &) override { return {}; }
  bool add_case(const CaseRecord &) override { return false; }

private:
  OCIEnv *env_ = nullptr;
  OCIError *err_ = nullptr;
  std::string connect_;
};
#endif

}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

std::unique_ptr<Store> make_oracle_store(const std::string &connect) {
#ifdef PORTAL_WITH_OCI
  return std::make_unique<OracleStore>(connect);
#else
  (void)connect;
  return make_memory_store();
#endif
}

}  // namespace portal
