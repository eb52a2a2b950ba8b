#include "ParseFiles.h"

#include "TempTree.h"

#include <gtest/gtest.h>

using namespace portolan;

TEST(ParseFilesTest, WindowsNamesAreFoundAsWindowsFindsThem) {
  TempTree T;
  T.write("Include/Sub/helper.h", "int helper;\n");
  auto FS = windowsFileNames(llvm::vfs::createPhysicalFileSystem());
  ASSERT_FALSE(FS->setCurrentWorkingDirectory(T.root()));

  // Case and '\' apart, the name on disk, and saying it is another name.
  for (const char *Asked : {"include/SUB/Helper.H", "Include\\Sub\\helper.h",
                            "./include/sub/../Sub/HELPER.h"}) {
    llvm::ErrorOr<llvm::vfs::Status> S = FS->status(Asked);
    ASSERT_TRUE(bool(S)) << Asked;
    EXPECT_EQ(S->getName(), T.root() + "/Include/Sub/helper.h") << Asked;
    EXPECT_TRUE(S->ExposesExternalVFSPath) << Asked;
    auto F = FS->openFileForRead(Asked);
    ASSERT_TRUE(bool(F)) << Asked;
    EXPECT_EQ((*F)->status()->getName(), T.root() + "/Include/Sub/helper.h");
    EXPECT_TRUE((*F)->status()->ExposesExternalVFSPath);
    EXPECT_EQ((*(*F)->getBuffer(Asked))->getBuffer(), "int helper;\n");
  }
  // A folder too; a name found as written is untouched.
  ASSERT_TRUE(bool(FS->status("INCLUDE/sub")));
  EXPECT_TRUE(FS->status("INCLUDE/sub")->isDirectory());
  EXPECT_FALSE(FS->status("Include/Sub/helper.h")->ExposesExternalVFSPath);
  // What does not exist in any case stays missing.
  for (const char *Asked : {"include/sub/other.h", "nowhere/helper.h", "Include/Sub/helper.h/x"})
    EXPECT_FALSE(bool(FS->status(Asked))) << Asked;
}
