// Data keys of the ledger and the portal, kept wrapped under the master
// key (KEK) that the hardware token loads at start-up.
#pragma once

#include "aes128.h"

#include <map>
#include <mutex>
#include <string>

namespace kv {

struct WrappedKey {
  std::uint64_t nonce = 0;
  std::uint8_t wrapped[16] = {};
  std::uint8_t check[16] = {};  // AES_KEK(key id block): detects a wrong KEK
  std::uint64_t created_cycles = 0;
};

class Vault {
public:
  explicit Vault(const std::uint8_t kek[16]);
  ~Vault();
  Vault(const Vault &) = delete;
  Vault &operator=(const Vault &) = delete;

  bool create(const std::string &id);
  // Unwraps the key into out; false if unknown or the check fails.
  bool unwrap(const std::string &id, std::uint8_t out[16]);
  bool destroy(const std::string &id);

private:
  void check_block(const std::string &id, std::uint8_t out[16]) const;

  Aes128Key kek_;
  std::mutex mu_;
  std::map<std::string, WrappedKey> keys_;
  std::uint64_t next_nonce_ = 1;
};

}  // namespace kv
