//===- PrefilterCliTest.cpp - which units a scan parses -------------------===//
#include "CliRun.h"

#include <set>

using namespace portolan_test;

namespace {

std::set<std::string> parsedUnits(const llvm::json::Value &V) {
  std::set<std::string> Files;
  for (const llvm::json::Value &U : *V.getAsObject()->getArray("units"))
    if (U.getAsObject()->getBoolean("parsed").value_or(false))
      Files.insert(U.getAsObject()->getString("file")->str());
  return Files;
}

std::set<std::string> findingKeys(const llvm::json::Value &V) {
  std::set<std::string> Keys;
  for (const llvm::json::Value &F : *V.getAsObject()->getArray("findings")) {
    const llvm::json::Object *FO = F.getAsObject();
    Keys.insert(FO->getString("file")->str() + ":" + std::to_string(*FO->getInteger("line")) + " " +
                FO->getString("rule")->str() + " " + FO->getString("symbol")->str());
  }
  return Keys;
}

} // namespace

// A project macro that stands for a platform macro makes a unit worth
// parsing only where it can give a finding: where a conditional tests it
// (x86.arch-guard), or where its expansion holds a name the analyzers look
// for. A function-name alias (NATIVE for add_sse2), a macro derived from
// _MSC_VER in a Linux unit, or a struct member named `comment` do not.
TEST(PrefilterCliTest, ADerivedMacroCountsWhereItCanGiveAFinding) {
  TempTree T;
  T.write("src/simd.h", "#ifdef __SSE2__\n"
                        "#include <emmintrin.h>\n"
                        "typedef __m128i vec;\n"
                        "#define LOAD(p) _mm_loadu_si128(p)\n"
                        "#define NATIVE add_sse2\n"
                        "#define FAST_PATH 1\n"
                        "#else\n"
                        "typedef int vec;\n"
                        "#define LOAD(p) (*(p))\n"
                        "#define NATIVE add_c\n"
                        "#endif\n"
                        "int add_sse2(int);\nint add_c(int);\n");
  T.write("src/load.c", "#include \"simd.h\"\nvec get(const vec *p) { return LOAD(p); }\n");
  T.write("src/native.c", "#include \"simd.h\"\nint run(int x) { return NATIVE(x); }\n");
  T.write("src/tested.c", "#include \"simd.h\"\n#if FAST_PATH\nint fast = 1;\n#endif\n");
  T.write("src/plat.h", "#ifdef _MSC_VER\n#define HAVE_MSVC_BUILTINS 1\n#endif\n");
  T.write("src/msvc.c", "#include \"plat.h\"\n#if HAVE_MSVC_BUILTINS\nint m = 1;\n#endif\n");
  T.write("src/lib.c", "#include \"plat.h\"\n#pragma comment(lib, \"ws2_32\")\nint y;\n");
  T.write("src/gz.c", "struct header { char *comment; };\n"
                      "int has(struct header *h) { return h->comment != 0; }\n");
  Result R = run(
      T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format", "json", "-j", "1"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  EXPECT_EQ(parsedUnits(V), (std::set<std::string>{"lib.c", "load.c", "tested.c"})) << R.Out;
  const llvm::json::Object *Summary = V.getAsObject()->getObject("summary");
  EXPECT_EQ(Summary->getInteger("units_prefilter_no_candidates"), 1); // gz.c
  EXPECT_EQ(Summary->getInteger("units_prefilter_covered"), 2);       // native.c, msvc.c
  std::set<std::string> Keys = findingKeys(V);
  for (const char *Expected :
       {"simd.h:4 x86.intrinsic _mm_loadu_si128", "tested.c:2 x86.arch-guard FAST_PATH",
        "lib.c:2 msvc.pragma-comment-lib ws2_32"})
    EXPECT_TRUE(Keys.count(Expected)) << Expected << "\n" << R.Out;

  // Every unit parsed finds the same.
  Result All = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/all.db", "--format", "json",
                       "-j", "1", "--no-prefilter"});
  ASSERT_EQ(All.Exit, 0) << All.Err;
  EXPECT_EQ(findingKeys(parseJson(All.Out)), Keys);
}
