#include "aes128.h"

#include <cstring>
#include <emmintrin.h>

namespace kv {

namespace {

inline __m128i expand_step(__m128i key, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

// The round constant must be an immediate, hence the macro.
#define KV_EXPAND(prev, rcon) expand_step(prev, _mm_aeskeygenassist_si128(prev, rcon))

inline __m128i encrypt(const Aes128Key &k, __m128i b) {
  b = _mm_xor_si128(b, k.round[0]);
  for (int r = 1; r < 9; ++r)
    b = _mm_aesenc_si128(b, k.round[r]);
  // Last two rounds, hand-scheduled in 2016 for the Broadwell servers.
  __asm__("aesenc     %1, %0\n\t"
          "aesenclast %2, %0"
          : "+x"(b)
          : "x"(k.round[9]), "x"(k.round[10]));
  return b;
}

}  // namespace

void aes128_expand(const std::uint8_t key[16], Aes128Key &out) {
  __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i *>(key));
  out.round[0] = k;
  out.round[1] = k = KV_EXPAND(k, 0x01);
  out.round[2] = k = KV_EXPAND(k, 0x02);
  out.round[3] = k = KV_EXPAND(k, 0x04);
  out.round[4] = k = KV_EXPAND(k, 0x08);
  out.round[5] = k = KV_EXPAND(k, 0x10);
  out.round[6] = k = KV_EXPAND(k, 0x20);
  out.round[7] = k = KV_EXPAND(k, 0x40);
  out.round[8] = k = KV_EXPAND(k, 0x80);
  out.round[9] = k = KV_EXPAND(k, 0x1b);
  out.round[10] = KV_EXPAND(k, 0x36);
}

void aes128_encrypt_block(const Aes128Key &k, const std::uint8_t in[16], std::uint8_t out[16]) {
  __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in));
  _mm_storeu_si128(reinterpret_cast<__m128i *>(out), encrypt(k, b));
}

void aes128_ctr(const Aes128Key &k, std::uint64_t nonce, const std::uint8_t *in,
                std::uint8_t *out, std::size_t n) {
  const std::uint64_t nonce_be = to_big_endian(nonce);
  for (std::uint64_t block = 0; n > 0; ++block) {
    __m128i ctr = _mm_set_epi64x(static_cast<long long>(to_big_endian(block)),
                                 static_cast<long long>(nonce_be));
    alignas(16) std::uint8_t stream[16];
    _mm_store_si128(reinterpret_cast<__m128i *>(stream), encrypt(k, ctr));
    std::size_t take = n < 16 ? n : 16;
    for (std::size_t i = 0; i < take; ++i)
      out[i] = in[i] ^ stream[i];
    kv_secure_zero(stream, sizeof stream);
    in += take;
    out += take;
    n -= take;
  }
}

void aes128_wipe(Aes128Key &k) { kv_secure_zero(k.round, sizeof k.round); }

}  // namespace kv
