// The journal: append-only files of posting batches written by the teller
// systems, one record per batch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ledger {

struct Posting {
  std::uint64_t account = 0;
  std::int64_t amount_fen = 0;  // positive = credit
  char currency[4] = "CNY";
};

struct Batch {
  std::uint64_t sequence = 0;
  std::uint32_t office = 0;
  std::vector<Posting> postings;
};

// Record layout (little endian, packed):
//   u32 magic 'LJR1' | u32 length of the whole record | u64 sequence
//   u32 office | u32 count | count * (u64 account, i64 amount, char[4] currency)
//   u32 crc32c of everything before it
constexpr std::uint32_t kRecordMagic = 0x3152'4A4Cu;  // "LJR1"
constexpr std::size_t kHeaderSize = 24;
constexpr std::size_t kPostingSize = 20;

bool read_journal(const std::string &path, std::vector<Batch> &out, std::string &error);
std::vector<std::uint8_t> encode(const Batch &b);

}  // namespace ledger
