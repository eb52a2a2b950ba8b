#include "vault.h"

#include <cstring>

namespace kv {

Vault::Vault(const std::uint8_t kek[16]) { aes128_expand(kek, kek_); }

Vault::~Vault() { aes128_wipe(kek_); }

void Vault::check_block(const std::string &id, std::uint8_t out[16]) const {
  std::uint8_t block[16] = {};
  std::memcpy(block, id.data(), id.size() < 16 ? id.size() : 16);
  aes128_encrypt_block(kek_, block, out);
}

bool Vault::create(const std::string &id) {
  std::uint8_t key[16];
  if (!random_bytes(key, sizeof key))
    return false;
  std::lock_guard<std::mutex> lock(mu_);
  if (keys_.count(id)) {
    kv_secure_zero(key, sizeof key);
    return false;
  }
  WrappedKey &w = keys_[id];
  w.nonce = next_nonce_++;
  aes128_ctr(kek_, w.nonce, key, w.wrapped, sizeof key);
  check_block(id, w.check);
  w.created_cycles = cycle_count();
  kv_secure_zero(key, sizeof key);
  return true;
}

bool Vault::unwrap(const std::string &id, std::uint8_t out[16]) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = keys_.find(id);
  if (it == keys_.end())
    return false;
  std::uint8_t expect[16];
  check_block(id, expect);
  if (kv_ct_memcmp(expect, it->second.check, sizeof expect) != 0)
    return false;
  aes128_ctr(kek_, it->second.nonce, it->second.wrapped, out, 16);
  return true;
}

bool Vault::destroy(const std::string &id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = keys_.find(id);
  if (it == keys_.end())
    return false;
  kv_secure_zero(&it->second, sizeof it->second);
  keys_.erase(it);
  return true;
}

}  // namespace kv
