#include "portolan/base/Hashing.h"
#include "portolan/scan/FileAnalysis.h"
#include "portolan/scan/ScanDriver.h"
#include "portolan/scan/UnitAnalysis.h"

#include "TempTree.h"

#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <set>

using namespace portolan;

namespace {

CompileJob jobFor(const TempTree &T, const std::string &Rel) {
  auto Tree = discoverSources(T.root(), {});
  EXPECT_TRUE(bool(Tree));
  CompilePlan P = planCompilation(*Tree, {});
  for (const CompileJob &J : P.Jobs)
    if (J.RelFile == Rel)
      return J;
  ADD_FAILURE() << "no job for " << Rel;
  return {};
}

std::string fixtureDir(const char *Name) {
  return std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/" + Name;
}

} // namespace

TEST(UnitAnalysisTest, AThrowingPluginDoesNotStopTheOthers) {
  TempTree T;
  T.write("a.c", "#include <xmmintrin.h>\n__m128 f(__m128 a) { return _mm_add_ps(a, a); }\n");
  T.write("b.c", "#define FIXTURE_THROW_IN_PP 1\nint b;\n");
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  Host.loadDirectory(fixtureDir("ThrowingAnalyze"));
  Host.loadDirectory(fixtureDir("Good"));
  ASSERT_EQ(Host.loaded().size(), 8u); // six built-in plugins and two fixtures

  TUResult A = analyzeUnit(jobFor(T, "a.c"), T.root(), Host);
  EXPECT_TRUE(A.Parsed);
  EXPECT_TRUE(A.Errors.empty());
  ASSERT_EQ(A.AnalyzerErrors.size(), 1u);
  EXPECT_EQ(A.AnalyzerErrors[0].Analyzer, "fixture-throws-in-analysis");
  EXPECT_EQ(A.AnalyzerErrors[0].Message, "analyzeAST threw: AST hook failed");
  std::vector<std::string> Rules;
  for (const Finding &F : A.Findings)
    Rules.push_back(F.Rule + " " + F.Symbol);
  EXPECT_EQ(Rules, (std::vector<std::string>{"fixture.main-file main",
                                             "x86.vector-type __m128",
                                             "x86.vector-type __m128",
                                             "x86.intrinsic _mm_add_ps"}));

  TUResult B = analyzeUnit(jobFor(T, "b.c"), T.root(), Host);
  ASSERT_EQ(B.AnalyzerErrors.size(), 1u);
  EXPECT_EQ(B.AnalyzerErrors[0].Message, "MacroDefined threw: preprocessor hook failed");
  ASSERT_EQ(B.Findings.size(), 1u); // The good fixture still ran.
  EXPECT_EQ(B.Findings[0].Rule, "fixture.main-file");
}

TEST(UnitAnalysisTest, AUnitWithErrorsStillYieldsItsFindings) {
  TempTree T;
  T.write("broken.c", "#include <emmintrin.h>\n#include \"missing.h\"\n"
                      "__m128i g(__m128i a) { return _mm_add_epi32(a, a); }\n"
                      "int h(void) { return undeclared_thing; }\n");
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  TUResult U = analyzeUnit(jobFor(T, "broken.c"), T.root(), Host);
  EXPECT_TRUE(U.Parsed);
  ASSERT_FALSE(U.Errors.empty());
  EXPECT_EQ(U.Errors[0].File, "broken.c");
  EXPECT_EQ(U.Errors[0].Line, 2u);
  EXPECT_NE(U.Errors[0].Message.find("missing.h"), std::string::npos);
  bool SawIntrinsic = false;
  for (const Finding &F : U.Findings)
    SawIntrinsic |= F.Symbol == "_mm_add_epi32" && F.Line == 3;
  EXPECT_TRUE(SawIntrinsic);
}

TEST(UnitAnalysisTest, RecordsAnUnparseableCommand) {
  TempTree T;
  T.write("a.c", "int a;\n");
  CompileJob J = jobFor(T, "a.c");
  J.Args.insert(J.Args.begin() + 1, "--no-such-clang-flag");
  PluginHost Host;
  TUResult U = analyzeUnit(J, T.root(), Host);
  EXPECT_FALSE(U.Parsed);
  ASSERT_FALSE(U.Errors.empty());
  EXPECT_NE(U.Errors[0].Message.find("--no-such-clang-flag"), std::string::npos);
}

