//===- portolan/base/Shards.h - work split the same way in every process -===//
//
// `portolan scan --shard I/N` and `plan --shard I/N` each do one of N
// disjoint parts of the work. Every process computes the same split from
// the same inputs, with no coordinator: the merge (ResultsStore::mergeFrom)
// then puts the parts together.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_BASE_SHARDS_H
#define PORTOLAN_BASE_SHARDS_H

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>
#include <vector>

namespace portolan {

/// The Index-th (from 0) of Count parts; Count 0 is the whole work.
struct Shard {
  unsigned Index = 0, Count = 0;
  bool whole() const { return Count == 0; }
};

/// The most parts the work may be split into.
inline constexpr unsigned MaxShards = 10000;

/// "I/N" with 0 <= I < N <= MaxShards; the error says what is wrong.
llvm::Expected<Shard> parseShard(llvm::StringRef Text);

/// Which of Count parts each item belongs to, balanced by weight: items
/// heaviest first (equal weights by name, then by position), each to the
/// part that has the least weight so far (the lowest index among equals).
/// The same inputs give the same split in every process.
std::vector<unsigned> assignShards(const std::vector<uint64_t> &Weights,
                                   const std::vector<std::string> &Names, unsigned Count);

} // namespace portolan

#endif
