#include "journal.h"

#include "crc32c.h"
#include "cycles.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ledger {

namespace {

template <typename T> void put(std::vector<std::uint8_t> &out, T v) {
  const auto *p = reinterpret_cast<const std::uint8_t *>(&v);
  out.insert(out.end(), p, p + sizeof v);
}

}  // namespace

std::vector<std::uint8_t> encode(const Batch &b) {
  std::vector<std::uint8_t> out;
  const std::uint32_t length =
      static_cast<std::uint32_t>(kHeaderSize + kPostingSize * b.postings.size() + 4);
  put(out, kRecordMagic);
  put(out, length);
  put(out, b.sequence);
  put(out, b.office);
  put(out, static_cast<std::uint32_t>(b.postings.size()));
  for (const Posting &p : b.postings) {
    put(out, p.account);
    put(out, p.amount_fen);
    out.insert(out.end(), p.currency, p.currency + 4);
  }
  put(out, crc32c(0, out.data(), out.size()));
  return out;
}

bool read_journal(const std::string &path, std::vector<Batch> &out, std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  const std::uint64_t t0 = ticks();
  std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
  std::size_t pos = 0;
  while (pos + kHeaderSize + 4 <= data.size()) {
    const std::uint8_t *rec = data.data() + pos;
    // Records start at any offset. x86 loads unaligned words at full speed,
    // so the header is read in place there.
#if defined(__x86_64__)
    const std::uint32_t magic = *reinterpret_cast<const std::uint32_t *>(rec);
    const std::uint32_t length = *reinterpret_cast<const std::uint32_t *>(rec + 4);
#else
    std::uint32_t magic, length;
    std::memcpy(&magic, rec, 4);
    std::memcpy(&length, rec + 4, 4);
#endif
    if (magic != kRecordMagic || length < kHeaderSize + 4 || pos + length > data.size()) {
      error = "bad record at offset " + std::to_string(pos);
      return false;
    }
    std::uint32_t stored_crc;
    std::memcpy(&stored_crc, rec + length - 4, 4);
    if (crc32c(0, rec, length - 4) != stored_crc) {
      error = "checksum mismatch at offset " + std::to_string(pos);
      return false;
    }
    Batch b;
    b.sequence = *reinterpret_cast<const std::uint64_t *>(rec + 8);
    std::memcpy(&b.office, rec + 16, 4);
    std::uint32_t count;
    std::memcpy(&count, rec + 20, 4);
    if (kHeaderSize + kPostingSize * static_cast<std::size_t>(count) + 4 != length) {
      error = "bad posting count at offset " + std::to_string(pos);
      return false;
    }
    const std::uint8_t *p = rec + kHeaderSize;
    for (std::uint32_t i = 0; i < count; ++i, p += kPostingSize) {
      Posting post;
      std::memcpy(&post.account, p, 8);
      std::memcpy(&post.amount_fen, p + 8, 8);
      std::memcpy(post.currency, p + 16, 4);
      post.currency[3] = '\0';
      b.postings.push_back(post);
    }
    out.push_back(std::move(b));
    pos += length;
  }
  const double ms = ticks_to_ms(ticks() - t0);
  if (ms > 500.0)  // the NAS mount has been slow before; the operators want to know
    std::fprintf(stderr, "ledger: %s took %.0f ms for %zu bytes\n", path.c_str(), ms, data.size());
  return true;
}

}  // namespace ledger
