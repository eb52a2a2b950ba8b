// The planner's choices with a hand-made policy: tier rules, target
// choice, dependency replacements, wave packing under capacity and
// dependencies. Expected values are worked out by hand beside each check.
#include "portolan/plan/Planner.h"

#include "TempTree.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

Policy handPolicy() {
  Policy P;
  for (const std::string &Id : requiredWeightIds())
    P.Weights.set({Id, "occurrence", {0, 0, 0}, "", "", ""});
  P.Weights.set({"hours-per-day", "constant", {8, 8, 8}, "", "", ""});
  P.Weights.set({"occurrence.direct", "occurrence", {8, 8, 8}, "", "", ""});
  P.Weights.set({"occurrence.sequence", "occurrence", {16, 16, 16}, "", "", ""});
  P.Weights.set({"dependency.moderate", "dependency", {80, 80, 80}, "", "", ""});
  P.Weights.set({"dependency.hard", "dependency", {400, 400, 400}, "", "", ""});
  Tier Strict;
  Strict.Id = "strict";
  Strict.Rank = 3;
  Strict.MinMlps = 3;
  Strict.Classified = true;
  Strict.Criticality = {"core"};
  Strict.Cpus = {"loongson-3a6000", "kunpeng-920"};
  Strict.Oses = {"openeuler-22.03"};
  Strict.Clouds = {"private-cloud"};
  Tier Open;
  Open.Id = "open";
  Open.Rank = 1;
  Open.Cpus = {"kunpeng-920", "generic-x86-64"};
  Open.Oses = {"openeuler-22.03", "windows-server-2022"};
  Open.Clouds = {"public-cloud"};
  Open.ForeignDependencies = true;
  P.Tiers = {Strict, Open};
  P.Cpus = {{"kunpeng-920", "HiSilicon", "Kunpeng 920", "aarch64", {"neon"}},
            {"loongson-3a6000", "Loongson", "3A6000", "loongarch64", {"lsx", "lasx"}},
            {"generic-x86-64", "Intel / AMD", "x86-64", "x86_64", {"sse", "sse2"}}};
  P.Oses = {{"openeuler-22.03", "openEuler", "22.03", {"aarch64", "x86_64", "loongarch64"}},
            {"windows-server-2022", "Windows Server", "2022", {"x86_64"}}};
  Dependency Oracle;
  Oracle.Name = "Oracle Database";
  Oracle.Origin = "foreign";
  Oracle.Aliases = {"oracle"};
  Oracle.Alternatives = {{"openGauss", "domestic", "hard", "", {"strict", "open"}},
                         {"KingbaseES", "domestic", "moderate", "", {"strict"}}};
  P.Dependencies = {Oracle};
  return P;
}

SystemSpec spec(const char *Id, int Mlps, bool Classified = false,
                const char *Criticality = "general") {
  SystemSpec S;
  S.Id = Id;
  S.Name = Id;
  S.Mlps = Mlps;
  S.Classified = Classified;
  S.Criticality = Criticality;
  return S;
}

TEST(PlannerTest, TierRules) {
  Policy P = handPolicy();
  auto [T1, Rule1] = assignTier(spec("a", 3), P);
  EXPECT_EQ(T1->Id, "strict");
  EXPECT_EQ(Rule1, "MLPS level 3 >= 3");
  auto [T2, Rule2] = assignTier(spec("b", 2, true), P);
  EXPECT_EQ(T2->Id, "strict");
  EXPECT_EQ(Rule2, "classified system");
  auto [T3, Rule3] = assignTier(spec("c", 1, false, "core"), P);
  EXPECT_EQ(T3->Id, "strict");
  EXPECT_EQ(Rule3, "criticality 'core'");
  auto [T4, Rule4] = assignTier(spec("d", 2), P);
  EXPECT_EQ(T4->Id, "open");
  EXPECT_NE(Rule4.find("no stricter tier"), std::string::npos);
}

RunReport simdRun() {
  RunReport R;
  StoredFinding F;
  F.F.Rule = "x86.intrinsic";
  F.F.Symbol = "_mm_add_ps";
  F.F.File = "a.c";
  R.Findings = {F, F};
  Enrichment E;
  E.Symbol = "_mm_add_ps";
  E.Known = true;
  E.Kind = "intrinsic";
  E.Isa = "SSE";
  E.Equivalents = {{"aarch64", "neon", "vaddq_f32", "direct", "", "s", true, ""},
                   {"loongarch64", "lsx", "__lsx_vfadd_s", "sequence", "", "s", true, ""}};
  R.Enrichments["_mm_add_ps"] = E;
  return R;
}

