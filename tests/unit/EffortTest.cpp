// The effort model's arithmetic, with weights chosen so that every figure
// can be computed by hand (the sums are written out beside each check).
#include "portolan/plan/Effort.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

EffortWeights handWeights() {
  EffortWeights W;
  for (const std::string &Id : requiredWeightIds())
    W.set({Id, "occurrence", {0, 0, 0}, "", "", ""});
  auto Set = [&](const char *Id, Range R) { W.set({Id, "x", R, "", "", ""}); };
  Set("hours-per-day", {8, 8, 8});
  Set("occurrence.direct", {1, 2, 3});
  Set("symbol.direct", {4, 4, 4});
  Set("occurrence.sequence", {2, 3, 4});
  Set("symbol.sequence", {8, 8, 8});
  Set("occurrence.moderate", {1, 1, 1});
  Set("symbol.moderate", {2, 2, 2});
  Set("factor.has-fallback", {0.5, 0.5, 0.5});
  Set("factor.inactive", {0.25, 0.25, 0.25});
  Set("asm.block", {2, 2, 2});
  Set("asm.instruction", {1, 1, 1});
  Set("module.gui", {40, 80, 160});
  Set("system.base", {8, 16, 24});
  Set("system.kloc", {4, 4, 4});
  Set("factor.same-platform", {0.5, 0.5, 0.5});
  return W;
}

StoredFinding finding(const char *Rule, const char *Symbol, const char *File, unsigned Line) {
  StoredFinding F;
  F.F.Rule = Rule;
  F.F.Symbol = Symbol;
  F.F.File = File;
  F.F.Line = Line;
  F.UnitCount = 1;
  return F;
}

/// A symbol the knowledge base knows, as entry Kind with effort class
/// Effort (Windows and construct entries) or ISA Isa (intrinsics).
Enrichment known(const char *Symbol, const char *Kind, const char *Effort, const char *Isa = "") {
  Enrichment E;
  E.Symbol = Symbol;
  E.Known = true;
  E.Kind = Kind;
  E.Effort = Effort;
  E.Isa = Isa;
  return E;
}

/// handWeights with the system cost off and assembly at 1 h per
/// instruction, 0.1 with a counterpart.
EffortWeights asmWeights() {
  EffortWeights W = handWeights();
  W.set({"system.base", "system", {0, 0, 0}, "", "", ""});
  W.set({"asm.source-instruction", "instruction", {1, 1, 1}, "", "", ""});
  W.set({"factor.asm-counterpart", "factor", {0.1, 0.1, 0.1}, "", "", ""});
  return W;
}

RunReport handRun() {
  RunReport R;
  R.Findings.push_back(finding("x86.intrinsic", "_mm_add_ps", "simd/a.c", 1));
  R.Findings.push_back(finding("x86.intrinsic", "_mm_add_ps", "simd/a.c", 2));
  StoredFinding Guarded = finding("x86.intrinsic", "_mm_add_ps", "simd/b.c", 3);
  Guarded.F.Guard = "has-fallback";
  R.Findings.push_back(Guarded);
  StoredFinding Asm = finding("x86.inline-asm", "asm", "core/t.c", 4);
  Asm.F.Note = "3 instructions: rdtsc, shl, or";
  R.Findings.push_back(Asm);
  R.Findings.push_back(finding("win32.api", "CreateWindowExW", "ui/a.cpp", 5));
  R.Findings.push_back(finding("win32.api", "CreateWindowExW", "ui/b.cpp", 6));
  R.Findings.push_back(finding("win32.api", "RegOpenKeyExW", "data/x.cpp", 7));
  Enrichment Add = known("_mm_add_ps", "intrinsic", "", "SSE");
  Add.Equivalents = {{"aarch64", "neon", "vaddq_f32", "direct", "", "s", true, ""},
                     {"loongarch64", "lsx", "__lsx_vfadd_s", "sequence", "", "s", true, ""}};
  R.Enrichments["_mm_add_ps"] = Add;
  R.Enrichments["asm"] = known("asm", "construct", "hard");
  Enrichment Gui = known("CreateWindowExW", "api", "redesign");
  Gui.Area = "GUI/USER32";
  R.Enrichments["CreateWindowExW"] = Gui;
  Enrichment Reg = known("RegOpenKeyExW", "api", "moderate");
  Reg.Area = "registry";
  R.Enrichments["RegOpenKeyExW"] = Reg;
  return R;
}

TargetPlatform target(const char *Cpu, const char *Arch, bool WindowsOs = false,
                      std::vector<std::string> Features = {}) {
  return {Cpu, WindowsOs ? "windows-server-2022" : "openeuler-22.03", Arch, std::move(Features),
          WindowsOs};
}

