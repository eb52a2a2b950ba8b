#include "portolan/scan/CompilePlan.h"

#include "TempTree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace portolan;

namespace {

bool hasArg(const CompileJob &J, const std::string &A) {
  return std::find(J.Args.begin(), J.Args.end(), A) != J.Args.end();
}

/// The -I folders of a job, in order, relative to Root ("" for Root itself).
std::vector<std::string> includeFolders(const CompileJob &J, const std::string &Root) {
  std::vector<std::string> Out;
  for (const std::string &A : J.Args)
    if (llvm::StringRef(A).starts_with("-I" + Root))
      Out.push_back(A.substr(2 + Root.size()));
  return Out;
}

const CompileJob *job(const CompilePlan &P, const std::string &Rel) {
  for (const CompileJob &J : P.Jobs)
    if (J.RelFile == Rel)
      return &J;
  return nullptr;
}

} // namespace

TEST(CompilePlanTest, ScansIncludeDirectives) {
  EXPECT_EQ(scanIncludes("#include <a.h>\n  #  include \"b/c.h\"\n#import <d.h>\n"
                         "// #include <no.h> is still lexed as text\n#define X\n"
                         "#include MACRO_HEADER\n"),
            (std::vector<std::string>{"a.h", "b/c.h", "d.h"}));
}

TEST(CompilePlanTest, InfersWindowsThroughProjectHeaders) {
  TempTree T;
  T.write("src/platform.h", "#include <Windows.h>\n");
  T.write("src/uses_platform.cpp", "#include \"platform.h\"\n");
  T.write("src/portable.c", "#include <stdio.h>\n");
  T.write("src/direct.c", "#include <winsock2.h>\n");
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 3u);
  EXPECT_EQ(job(P, "src/uses_platform.cpp")->Plat, Platform::WindowsX86_64);
  EXPECT_EQ(job(P, "src/direct.c")->Plat, Platform::WindowsX86_64);
  EXPECT_EQ(job(P, "src/portable.c")->Plat, Platform::LinuxX86_64);
  EXPECT_TRUE(hasArg(*job(P, "src/direct.c"), "--target=x86_64-w64-mingw32"));
  EXPECT_TRUE(hasArg(*job(P, "src/direct.c"), "-fms-extensions"));
  EXPECT_TRUE(hasArg(*job(P, "src/portable.c"), "--target=x86_64-linux-gnu"));
  EXPECT_TRUE(hasArg(*job(P, "src/portable.c"), "-I" + T.root() + "/src"));
  EXPECT_TRUE(hasArg(*job(P, "src/uses_platform.cpp"), "-std=gnu++17"));
  EXPECT_TRUE(hasArg(*job(P, "src/portable.c"), "-std=gnu11"));
}

TEST(CompilePlanTest, AProjectHeaderBehindAWindowsTestLeavesTheUnitLinux) {
  // A portable library's public header picks its platform header: the
  // Windows one (which includes <winsock2.h>) only under _WIN32. Its Unix
  // sources are Linux units (every one was parsed as Windows); its Windows
  // backend is a Windows unit.
  TempTree T;
  T.write("include/uv.h", "#if defined(_WIN32)\n# include \"uv/win.h\"\n#else\n"
                          "# include \"uv/unix.h\"\n#endif\n");
  T.write("include/uv/win.h", "#include <winsock2.h>\n");
  T.write("include/uv/unix.h", "#include <sys/socket.h>\n");
  T.write("src/unix/core.c", "#include \"uv.h\"\n");
  T.write("src/win/core.c", "#include \"uv.h\"\n#include \"uv/win.h\"\n");
  // Windows code that reaches the SDK only through the portable header:
  // by its folder, or by a word of its name.
  T.write("windows/console.c", "#include \"uv.h\"\n");
  T.write("test/runner-win.c", "#include \"uv.h\"\n");
  T.write("test/window.c", "#include \"uv.h\"\n");
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_NE(job(P, "src/unix/core.c"), nullptr);
  ASSERT_NE(job(P, "src/win/core.c"), nullptr);
  EXPECT_EQ(job(P, "src/unix/core.c")->Plat, Platform::LinuxX86_64);
  EXPECT_EQ(job(P, "src/win/core.c")->Plat, Platform::WindowsX86_64);
  ASSERT_NE(job(P, "windows/console.c"), nullptr);
  EXPECT_EQ(job(P, "windows/console.c")->Plat, Platform::WindowsX86_64);
  EXPECT_EQ(job(P, "test/runner-win.c")->Plat, Platform::WindowsX86_64);
  EXPECT_EQ(job(P, "test/window.c")->Plat, Platform::LinuxX86_64);
}

