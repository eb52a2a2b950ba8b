// Visual Studio solutions and projects into compile commands: the fixture
// tests/fixtures/msbuild has a solution of two projects, a property sheet
// with item definitions, conditions on configurations, per-file metadata,
// a file excluded from one configuration and an undefined property.
#include "portolan/msbuild/MsBuild.h"

#include "TempTree.h"

#include <gtest/gtest.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>

#include <algorithm>

using namespace portolan;
using namespace portolan::msbuild;

namespace {

std::string fixture() {
  llvm::SmallString<256> Real;
  EXPECT_FALSE(llvm::sys::fs::real_path(std::string(PORTOLAN_SOURCE_DIR) +
                                            "/tests/fixtures/msbuild",
                                        Real));
  return std::string(Real);
}

const CompileItem *item(const ProjectSet &S, const std::string &File) {
  for (const CompileItem &I : S.Items)
    if (I.File == File)
      return &I;
  return nullptr;
}

bool has(const std::vector<std::string> &List, const std::string &X) {
  return std::find(List.begin(), List.end(), X) != List.end();
}

std::vector<std::string> files(const ProjectSet &S, const std::string &Root) {
  std::vector<std::string> Out;
  for (const CompileItem &I : S.Items)
    Out.push_back(I.File.substr(Root.size() + 1));
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace

TEST(MsBuildTest, ASolutionGivesItsReleaseX64Commands) {
  std::string Root = fixture();
  auto S = loadProjects(Root + "/suite.sln");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  EXPECT_EQ(S->Configuration, "Release|x64");
  EXPECT_EQ(S->Available, (std::vector<std::string>{"Debug|x64", "Release|x64", "Release|x86"}));
  // legacy.cpp is excluded from Release|x64; the headers are not compiled.
  // lib's codecs\**\*.c reaches into codecs/x86/.
  EXPECT_EQ(files(*S, Root),
            (std::vector<std::string>{"app/main.cpp", "app/util.cpp", "lib/codecs/rle.c",
                                      "lib/codecs/x86/crc_sse.c", "lib/lib.c", "shared/crc.c"}));
  const CompileItem *Main = item(*S, Root + "/app/main.cpp");
  ASSERT_NE(Main, nullptr);
  // The property sheet's definitions come first in the document, then the
  // project's, each %(PreprocessorDefinitions) standing for what was before.
  EXPECT_EQ(Main->Defines, (std::vector<std::string>{"NDEBUG", "_WINDOWS", "WIN32", "SUITE_COMMON"}));
  // $(ProjectDir), a property of the project, $(MSBuildThisFileDirectory) of
  // the sheet; $(QTDIR) is not defined anywhere and is left out.
  // Then the VC++ Directories: the sheet's ExternalIncludePath, relative to
  // the project's folder as cl sees it.
  EXPECT_EQ(Main->IncludeDirs, (std::vector<std::string>{Root + "/app/include",
                                                        Root + "/third_party/zlib",
                                                        Root + "/shared",
                                                        Root + "/third_party/external"}));
  EXPECT_EQ(Main->ForcedIncludes, std::vector<std::string>{"suite_config.h"});
  EXPECT_EQ(Main->CharacterSet, "Unicode");
  EXPECT_TRUE(has(Main->assumedDefines(), "UNICODE"));
  EXPECT_TRUE(has(Main->assumedDefines(), "_UNICODE"));
  EXPECT_TRUE(has(Main->assumedDefines(), "_M_X64=100"));
  EXPECT_FALSE(has(Main->assumedDefines(), "_DLL")); // MultiThreaded: /MT
  std::vector<std::string> Cmd = Main->commandLine();
  EXPECT_EQ(Cmd.front(), "clang++");
  EXPECT_EQ(Cmd.back(), Root + "/app/main.cpp");
  EXPECT_TRUE(has(Cmd, "-std=gnu++20"));
  EXPECT_TRUE(has(Cmd, "--target=x86_64-w64-mingw32"));
  EXPECT_TRUE(has(Cmd, "-DUNICODE"));
  EXPECT_TRUE(has(Cmd, "-DSUITE_COMMON"));
  EXPECT_TRUE(has(Cmd, "-I" + Root + "/shared"));

  // Per-file metadata: util.cpp's own definition, before the inherited ones.
  const CompileItem *Util = item(*S, Root + "/app/util.cpp");
  ASSERT_NE(Util, nullptr);
  EXPECT_EQ(Util->Defines.front(), "FAST_UTIL=1");
  EXPECT_TRUE(has(Util->Defines, "SUITE_COMMON"));

  // C: LanguageStandard_C.
  const CompileItem *Crc = item(*S, Root + "/shared/crc.c");
  ASSERT_NE(Crc, nullptr);
  EXPECT_FALSE(Crc->Cxx);
  EXPECT_TRUE(has(Crc->commandLine(), "-std=gnu11"));

  // The other project has none of app's settings.
  const CompileItem *Lib = item(*S, Root + "/lib/lib.c");
  ASSERT_NE(Lib, nullptr);
  EXPECT_TRUE(Lib->Defines.empty());
  EXPECT_FALSE(has(Lib->assumedDefines(), "UNICODE"));

  // The undefined property is said once, with the file that uses it.
  size_t Qt = std::count_if(S->Problems.begin(), S->Problems.end(), [](const std::string &P) {
    return P.find("$(QTDIR)") != std::string::npos && P.find("app.vcxproj") != std::string::npos;
  });
  EXPECT_EQ(Qt, 1u) << llvm::join(S->Problems, "\n");
  EXPECT_TRUE(has(S->FilesRead, Root + "/props/common.props"));
  EXPECT_FALSE(S->GeneratedByCMake);
}

TEST(MsBuildTest, AnotherConfigurationChangesWhatIsBuiltAndHow) {
  std::string Root = fixture();
  auto Debug = loadProjects(Root + "/suite.sln", "debug|X64");
  ASSERT_TRUE(bool(Debug)) << llvm::toString(Debug.takeError());
  EXPECT_EQ(Debug->Configuration, "Debug|x64");
  const CompileItem *Legacy = item(*Debug, Root + "/app/legacy.cpp");
  ASSERT_NE(Legacy, nullptr); // Excluded from Release|x64 only.
  EXPECT_EQ(Legacy->Defines, (std::vector<std::string>{"_DEBUG", "WIN32", "SUITE_COMMON"}));
  EXPECT_TRUE(has(Legacy->assumedDefines(), "_MBCS"));
  EXPECT_TRUE(has(Legacy->assumedDefines(), "_DLL"));
  EXPECT_TRUE(has(Legacy->assumedDefines(), "_DEBUG"));
  EXPECT_TRUE(has(Legacy->commandLine(), "-std=gnu++14")); // MSVC's default
  const CompileItem *Util = item(*Debug, Root + "/app/util.cpp");
  ASSERT_NE(Util, nullptr);
  EXPECT_FALSE(has(Util->Defines, "FAST_UTIL=1"));

  // The solution's x86 maps to the projects' Win32; lib is not built there.
  auto X86 = loadProjects(Root + "/suite.sln", "Release|x86");
  ASSERT_TRUE(bool(X86)) << llvm::toString(X86.takeError());
  EXPECT_EQ(files(*X86, Root),
            (std::vector<std::string>{"app/legacy.cpp", "app/main.cpp", "app/util.cpp",
                                      "shared/crc.c"}));
  const CompileItem *Main = item(*X86, Root + "/app/main.cpp");
  ASSERT_NE(Main, nullptr);
  EXPECT_EQ(Main->Platform, "Win32");
  EXPECT_TRUE(has(Main->commandLine(), "--target=i686-w64-mingw32"));
  EXPECT_TRUE(has(Main->assumedDefines(), "_M_IX86=600"));

  auto Missing = loadProjects(Root + "/suite.sln", "Profile|x64");
  ASSERT_FALSE(bool(Missing));
  std::string Message = llvm::toString(Missing.takeError());
  EXPECT_NE(Message.find("no configuration Profile|x64"), std::string::npos) << Message;
  EXPECT_NE(Message.find("Release|x86"), std::string::npos) << Message;
}

TEST(MsBuildTest, AProjectAloneIsItsOwnSolutionFolder) {
  std::string Root = fixture();
  auto P = loadProjects(Root + "/app/app.vcxproj");
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(P->Configuration, "Release|x64");
  const CompileItem *Main = item(*P, Root + "/app/main.cpp");
  ASSERT_NE(Main, nullptr);
  EXPECT_TRUE(has(Main->IncludeDirs, Root + "/app/third_party/zlib"));
  EXPECT_EQ(findProjectIn(Root), Root + "/suite.sln");
  EXPECT_EQ(findProjectIn(Root + "/lib"), Root + "/lib/lib.vcxproj");
  EXPECT_EQ(findProjectIn(Root + "/shared"), "");
}

TEST(MsBuildTest, BrokenInputIsOneLineNamingTheFile) {
  TempTree T;
  T.write("bad.vcxproj", "<Project><ItemGroup><ClCompile Include=\"a.cpp\"></Project>");
  auto Bad = loadProjects(T.root() + "/bad.vcxproj");
  ASSERT_FALSE(bool(Bad));
  std::string Message = llvm::toString(Bad.takeError());
  EXPECT_NE(Message.find("bad.vcxproj: not well-formed XML"), std::string::npos) << Message;

  T.write("other.vcxproj", "<Root/>");
  auto Other = loadProjects(T.root() + "/other.vcxproj");
  ASSERT_FALSE(bool(Other));
  EXPECT_NE(llvm::toString(Other.takeError()).find("not an MSBuild project"), std::string::npos);

  T.write("x.sln", "just text\n");
  auto Sln = loadProjects(T.root() + "/x.sln");
  ASSERT_FALSE(bool(Sln));
  EXPECT_NE(llvm::toString(Sln.takeError()).find("not a Visual Studio solution"),
            std::string::npos);

  // A solution whose project is broken reads the others, and says so.
  T.write("s/s.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n"
                     "Project(\"{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}\") = \"a\", "
                     "\"a.vcxproj\", \"{A}\"\nEndProject\n"
                     "Project(\"{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}\") = \"b\", "
                     "\"b.vcxproj\", \"{B}\"\nEndProject\n");
  T.write("s/a.vcxproj", "<Project><ItemGroup><ClCompile Include=\"a.cpp\"/></ItemGroup>"
                         "<Import Project=\"missing.props\"/></Project>");
  T.write("s/b.vcxproj", "<Project");
  auto S = loadProjects(T.root() + "/s/s.sln");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  ASSERT_EQ(S->Items.size(), 1u);
  std::string Problems = llvm::join(S->Problems, "\n");
  EXPECT_NE(Problems.find("b.vcxproj: not well-formed XML"), std::string::npos) << Problems;
  EXPECT_NE(Problems.find("a.vcxproj: imports missing.props, which is not a readable file"),
            std::string::npos)
      << Problems;

  // A condition that cannot be read leaves its element out, with a line.
  T.write("c.vcxproj", "<Project><ItemGroup Condition=\"$(X) ~= 'y'\">"
                       "<ClCompile Include=\"c.cpp\"/></ItemGroup></Project>");
  auto C = loadProjects(T.root() + "/c.vcxproj");
  ASSERT_TRUE(bool(C));
  EXPECT_TRUE(C->Items.empty());
  ASSERT_EQ(C->Problems.size(), 1u);
  EXPECT_NE(C->Problems[0].find("cannot be evaluated"), std::string::npos) << C->Problems[0];
}

TEST(MsBuildTest, ASolutionGeneratedByCMakeIsRecognized) {
  TempTree T;
  T.write("g.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n"
                   "Project(\"{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}\") = \"ALL_BUILD\", "
                   "\"ALL_BUILD.vcxproj\", \"{A}\"\nEndProject\n");
  T.write("ALL_BUILD.vcxproj", "<Project/>");
  auto S = loadProjects(T.root() + "/g.sln");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  EXPECT_TRUE(S->GeneratedByCMake);
}
