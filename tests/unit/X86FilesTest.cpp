//===- X86FilesTest.cpp - the x86-files plugin over its fixtures ----------===//
//
// Loads the built x86-files plugin through the host and runs the file
// analysis on the hand-written fixtures in analyzers/x86-files/golden and on
// the binaries binaries.cmake builds there, asserting every finding.
//
//===----------------------------------------------------------------------===//
#include "portolan/scan/Discovery.h"
#include "portolan/scan/FileAnalysis.h"

#include "TempTree.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace portolan;

namespace {

const std::string Golden = std::string(PORTOLAN_SOURCE_DIR) + "/analyzers/x86-files/golden";

class X86FilesTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    Host = new PluginHost;
    Host->loadFile(std::string(PORTOLAN_BUILTIN_PLUGIN_DIR) + "/libportolan-x86-files.so");
  }
  static void TearDownTestSuite() {
    delete Host;
    Host = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(Host->loaded().size(), 1u)
        << (Host->refused().empty() ? "" : Host->refused()[0].Reason);
    ASSERT_STREQ(Host->loaded()[0].Descriptor->Name, "x86-files");
  }

  /// Every file under Root, as the scan command hands them to plugins.
  static std::vector<std::string> treeOf(const std::string &Root) {
    auto Tree = discoverSources(Root, {});
    EXPECT_TRUE(bool(Tree));
    if (!Tree)
      return {};
    std::vector<std::string> All = Tree->Sources;
    All.insert(All.end(), Tree->Headers.begin(), Tree->Headers.end());
    All.insert(All.end(), Tree->Others.begin(), Tree->Others.end());
    std::sort(All.begin(), All.end());
    return All;
  }

  /// The findings of Rel under Root; fails the test when the plugin does
  /// not want the file or reports an error.
  static std::vector<Finding> run(const std::string &Root, const std::string &Rel) {
    std::optional<TUResult> R = analyzeFile(Rel, Root, *Host, treeOf(Root));
    if (!R) {
      ADD_FAILURE() << Rel << " was not wanted";
      return {};
    }
    EXPECT_TRUE(R->AnalyzerErrors.empty())
        << Rel << ": " << R->AnalyzerErrors[0].Message;
    EXPECT_TRUE(R->Errors.empty()) << Rel;
    return R->Findings;
  }

  /// "rule symbol line:column" per finding.
  static std::vector<std::string> summary(const std::vector<Finding> &Findings) {
    std::vector<std::string> Out;
    for (const Finding &F : Findings)
      Out.push_back(F.Rule + " " + F.Symbol + " " + std::to_string(F.Line) + ":" +
                    std::to_string(F.Column));
    return Out;
  }

  /// The note of the finding with Rule and Symbol at Line.
  static std::string noteOf(const std::vector<Finding> &Findings, const std::string &Rule,
                            const std::string &Symbol, unsigned Line) {
    for (const Finding &F : Findings)
      if (F.Rule == Rule && F.Symbol == Symbol && F.Line == Line)
        return F.Note;
    ADD_FAILURE() << "no " << Rule << " " << Symbol << " at line " << Line;
    return "";
  }

  static PluginHost *Host;
};

PluginHost *X86FilesTest::Host = nullptr;

using Lines = std::vector<std::string>;

TEST_F(X86FilesTest, GasSourceWithAnAArch64VersionInASiblingFolder) {
  std::vector<Finding> F = run(Golden, "asm/x86/rotate.S");
  EXPECT_EQ(summary(F), Lines{"x86.asm-source gas 0:0"});
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Note, "19 lines, about 10 instructions; counterpart: asm/aarch64/rotate.S");
  EXPECT_EQ(F[0].Analyzer, "x86-files");
  EXPECT_EQ(F[0].Snippet, "");
}

TEST_F(X86FilesTest, ArmSourcesAreLeftOut) {
  EXPECT_EQ(summary(run(Golden, "asm/aarch64/rotate.S")), Lines{});
  EXPECT_EQ(summary(run(Golden, "asm/arm_only.S")), Lines{});
}

TEST_F(X86FilesTest, IntelSyntaxGasWithAPortableCVersion) {
  std::vector<Finding> F = run(Golden, "asm/blend_x86.S");
  EXPECT_EQ(summary(F), Lines{"x86.asm-source gas 0:0"});
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Note, "16 lines, about 9 instructions; counterpart: asm/blend.c");
}

