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
                                   ScanStats &Stats, bool Isolate = false) {
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  ScanSettings Settings;
  Settings.Workers = 2;
  Settings.SharedPrefix = Shared;
  Settings.Limits.Isolate = Isolate;
  std::vector<std::string> Lines;
  runScan(
      P, T.root(), Host, Settings,
      [&](const TUResult &U, size_t, size_t) {
        // Units named so are meant to have errors; the errors are
        // compared too.
        if (U.File.find("error") == std::string::npos) {
          EXPECT_TRUE(U.Errors.empty()) << U.File << ": " << U.Errors.front().Message;
        }
        for (const ParseError &E : U.Errors)
          Lines.push_back(E.File + ":" + std::to_string(E.Line) + " error " + E.Message);
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
  // Conditionals on the project's macros and on __cplusplus (C here) are
  // followed.
  EXPECT_EQ(PrefixOf("a.c"),
            (std::vector<std::string>{"<stdio.h>", "<stdlib.h>", "<string.h>", "<math.h>"}));
  // Guards and a second include of a guarded header are nothing; the
  // include inside braces ends it.
  EXPECT_EQ(PrefixOf("b.c"), (std::vector<std::string>{"<stdint.h>", "<stdio.h>", "<stdlib.h>",
                                                       "<string.h>", "<stddef.h>"}));

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

TEST(SharedPrefixTest, TheWalkFollowsConditionalsWhoseValueItKnows) {
  TempTree T;
  // The target's predefined macros, the command line's and the project's
  // own give the value; a name none defines is 0.
  T.write("config.h", "#pragma once\n#define LEVEL (BASE + 2)\n#define BASE 3\n"
                      "#define TWICE(x) ((x) * 2)\n");
  T.write("known.c",
          "#include \"config.h\"\n"
          "#if defined(__linux__) && __GNUC__ >= 4 && !defined(NOT_DEFINED)\n"
          "#include <stdio.h>\n#elif 1\n#include <wchar.h>\n#endif\n"
          "#ifdef _WIN32\n#include <windows.h>\n#elif LEVEL == 5 && UNDEFINED_NAME == 0\n"
          "#include <stdlib.h>\n#else\n#include <wchar.h>\n#endif\n"
          "#if (1 ? 0x10 : 0) >> 4 != 1 || -1 > 0\n#include <wchar.h>\n#endif\n"
          "#undef BASE\n#if LEVEL == 2\n#include <string.h>\n#endif\n");
  // What it cannot evaluate ends it.
  T.write("function.c", "#include \"config.h\"\n#include <stdio.h>\n"
                        "#if TWICE(2) == 4\n#include <stdlib.h>\n#endif\n");
  T.write("has.c", "#include <stdio.h>\n#if __has_include(<stdlib.h>)\n#include <stdlib.h>\n"
                   "#endif\n");
  T.write("unsigned.c", "#include <stdio.h>\n#if 1u\n#include <stdlib.h>\n#endif\n");
  T.write("builtin.c", "#include <stdio.h>\n#if !__has_attribute(noreturn)\n#include <stdlib.h>\n"
                       "#endif\n");
  T.write("line.c", "#include <stdio.h>\n#if __LINE__ > 1\n#include <stdlib.h>\n#endif\n");
  T.write("boolean.c", "#include <stdio.h>\n#if !true\n#include <stdlib.h>\n#endif\n");
  // A pragma written as code changes the headers after it.
  T.write("pragma.c", "#include <stdio.h>\n_Pragma(\"pack(push, 1)\")\n#include <stdlib.h>\n");
  // A "/*" in a string starts no comment: the #define after it is seen.
  T.write("string.c", "#include <stdio.h>\nstatic const char *p = \"src/*.c\";\n"
                      "#define NOT_A_COMMENT 1\n/* done */\n#if NOT_A_COMMENT\n"
                      "#include <stdlib.h>\n#endif\n");
  T.write("elif.c", "#include <stdio.h>\n#ifdef NOT_DEFINED\n#elif WHATEVER(1)\n"
                    "#include <stdlib.h>\n#endif\n");
  CompilePlan P = planOf(T);
  auto PrefixOf = [&](const std::string &Rel) {
    const CompileJob &J = jobOf(P, Rel);
    return systemPrefixOf(J, parseArguments(J), T.root());
  };
  EXPECT_EQ(PrefixOf("known.c"),
            (std::vector<std::string>{"<stdio.h>", "<stdlib.h>", "<string.h>"}));
  EXPECT_EQ(PrefixOf("string.c"), (std::vector<std::string>{"<stdio.h>", "<stdlib.h>"}));
  for (const char *Stops : {"function.c", "has.c", "unsigned.c", "elif.c", "builtin.c", "line.c",
                            "boolean.c", "pragma.c"})
    EXPECT_EQ(PrefixOf(Stops), (std::vector<std::string>{"<stdio.h>"})) << Stops;
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

TEST(SharedPrefixTest, CUnitsShareWindowsHeadersReadInTheirOwnOrders) {
  TempTree T;
  // Nine C units of a Windows program read windows.h after other system
  // headers, each in its own order, through a project header with
  // conditionals the walk follows. late.c tests a macro that windows.h
  // defines before it includes it, and early.c defines one windows.h
  // tests: neither may use the precompiled header (the second would
  // declare less through it).
  T.write("app.h", "#ifndef APP_H\n#define APP_H\n#include <stddef.h>\n"
                   "#if defined(_WIN32) && !defined(APP_NO_WINDOWS) && _WIN32 + 1 == 2\n"
                   "#include <wchar.h>\n#else\n#error not Windows\n#endif\n#include <windows.h>\n"
                   "typedef PVOID APP_CONTEXT;\n"
                   // Older SDKs lack it: the project's own typedef of a
                   // Windows type is still one (win32.type).
                   "#ifndef DLL_DIRECTORY_COOKIE\ntypedef PVOID DLL_DIRECTORY_COOKIE;\n#endif\n"
                   "#endif\n");
  const char *Orders[] = {"#include <stdio.h>\n#include <stdlib.h>\n",
                          "#include <stdlib.h>\n#include <stdio.h>\n", "#include <string.h>\n", ""};
  for (int I = 0; I < 7; ++I)
    T.write("u" + std::to_string(I) + ".c",
            std::string(Orders[I % 4]) +
                "#include \"app.h\"\n"
                "int f" +
                std::to_string(I) +
                "(APP_CONTEXT c) { return (int)GetTickCount() + (c != 0); }\n"
                "typedef DLL_DIRECTORY_COOKIE (WINAPI *t_add" +
                std::to_string(I) + ")(PCWSTR);\n");
  T.write("late.c", "#ifdef _WINDEF_\n#include <stdio.h>\n#endif\n#include \"app.h\"\n"
                    "int late(void) { Sleep(1); return MAX_PATH; }\n");
  T.write("early.c", "#define WIN32_LEAN_AND_MEAN\n#include <stddef.h>\n#include <windows.h>\n"
                     "int early(void) { return (int)GetCurrentProcessId(); }\n");
  T.write("gdi.c", "#include \"app.h\"\nint gdi(HDC dc) { return GetDeviceCaps(dc, 0); }\n");
  // What the parse cannot resolve is looked for in the unit's files too,
  // whose list must hold when a precompiled header's files load meanwhile.
  T.write("undeclared_error.c",
          "#include <stdio.h>\n#include \"app.h\"\n"
          "int undeclared(void) { return _mm_popcnt_u32(3) + (int)GetTickCount(); }\n");
  // winsock2.h before windows.h reads otherwise than after it: a unit that
  // reads it first does not take a header without it.
  T.write("winsock_error.c", "#include <winsock2.h>\n#include \"app.h\"\n"
                             "struct ip_mreq m;\nint ws(void) { return WSAGetLastError(); }\n");
  // stdio.h defines EOF: the walk, which does not read stdio.h, must not
  // take its branch for this unit.
  T.write("eof_error.c", "#include <stdio.h>\n#ifndef EOF\n#include <windows.h>\n#endif\n"
                         "int eof(void) { return MAX_PATH; }\n");
  // Code before windows.h that names a macro of it (ERROR, wingdi.h's).
  T.write("enum_error.c", "enum status { ERROR = 1, OK = 2 };\n#include \"app.h\"\n"
                          "int st(void) { return OK + (int)GetTickCount(); }\n");
  CompilePlan P = planOf(T);
  ASSERT_EQ(P.Jobs.size(), 14u);
  for (const CompileJob &J : P.Jobs)
    if (J.RelFile != "eof_error.c") {
      ASSERT_EQ(J.Plat, Platform::WindowsX86_64) << J.RelFile;
    }

  ScanStats Plain, Shared;
  // In worker processes, as the command line runs them: a crash there is
  // not recovered from by a parse without the precompiled header.
  std::vector<std::string> Full = scanLines(P, T, /*Shared=*/false, Plain, /*Isolate=*/true);
  std::vector<std::string> Over = scanLines(P, T, /*Shared=*/true, Shared, /*Isolate=*/true);
  EXPECT_EQ(Shared.SharedPrefixes, 1u) << Shared.SharedPrefixError;
  EXPECT_EQ(Shared.UnitsOverSharedPrefix, 9u);
  EXPECT_TRUE(Shared.Stopped.empty()) << Shared.Stopped.front();
  ASSERT_FALSE(Full.empty());
  EXPECT_EQ(Over, Full);
  EXPECT_TRUE(std::any_of(Full.begin(), Full.end(), [](const std::string &L) {
    return L.find("gdi.c:2:") == 0 && L.find("GetDeviceCaps") != std::string::npos;
  }));
  EXPECT_TRUE(std::any_of(Full.begin(), Full.end(), [](const std::string &L) {
    return L.find("u0.c:5:9 win32.type DLL_DIRECTORY_COOKIE") == 0;
  }));
  EXPECT_TRUE(std::any_of(Full.begin(), Full.end(), [](const std::string &L) {
    return L.find("undeclared_error.c:3:") == 0 && L.find("_mm_popcnt_u32") != std::string::npos;
  }));
}
