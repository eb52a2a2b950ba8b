#include "portolan/report/ProjectConfig.h"

#include "TempTree.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

std::string loadError(const std::string &Text) {
  TempTree T;
  std::string Path = T.write("portolan.toml", Text);
  llvm::Expected<ProjectConfig> C = loadProjectConfig(Path);
  if (C)
    return "(loaded)";
  std::string Message = llvm::toString(C.takeError());
  // Relative to the file, so that expectations need no temporary path.
  return Message.substr(Message.find("portolan.toml"));
}

TEST(ProjectConfigTest, ReadsEverySection) {
  TempTree T;
  std::string Path = T.write("portolan.toml", R"(
[scan]
exclude = ["third_party/*"]
define = ["HAVE_SSE2=1"]
platform = "windows"
targets = ["aarch64", "loongarch64"]

[rules]
"x86.compiler-barrier" = "off"
"msvc.*" = "warning"

[[suppress]]
rule = "x86.intrinsic"
path = "src/legacy/*"
reason = "stays on x86 until 2027"
)");
  llvm::Expected<ProjectConfig> C = loadProjectConfig(Path);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Excludes, std::vector<std::string>{"third_party/*"});
  EXPECT_EQ(C->Defines, std::vector<std::string>{"HAVE_SSE2=1"});
  EXPECT_EQ(C->Platform, "windows");
  EXPECT_EQ(C->Targets, (std::vector<std::string>{"aarch64", "loongarch64"}));
  ASSERT_EQ(C->Rules.size(), 2u);
  EXPECT_EQ(C->Rules[1], (std::pair<std::string, std::string>{"msvc.*", "warning"}));
  ASSERT_EQ(C->Suppressions.size(), 1u);
  EXPECT_EQ(C->Suppressions[0].Path, "src/legacy/*");
  EXPECT_EQ(C->Suppressions[0].Symbol, "*");
  EXPECT_EQ(C->Suppressions[0].Origin, "portolan.toml:12:1");
}

TEST(ProjectConfigTest, RefusesWhatWouldLoadOrRunCode) {
  for (const char *Text : {"plugins = [\"x.so\"]\n", "[scan]\nplugin_dir = \"p\"\n",
                           "[scan]\nkb = \"evil.sqlite\"\n", "[plugin]\npath = \"x\"\n"}) {
    std::string E = loadError(Text);
    EXPECT_NE(E.find("a configuration file cannot name plugins, a knowledge base or anything "
                     "else that is loaded or run"),
              std::string::npos)
        << Text << " -> " << E;
  }
}

TEST(ProjectConfigTest, TellsWhatIsWrongWhere) {
  EXPECT_EQ(loadError("[scan]\nexcludes = []\n"),
            "portolan.toml:2:1: error: unknown key 'excludes' in [scan] (expected exclude, "
            "define, platform, targets)");
  EXPECT_EQ(loadError("[rules]\n\"x86.intrinsic\" = \"fatal\"\n"),
            "portolan.toml:2:19: error: rule 'x86.intrinsic': 'fatal' (expected off, note, "
            "warning or error)");
  EXPECT_EQ(loadError("[[suppress]]\nrule = \"x86.intrinsic\"\n"),
            "portolan.toml:1:1: error: a [[suppress]] entry needs a 'reason'");
  EXPECT_EQ(loadError("[[suppress]]\nreason = \"because\"\n"),
            "portolan.toml:1:1: error: a [[suppress]] entry needs a 'rule', 'path' or 'symbol' "
            "to match");
  EXPECT_EQ(loadError("[scan]\ntargets = [\"arm\"]\n"),
            "portolan.toml:2:11: error: 'targets': 'arm' is not a target (expected aarch64, "
            "loongarch64, sw_64 or x86_64)");
  EXPECT_EQ(loadError("[scan]\nexclude = \"x\"\n"),
            "portolan.toml:2:11: error: 'exclude' must be an array of strings");
  EXPECT_NE(loadError("[scan\n").find("portolan.toml:1:"), std::string::npos);
}

StoredFinding finding(const std::string &Rule, const std::string &File, unsigned Line,
                      const std::string &Symbol = "s") {
  StoredFinding F;
  F.F.Rule = Rule;
  F.F.File = File;
  F.F.Line = Line;
  F.F.Symbol = Symbol;
  return F;
}