TEST_F(X86FilesTest, NasmAndMasmAreToldApart) {
  std::vector<Finding> Nasm = run(Golden, "asm/nasm/scale.asm");
  EXPECT_EQ(summary(Nasm), Lines{"x86.asm-source nasm 0:0"});
  ASSERT_EQ(Nasm.size(), 1u);
  EXPECT_EQ(Nasm[0].Note, "21 lines, about 10 instructions; counterpart: none");
  std::vector<Finding> Masm = run(Golden, "asm/masm/cpuid64.asm");
  EXPECT_EQ(summary(Masm), Lines{"x86.asm-source masm 0:0"});
  ASSERT_EQ(Masm.size(), 1u);
  EXPECT_EQ(Masm[0].Note, "21 lines, about 11 instructions; counterpart: none");
}

TEST_F(X86FilesTest, AssemblyOfUnknownArchitectureIsReported) {
  std::vector<Finding> F = run(Golden, "asm/spin_hint.s");
  EXPECT_EQ(summary(F), Lines{"x86.asm-source gas 0:0"});
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Note, "architecture unknown (no x86 or other registers, mnemonics or "
                       "directives recognized): 6 lines, about 2 instructions; "
                       "counterpart: none");
}

TEST_F(X86FilesTest, CMakeFlagsAndProcessorChecks) {
  std::vector<Finding> F = run(Golden, "buildfiles/CMakeLists.txt");
  EXPECT_EQ(summary(F), (Lines{"x86.build-arch-check CMAKE_SYSTEM_PROCESSOR 7:38",
                               "x86.build-flag -mavx2 8:39",
                               "x86.build-flag -mfma 8:46",
                               "x86.build-flag -msse4.2 9:63",
                               "x86.build-flag -mpclmul 9:72",
                               "x86.build-arch-check CMAKE_SYSTEM_PROCESSOR 13:18",
                               "x86.build-flag -march=haswell 14:62",
                               "x86.build-flag /arch:AVX2 17:39"}));
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "CMAKE_SYSTEM_PROCESSOR", 7),
            "matches x86_64, AMD64; the file also checks aarch64 (line 10): the check has "
            "an alternative");
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "CMAKE_SYSTEM_PROCESSOR", 13),
            "matches i.86 (through arch); the file also checks aarch64 (line 10): the check "
            "has an alternative");
  EXPECT_EQ(noteOf(F, "x86.build-flag", "-mavx2", 8),
            "enables the x86 extension avx2: code built with it needs an x86 CPU that has it");
  EXPECT_EQ(noteOf(F, "x86.build-flag", "-march=haswell", 14),
            "targets the x86 CPU haswell; not a CPU name on other targets");
  for (const Finding &X : F)
    EXPECT_EQ(X.Snippet.empty(), false) << X.Symbol;
}

TEST_F(X86FilesTest, MakefileFlagsAndUnameChecks) {
  std::vector<Finding> F = run(Golden, "buildfiles/Makefile");
  EXPECT_EQ(summary(F), (Lines{"x86.build-arch-check uname -m 6:18",
                               "x86.build-flag -msse4.2 7:13",
                               "x86.build-flag -mpclmul 7:22",
                               "x86.build-flag -m64 7:31",
                               "x86.build-arch-check uname -m 9:17",
                               "x86.build-flag -m32 10:13",
                               "x86.build-flag -march=i686 10:18",
                               "x86.build-flag -mtune=native 15:18"}));
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "uname -m", 6),
            "matches x86_64 (through UNAME_M); the file checks no non-x86 architecture");
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "uname -m", 9),
            "matches i%86 (through UNAME_M); the file checks no non-x86 architecture");
}

TEST_F(X86FilesTest, MesonCpuFamilyComparisons) {
  std::vector<Finding> F = run(Golden, "buildfiles/meson.build");
  EXPECT_EQ(summary(F), (Lines{"x86.build-arch-check host_machine.cpu_family() 5:12",
                               "x86.build-flag -mavx2 6:18",
                               "x86.build-flag -mbmi2 6:28",
                               "x86.build-arch-check host_machine.cpu_family() 8:35",
                               "x86.build-flag -msse4.1 9:26"}));
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "host_machine.cpu_family()", 5),
            "matches x86_64, x86 (through cpu); the file checks no non-x86 architecture");
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "host_machine.cpu_family()", 8),
            "matches x86, x86_64; the file checks no non-x86 architecture");
}

