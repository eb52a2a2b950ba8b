//===- Shards.cpp ---------------------------------------------------------===//
#include "portolan/base/Shards.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <tuple>

namespace portolan {

llvm::Expected<Shard> parseShard(llvm::StringRef Text) {
  auto [I, N] = Text.split('/');
  Shard S;
  if (I.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) || S.Count == 0)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--shard %s: expected I/N, the I-th (from 0) of N parts",
                                   Text.str().c_str());
  if (S.Count > MaxShards)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--shard %s: at most %u parts", Text.str().c_str(),
                                   MaxShards);
  if (S.Index >= S.Count)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--shard %s: the index counts from 0, so it is below %u",
                                   Text.str().c_str(), S.Count);
  return S;
}

std::vector<unsigned> assignShards(const std::vector<uint64_t> &Weights,
                                   const std::vector<std::string> &Names, unsigned Count) {
  std::vector<size_t> Order(Weights.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::tie(Weights[B], Names[A], A) < std::tie(Weights[A], Names[B], B);
  });
  // The lightest part first; among equals, the lowest index.
  using Load = std::pair<uint64_t, unsigned>;
  std::priority_queue<Load, std::vector<Load>, std::greater<Load>> Parts;
  for (unsigned I = 0; I < std::max(Count, 1u); ++I)
    Parts.push({0, I});
  std::vector<unsigned> Out(Weights.size(), 0);
  for (size_t Item : Order) {
    auto [Weight, Part] = Parts.top();
    Parts.pop();
    Out[Item] = Part;
    Parts.push({Weight + Weights[Item], Part});
  }
  return Out;
}

} // namespace portolan
