#include "portolan/scan/Discovery.h"

#include "TempTree.h"

#include <gtest/gtest.h>

using namespace portolan;

TEST(DiscoveryTest, FindsSourcesAndHeadersAndSkipsOutputs) {
  TempTree T;
  T.write("src/a.c", "int a;\n");
  T.write("src/b.cpp", "int b;\n");
  T.write("include/x.h", "int x;\n");
  T.write("README.md", "text\n");
  T.write(".git/hooks/h.c", "int h;\n");
  T.write("out/CMakeCache.txt", "\n");
  T.write("out/gen.c", "int g;\n");
  T.write("third_party/z.c", "int z;\n");
  DiscoveryOptions O;
  O.Excludes = {"third_party"};
  auto Tree = discoverSources(T.root(), O);
  ASSERT_TRUE(bool(Tree)) << llvm::toString(Tree.takeError());
  EXPECT_EQ(Tree->Sources, (std::vector<std::string>{"src/a.c", "src/b.cpp"}));
  EXPECT_EQ(Tree->Headers, (std::vector<std::string>{"include/x.h"}));
  EXPECT_TRUE(Tree->Problems.empty());
}

TEST(DiscoveryTest, ReportsOversizedFiles) {
  TempTree T;
  T.write("big.c", std::string(4096, 'x'));
  T.write("small.c", "int s;\n");
  DiscoveryOptions O;
  O.MaxFileBytes = 1024;
  auto Tree = discoverSources(T.root(), O);
  ASSERT_TRUE(bool(Tree));
  EXPECT_EQ(Tree->Sources, (std::vector<std::string>{"small.c"}));
  ASSERT_EQ(Tree->Problems.size(), 1u);
  EXPECT_NE(Tree->Problems[0].find("big.c: skipped: 4096 bytes"), std::string::npos);
}

TEST(DiscoveryTest, RefusesAMissingRoot) {
  auto Tree = discoverSources("/nonexistent/portolan-root", {});
  ASSERT_FALSE(bool(Tree));
  EXPECT_NE(llvm::toString(Tree.takeError()).find("/nonexistent/portolan-root"),
            std::string::npos);
}

TEST(DiscoveryTest, ClassifiesExtensions) {
  EXPECT_TRUE(isSourceFileName("a.cc"));
  EXPECT_TRUE(isSourceFileName("a.cxx"));
  EXPECT_FALSE(isSourceFileName("a.h"));
  EXPECT_TRUE(isHeaderFileName("a.hpp"));
  EXPECT_TRUE(isHeaderFileName("a.inl"));
  EXPECT_FALSE(isHeaderFileName("a.txt"));
}