TEST(PlannerTest, ChoosesTheCheapestAllowedTargetAndNamesTheRunnerUp) {
  Policy P = handPolicy();
  Inventory Inv;
  Inv.WaveCapacity = 10;
  Inv.WaveWeeks = 4;
  Inv.Systems = {spec("strictsys", 4), spec("opensys", 2)};
  Inv.Systems[0].Dependencies = {"Oracle", "FooDB"};
  Inv.Systems[1].Dependencies = {"oracle"};
  std::vector<ScannedSystem> Systems(2);
  for (size_t I = 0; I < 2; ++I) {
    Systems[I].Spec = &Inv.Systems[I];
    Systems[I].Scanned = true;
    costSystem(Systems[I], simdRun(), P, assignTier(Inv.Systems[I], P).first);
  }
  // Every CPU is costed side by side, the tier's own list separately.
  EXPECT_EQ(Systems[0].ByCpu.size(), 3u);
  EXPECT_EQ(Systems[0].Allowed.size(), 2u); // loongson, kunpeng (Linux only)
  EXPECT_EQ(Systems[1].Allowed.size(), 3u); // kunpeng; x86 with Linux and with Windows

  PortfolioPlan Plan = planPortfolio(Inv, std::move(Systems), P);
  const SystemPlan &S = Plan.Systems[0];
  // Kunpeng: 2 x direct (8 h) = 2 days; Loongson: 2 x sequence (16 h) = 4
  // days. Loongson comes first in the tier's list, but costs more.
  ASSERT_TRUE(S.Target);
  EXPECT_EQ(S.Target->Target.Cpu, "kunpeng-920");
  EXPECT_DOUBLE_EQ(S.TargetDays.Likely, 2);
  ASSERT_TRUE(S.RunnerUp);
  EXPECT_EQ(S.RunnerUp->Target.Cpu, "loongson-3a6000");
  EXPECT_EQ(S.RunnerUpWhy, "+2.0 person-days likely, mostly SIMD (+2.0)");
  EXPECT_EQ(S.Cloud, "private-cloud");
  // Oracle: the cheaper of the alternatives the tier allows (KingbaseES,
  // moderate: 80 h = 10 days); FooDB is unknown and a risk.
  ASSERT_EQ(S.Dependencies.size(), 2u);
  EXPECT_EQ(S.Dependencies[0].Action, "replace");
  EXPECT_EQ(S.Dependencies[0].Replacement, "KingbaseES");
  EXPECT_DOUBLE_EQ(S.DependencyDays.Likely, 10);
  EXPECT_DOUBLE_EQ(S.TotalDays.Likely, 12);
  EXPECT_EQ(S.Dependencies[1].Action, "unresolved");
  EXPECT_EQ(S.RiskLevel, "medium");

  // The open tier keeps x86: generic-x86-64 with Linux costs nothing.
  const SystemPlan &O = Plan.Systems[1];
  ASSERT_TRUE(O.Target);
  EXPECT_EQ(O.Target->Target.Cpu, "generic-x86-64");
  EXPECT_DOUBLE_EQ(O.TotalDays.Likely, 0);
  EXPECT_EQ(O.Dependencies[0].Action, "keep");
  EXPECT_EQ(O.RiskLevel, "low");
}

SystemPlan planned(const SystemSpec &Spec, double Days, int Risk) {
  SystemPlan P;
  P.System.Spec = &Spec;
  P.System.Scanned = true;
  P.Target = SystemEffort();
  P.TotalDays = {Days, Days, Days};
  P.RiskScore = Risk;
  return P;
}