TEST(CompilePlanTest, ForcedPlatformWins) {
  TempTree T;
  T.write("a.c", "#include <windows.h>\n");
  auto Tree = discoverSources(T.root(), {});
  PlanOptions O;
  O.ForcedPlatform = Platform::LinuxX86_64;
  CompilePlan P = planCompilation(*Tree, O);
  ASSERT_EQ(P.Jobs.size(), 1u);
  EXPECT_EQ(P.Jobs[0].Plat, Platform::LinuxX86_64);
}

TEST(CompilePlanTest, AnInferredJobIsMadeForAnotherPlatform) {
  TempTree T;
  T.write("a.c", "int x;\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  const CompileJob &Linux = P.Jobs[0];
  ASSERT_EQ(Linux.Plat, Platform::LinuxX86_64);
  CompileJob Windows = inferredFor(Linux, Platform::WindowsX86_64);
  EXPECT_EQ(Windows.Plat, Platform::WindowsX86_64);
  EXPECT_TRUE(hasArg(Windows, "--target=x86_64-w64-mingw32"));
  EXPECT_TRUE(hasArg(Windows, "-fms-extensions"));
  EXPECT_TRUE(hasArg(Windows, "-D_WINDOWS"));
  EXPECT_FALSE(hasArg(Windows, "--target=x86_64-linux-gnu"));
  EXPECT_EQ(Windows.Args.size(), Linux.Args.size() + 2);
  EXPECT_EQ(Windows.Args.back(), Linux.Args.back()); // the file stays last
  // And back: the same command as planned.
  EXPECT_EQ(inferredFor(Windows, Platform::LinuxX86_64).Args, Linux.Args);
}

TEST(CompilePlanTest, UsesCompileCommandsAndInfersTheRest) {
  TempTree T;
  std::string A = T.write("a.c", "int a;\n");
  T.write("b.c", "int b;\n");
  T.write("build/compile_commands.json",
          "[{\"directory\": \"" + T.root() + "\", \"file\": \"" + A +
              "\", \"command\": \"cc -DFROM_DB -c " + A + " -o a.o\"}]");
  auto Tree = discoverSources(T.root(), {});
  PlanOptions O;
  O.BuildDir = T.root() + "/build";
  CompilePlan P = planCompilation(*Tree, O);
  ASSERT_EQ(P.Jobs.size(), 2u);
  EXPECT_EQ(job(P, "a.c")->Source, "compile_commands");
  EXPECT_TRUE(hasArg(*job(P, "a.c"), "-DFROM_DB"));
  EXPECT_EQ(job(P, "b.c")->Source, "inferred");
  EXPECT_TRUE(P.Problems.empty());
}

TEST(CompilePlanTest, ReportsABrokenCompilationDatabaseAndGoesOn) {
  TempTree T;
  T.write("a.c", "int a;\n");
  T.write("build/compile_commands.json", "[{\"directory\": ");
  auto Tree = discoverSources(T.root(), {});
  PlanOptions O;
  O.BuildDir = T.root() + "/build";
  CompilePlan P = planCompilation(*Tree, O);
  ASSERT_EQ(P.Jobs.size(), 1u);
  EXPECT_EQ(P.Jobs[0].Source, "inferred");
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_NE(P.Problems[0].find("build/compile_commands.json"), std::string::npos);
  EXPECT_NE(P.Problems[0].find("inferring commands instead"), std::string::npos);
}

TEST(CompilePlanTest, SkipsBinaryFilesWithAProblem) {
  TempTree T;
  T.write("blob.c", std::string("\x7f" "ELF\0\0\0", 7));
  T.write("ok.c", "int ok;\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  EXPECT_EQ(P.Jobs[0].RelFile, "ok.c");
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_NE(P.Problems[0].find("blob.c: skipped: binary content"), std::string::npos);
}

TEST(CompilePlanTest, IncludeFoldersFollowTheUnitsOwnIncludes) {
  // Two headers answer <generic/impl.h>; the unit under src/ means src's.
  TempTree T;
  T.write("include/lib/generic/impl.h", "int wrong;\n");
  T.write("include/lib/api.h", "int api;\n");
  T.write("src/generic/impl.h", "#include <lib/api.h>\n");
  T.write("src/lib.cpp", "#include <generic/impl.h>\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  std::vector<std::string> Includes = includeFolders(P.Jobs[0], T.root());
  ASSERT_GE(Includes.size(), 2u);
  EXPECT_EQ(Includes[0], "/src");
  EXPECT_EQ(Includes[1], "/include");
}

TEST(CompilePlanTest, NearestMeansSharedFoldersNotSharedCharacters) {
  // lib/arch/foo.c includes <util.h>: lib/util.h shares the folder 'lib',
  // lib/archive/util.h shares only the characters "lib/arch".
  TempTree T;
  T.write("lib/util.h", "int ok;\n");
  T.write("lib/archive/util.h", "#error wrong header\n");
  T.write("lib/arch/foo.c", "#include <util.h>\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  std::vector<std::string> Includes = includeFolders(P.Jobs[0], T.root());
  ASSERT_FALSE(Includes.empty());
  EXPECT_EQ(Includes[0], "/lib");
}

TEST(CompilePlanTest, IncludedSourcesAreDeferredAndUnreachedHeadersAreReported) {
  TempTree T;
  T.write("codec.c", "#include \"loop.c\"\n#include \"used.h\"\n");
  T.write("loop.c", "static int loop;\n");
  T.write("used.h", "int used;\n");
  T.write("orphan.h", "int orphan;\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 1u);
  EXPECT_EQ(P.Jobs[0].RelFile, "codec.c");
  ASSERT_EQ(P.Deferred.size(), 1u);
  EXPECT_EQ(P.Deferred[0].RelFile, "loop.c");
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], T.root() + ": 1 of 2 headers are not reached from any unit's "
                                      "includes; each is parsed alone if it holds a name the "
                                      "analyzers look for (first: orphan.h)");
  // Every header has a job of its own, parsed alone if no parse reads it.
  ASSERT_EQ(P.Headers.size(), 2u);
  std::map<std::string, std::string> Sources;
  for (const CompileJob &H : P.Headers)
    Sources[H.RelFile] = H.Source;
  EXPECT_EQ(Sources["used.h"], HeaderBehindSkippedInclude);
  EXPECT_EQ(Sources["orphan.h"], HeaderIncludedNowhere);
}

TEST(CompilePlanTest, EveryPossiblyIncludedSourceIsDeferred) {
  TempTree T;
  // Included only on one configuration.
  T.write("main.c", "#ifdef USE_FAST\n#include \"fast.c\"\n#endif\n");
  T.write("fast.c", "int fast;\n");
  // Two files answer "impl.c" by name.
  T.write("lib/a/impl.c", "int a;\n");
  T.write("lib/b/impl.c", "int b;\n");
  T.write("tests/t.c", "#include <impl.c>\n");
  // An include cycle between two sources.
  T.write("cycle/x.c", "#include \"y.c\"\n");
  T.write("cycle/y.c", "#include \"x.c\"\n");
  auto Tree = discoverSources(T.root(), {});
  CompilePlan P = planCompilation(*Tree, {});
  EXPECT_EQ(P.Jobs.size(), 2u);
  std::vector<std::string> Deferred;
  for (const CompileJob &J : P.Deferred)
    Deferred.push_back(J.RelFile);
  EXPECT_EQ(Deferred, (std::vector<std::string>{"cycle/x.c", "cycle/y.c", "fast.c",
                                                "lib/a/impl.c", "lib/b/impl.c"}));
}