TEST_F(X86FilesTest, AutoconfCasePatternsAndTests) {
  std::vector<Finding> F = run(Golden, "buildfiles/configure.ac");
  EXPECT_EQ(summary(F), (Lines{"x86.build-arch-check host_cpu 7:3",
                               "x86.build-flag -mssse3 8:18",
                               "x86.build-flag -msse4.1 8:26",
                               "x86.build-arch-check host_cpu 15:29",
                               "x86.build-arch-check host 17:4",
                               "x86.build-flag -m32 17:39"}));
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "host_cpu", 7),
            "matches x86_64, i?86; the file also checks aarch64 (line 10): the check has an "
            "alternative");
  EXPECT_EQ(noteOf(F, "x86.build-arch-check", "host_cpu", 15),
            "matches x86_64; the file also checks aarch64 (line 10): the check has an "
            "alternative");
}

TEST_F(X86FilesTest, VisualStudioProject) {
  std::vector<Finding> F = run(Golden, "buildfiles/win/demo.vcxproj");
  EXPECT_EQ(summary(F),
            (Lines{"win32.build-platform Win32 4:42",
                   "win32.build-platform x64 8:44",
                   "x86.build-flag EnableEnhancedInstructionSet=StreamingSIMDExtensions2 16:7",
                   "win32.build-library ws2_32.lib 19:31",
                   "win32.build-library winmm.lib 19:42",
                   "x86.build-flag EnableEnhancedInstructionSet=AdvancedVectorExtensions2 24:7",
                   "x86.build-flag /arch:AVX2 25:26"}));
  EXPECT_EQ(noteOf(F, "win32.build-platform", "Win32", 4),
            "32-bit x86 Windows; the file configures no ARM platform");
  EXPECT_EQ(noteOf(F, "win32.build-library", "ws2_32.lib", 19),
            "a Windows library, linked in Debug|Win32, Release|x64");
  EXPECT_EQ(noteOf(F, "win32.build-library", "winmm.lib", 19),
            "a Windows library, linked in Debug|Win32");
  EXPECT_EQ(noteOf(F, "x86.build-flag",
                   "EnableEnhancedInstructionSet=StreamingSIMDExtensions2", 16),
            "MSVC /arch:SSE2: x86/x64 code generation");
}

TEST_F(X86FilesTest, VisualStudioSolutionWithCrLf) {
  std::vector<Finding> F = run(Golden, "buildfiles/win/demo.sln");
  EXPECT_EQ(summary(F), (Lines{"win32.build-platform x64 7:9",
                               "win32.build-platform x86 9:11",
                               "win32.build-platform Win32 14:74"}));
  EXPECT_EQ(noteOf(F, "win32.build-platform", "x64", 7),
            "x86-64 Windows; the file also configures an ARM platform");
}

TEST_F(X86FilesTest, PrebuiltBinaries) {
  const std::string Root = PORTOLAN_X86_FILES_BINARIES;
  auto One = [&](const std::string &Rel) {
    std::vector<Finding> F = run(Root, Rel);
    EXPECT_LE(F.size(), 1u) << Rel;
    return F.empty() ? std::string("none") : F[0].Rule + " " + F[0].Symbol + " | " + F[0].Note;
  };
  EXPECT_EQ(One("prebuilt/linux-x86_64/kernel.o"),
            "x86.binary ELF x86_64 relocatable object | non-x86 build: "
            "prebuilt/linux-aarch64/kernel.o");
  EXPECT_EQ(One("prebuilt/linux-x86_64/table.o"),
            "x86.binary ELF x86_64 relocatable object | no non-x86 build of it in the tree");
  EXPECT_EQ(One("prebuilt/linux-x86_64/libkernel.a"),
            "x86.binary archive x86_64 (2 objects) | no non-x86 build of it in the tree");
  EXPECT_EQ(One("prebuilt/linux-x86_64/libkernel.so"),
            "x86.binary ELF x86_64 shared object | no non-x86 build of it in the tree");
  EXPECT_EQ(One("prebuilt/win64/kernel.obj"),
            "x86.binary COFF x86_64 object | no non-x86 build of it in the tree");
  EXPECT_EQ(One("prebuilt/win32/kernel.lib"),
            "x86.binary COFF i386 import library | non-x86 build: prebuilt/arm64/kernel.lib");
  EXPECT_EQ(One("prebuilt/lto/kernel.o"),
            "x86.binary LLVM bitcode x86_64 | no non-x86 build of it in the tree");
  EXPECT_EQ(One("prebuilt/linux-aarch64/kernel.o"), "none");
  EXPECT_EQ(One("prebuilt/arm64/kernel.lib"), "none");
}