TEST(PlannerTest, PacksWavesUnderCapacityAndDependencies) {
  SystemSpec A = spec("a", 2), B = spec("b", 2), C = spec("c", 2), D = spec("d", 2),
             E = spec("e", 2);
  B.DependsOn = {"c"};
  std::vector<SystemPlan> Systems = {planned(A, 10, 0), planned(B, 30, 0), planned(C, 25, 1),
                                     planned(D, 70, 0), planned(E, 5, 0)};
  Systems[4].Target.reset(); // Not planned: no target.
  Systems[4].System.Scanned = false;
  std::vector<Wave> Waves = packWaves(Systems, 40);
  // Wave 1: a (10, low risk first), then d (70) does not fit, c (25) does.
  // b waits for c; in wave 2 it fits (30). d is larger than a wave: waves
  // 3 and 4 to itself.
  EXPECT_EQ(Systems[0].Wave, 1);
  EXPECT_EQ(Systems[2].Wave, 1);
  EXPECT_EQ(Systems[1].Wave, 2);
  EXPECT_EQ(Systems[3].Wave, 3);
  EXPECT_EQ(Systems[3].WaveSpan, 2);
  EXPECT_EQ(Systems[4].Wave, 0);
  ASSERT_EQ(Waves.size(), 4u);
  EXPECT_DOUBLE_EQ(Waves[0].Days.Likely, 35);
  EXPECT_DOUBLE_EQ(Waves[1].Days.Likely, 30);
  EXPECT_DOUBLE_EQ(Waves[2].Days.Likely, 35);
  EXPECT_DOUBLE_EQ(Waves[3].Days.Likely, 35);
  // Adoption counts all five systems of the inventory: 2, 3, 3, 4 moved.
  EXPECT_DOUBLE_EQ(Waves[0].CloudAdoption, 0.4);
  EXPECT_DOUBLE_EQ(Waves[1].CloudAdoption, 0.6);
  EXPECT_DOUBLE_EQ(Waves[2].CloudAdoption, 0.6);
  EXPECT_DOUBLE_EQ(Waves[3].CloudAdoption, 0.8);
  EXPECT_DOUBLE_EQ(Waves[3].EffortDone, 1);
}

TEST(PlannerTest, ADependencyCycleIsBrokenOnceAndOnlyThere) {
  // a and b depend on each other; c depends on a and is smaller.
  SystemSpec A = spec("a", 2), B = spec("b", 2), C = spec("c", 2);
  A.DependsOn = {"b"};
  B.DependsOn = {"a"};
  C.DependsOn = {"a"};
  std::vector<SystemPlan> Systems = {planned(A, 30, 0), planned(B, 30, 0), planned(C, 15, 0)};
  std::vector<std::string> Notes;
  packWaves(Systems, 40, &Notes);
  // a goes first (first of its cycle); then neither b (30) nor c (15) fits
  // beside it; c, smaller, leads wave 2; b does not fit beside c: wave 3.
  EXPECT_EQ(Systems[0].Wave, 1);
  EXPECT_EQ(Systems[2].Wave, 2);
  EXPECT_EQ(Systems[1].Wave, 3);
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0], "dependency cycle among a, b: a moves first");
}

// Issue 15, row 14: a capacity far below one system's effort is capped at
// 1,000 waves, and said, not silently.
TEST(PlannerTest, AnImpossibleWaveCapacityIsSaid) {
  SystemSpec A = spec("a", 2), B = spec("b", 2);
  std::vector<SystemPlan> Systems = {planned(A, 30, 0), planned(B, 0.00005, 0)};
  std::vector<std::string> Notes;
  packWaves(Systems, 0.0001, &Notes);
  EXPECT_EQ(Systems[0].WaveSpan, 1000);
  EXPECT_EQ(Systems[1].WaveSpan, 1);
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0], "system a needs 300000 waves of wave_capacity 0.0001 person-days; planned "
                      "over 1000: the plan is impossible as given (is wave_capacity right?)");
}

TEST(PlannerTest, InventoryKeepsGoodSystemsAndNamesBadOnes) {
  TempTree T;
  T.write("inventory.toml", R"([organization]
name = "Test"
wave_capacity = 30
wave_weeks = 6

[[system]]
id = "good"
path = "src"
mlps = 3
depends_on = ["missing"]

[[system]]
id = "bad"
path = "src"
mlps = 9
)");
  auto Inv = loadInventory(T.root() + "/inventory.toml");
  ASSERT_TRUE(bool(Inv)) << llvm::toString(Inv.takeError());
  ASSERT_EQ(Inv->Systems.size(), 1u);
  EXPECT_EQ(Inv->Systems[0].Id, "good");
  EXPECT_TRUE(llvm::StringRef(Inv->Systems[0].Path).ends_with("/src"));
  EXPECT_TRUE(Inv->Systems[0].DependsOn.empty());
  ASSERT_EQ(Inv->Problems.size(), 2u);
  EXPECT_NE(Inv->Problems[0].find("inventory.toml:12:1: system 'bad' left out: 'mlps'"),
            std::string::npos)
      << Inv->Problems[0];
  EXPECT_NE(Inv->Problems[1].find("depends on 'missing'"), std::string::npos);

  T.write("broken.toml", "[organization\nname = 1\n");
  auto Broken = loadInventory(T.root() + "/broken.toml");
  ASSERT_FALSE(bool(Broken));
  EXPECT_NE(llvm::toString(Broken.takeError()).find("broken.toml:1:"), std::string::npos);
}

} // namespace
