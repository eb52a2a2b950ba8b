#include "portolan/scan/PluginHost.h"

#include <gtest/gtest.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

using namespace portolan;

namespace {

std::string fixtureDir(const char *Name) {
  return std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/" + Name;
}

TEST(PluginHostTest, LoadsTheBuiltInAnalyzers) {
  PluginHost Host;
  Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
  EXPECT_TRUE(Host.refused().empty()) << (Host.refused().empty() ? "" : Host.refused()[0].Reason);
  // Loaded in file-name order, whatever the file system lists first.
  std::vector<std::string> Names;
  for (const LoadedPlugin &P : Host.loaded())
    Names.push_back(P.Descriptor->Name);
  ASSERT_EQ(Names, (std::vector<std::string>{"msvc", "portability", "windows", "x86-code",
                                             "x86-files", "x86-intrinsics"}));
  EXPECT_EQ(Host.loaded()[5].Descriptor->AbiVersion, sdk::PluginAbiVersion);
  const std::vector<std::string> &Rules = Host.loaded()[5].RuleIds;
  EXPECT_NE(std::find(Rules.begin(), Rules.end(), "x86.intrinsic"), Rules.end());
  // x86-files analyzes files only.
  const sdk::PluginDescriptor &Files = *Host.loaded()[4].Descriptor;
  EXPECT_EQ(Files.Create, nullptr);
  EXPECT_NE(Files.CreateFileAnalyzer, nullptr);
  EXPECT_EQ(Host.loaded()[4].RuleIds,
            (std::vector<std::string>{"x86.asm-source", "x86.build-flag", "x86.build-arch-check",
                                      "win32.build-platform", "win32.build-library",
                                      "x86.binary"}));
  // x86-code runs three analyzers as one.
  EXPECT_NE(Host.loaded()[3].Descriptor->Create, nullptr);
  EXPECT_EQ(Host.loaded()[3].RuleIds.size(), 6u);
}

TEST(PluginHostTest, LoadsAGoodFixture) {
  PluginHost Host;
  Host.loadDirectory(fixtureDir("Good"));
  ASSERT_EQ(Host.loaded().size(), 1u);
  EXPECT_STREQ(Host.loaded()[0].Descriptor->Name, "fixture-good");
}

TEST(PluginHostTest, RefusesAnotherAbi) {
  PluginHost Host;
  Host.loadDirectory(fixtureDir("WrongAbi"));
  EXPECT_TRUE(Host.loaded().empty());
  ASSERT_EQ(Host.refused().size(), 1u);
  EXPECT_NE(Host.refused()[0].Reason.find("built for plugin ABI " +
                                          std::to_string(sdk::PluginAbiVersion + 41)),
            std::string::npos)
      << Host.refused()[0].Reason;
  EXPECT_NE(Host.refused()[0].Path.find("libfixture-WrongAbi.so"), std::string::npos);
}

TEST(PluginHostTest, RefusesALibraryWithoutDescriptor) {
  PluginHost Host;
  Host.loadDirectory(fixtureDir("NoSymbol"));
  EXPECT_TRUE(Host.loaded().empty());
  ASSERT_EQ(Host.refused().size(), 1u);
  EXPECT_NE(Host.refused()[0].Reason.find("no symbol 'portolan_plugin_descriptor'"),
            std::string::npos)
      << Host.refused()[0].Reason;
}

TEST(PluginHostTest, RefusesAPluginThatThrowsWhenCreated) {
  PluginHost Host;
  Host.loadDirectory(fixtureDir("ThrowingCreate"));
  EXPECT_TRUE(Host.loaded().empty());
  ASSERT_EQ(Host.refused().size(), 1u);
  EXPECT_EQ(Host.refused()[0].Reason, "create() threw: license file missing");
}

TEST(PluginHostTest, RefusesAFileThatIsNotALibrary) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("portolan-plugins", Dir));
  std::string Fake = std::string(Dir) + "/libfake.so";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Fake, EC);
    OS << "not a library\n";
  }
  PluginHost Host;
  Host.loadDirectory(Dir);
  ASSERT_EQ(Host.refused().size(), 1u);
  EXPECT_EQ(Host.refused()[0].Path, Fake);
  EXPECT_EQ(Host.refused()[0].Reason, "not an ELF shared library");
  llvm::sys::fs::remove_directories(Dir);
}

TEST(PluginHostTest, RefusesAMissingFolderAndADuplicateName) {
  PluginHost Host;
  Host.loadDirectory("/nonexistent/portolan/plugins");
  Host.loadDirectory(fixtureDir("Good"));
  Host.loadDirectory(fixtureDir("Good"));
  EXPECT_EQ(Host.loaded().size(), 1u);
  ASSERT_EQ(Host.refused().size(), 2u);
  EXPECT_NE(Host.refused()[0].Reason.find("cannot read plugin folder"), std::string::npos);
  EXPECT_NE(Host.refused()[1].Reason.find("a plugin named 'fixture-good' is already loaded"),
            std::string::npos);
}

TEST(PluginHostTest, KeepsGoingAfterRefusals) {
  PluginHost Host;
  for (const char *D : {"WrongAbi", "NoSymbol", "ThrowingCreate", "Good", "ThrowingAnalyze"})
    Host.loadDirectory(fixtureDir(D));
  EXPECT_EQ(Host.loaded().size(), 2u);
  EXPECT_EQ(Host.refused().size(), 3u);
}

} // namespace