TEST(ProjectConfigTest, SuppressesByRuleEntryAndComment) {
  TempTree T;
  T.write("a.c", "x(); // portolan: ignore x86.* measured on ARM, fine\n"
                 "// portolan: ignore x86.intrinsic kept behind a runtime check\n"
                 "y();\n"
                 "// portolan: ignore x86.intrinsic\n"
                 "z();\n"
                 "w(); // portolan: ignore win32.* not this rule\n"
                 "v(); // portolan: ignore x86.* only this line\n"
                 "u();\n");
  RunReport R;
  R.Root = T.root();
  R.Findings = {finding("x86.intrinsic", "a.c", 1), finding("x86.intrinsic", "a.c", 3),
                finding("x86.intrinsic", "a.c", 5), finding("x86.intrinsic", "a.c", 5, "t"),
                finding("x86.intrinsic", "a.c", 6), finding("x86.intrinsic", "a.c", 8),
                finding("x86.build-flag", "b.txt", 1),
                finding("x86.asm-source", "legacy/x.S", 0)};
  R.Enrichments["s"].Equivalents = {{"aarch64", "", "", "", "", "", false, ""},
                                    {"sw_64", "", "", "", "", "", false, ""},
                                    {"portable", "", "", "", "", "", false, ""}};
  ProjectConfig C;
  C.Path = T.root() + "/portolan.toml";
  C.Rules = {{"x86.build-flag", "off"}, {"win32.*", "note"}};
  C.Suppressions.push_back({"x86.asm-source", "legacy/*", "*", "retired", "portolan.toml:3:1"});
  C.Targets = {"aarch64"};
  std::vector<std::string> Warnings;
  applyProjectConfig(R, C, [&](const std::string &W) { Warnings.push_back(W); });

  // Lines 5 (twice: no reason), 6 (another rule) and 8 (the comment above
  // ends a line of code: it is that line's).
  ASSERT_EQ(R.Findings.size(), 4u);
  EXPECT_EQ(R.Findings[0].F.Line, 5u);
  EXPECT_EQ(R.Findings[2].F.Line, 6u);
  EXPECT_EQ(R.Findings[3].F.Line, 8u);
  ASSERT_EQ(R.Suppressed.size(), 4u);
  EXPECT_EQ(R.Suppressed[0].Kind, "inSource");
  EXPECT_EQ(R.Suppressed[0].Reason, "measured on ARM, fine");
  EXPECT_EQ(R.Suppressed[0].Origin, "a.c:1");
  EXPECT_EQ(R.Suppressed[1].Origin, "a.c:2");
  EXPECT_EQ(R.Suppressed[2].Reason, "rule x86.build-flag is off");
  EXPECT_EQ(R.Suppressed[3].Origin, "portolan.toml:3:1");
  // The comment without a reason is told once, though two findings meet it.
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "a.c:4: 'portolan: ignore' needs a rule and a reason ('portolan: "
                         "ignore x86.intrinsic REASON'); not applied");
  EXPECT_EQ(configuredSeverity(R, "win32.api"), "note");
  EXPECT_EQ(configuredSeverity(R, "x86.intrinsic"), std::nullopt);
  ASSERT_EQ(R.Enrichments["s"].Equivalents.size(), 2u);
  EXPECT_EQ(R.Enrichments["s"].Equivalents[1].Target, "portable");
}

} // namespace

namespace {

TEST(ProjectConfigTest, TheFirstRuleEntryInTheFileDecides) {
  TempTree T;
  // toml++ keeps keys by name ("win32.*" before "win32.crt"): the file's
  // order must be restored.
  std::string Path = T.write("portolan.toml", "[rules]\n\"win32.crt\" = \"error\"\n"
                                              "\"win32.*\" = \"off\"\n");
  llvm::Expected<ProjectConfig> C = loadProjectConfig(Path);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  RunReport R;
  R.Root = T.root();
  R.Findings = {finding("win32.crt", "a.c", 1, "_stricmp"), finding("win32.api", "a.c", 2)};
  applyProjectConfig(R, *C, [](const std::string &) {});
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].F.Rule, "win32.crt");
  EXPECT_EQ(configuredSeverity(R, "win32.crt"), "error");
  ASSERT_EQ(R.Suppressed.size(), 1u);
  EXPECT_EQ(R.Suppressed[0].Finding.F.Rule, "win32.api");
}

} // namespace