TEST_F(X86FilesTest, UnreadableAndTextBinaries) {
  TempTree T;
  T.write("lib/broken.so", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(9, '\0') +
                               "not really an ELF header");
  T.write("lib/libc.so", "/* GNU ld script */\nGROUP ( /lib/libc.so.6 )\n");
  T.write("lib/empty.o", "");
  std::vector<Finding> Broken = run(T.root(), "lib/broken.so");
  ASSERT_EQ(Broken.size(), 1u);
  EXPECT_EQ(Broken[0].Rule, "x86.binary");
  EXPECT_EQ(Broken[0].Symbol, "unreadable binary");
  EXPECT_TRUE(Broken[0].Advisory);
  EXPECT_EQ(Broken[0].Note.rfind("LLVM cannot read it (", 0), 0u) << Broken[0].Note;
  EXPECT_EQ(summary(run(T.root(), "lib/libc.so")), Lines{});
  EXPECT_EQ(summary(run(T.root(), "lib/empty.o")), Lines{});
}

TEST_F(X86FilesTest, FilesAreChosenByName) {
  TempTree T;
  for (const char *Name : {"README.md", "notes.txt", "demo.c", "x.h", "configure", "data.bin"})
    EXPECT_FALSE(analyzeFile(Name, T.root(), *Host, {}).has_value()) << Name;
  for (const char *Name : {"Makefile.am", "rules.mk", "toolchain.cmake", "libz.so.1.2.13",
                           "WS2_32.LIB", "app.exe", "k.ASM", "x.nasm", "acinclude.m4",
                           "props/common.props", "all.sln"}) {
    T.write(Name, "");
    EXPECT_TRUE(analyzeFile(Name, T.root(), *Host, {}).has_value()) << Name;
  }
}

TEST_F(X86FilesTest, GarbageNeverThrows) {
  TempTree T;
  std::string Bytes;
  for (unsigned I = 0; I < 4096; ++I)
    Bytes += char((I * 2654435761u) >> 13);
  for (const char *Name : {"a.S", "b.asm", "CMakeLists.txt", "Makefile", "meson.build",
                           "configure.ac", "c.vcxproj", "d.sln", "e.o", "f.lib", "g.dll"}) {
    T.write(Name, Bytes);
    std::optional<TUResult> R = analyzeFile(Name, T.root(), *Host, {Name});
    ASSERT_TRUE(R.has_value()) << Name;
    EXPECT_TRUE(R->AnalyzerErrors.empty()) << Name << ": " << R->AnalyzerErrors[0].Message;
  }
}

TEST_F(X86FilesTest, ABrokenProjectFileKeepsWhatCameBeforeTheError) {
  TempTree T;
  T.write("broken.vcxproj",
          "<Project>\n  <!-- <Platform>Win32</Platform> -->\n"
          "  <ItemGroup>\n    <ProjectConfiguration Include=\"Release|x64\" />\n"
          "  </ItemGroup>\n  <ClCompile><AdditionalOptions>/arch:AVX2</AdditionalOptions>\n"
          "  <Oops>\n</Project>\n");
  std::optional<TUResult> R = analyzeFile("broken.vcxproj", T.root(), *Host, {"broken.vcxproj"});
  ASSERT_TRUE(R.has_value());
  std::vector<std::string> Got;
  for (const Finding &F : R->Findings)
    Got.push_back(F.Rule + " " + F.Symbol + " " + std::to_string(F.Line) + ":" +
                  std::to_string(F.Column));
  std::sort(Got.begin(), Got.end());
  // The commented-out Win32 is no platform of the file.
  EXPECT_EQ(Got, (std::vector<std::string>{"win32.build-platform x64 4:44",
                                           "x86.build-flag /arch:AVX2 6:33"}));
  ASSERT_EQ(R->AnalyzerErrors.size(), 1u);
  EXPECT_EQ(R->AnalyzerErrors[0].Message.rfind("analyzeFile threw: not well-formed XML at line 8,", 0),
            0u)
      << R->AnalyzerErrors[0].Message;
}

} // namespace
