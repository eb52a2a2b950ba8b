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

// A unit that includes a test framework (itself, or through a project
// header) and whose own file is a candidate only in its directives runs
// the preprocessor alone: its directives' findings are kept, its code is
// not parsed (no error for an undeclared name there). A test whose code
// calls an intrinsic is parsed.
TEST(PrefilterCliTest, ATestUnitWhoseCodeHoldsNoCandidateRunsThePreprocessorAlone) {
  TempTree T;
  T.write("src/gtest/gtest.h", "#define TEST(a, b) void a##_##b(void)\n");
  T.write("src/helpers.h", "#include \"gtest/gtest.h\"\n");
  T.write("src/arch_test.cc", "#include \"gtest/gtest.h\"\n"
                              "#if defined(__x86_64__)\n"
                              "TEST(Cpu, X86) { int unused = undeclared_thing; }\n"
                              "#endif\n");
  T.write("src/via_header_test.cc", "#include \"helpers.h\"\n"
                                    "#if defined(__AVX2__)\n"
                                    "TEST(Cpu, Avx2) {}\n"
                                    "#endif\n");
  T.write("src/simd_test.cc", "#include \"helpers.h\"\n"
                              "#include <immintrin.h>\n"
                              "TEST(Simd, Zero) { __m128 a = _mm_setzero_ps(); (void)a; }\n");
  Result R = run(
      T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format", "json", "-j", "1"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("2 test units (they include a test framework) were run through the "
                       "preprocessor alone"),
            std::string::npos)
      << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  EXPECT_EQ(parsedUnits(V),
            (std::set<std::string>{"arch_test.cc", "simd_test.cc", "via_header_test.cc"}));
  std::set<std::string> Keys = findingKeys(V);
  for (const char *Expected : {"arch_test.cc:2 x86.arch-guard __x86_64__",
                               "via_header_test.cc:2 x86.arch-guard __AVX2__",
                               "simd_test.cc:3 x86.intrinsic _mm_setzero_ps"})
    EXPECT_TRUE(Keys.count(Expected)) << Expected << "\n" << R.Out;
  auto ErrorsOf = [](const llvm::json::Value &Report, llvm::StringRef File) {
    for (const llvm::json::Value &U : *Report.getAsObject()->getArray("units"))
      if (U.getAsObject()->getString("file") == File)
        return U.getAsObject()->getArray("errors")->size();
    return size_t(~0);
  };
  EXPECT_EQ(ErrorsOf(V, "arch_test.cc"), 0u);

  // Again over the same results file: the stored plan keeps which units
  // run the preprocessor alone.
  Result Warm = run(
      T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format", "json", "-j", "1"});
  ASSERT_EQ(Warm.Exit, 0) << Warm.Err;
  EXPECT_EQ(Warm.Err, R.Err);
  EXPECT_EQ(findingKeys(parseJson(Warm.Out)), Keys);

  // Parsed in full, the same findings, and the error in the test's code
  // (over the same results file: a result of the preprocessor alone is not
  // taken for a parse).
  Result All = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format",
                       "json", "-j", "1", "--no-prefilter"});
  ASSERT_EQ(All.Exit, 0) << All.Err;
  EXPECT_EQ(All.Err.find("preprocessor alone"), std::string::npos) << All.Err;
  llvm::json::Value Full = parseJson(All.Out);
  EXPECT_EQ(findingKeys(Full), Keys);
  EXPECT_EQ(ErrorsOf(Full, "arch_test.cc"), 1u) << All.Out;
}