void expectRange(const Range &R, double Low, double Likely, double High) {
  EXPECT_DOUBLE_EQ(R.Low, Low);
  EXPECT_DOUBLE_EQ(R.Likely, Likely);
  EXPECT_DOUBLE_EQ(R.High, High);
}

TEST(EffortTest, SumsEveryKindOfCostOnAarch64) {
  SystemFacts Facts{2000, false};
  SystemEffort E = estimateEffort(handRun(), Facts, handWeights(), target("kunpeng-920", "aarch64"));
  // _mm_add_ps: 2 x occurrence.direct + 0.5 x occurrence.direct (has-fallback)
  // + symbol.direct once = {2.5, 5, 7.5} + {4, 4, 4}.
  expectRange(E.HoursByCategory["SIMD"], 6.5, 9, 11.5);
  // Inline asm: asm.block + 3 x asm.instruction.
  expectRange(E.HoursByCategory["asm"], 5, 5, 5);
  // Two GUI calls in one module: one module.gui lump sum.
  expectRange(E.HoursByCategory["Win32: GUI/USER32"], 40, 80, 160);
  // Registry: occurrence.moderate + symbol.moderate.
  expectRange(E.HoursByCategory["Win32: registry"], 3, 3, 3);
  // The system moves off x86: system.base + 2 KLOC x system.kloc.
  expectRange(E.HoursByCategory["system"], 16, 24, 32);
  expectRange(E.Hours, 70.5, 121, 211.5);
  expectRange(toDays(E.Hours, handWeights()), 70.5 / 8, 121.0 / 8, 211.5 / 8);
  ASSERT_EQ(E.RedesignModules.size(), 1u);
  EXPECT_EQ(E.RedesignModules[0], "GUI/USER32: ui");
  ASSERT_FALSE(E.Drivers.empty());
  EXPECT_EQ(E.Drivers[0].File, "ui/");
  EXPECT_EQ(E.Drivers[0].Count, 2u);
  EXPECT_EQ(E.NoEquivalent, 0u);
}

TEST(EffortTest, AssemblyIsCostedByItsInstructions) {
  RunReport R;
  StoredFinding FileScope = finding("x86.inline-asm", "asm", "a.c", 1);
  FileScope.F.Note = "file scope; 4 instructions: push, mov, pop, ret";
  R.Findings.push_back(FileScope);
  StoredFinding Source = finding("x86.asm-source", "gas", "b.S", 1);
  Source.F.Note = "120 lines, about 40 instructions; counterpart: none; holds non-x86 code too";
  R.Findings.push_back(Source);
  StoredFinding Ported = finding("x86.asm-source", "nasm", "x86/c.asm", 1);
  Ported.F.Note = "80 lines, about 20 instructions; counterpart: arm/c.S";
  R.Findings.push_back(Ported);
  for (const char *Symbol : {"asm", "gas", "nasm"})
    R.Enrichments[Symbol] = known(Symbol, "construct", "hard");
  SystemEffort S =
      estimateEffort(R, SystemFacts{0, false}, asmWeights(), target("kunpeng-920", "aarch64"));
  // asm.block + 4 instructions; 40 source instructions (no counterpart);
  // 20 x 0.1 (a counterpart exists).
  expectRange(S.HoursByCategory["asm"], 6 + 40 + 2, 6 + 40 + 2, 6 + 40 + 2);
}

TEST(EffortTest, TheX86VariantsOfOneAssemblyRoutineArePortedOnce) {
  RunReport R;
  auto Asm = [&](const char *File, const char *Instructions) {
    StoredFinding F = finding("x86.asm-source", "nasm", File, 1);
    F.F.Note = std::string("500 lines, about ") + Instructions + " instructions; counterpart: none";
    R.Findings.push_back(F);
  };
  Asm("simd/i386/jidctflt-sse.asm", "100");
  Asm("simd/i386/jidctflt-sse2.asm", "120");
  Asm("simd/x86_64/jidctflt-sse2.asm", "110");
  Asm("simd/x86_64/jidctint-avx2.asm", "50"); // Another routine.
  R.Enrichments["nasm"] = known("nasm", "construct", "hard");
  SystemEffort S =
      estimateEffort(R, SystemFacts{0, false}, asmWeights(), target("kunpeng-920", "aarch64"));
  // jidctflt: the 120-instruction variant in full, the other two at 0.1;
  // jidctint in full.
  double Expected = 120 + 0.1 * (100 + 110) + 50;
  expectRange(S.HoursByCategory["asm"], Expected, Expected, Expected);
}

