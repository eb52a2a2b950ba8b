#include "portolan/scan/Discovery.h"
#include "portolan/scan/ScanDriver.h"
#include "portolan/scan/SharedPrefix.h"
#include "portolan/scan/UnitAnalysis.h"

#include "TempTree.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace portolan;

namespace {

CompilePlan planOf(const TempTree &T) {
  auto Tree = discoverSources(T.root(), {});
  EXPECT_TRUE(bool(Tree));
  return planCompilation(*Tree, {});
}

const CompileJob &jobOf(const CompilePlan &P, const std::string &Rel) {
  for (const CompileJob &J : P.Jobs)
    if (J.RelFile == Rel)
      return J;
  ADD_FAILURE() << "no job for " << Rel;
  return P.Jobs.front();
}

/// Every finding of a scan of P, one line each, sorted; and the stats.
std::vector<std::string> scanLines(const CompilePlan &P, const TempTree &T, bool Shared,
                                   ScanStats &Stats) {
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  ScanSettings Settings;
  Settings.Workers = 2;
  Settings.SharedPrefix = Shared;
  std::vector<std::string> Lines;
  runScan(
      P, T.root(), Host, Settings,
      [&](const TUResult &U, size_t, size_t) {
        EXPECT_TRUE(U.Errors.empty()) << U.File;
        for (const Finding &F : U.Findings)
          Lines.push_back(F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column) +
                          " " + F.Rule + " " + F.Symbol + " " + F.Guard +
                          (F.Inactive ? " inactive" : ""));
      },
      &Stats);
  std::sort(Lines.begin(), Lines.end());
  return Lines;
}

} // namespace

TEST(SharedPrefixTest, TheWalkStopsWhereTheProjectCouldChangeASystemHeader) {
  TempTree T;
  T.write("common.h", "// shared\n#pragma once\n#include <stdio.h>\n"
                      "struct point { int x; };\n#define APP_LIMIT 10\n"
                      "#ifdef __cplusplus\n#include <string>\n#else\n#include <stdlib.h>\n#endif\n"
                      "#if APP_LIMIT > 5\n#include <string.h>\n#endif\n");
  T.write("a.c", "#include \"common.h\"\n#include <math.h>\nint f(void) { return 0; }\n");
  T.write("guarded.h", "#ifndef GUARDED_H\n#define GUARDED_H\n#include <stdint.h>\n"
                       "#include \"common.h\"\n#endif\n");
  T.write("b.c", "/* a header twice */\n#include \"guarded.h\"\n#include \"guarded.h\"\n"
                 "#include <stddef.h>\nstruct s {\n#include <errno.h>\n};\n");
  CompilePlan P = planOf(T);
  auto PrefixOf = [&](const std::string &Rel) {
    const CompileJob &J = jobOf(P, Rel);
    return systemPrefixOf(J, parseArguments(J), T.root());
  };
  // The #if on a project macro ends it; __cplusplus is known (C here).
  EXPECT_EQ(PrefixOf("a.c"), (std::vector<std::string>{"<stdio.h>", "<stdlib.h>"}));
  // Guards and a second include of a guarded header are nothing; common.h
  // stops the walk inside guarded.h, so nothing of b.c comes after it.
  EXPECT_EQ(PrefixOf("b.c"), (std::vector<std::string>{"<stdint.h>", "<stdio.h>", "<stdlib.h>"}));

  T.write("c.c", "#include <stddef.h>\nstruct s {\n#include <errno.h>\n};\n#include <math.h>\n");
  T.write("d.c", "#include <stddef.h>\n#pragma pack(push, 1)\n#include <errno.h>\n");
  CompilePlan Q = planOf(T);
  const CompileJob &C = jobOf(Q, "c.c"), &D = jobOf(Q, "d.c");
  // An include inside braces, or after a pragma that changes layouts, ends it.
  EXPECT_EQ(systemPrefixOf(C, parseArguments(C), T.root()),
            (std::vector<std::string>{"<stddef.h>"}));
  EXPECT_EQ(systemPrefixOf(D, parseArguments(D), T.root()),
            (std::vector<std::string>{"<stddef.h>"}));
}

TEST(SharedPrefixTest, UnitsOverASharedPrefixFindWhatAPlainParseFinds) {
  TempTree T;
  // Eight units (SharedPrefixes::MinUnits) read the same system headers
  // first, with declarations and a macro no system header names before
  // them. four.c reads them in another order, and five.c defines a macro
  // glibc's headers test (_LARGEFILE64_SOURCE) first: neither may use the
  // precompiled header.
  T.write("simd.h", "#pragma once\n#include <cstdint>\ntypedef int32_t lane_t;\n"
                    "#define SIMD_WIDTH 4\n#include <xmmintrin.h>\n#include <string>\n"
                    "#include <vector>\n#include <map>\n");
  for (const char *Name : {"one", "two", "three", "four_", "five_", "six", "seven", "eight"})
    T.write(std::string(Name) + ".cpp",
            "#include \"simd.h\"\n#include <cstdio>\n"
            "__m128 " + std::string(Name) +
                "(__m128 a) { return _mm_add_ps(a, _mm_setzero_ps()); }\n"
                "std::map<std::string, std::vector<lane_t>> table;\n"
                "#ifdef _WIN32\nvoid w() { Sleep(1); }\n#endif\n");
  T.write("four.cpp", "#include <string>\n#include <xmmintrin.h>\n#include <cstdint>\n"
                      "#include <vector>\n#include <map>\n"
                      "__m128 four(__m128 a) { return _mm_mul_ps(a, a); }\n");
  T.write("five.cpp", "#define _LARGEFILE64_SOURCE 1\n#include \"simd.h\"\n"
                      "__m128 five(__m128 a) { return _mm_sub_ps(a, a); }\n");
  CompilePlan P = planOf(T);
  ASSERT_EQ(P.Jobs.size(), 10u);

  ScanStats Plain, Shared;
  std::vector<std::string> Full = scanLines(P, T, /*Shared=*/false, Plain);
  std::vector<std::string> Over = scanLines(P, T, /*Shared=*/true, Shared);
  EXPECT_EQ(Plain.SharedPrefixes, 0u);
  EXPECT_EQ(Plain.UnitsOverSharedPrefix, 0u);
  EXPECT_EQ(Shared.SharedPrefixes, 1u) << Shared.SharedPrefixError;
  EXPECT_EQ(Shared.UnitsOverSharedPrefix, 8u);
  EXPECT_EQ(Shared.SharedPrefixError, "");
  ASSERT_FALSE(Full.empty());
  EXPECT_EQ(Over, Full);
  EXPECT_TRUE(std::any_of(Full.begin(), Full.end(), [](const std::string &L) {
    return L.find("four.cpp:6:") == 0 && L.find("_mm_mul_ps") != std::string::npos;
  }));
}
