// AES-128 on AES-NI: key schedule, single blocks and CTR mode.
#pragma once

#include "arch.h"

#include <wmmintrin.h>

namespace kv {

struct Aes128Key {
  __m128i round[11];
};

void aes128_expand(const std::uint8_t key[16], Aes128Key &out);
void aes128_encrypt_block(const Aes128Key &k, const std::uint8_t in[16], std::uint8_t out[16]);
// XORs n bytes with the key stream for (nonce, counter starting at 0).
void aes128_ctr(const Aes128Key &k, std::uint64_t nonce, const std::uint8_t *in,
                std::uint8_t *out, std::size_t n);
void aes128_wipe(Aes128Key &k);

}  // namespace kv