TEST(UnitAnalysisTest, DeferredSourcesRunOnlyWhenNoUnitReadThem) {
  TempTree T;
  T.write("main.c", "#ifdef USE_FAST\n#include \"fast.c\"\n#endif\nint main(void) { return 0; }\n");
  T.write("fast.c", "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n");
  T.write("codec.c", "#if 1\n#include \"loop.c\"\n#endif\n");
  // A cycle that no unit reaches: both run alone, so neither is lost.
  T.write("x.c", "#ifndef X\n#define X\n#include \"y.c\"\n#endif\n");
  T.write("y.c", "#ifndef Y\n#define Y\n#include \"x.c\"\n#endif\n");
  T.write("loop.c", "#include <emmintrin.h>\nvoid g(void) { _mm_lfence(); }\n");
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  CompilePlan P = planCompilation(*Tree, {});
  ASSERT_EQ(P.Jobs.size(), 2u);
  ASSERT_EQ(P.Deferred.size(), 4u);
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  std::vector<std::string> Units, Symbols;
  ScanSettings Settings;
  Settings.Workers = 2;
  size_t Folded = runScan(P, T.root(), Host, Settings, [&](const TUResult &U, size_t, size_t) {
    Units.push_back(U.File);
    for (const Finding &F : U.Findings)
      Symbols.push_back(F.File + " " + F.Symbol);
  });
  std::sort(Units.begin(), Units.end());
  std::sort(Symbols.begin(), Symbols.end());
  // loop.c was read through codec.c; fast.c and the cycle were read by
  // no unit, so they ran alone.
  EXPECT_EQ(Units, (std::vector<std::string>{"codec.c", "fast.c", "main.c", "x.c", "y.c"}));
  EXPECT_EQ(Symbols, (std::vector<std::string>{"fast.c _mm_sfence", "loop.c _mm_lfence"}));
  EXPECT_EQ(Folded, 1u);
}

TEST(FileAnalysisTest, FileAnalyzersSeeOnlyWantedFilesAndSurviveThrows) {
  TempTree T;
  T.write("a.fixture", "one\ntwo\nthree\n");
  T.write("sub/throw.fixture", "x\n");
  T.write("notes.txt", "nobody wants this\n");
  PluginHost Host;
  Host.loadDirectory(fixtureDir("FileCounter"));
  Host.loadDirectory(fixtureDir("Good")); // A unit analyzer only: never asked.
  ASSERT_EQ(Host.loaded().size(), 2u) << (Host.refused().empty() ? "" : Host.refused()[0].Reason);
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  EXPECT_EQ(Tree->Others,
            (std::vector<std::string>{"a.fixture", "notes.txt", "sub/throw.fixture"}));

  EXPECT_FALSE(analyzeFile("notes.txt", T.root(), Host, Tree->Others).has_value());
  std::optional<TUResult> A = analyzeFile("a.fixture", T.root(), Host, Tree->Others);
  ASSERT_TRUE(A.has_value());
  EXPECT_EQ(A->Plat, Platform::File);
  EXPECT_TRUE(A->Parsed);
  ASSERT_EQ(A->Findings.size(), 1u);
  EXPECT_EQ(A->Findings[0].Rule, "fixture.lines");
  EXPECT_EQ(A->Findings[0].Symbol, "3");
  EXPECT_EQ(A->Findings[0].Line, 3u);
  EXPECT_EQ(A->Findings[0].Snippet, "three");
  EXPECT_EQ(A->Findings[0].Note, "has a sibling");
  EXPECT_TRUE(A->Findings[0].Advisory);

  std::optional<TUResult> B = analyzeFile("sub/throw.fixture", T.root(), Host, Tree->Others);
  ASSERT_TRUE(B.has_value());
  EXPECT_TRUE(B->Findings.empty());
  ASSERT_EQ(B->AnalyzerErrors.size(), 1u);
  EXPECT_EQ(B->AnalyzerErrors[0].Message, "analyzeFile threw: file hook failed");

  std::vector<std::string> Seen;
  ScanSettings Plain;
  Plain.Workers = 2;
  runFileScan(Tree->Others, T.root(), Host, Tree->Others, Plain,
              [&](const TUResult &R, size_t, size_t) { Seen.push_back(R.File); });
  std::sort(Seen.begin(), Seen.end());
  EXPECT_EQ(Seen, (std::vector<std::string>{"a.fixture", "sub/throw.fixture"}));

  // With a salt, each result carries a key and its file's hash, and what
  // the lookup returns stands for the analysis.
  ScanSettings Reusing;
  Reusing.Workers = 2;
  Reusing.CacheSalt = "salt";
  std::mutex Lock;
  std::set<std::string> Keys;
  Reusing.Reuse = [&](const std::string &Rel, const std::string &Key,
                      const std::function<std::string(const std::string &)> &HashOf)
      -> std::optional<TUResult> {
    std::lock_guard<std::mutex> Guard(Lock);
    Keys.insert(Key);
    if (Rel != "a.fixture")
      return std::nullopt;
    TUResult Stored;
    Stored.File = Rel;
    Stored.ReusedFrom = 7;
    return Stored;
  };
  std::map<std::string, TUResult> Got;
  runFileScan(Tree->Others, T.root(), Host, Tree->Others, Reusing,
              [&](const TUResult &R, size_t, size_t) { Got[R.File] = R; });
  ASSERT_EQ(Got.size(), 2u);
  EXPECT_EQ(Got["a.fixture"].ReusedFrom, 7);
  EXPECT_TRUE(Got["a.fixture"].Findings.empty()); // The stored result, not a new analysis.
  const TUResult &Fresh = Got["sub/throw.fixture"];
  EXPECT_EQ(Fresh.ReusedFrom, 0);
  ASSERT_EQ(Keys.size(), 1u); // One key for the whole tree's files.
  EXPECT_EQ(Fresh.CacheKey, *Keys.begin());
  EXPECT_EQ(Fresh.FileHashes,
            (std::vector<std::string>{contentHash(T.root() + "/sub/throw.fixture")}));
}

