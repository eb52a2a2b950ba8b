// Shards (base/Shards.h) and what makes shards mergeable exactly: a place
// several units saw is stored the same whatever order they come in
// (store/src/FindingConflict.h), and a candidate's sightings stay apart.
#include "portolan/base/Shards.h"
#include "portolan/store/ResultsStore.h"

#include "TempTree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace portolan;

TEST(ShardsTest, ParsesAPartAndRefusesWhatIsNone) {
  auto S = parseShard("2/4");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  EXPECT_EQ(S->Index, 2u);
  EXPECT_EQ(S->Count, 4u);
  EXPECT_FALSE(S->whole());
  for (const char *Bad : {"4/4", "1/0", "x/2", "1", "-1/2", "1/2/3", "0/10001"}) {
    auto E = parseShard(Bad);
    ASSERT_FALSE(bool(E)) << Bad;
    std::string Message = llvm::toString(E.takeError());
    EXPECT_NE(Message.find(Bad), std::string::npos) << Message;
  }
  EXPECT_TRUE(Shard{}.whole());
}

TEST(ShardsTest, EveryItemInOnePartBalancedAndTheSameEveryTime) {
  std::vector<uint64_t> Weights;
  std::vector<std::string> Names;
  for (unsigned I = 0; I < 50; ++I) {
    Weights.push_back((I * 7919) % 1000 + 1);
    Names.push_back("f" + std::to_string(I));
  }
  for (unsigned Count : {1u, 2u, 3u, 4u, 7u, 60u}) {
    std::vector<unsigned> Parts = assignShards(Weights, Names, Count);
    ASSERT_EQ(Parts.size(), Weights.size());
    EXPECT_EQ(Parts, assignShards(Weights, Names, Count));
    std::vector<uint64_t> Load(Count, 0);
    for (size_t I = 0; I < Parts.size(); ++I) {
      ASSERT_LT(Parts[I], Count);
      Load[Parts[I]] += Weights[I];
    }
    // Heaviest first onto the lightest part: no part exceeds another by
    // more than the heaviest item.
    uint64_t Heaviest = *std::max_element(Weights.begin(), Weights.end());
    auto [Min, Max] = std::minmax_element(Load.begin(), Load.end());
    if (Count <= Weights.size()) {
      EXPECT_LE(*Max - *Min, Heaviest) << Count << " parts";
    }
  }
  // Given in another order, each item goes to the same part.
  std::vector<size_t> Reversed(Weights.size());
  std::iota(Reversed.rbegin(), Reversed.rend(), 0);
  std::vector<uint64_t> W2;
  std::vector<std::string> N2;
  for (size_t I : Reversed) {
    W2.push_back(Weights[I]);
    N2.push_back(Names[I]);
  }
  std::vector<unsigned> A = assignShards(Weights, Names, 4), B = assignShards(W2, N2, 4);
  for (size_t I = 0; I < Reversed.size(); ++I)
    EXPECT_EQ(B[I], A[Reversed[I]]) << N2[I];
}

namespace {

Finding sighting(bool Inactive, const std::string &Guard, const std::string &Check = "") {
  Finding F;
  F.Rule = "x86.intrinsic";
  F.Symbol = "_mm_add_epi32";
  F.File = "shared.h";
  F.Line = 7;
  F.Column = 3;
  F.Analyzer = "x86-intrinsics";
  F.Snippet = "x = _mm_add_epi32(x, y);";
  F.Guard = Guard;
  F.Inactive = Inactive;
  F.TargetCheck = Check;
  return F;
}

TUResult unitSeeing(const std::string &File, Finding F, UnitPhase Phase = UnitPhase::Unit) {
  TUResult U;
  U.File = File;
  U.CommandSource = "inferred";
  U.Parsed = true;
  U.Findings = {std::move(F)};
  U.Phase = Phase;
  return U;
}

/// The one stored row of the place, after recording Units in this order.
Finding storedAfter(const std::string &Db, const std::vector<TUResult> &Units) {
  auto Store = ResultsStore::open(Db);
  EXPECT_TRUE(bool(Store));
  auto Run = (*Store)->beginRun("/src");
  for (const TUResult &U : Units)
    EXPECT_FALSE(bool((*Store)->recordUnit(*Run, U)));
  EXPECT_FALSE(bool((*Store)->finishRun(*Run, "complete")));
  auto R = (*Store)->loadRun(*Run);
  EXPECT_TRUE(bool(R));
  EXPECT_EQ(R->Findings.size(), 1u);
  return R->Findings.empty() ? Finding() : R->Findings[0].F;
}

} // namespace

TEST(ShardsTest, APlaceSeenByUnitsIsStoredTheSameInAnyOrder) {
  TempTree T;
  std::vector<TUResult> Units = {
      unitSeeing("a.c", sighting(true, "none")),
      unitSeeing("b.c", sighting(false, "has-fallback", "fails on aarch64: x")),
      unitSeeing("c.c", sighting(false, "x86-only", "no error on aarch64")),
      unitSeeing("d.c", sighting(false, "none", "no error on aarch64"))};
  std::vector<size_t> Order = {0, 1, 2, 3};
  std::optional<Finding> First;
  int Db = 0;
  do {
    std::vector<TUResult> InOrder;
    for (size_t I : Order)
      InOrder.push_back(Units[I]);
    Finding F = storedAfter(T.root() + "/r" + std::to_string(Db++) + ".db", InOrder);
    if (!First)
      First = F;
    EXPECT_EQ(F.Inactive, First->Inactive);
    EXPECT_EQ(F.Guard, First->Guard);
    EXPECT_EQ(F.TargetCheck, First->TargetCheck);
  } while (std::next_permutation(Order.begin(), Order.end()));
  // Active before inactive, a blocking guard before another branch, then
  // the least text.
  EXPECT_FALSE(First->Inactive);
  EXPECT_EQ(First->Guard, "none");
  EXPECT_EQ(First->TargetCheck, "no error on aarch64");
}

TEST(ShardsTest, ACandidatesSightingsStayApartFromTheRunsFindings) {
  TempTree T;
  auto Store = ResultsStore::open(T.root() + "/c.db");
  ASSERT_TRUE(bool(Store));
  auto Run = (*Store)->beginRun("/src");
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, unitSeeing("a.c", sighting(true, "none")))));
  ASSERT_FALSE(bool((*Store)->recordUnit(
      *Run, unitSeeing("shared.h", sighting(false, "none"), UnitPhase::HeaderCandidate))));
  ASSERT_FALSE(bool((*Store)->finishRun(*Run, "complete")));
  auto R = (*Store)->loadRun(*Run);
  ASSERT_TRUE(bool(R));
  ASSERT_EQ(R->Findings.size(), 1u);
  // The candidate's active sighting did not make the unit's row active.
  EXPECT_TRUE(R->Findings[0].F.Inactive);
  EXPECT_EQ(R->Findings[0].UnitCount, 1u);
  EXPECT_EQ(R->Units.size(), 2u);
}
