#include "portolan/report/Report.h"
#include "portolan/report/RuleCatalog.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

RunReport sample() {
  RunReport R;
  R.RunId = 7;
  R.Root = "/src";
  R.Status = "complete";
  R.KbVersion = "abc";
  StoredFinding A;
  A.F.Rule = "x86.intrinsic";
  A.F.Symbol = "_mm_add_ps";
  A.F.File = "a.c";
  A.F.Line = 3;
  A.F.Column = 5;
  A.F.Analyzer = "x86-intrinsics";
  A.F.Snippet = "x";
  A.UnitCount = 1;
  StoredFinding B = A;
  B.F.Symbol = "_mm_mystery";
  B.F.Line = 4;
  R.Findings = {A, B};
  R.Enrichments["_mm_add_ps"] = {"_mm_add_ps", true, "intrinsic", "SSE", "", "",
                                 {{"aarch64", "neon", "vaddq_f32", "direct", "", "s", true, ""},
                                  {"loongarch64", "lsx", "__lsx_vfadd_s", "sequence", "", "s",
                                   true, ""}},
                                 ""};
  R.Enrichments["_mm_mystery"] = {"_mm_mystery", false, "", "", "", "", {}, ""};
  StoredFinding W = A;
  W.F.Rule = "win32.api";
  W.F.Symbol = "CreateFileW";
  W.F.Line = 9;
  R.Findings.push_back(W);
  R.Enrichments["CreateFileW"] = {"CreateFileW", true, "api", "", "moderate", "open()", {}, ""};
  for (int I = 0; I < 3; ++I) {
    StoredUnit U;
    U.File = "u" + std::to_string(I) + ".c";
    U.Platform = "linux-x86_64";
    U.Parsed = true;
    if (I < 2)
      U.Errors.push_back({U.File, 1, 10, "'config.h' file not found"});
    R.Units.push_back(U);
  }
  R.Units[1].Errors.resize(MaxErrorsPerUnit, R.Units[1].Errors[0]);
  return R;
}

} // namespace