TEST(FileHashesTest, AFileWhoseStatIsUnchangedIsNotReadAgain) {
  TempTree T;
  T.write("a.c", "int a;\n");
  T.write("b.c", "int b;\n");
  std::string Real = contentHash(T.root() + "/a.c");
  ASSERT_FALSE(Real.empty());
  auto StatOf = [&](const std::string &Rel) {
    std::optional<FileStat> S = statFile(T.root() + "/" + Rel);
    EXPECT_TRUE(S.has_value()) << Rel;
    return S.value_or(FileStat());
  };
  // A stored hash that is not the content's shows whether the file was read.
  llvm::StringMap<FileStat> Known;
  FileStat A = StatOf("a.c");
  A.HashedAtNs = A.CtimeNs + 5000000000LL; // Hashed well after its last change.
  A.Hash = "0123456789abcdef";
  Known["a.c"] = A;
  FileStat B = StatOf("b.c");
  B.HashedAtNs = B.CtimeNs + 500000000LL; // Changed 0.5 s before: not to be trusted.
  B.Hash = "0123456789abcdef";
  Known["b.c"] = B;
  {
    FileHashes Hashes(T.root(), Known);
    EXPECT_EQ(Hashes("a.c"), "0123456789abcdef");
    EXPECT_EQ(Hashes("b.c"), contentHash(T.root() + "/b.c"));
    // Only what was read is kept for the next scan.
    std::vector<std::pair<std::string, FileStat>> Fresh = Hashes.newStats();
    ASSERT_EQ(Fresh.size(), 1u);
    EXPECT_EQ(Fresh[0].first, "b.c");
    EXPECT_EQ(Fresh[0].second.Hash, contentHash(T.root() + "/b.c"));
    EXPECT_TRUE(Fresh[0].second.sameFile(StatOf("b.c")));
  }
  // Any change of size or times reads the file again.
  T.write("a.c", "int a; int aa;\n");
  FileHashes After(T.root(), Known);
  EXPECT_EQ(After("a.c"), contentHash(T.root() + "/a.c"));
  EXPECT_NE(After("a.c"), Real);
}

TEST(UnitAnalysisTest, AVisualStudioUnitThatNeedsMscVerIsParsedWithIt) {
  TempTree T;
  T.write("app.vcxproj",
          "<Project>\n  <ItemGroup>\n    <ProjectConfiguration Include=\"Release|x64\" />\n"
          "  </ItemGroup>\n  <PropertyGroup><CharacterSet>Unicode</CharacterSet></PropertyGroup>\n"
          "  <ItemGroup>\n    <ClCompile Include=\"main.cpp\" />\n"
          "    <ClCompile Include=\"plain.cpp\" />\n  </ItemGroup>\n</Project>\n");
  // As AutoHotkey's stdafx.h: the Windows headers only for Visual C++.
  T.write("stdafx.h", "#pragma once\n#ifdef _MSC_VER\n#include <windows.h>\n#endif\n");
  T.write("main.cpp", "#include \"stdafx.h\"\nint f() { return MessageBox(0, L\"a\", L\"b\", 0); }\n");
  // A unit that tests _MSC_VER but parses without errors keeps its parse.
  T.write("plain.cpp", "#include <windows.h>\n#ifndef _MSC_VER\nint g() { return GetTickCount(); }\n"
                       "#endif\n");
  auto Tree = discoverSources(T.root(), {});
  ASSERT_TRUE(bool(Tree));
  PlanOptions Options;
  Options.BuildDir = T.root() + "/app.vcxproj";
  CompilePlan P = planCompilation(*Tree, Options);
  ASSERT_EQ(P.Jobs.size(), 2u);
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  ScanSettings Settings;
  std::map<std::string, std::vector<std::string>> Symbols;
  std::map<std::string, size_t> Errors;
  ScanStats Stats;
  runScan(
      P, T.root(), Host, Settings,
      [&](const TUResult &U, size_t, size_t) {
        Errors[U.File] = U.Errors.size();
        for (const Finding &F : U.Findings)
          if (F.Rule == "win32.api")
            Symbols[U.File].push_back(F.Symbol);
      },
      &Stats);
  EXPECT_EQ(Errors["main.cpp"], 0u);
  EXPECT_EQ(Symbols["main.cpp"], (std::vector<std::string>{"MessageBoxW"}));
  EXPECT_EQ(Errors["plain.cpp"], 0u);
  EXPECT_EQ(Symbols["plain.cpp"], (std::vector<std::string>{"GetTickCount"}));
  EXPECT_EQ(Stats.UnitsWithMsvcVersion, 1u);
}