// A project macro whose only definition with a candidate in its body sits
// in a branch that Linux parses never enter (#if defined(_MSC_VER) &&
// ...) expands to no candidate in a Linux unit; one under a condition that
// holds where _MSC_VER is undefined (_MSC_VER < 1900) may.
TEST(PrefilterCliTest, AWindowsOnlyDefinitionExpandsToNothingInALinuxUnit) {
  TempTree T;
  T.write("src/gtest/gtest.h", "#define TEST(a, b) void a##_##b(void)\n");
  T.write("src/align.h", "#if defined(_MSC_VER) && !defined(__clang__)\n"
                         "#define ALIGNED(v) __declspec(align(16)) v\n"
                         "#elif defined(__x86_64__)\n"
                         "#define ALIGNED(v) v __attribute__((aligned(16)))\n"
                         "#endif\n"
                         "#if _MSC_VER < 1900 && defined(__x86_64__)\n"
                         "#define OLD_ALIGNED(v) __declspec(align(16)) v\n"
                         "#else\n"
                         "#define OLD_ALIGNED(v) v\n"
                         "#endif\n");
  T.write("src/align_test.cc", "#include \"gtest/gtest.h\"\n#include \"align.h\"\n"
                               "#if defined(__x86_64__)\nALIGNED(static int buf);\n#endif\n");
  T.write("src/old_align_test.cc", "#include \"gtest/gtest.h\"\n#include \"align.h\"\n"
                                   "#if defined(__x86_64__)\nOLD_ALIGNED(static int buf);\n"
                                   "#endif\n");
  // A unit that is no test parses align.h in full.
  T.write("src/cover.c", "#include \"align.h\"\n#ifdef __x86_64__\nint x;\n#endif\n");
  Result R = run(
      T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format", "json", "-j", "1"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  // align_test.cc alone.
  EXPECT_NE(R.Err.find(": 1 test units (they include a test framework) were run through the "
                       "preprocessor alone"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(parsedUnits(parseJson(R.Out)),
            (std::set<std::string>{"align_test.cc", "cover.c", "old_align_test.cc"}));
}

namespace {

/// The findings of a scan of Root, then of one with --no-prefilter over the
/// same results file (so that a stored result it must not take would show).
std::pair<std::set<std::string>, std::set<std::string>>
withAndWithout(const TempTree &T, const std::string &Root, std::vector<std::string> Extra = {}) {
  std::vector<std::string> Args = {"scan", Root, "--db", T.root() + "/r.db", "--format", "json",
                                   "-j", "1"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  Result Filtered = run(T, Args);
  EXPECT_EQ(Filtered.Exit, 0) << Filtered.Err;
  Args.push_back("--no-prefilter");
  Result All = run(T, Args);
  EXPECT_EQ(All.Exit, 0) << All.Err;
  return {findingKeys(parseJson(Filtered.Out)), findingKeys(parseJson(All.Out))};
}

} // namespace

// Each case is one where a prefilter that parsed too little (or the
// preprocessor alone) lost or changed a finding; with and without the
// prefilter the findings are the same.
TEST(PrefilterCliTest, TheFindingsAreThoseOfEveryUnitParsed) {
  TempTree T;
  T.write("src/gtest/gtest.h", "#pragma once\n#define TEST(a, b) void a##_##b(void)\n");
  // A Windows test unit: every SDK call is a finding.
  T.write("src/win_test.cc", "#include \"gtest/gtest.h\"\n#include <windows.h>\n#ifdef _WIN32\n"
                             "TEST(Sys, Time) { GetSystemTimePreciseAsFileTime(0); }\n#endif\n");
  // #pragma comment is the parser's.
  T.write("src/pragma_test.cc", "#include \"gtest/gtest.h\"\n"
                                "#pragma comment(lib, \"ws2_32.lib\")\nTEST(Net, Init) {}\n");
  // A header's finding as a unit run through the preprocessor alone sees it.
  T.write("src/bits.h", "#include <immintrin.h>\n"
                        "static inline unsigned ctz(unsigned x) { return _tzcnt_u32(x); }\n");
  T.write("src/bits_test.cc", "#include \"gtest/gtest.h\"\n#include \"bits.h\"\n"
                              "#ifdef __x86_64__\nTEST(Bits, Ctz) {}\n#endif\n");
  T.write("src/bits.c", "#include \"bits.h\"\n"
                        "unsigned f(unsigned x) { return ctz(x) + _mm_popcnt_u32(x); }\n");
  // A derived macro that pastes an intrinsic's name.
  T.write("src/paste.h", "#ifdef __x86_64__\n#include <immintrin.h>\n#define HW(name) _mm_##name\n"
                         "#endif\n");
  T.write("src/paste_a.c", "#include \"paste.h\"\n"
                           "unsigned count_bits(unsigned x) { return HW(popcnt_u32)(x); }\n");
  T.write("src/paste_b.c",
          "#include \"paste.h\"\nunsigned long long ticks(void) { return __rdtsc(); }\n");
  // A header's macro, not derived, that a test's code expands.
  T.write("src/load.h", "#include <immintrin.h>\n"
                        "#define LOAD(p) _mm_loadu_si128((const void *)(p))\n");
  T.write("src/load_test.cc", "#include \"gtest/gtest.h\"\n#include \"load.h\"\n#ifdef __SSE2__\n"
                              "TEST(Simd, Load) { char buf[16] = {0}; (void)LOAD(buf); }\n"
                              "#endif\n");
  T.write("src/load.c", "#include \"load.h\"\n"
                        "int zero(void) { return _mm_cvtsi128_si32(_mm_setzero_si128()); }\n");
  // GCC's spelling of the target attribute; an include with one backslash.
  T.write("src/target.c",
          "__attribute__((__target__(\"avx2\"))) int fast(int x) { return x * 2; }\n");
  T.write("src/sub/util.h", "int util(void);\n");
  T.write("src/backslash.c", "#include \"sub\\util.h\"\nint f(void) { return util(); }\n");
  auto [Filtered, All] = withAndWithout(T, T.root() + "/src");
  EXPECT_EQ(Filtered, All);
  for (const char *Expected :
       {"win_test.cc:4 win32.api GetSystemTimePreciseAsFileTime",
        "pragma_test.cc:2 msvc.pragma-comment-lib ws2_32.lib", "paste.h:3 x86.intrinsic _mm_popcnt_u32",
        "load.h:2 x86.intrinsic _mm_loadu_si128", "target.c:1 x86.target-attribute target(\"avx2\")"})
    EXPECT_TRUE(All.count(Expected)) << Expected;

  // A derived macro whose body is a Windows path, in Windows units.
  TempTree W;
  W.write("src/cfg.h", "#ifdef _WIN32\n#define CONF_PATH \"C:\\\\app\\\\conf.ini\"\n#endif\n");
  W.write("src/conf.c", "#include \"cfg.h\"\nconst char *conf_path(void) { return CONF_PATH; }\n");
  W.write("src/ticks.c", "#include <windows.h>\n#include \"cfg.h\"\n"
                         "unsigned long ticks(void) { return GetTickCount(); }\n");
  auto [WFiltered, WAll] = withAndWithout(W, W.root() + "/src", {"--platform=windows"});
  EXPECT_EQ(WFiltered, WAll);
}

// The second review's reproductions, one tree each: conditions that may
// hold on Linux, a header that a computed #include or the file's own
// macros change, a pragma the parser handles, a paste through a macro
// argument.
TEST(PrefilterCliTest, TheFindingsAreThoseOfEveryUnitParsedInTrickierCases) {
  const std::string Gtest = "#pragma once\n#define TEST(a, b) void a##_##b(void)\n";
  struct Case {
    std::vector<std::pair<std::string, std::string>> Files;
    std::string Expected;
  };
  std::vector<Case> Cases = {
      // `or` and `not` are operators.
      {{{"align.h", "#if defined(_MSC_VER) or defined(__x86_64__)\n"
                    "#define ALIGNED(v) __declspec(align(16)) v\n#else\n#define ALIGNED(v) v\n"
                    "#endif\n"},
        {"align_test.cc", "#include \"gtest/gtest.h\"\n#include \"align.h\"\n"
                          "#if defined(__x86_64__)\nALIGNED(static int a);\n#endif\n"},
        {"cover.c", "#include \"align.h\"\n#ifdef __x86_64__\nint x;\n#endif\n"}},
       "align.h:1 x86.arch-guard __x86_64__"},
      {{{"align.h", "#if not defined(_MSC_VER)\n#define ALIGNED(v) __declspec(align(16)) v\n"
                    "#else\n#define ALIGNED(v) v\n#endif\n"},
        {"align_test.cc", "#include \"gtest/gtest.h\"\n#include \"align.h\"\n"
                          "#if defined(__x86_64__)\nALIGNED(static int a);\n#endif\n"},
        {"cover.c", "#include \"align.h\"\n#ifdef __x86_64__\nint x;\n#endif\n"}},
       "align.h:1 msvc.msc-ver-guard _MSC_VER"},
      // A project may define _WIN32_WINNT itself.
      {{{"cfg.h", "#ifndef _WIN32_WINNT\n#define _WIN32_WINNT 0x0601\n#endif\n"
                  "#include <immintrin.h>\n#ifdef _WIN32_WINNT\n#define TICKS() _rdtsc()\n"
                  "#else\n#define TICKS() 0\n#endif\n"},
        {"cover.c", "#include \"cfg.h\"\n#ifdef __x86_64__\nint x;\n#endif\n"},
        {"ticks_test.cc", "#include \"gtest/gtest.h\"\n#include \"cfg.h\"\n"
                          "#ifdef __x86_64__\nTEST(T, Ticks) { (void)TICKS(); }\n#endif\n"}},
       "cfg.h:6 x86.intrinsic _rdtsc"},
      // A computed include.
      {{{"simd.h", "#include <immintrin.h>\n"
                   "static inline int z(void) { return _mm_cvtsi128_si32(_mm_setzero_si128()); }\n"},
        {"which.h", "#define SIMD_HEADER \"simd.h\"\n"},
        {"simd_test.cc", "#include \"gtest/gtest.h\"\n#include \"which.h\"\n"
                         "#include SIMD_HEADER\n#ifdef __SSE2__\nTEST(A, B) {}\n#endif\n"}},
       "simd.h:2 x86.intrinsic _mm_setzero_si128"},
      // The file's own macro, defined before an include.
      {{{"api.h", "#ifdef USE_SSE\nint simd_enabled(void);\n#endif\nint generic(void);\n"},
        {"api_test.cc", "#include \"gtest/gtest.h\"\n#ifdef __SSE2__\n#define USE_SSE 1\n#endif\n"
                        "#include \"api.h\"\nTEST(Api, Generic) {}\n"},
        {"cover.c", "#include \"api.h\"\n#ifdef __x86_64__\nint x;\n#endif\n"}},
       "api.h:1 x86.arch-guard USE_SSE"},
      // A pragma Clang's parser handles.
      {{{"attr_test.cc", "#include \"gtest/gtest.h\"\n#pragma clang attribute push "
                         "(__attribute__((target(\"avx2\"))), apply_to = function)\n"
                         "TEST(A, C) {}\n#pragma clang attribute pop\n"}},
       "attr_test.cc:2 x86.target-attribute target(\"avx2\")"},
      // A piece of an intrinsic's name given to a pasting macro.
      {{{"paste.h", "#include <immintrin.h>\n#define CAT(a, b) a##b\n"},
        {"paste.c", "#include \"paste.h\"\n"
                    "unsigned bits(unsigned x) { return CAT(_mm_, popcnt_u32)(x); }\n"},
        {"other.c", "#include \"paste.h\"\nunsigned long long t(void) { return __rdtsc(); }\n"}},
       "paste.h:2 x86.intrinsic _mm_popcnt_u32"},
  };
  for (const Case &C : Cases) {
    TempTree T;
    T.write("src/gtest/gtest.h", Gtest);
    for (const auto &[Name, Text] : C.Files)
      T.write("src/" + Name, Text);
    auto [Filtered, All] = withAndWithout(T, T.root() + "/src");
    EXPECT_EQ(Filtered, All) << C.Expected;
    EXPECT_TRUE(All.count(C.Expected)) << C.Expected;
  }
}