TEST(ReportTest, TextSummarisesUnknownsCostsAndRepeatedErrors) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeTextReport(sample(), OS);
  OS.flush();
  EXPECT_NE(Text.find("knowledge base abc: 2 of 3 distinct symbols known; unknown, most found first: "
                      "_mm_mystery"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("a.c:3:5: x86.intrinsic _mm_add_ps  [aarch64: direct, vaddq_f32]"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("a.c:9:5: win32.api CreateFileW  [moderate: open()]"), std::string::npos)
      << Text;
  EXPECT_NE(Text.find("a.c:4:5: x86.intrinsic _mm_mystery  [not in the knowledge base]"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("Findings with an effort class (Windows, constructs):  trivial 0  moderate 1  hard 0  "
                      "redesign 0; 0 more of symbols not in the knowledge base"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("u0.c: 1 error, first"), std::string::npos) << Text;
  EXPECT_NE(Text.find("u1.c: 100+ errors, first"), std::string::npos) << Text;
  EXPECT_NE(Text.find("      2  'config.h' file not found"), std::string::npos) << Text;
  EXPECT_NE(Text.find("scan with -p BUILD_DIR"), std::string::npos) << Text;
}

TEST(ReportTest, JsonCarriesSymbolsAndCostsByTarget) {
  llvm::json::Value V = toJson(sample());
  const llvm::json::Object *O = V.getAsObject();
  const llvm::json::Object *Summary = O->getObject("summary");
  ASSERT_EQ(Summary->getArray("unknown_symbols")->size(), 1u);
  const llvm::json::Object *Costs = Summary->getObject("findings_by_target_and_cost");
  EXPECT_EQ(Costs->getObject("aarch64")->getInteger("direct"), 1);
  EXPECT_EQ(Costs->getObject("aarch64")->getInteger("unknown"), 1);
  EXPECT_EQ(Costs->getObject("loongarch64")->getInteger("sequence"), 1);
  EXPECT_EQ(Costs->getObject("sw_64")->getInteger("no entry"), 1);
  // The Windows finding is costed by effort, not per target.
  EXPECT_EQ(Costs->getObject("aarch64")->size(), 2u);
  EXPECT_EQ(Summary->getObject("windows_findings_by_effort")->getInteger("moderate"), 1);
  const llvm::json::Object *Add = O->getObject("symbols")->getObject("_mm_add_ps");
  EXPECT_EQ(Add->getString("isa"), "SSE");
  EXPECT_EQ(Add->getArray("equivalents")->size(), 2u);
  EXPECT_EQ((*O->getArray("findings"))[1].getAsObject()->getBoolean("known"), false);
}

namespace {

using namespace portolan;

TEST(RuleCatalogTest, SectionsOfRuleHeadingsBecomeRules) {
  std::vector<RuleDoc> Docs = parseRuleDocs("# Rules\n\nIntro.\n\n"
                                            "## `x.one` [plugin]\n\n"
                                            "**What:** a `thing` found. More text here.\n"
                                            "Second line.\n\nAnother paragraph.\n\n"
                                            "## Not a rule [host]\n\nText.\n\n"
                                            "## `fam.*` [plugin] (advisory)\n\nFamily. Of rules.\n");
  ASSERT_EQ(Docs.size(), 2u);
  EXPECT_EQ(Docs[0].Id, "x.one");
  EXPECT_EQ(Docs[0].Anchor, "xone-plugin");
  EXPECT_EQ(Docs[0].Summary, "A thing found.");
  EXPECT_EQ(Docs[0].Text, "A thing found. More text here. Second line.");
  EXPECT_NE(Docs[0].Markdown.find("Another paragraph."), std::string::npos);
  EXPECT_FALSE(Docs[0].Advisory);
  EXPECT_TRUE(Docs[1].Advisory);
  EXPECT_EQ(findRuleDoc(Docs, "fam.member"), &Docs[1]);
  EXPECT_EQ(findRuleDoc(Docs, "x.one"), &Docs[0]);
  EXPECT_EQ(findRuleDoc(Docs, "x.two"), nullptr);
}

TEST(RuleCatalogTest, TheShippedRulesDocumentDescribesTheBuiltInRules) {
  const std::vector<RuleDoc> &Docs = builtinRuleDocs();
  for (const char *Rule : {"x86.intrinsic", "x86.inline-asm", "win32.api", "win32.crt",
                           "msvc.declspec", "x86.error-guard", "target.parse-error"}) {
    const RuleDoc *D = findRuleDoc(Docs, Rule);
    ASSERT_NE(D, nullptr) << Rule;
    EXPECT_FALSE(D->Summary.empty()) << Rule;
  }
}

Finding at(const std::string &Symbol, unsigned Line, const std::string &Snippet) {
  Finding F;
  F.Rule = "x86.intrinsic";
  F.Symbol = Symbol;
  F.File = "a.c";
  F.Line = Line;
  F.Snippet = Snippet;
  return F;
}

TEST(FingerprintTest, LinesAndSpacingDoNotMoveItButTheLineItselfDoes) {
  auto Before = findingFingerprints(std::vector<Finding>{
      at("_mm_pause", 3, "_mm_pause(); _mm_pause();"),
      at("_mm_pause", 3, "_mm_pause(); _mm_pause();"), at("_mm_lfence", 9, "_mm_lfence();")});
  auto After = findingFingerprints(std::vector<Finding>{
      at("_mm_pause", 13, "_mm_pause();\t  _mm_pause();"),
      at("_mm_pause", 13, "_mm_pause();   _mm_pause();"), at("_mm_lfence", 30, "_mm_lfence( );")});
  EXPECT_NE(Before[0], Before[1]); // Same line, same symbol: told apart by order.
  EXPECT_EQ(Before[0], After[0]);
  EXPECT_EQ(Before[1], After[1]);
  EXPECT_NE(Before[2], After[2]); // The line was edited.
}

TEST(FingerprintTest, ComparisonTellsNewAndFixed) {
  RunReport R;
  StoredFinding Kept, Added;
  Kept.F = at("_mm_pause", 3, "_mm_pause();");
  Added.F = at("_mm_sfence", 4, "_mm_sfence();");
  R.Findings = {Kept, Added};
  Baseline B;
  B.Path = "old.json";
  auto Old = findingFingerprints(
      std::vector<Finding>{at("_mm_pause", 1, "_mm_pause();"), at("_mm_lfence", 2, "x();")});
  B.Findings = {{Old[0], "x86.intrinsic", "_mm_pause", "a.c", 1, 0, ""},
                {Old[1], "x86.intrinsic", "_mm_lfence", "a.c", 2, 0, ""}};
  BaselineComparison C = compareWithBaseline(R, B);
  EXPECT_EQ(C.New, (std::vector<bool>{false, true}));
  EXPECT_EQ(C.newCount(), 1u);
  ASSERT_EQ(C.Fixed.size(), 1u);
  EXPECT_EQ(C.Fixed[0].Symbol, "_mm_lfence");
}

} // namespace

#include "portolan/report/Fixes.h"

#include "TempTree.h"

namespace {

TEST(FixesTest, ReplacesTheSpellingOfUnguardedActiveFindingsOnly) {
  TempTree T;
  T.write("a.c", "int a(unsigned x) {\n  return __popcnt(x);\n}\n#define P __popcnt\n"
                 "int b(unsigned x) { return P(x); }\nint c(unsigned x) { return __popcnt(x); }\n");
  auto At = [](unsigned Line, unsigned Column, const char *Guard, bool Inactive) {
    StoredFinding F;
    F.F.Rule = "msvc.intrinsic";
    F.F.Symbol = "__popcnt";
    F.F.File = "a.c";
    F.F.Line = Line;
    F.F.Column = Column;
    F.F.Guard = Guard;
    F.F.Inactive = Inactive;
    return F;
  };
  RunReport R;
  R.Root = T.root();
  R.Findings = {At(2, 10, "none", false),  At(5, 28, "none", false), // via the macro P
                At(6, 28, "has-fallback", false), At(6, 28, "none", true)};
  std::string Yaml;
  llvm::raw_string_ostream OS(Yaml);
  FixExport E = writeFixes(R, {{"__popcnt", "msvc.intrinsic", "__builtin_popcount", ""}}, OS);
  EXPECT_EQ(E.Written, 1u);
  EXPECT_EQ(E.Files, 1u);
  EXPECT_EQ(E.NotSpelled, 1u);
  EXPECT_EQ(E.Guarded, 2u);
  EXPECT_NE(Yaml.find("Offset:          29\n"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("Length:          8\n"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("ReplacementText: __builtin_popcount"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("FilePath:        '" + T.root() + "/a.c'"), std::string::npos) << Yaml;
}

TEST(FixesTest, ForceinlineIsRewrittenInCOnlyWhereStatic) {
  TempTree T;
  const char *Text = "__forceinline int f(void) { return 1; }\n"
                     "static __forceinline int g(void) { return 2; }\n"
                     "int __forceinline_x;\n";
  T.write("a.c", Text);
  T.write("a.cpp", Text);
  RunReport R;
  R.Root = T.root();
  for (const char *File : {"a.c", "a.cpp"})
    for (auto [Line, Column] : {std::pair{1u, 1u}, {2u, 8u}, {3u, 5u}}) {
      StoredFinding F;
      F.F.Rule = "msvc.forceinline";
      F.F.Symbol = "__forceinline";
      F.F.File = File;
      F.F.Line = Line;
      F.F.Column = Column;
      R.Findings.push_back(F);
    }
  std::string Yaml;
  llvm::raw_string_ostream OS(Yaml);
  FixExport E = writeFixes(
      R, {{"__forceinline", "msvc.forceinline", "inline __attribute__((always_inline))", "", true}},
      OS);
  // a.c line 2, a.cpp lines 1 and 2; line 3 spells a longer name.
  EXPECT_EQ(E.Written, 3u) << Yaml;
  EXPECT_EQ(E.NotStatic, 1u);
  EXPECT_EQ(E.NotSpelled, 2u);
}

} // namespace
