#include "portolan/kb/KbCompiler.h"

#include <gtest/gtest.h>
#include <llvm/ADT/StringExtras.h>
#include <sqlite3.h>

using namespace portolan;

namespace {

std::vector<std::string> compile(std::vector<std::pair<std::string, std::string>> Sources) {
  KbCompiler C;
  for (auto &[Path, Text] : Sources)
    C.addSource(Path, Text);
  C.checkReferences();
  return C.errors();
}

const char *const Intrinsic = "[[intrinsic]]\nname = \"_mm_add_ps\"\nisa = \"SSE\"\n"
                              "header = \"xmmintrin.h\"\nkind = \"function\"\n";

} // namespace

TEST(KbCompilerTest, AcceptsAValidSource) {
  EXPECT_TRUE(compile({{"a.toml", Intrinsic}}).empty());
}

TEST(KbCompilerTest, ReportsMalformedToml) {
  auto E = compile({{"bad.toml", "[[intrinsic]]\nname = \"x\nisa = 1\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0].rfind("bad.toml:2:", 0), 0u) << E[0];
  EXPECT_NE(E[0].find(": error: "), std::string::npos);
}

TEST(KbCompilerTest, ReportsAnUnknownKind) {
  auto E = compile({{"k.toml", "[[intrinsics]]\nname = \"x\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "k.toml:1:3: error: unknown entry kind 'intrinsics' (expected one of "
                  "intrinsic, api, crt, fix, win32_header, win32_type, construct, library, equivalent, "
                  "cpu, os, weight, tier, dependency, alternative)");
}

TEST(KbCompilerTest, PolicyKindsTakeNumbersAndCheckWhatTheyName) {
  auto E = compile({{"p.toml", R"([[weight]]
id = "occurrence.direct"
applies = "occurrence"
low = 1
likely = 0.5
high = "two"
rationale = "r"
source = "s"

[[tier]]
id = "t"
name = "T"
rank = 1
cpus = ["no-such-cpu"]
oses = []
clouds = ["public-cloud"]
rationale = "r"
source = "s"

[[alternative]]
dependency = "Nothing"
name = "X"
vendor_origin = "domestic"
tiers = ["t"]
effort = "hard"
source = "s"
)"}});
  ASSERT_EQ(E.size(), 4u) << llvm::join(E, "\n");
  EXPECT_EQ(E[0], "p.toml:6:8: error: 'high' must be a finite number");
  EXPECT_EQ(E[1], "p.toml:1:1: error: missing field 'high' in [[weight]]");
  EXPECT_EQ(E[2], "p.toml:20:1: error: 'dependency' names unknown dependency 'Nothing'");
  EXPECT_EQ(E[3], "p.toml:10:1: error: 'cpus' names unknown cpu 'no-such-cpu'");
}

TEST(KbCompilerTest, ReportsAKindThatIsNotAnArrayOfTables) {
  auto E = compile({{"t.toml", "[intrinsic]\nname = \"x\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_NE(E[0].find("'intrinsic' must be an array of tables, written [[intrinsic]]"),
            std::string::npos)
      << E[0];
}

TEST(KbCompilerTest, ReportsAnUnknownKeyAtItsPosition) {
  auto E = compile({{"u.toml", std::string(Intrinsic) + "colour = \"red\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "u.toml:6:1: error: unknown key 'colour' in [[intrinsic]]");
}

TEST(KbCompilerTest, ReportsAMissingField) {
  auto E = compile({{"m.toml", "[[intrinsic]]\nname = \"_mm_x\"\nkind = \"function\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "m.toml:1:1: error: missing field 'isa' in [[intrinsic]]");
}

TEST(KbCompilerTest, ReportsAWrongType) {
  auto E = compile({{"w.toml", "[[cpu]]\nid = \"c\"\nvendor = \"v\"\nproduct = \"p\"\n"
                               "arch = \"aarch64\"\nisa = \"i\"\nsimd_bits = \"128\"\n"
                               "features = []\nsource = \"s\"\nverification = \"verified\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "w.toml:7:13: error: 'simd_bits' must be an integer");
}

TEST(KbCompilerTest, ReportsABadEnumValue) {
  auto E = compile({{"e.toml", std::string(Intrinsic) +
                                   "\n[[equivalent]]\nsymbol = \"_mm_add_ps\"\n"
                                   "target = \"aarch64\"\nroute = \"neon\"\ncost = \"cheap\"\n"
                                   "source = \"s\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "e.toml:11:8: error: 'cost' must be one of direct, sequence, emulated, "
                  "redesign, none; found 'cheap'");
}

TEST(KbCompilerTest, ReportsADuplicateIdAcrossSources) {
  auto E = compile({{"one.toml", Intrinsic}, {"two.toml", std::string("\n") + Intrinsic}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0], "two.toml:2:1: error: duplicate intrinsic '_mm_add_ps'; first defined at "
                  "one.toml:1:1");
}

TEST(KbCompilerTest, ReportsAnEquivalentForAnUnknownSymbol) {
  auto E = compile({{"r.toml", "[[equivalent]]\nsymbol = \"_mm_nope\"\ntarget = \"aarch64\"\n"
                               "route = \"neon\"\ncost = \"direct\"\nsource = \"s\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_NE(E[0].find("r.toml:1:1: error: equivalent for unknown symbol '_mm_nope'"),
            std::string::npos)
      << E[0];
}

TEST(KbCompilerTest, NeedsExactlyOneOfSymbolAndIsa) {
  auto E = compile({{"b.toml", std::string(Intrinsic) +
                                   "\n[[equivalent]]\nsymbol = \"_mm_add_ps\"\nisa = \"SSE\"\n"
                                   "target = \"aarch64\"\nroute = \"neon\"\ncost = \"direct\"\n"
                                   "source = \"s\"\n"}});
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0],
            "b.toml:7:1: error: [[equivalent]] needs exactly one of 'symbol', 'isa', 'header'");
}

TEST(KbCompilerTest, MergingAConflictNamesBothPlacesAndInsertsNothing) {
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(":memory:", &DB), SQLITE_OK);
  KbCompiler Core;
  Core.addSource("core.toml", Intrinsic);
  ASSERT_FALSE(bool(Core.mergeInto(DB)));
  KbCompiler Fragment;
  Fragment.addSource("vendor.toml", std::string("[[library]]\nname = \"Acme\"\nkind = "
                                                "\"runtime\"\nalternatives = []\neffort = "
                                                "\"trivial\"\nsource = \"s\"\n\n") +
                                        Intrinsic);
  llvm::Error E = Fragment.mergeInto(DB);
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "vendor.toml:8:1: error: intrinsic '_mm_add_ps' is already defined at core.toml:1:1");
  sqlite3_stmt *S;
  sqlite3_prepare_v2(DB, "SELECT count(*) FROM libraries", -1, &S, nullptr);
  ASSERT_EQ(sqlite3_step(S), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(S, 0), 0); // The fragment's library was rolled back.
  sqlite3_finalize(S);
  sqlite3_close(DB);
}