TEST(EffortTest, CostClassFollowsTheTargetArchitecture) {
  SystemFacts Facts{2000, false};
  SystemEffort E =
      estimateEffort(handRun(), Facts, handWeights(), target("loongson-3a6000", "loongarch64"));
  // On LoongArch _mm_add_ps is a sequence: 2.5 x {2,3,4} + symbol.sequence {8,8,8}.
  expectRange(E.HoursByCategory["SIMD"], 13, 15.5, 18);
}

TEST(EffortTest, X86CodeStaysOnADomesticX86Cpu) {
  SystemFacts Facts{2000, false};
  SystemEffort E = estimateEffort(handRun(), Facts, handWeights(),
                                  target("hygon-c86-4g", "x86_64", false, {"sse", "sse2"}));
  EXPECT_EQ(E.HoursByCategory.count("SIMD"), 0u);
  EXPECT_EQ(E.HoursByCategory.count("asm"), 0u);
  // Linux code staying on x86 Linux: half the system cost
  // (factor.same-platform); the Windows calls remain.
  expectRange(E.HoursByCategory["system"], 8, 12, 16);
  expectRange(E.Hours, 51, 95, 179);
}

TEST(EffortTest, MissingIsaCostsASequence) {
  RunReport R;
  R.Findings.push_back(finding("x86.intrinsic", "_mm512_add_ps", "a.c", 1));
  R.Enrichments["_mm512_add_ps"] = known("_mm512_add_ps", "intrinsic", "", "AVX512F");
  SystemFacts Facts{0, false};
  auto Without = estimateEffort(R, Facts, handWeights(),
                                target("zhaoxin-kx6000", "x86_64", false, {"sse", "avx2"}));
  // occurrence.sequence + symbol.sequence + half of system.base.
  expectRange(Without.Hours, 14, 19, 24);
  auto With = estimateEffort(R, Facts, handWeights(),
                             target("generic", "x86_64", false, {"avx512f"}));
  expectRange(With.Hours, 4, 8, 12);
}

TEST(EffortTest, WindowsCodeCostsNothingOnWindowsAndTheSystemCostFollowsTheMove) {
  SystemFacts Facts{2000, true};
  SystemEffort OnWindows = estimateEffort(handRun(), Facts, handWeights(),
                                          target("generic-x86-64", "x86_64", true, {"sse"}));
  // Only the same-platform share of the system cost.
  expectRange(OnWindows.Hours, 8, 12, 16);
  SystemEffort OnLinux = estimateEffort(handRun(), Facts, handWeights(),
                                        target("generic-x86-64", "x86_64", false, {"sse"}));
  // Windows code onto Linux: GUI lump + registry + system move.
  expectRange(OnLinux.Hours, 59, 107, 195);
}

TEST(EffortTest, InactiveCodeAndUnknownSymbols) {
  RunReport R;
  StoredFinding Skipped = finding("x86.intrinsic", "_mm_add_ps", "a.c", 1);
  Skipped.F.Inactive = true;
  R.Findings.push_back(Skipped);
  R.Findings.push_back(finding("x86.intrinsic", "_mm_unheard_of", "a.c", 2));
  R.Enrichments["_mm_add_ps"] = handRun().Enrichments["_mm_add_ps"];
  EffortWeights W = handWeights();
  W.set({"occurrence.unknown", "occurrence", {5, 6, 7}, "", "", ""});
  W.set({"system.base", "system", {0, 0, 0}, "", "", ""});
  SystemEffort E = estimateEffort(R, SystemFacts{0, false}, W, target("kunpeng-920", "aarch64"));
  // Inactive: 0.25 x ({1,2,3} + {4,4,4}); unknown: {5,6,7} + symbol.unknown (0).
  expectRange(E.Hours, 0.25 * 5 + 5, 0.25 * 6 + 6, 0.25 * 7 + 7);
  EXPECT_EQ(E.Unknown, 1u);
}

TEST(EffortTest, WeightsCheckTheirOrder) {
  KbSymbol Bad;
  Bad.Kind = "weight";
  Bad.Name = "occurrence.direct";
  Bad.Origin = "effort.toml:3:1";
  Bad.Fields = {{"id", "occurrence.direct"}, {"applies", "occurrence"},
                {"low", "3"}, {"likely", "2"}, {"high", "4"}};
  auto W = EffortWeights::fromEntries({Bad});
  ASSERT_FALSE(bool(W));
  std::string Message = llvm::toString(W.takeError());
  EXPECT_NE(Message.find("effort.toml:3:1"), std::string::npos) << Message;
  EXPECT_FALSE(EffortWeights().missing().empty());
}

} // namespace
