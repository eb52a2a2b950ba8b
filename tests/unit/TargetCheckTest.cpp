#include "portolan/scan/TargetCheck.h"
#include "portolan/scan/UnitAnalysis.h"

#include "TempTree.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

TargetCheckOptions aarch64() { return {"aarch64", "aarch64-linux-gnu", ""}; }

TEST(TargetCheckTest, TheTargetJobDropsX86OnlyFlags) {
  CompileJob J;
  J.Args = {"clang", "--target=x86_64-linux-gnu", "-O2", "-mavx2", "-march=haswell",
            "-msse4.2", "-m64", "-target", "x86_64-pc-linux", "-DX=1", "/src/a.c"};
  CompileJob T = jobForTarget(J, {"aarch64", "aarch64-linux-gnu", "/sys/root"});
  EXPECT_EQ(T.Args, (std::vector<std::string>{"clang", "--target=aarch64-linux-gnu",
                                              "--sysroot=/sys/root", "-O2", "-DX=1",
                                              "/src/a.c"}));
}

TEST(TargetCheckTest, ErrorsAttachToTheirLineOrBecomeFindings) {
  TUResult U;
  U.Plat = Platform::LinuxX86_64;
  U.Parsed = true;
  Finding A;
  A.Rule = "x86.intrinsic";
  A.Symbol = "_mm_add_ps";
  A.File = "a.c";
  A.Line = 5;
  Finding B = A;
  B.Symbol = "_mm_mul_ps";
  B.Line = 9;
  U.Findings = {A, B};
  U.Errors = {{"a.c", 12, 1, "'config.h' file not found", "a.c", 12}};
  ASSERT_TRUE(needsTargetCheck(U));
  std::vector<ParseError> Errors = {
      {"a.c", 5, 10, "use of undeclared identifier '_mm_add_ps'", "a.c", 5},
      {"a.c", 5, 20, "second error, same line", "a.c", 5},
      {"/usr/lib/clang/include/immintrin.h", 14, 2, "only meant for x86", "a.c", 1},
      {"/usr/include/x.h", 3, 1, "also via line 1", "a.c", 1},
      {"a.c", 12, 1, "'config.h' file not found", "a.c", 12}}; // Fails on x86 too.
  attachTargetErrors(U, Errors, "aarch64");
  ASSERT_EQ(U.Findings.size(), 3u);
  // Sorted by line: the include's error first.
  EXPECT_EQ(U.Findings[0].Rule, "target.parse-error");
  EXPECT_EQ(U.Findings[0].Line, 1u);
  EXPECT_EQ(U.Findings[0].Note, "only meant for x86");
  EXPECT_EQ(U.Findings[1].TargetCheck,
            "fails on aarch64: use of undeclared identifier '_mm_add_ps'");
  EXPECT_EQ(U.Findings[2].TargetCheck, "no error on aarch64");
}

TEST(TargetCheckTest, AnAarch64ParseConfirmsIntrinsicsAndClearsPortableCode) {
  if (!llvm::sys::fs::exists("/usr/aarch64-linux-gnu/include/stdio.h"))
    FAIL() << "libc6-dev-arm64-cross is not installed (tools/setup-debian.sh installs it)";
  TempTree T;
  T.write("a.c", "#include <stdio.h>\n"
                 "#include <immintrin.h>\n"
                 "int main(void) {\n"
                 "  __builtin_ia32_lfence();\n"
                 "  printf(\"%d\\n\", 1);\n"
                 "#if defined(__x86_64__)\n"
                 "  _mm_pause();\n"
                 "#endif\n"
                 "  return 0;\n"
                 "}\n");
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  TUResult U = analyzeUnit(P.Jobs[0], T.root(), Host);
  ASSERT_TRUE(needsTargetCheck(U));
  checkOnTarget(U, P.Jobs[0], T.root(), aarch64());
  std::map<std::string, std::string> Checks;
  for (const Finding &F : U.Findings)
    Checks[F.Rule + " " + F.Symbol + ":" + std::to_string(F.Line)] = F.TargetCheck;
  // The include of immintrin.h fails on aarch64 and has no finding.
  ASSERT_TRUE(Checks.count("target.parse-error aarch64:2")) << Checks.size();
  EXPECT_NE(Checks["target.parse-error aarch64:2"].find("only meant to be used on x86"),
            std::string::npos);
  // An x86 target builtin does not exist there. (Clang still declares
  // immintrin.h's types and inline functions after its #error, so a line
  // using _mm_* may parse: the #include line carries the failure.)
  EXPECT_EQ(Checks["x86.builtin __builtin_ia32_lfence:4"].substr(0, 16), "fails on aarch64");
  // Guarded by __x86_64__: the aarch64 parse never sees it.
  EXPECT_EQ(Checks["x86.intrinsic _mm_pause:7"], "no error on aarch64");
  EXPECT_GT(U.TargetSeconds, 0);
}

TEST(TargetCheckTest, AFatalErrorLeavesLaterLinesUnchecked) {
  TUResult U;
  U.Plat = Platform::LinuxX86_64;
  U.Parsed = true;
  Finding A;
  A.Rule = "x86.inline-asm";
  A.Symbol = "asm";
  A.File = "a.c";
  A.Line = 9;
  U.Findings = {A};
  // A header this machine lacks for x86 too: a port problem, reported.
  ParseError Missing("a.c", 2, 10, "'no_such_header_anywhere.h' file not found", "a.c", 2);
  Missing.Fatal = true;
  attachTargetErrors(U, {Missing}, "aarch64");
  ASSERT_EQ(U.Findings.size(), 2u);
  EXPECT_EQ(U.Findings[0].Rule, "target.parse-error");
  EXPECT_EQ(U.Findings[1].TargetCheck.substr(0, 23), "not checked on aarch64:");
  // One the host has for x86 (stdio.h) but the target's headers lack: a
  // gap of this machine, not reported as a port problem.
  U.Findings = {A};
  ParseError Gap("a.c", 2, 10, "'stdio.h' file not found", "a.c", 2);
  Gap.Fatal = true;
  attachTargetErrors(U, {Gap}, "aarch64");
  ASSERT_EQ(U.Findings.size(), 1u);
  EXPECT_EQ(U.Findings[0].TargetCheck.substr(0, 23), "not checked on aarch64:");
}

} // namespace
