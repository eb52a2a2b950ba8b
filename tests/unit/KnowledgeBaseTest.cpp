#include "portolan/kb/KbCompiler.h"
#include "portolan/kb/KnowledgeBase.h"

#include "TempTree.h"

#include <gtest/gtest.h>
#include <llvm/Support/MemoryBuffer.h>
#include <sqlite3.h>

using namespace portolan;

namespace {

std::string slurpFile(const std::string &Path) {
  auto In = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
  return In ? (*In)->getBuffer().str() : "";
}

/// Compiles Sources into a knowledge-base file at Path, as portolan-kbc does.
void build(const std::string &Path, const std::string &Source,
           const std::string &Version = std::to_string(KbSchemaVersion)) {
  KbCompiler C;
  C.addSource("core.toml", Source);
  C.checkReferences();
  ASSERT_TRUE(C.errors().empty()) << C.errors()[0];
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &DB), SQLITE_OK);
  ASSERT_FALSE(bool(C.mergeInto(DB)));
  std::string Meta = std::string("INSERT INTO meta VALUES('schema_version', '") + Version +
                     "'), ('kb_version', 'test')";
  ASSERT_EQ(sqlite3_exec(DB, Meta.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(DB);
}

const char *const Small = R"(
[[intrinsic]]
name = "_mm_add_ps"
isa = "SSE"
kind = "function"

[[intrinsic]]
name = "_mm512_add_ps"
isa = "AVX512F"
kind = "function"

[[api]]
name = "CreateFile"
header = "fileapi.h"
dll = "kernel32.dll"
area = "files/IO"
equivalent = "open"
effort = "moderate"
source = "s"

[[equivalent]]
symbol = "_mm_add_ps"
target = "aarch64"
route = "neon"
replacement = "vaddq_f32"
cost = "direct"
source = "s"

[[equivalent]]
isa = "AVX512F"
target = "aarch64"
route = "none"
cost = "redesign"
source = "s"

[[equivalent]]
isa = "*"
target = "sw_64"
route = "none"
cost = "none"
source = "s"
)";

} // namespace

TEST(KnowledgeBaseTest, LooksUpSymbolsAndWin32Variants) {
  TempTree T;
  build(T.root() + "/kb.sqlite", Small);
  auto KB = KnowledgeBase::open(T.root() + "/kb.sqlite");
  ASSERT_TRUE(bool(KB)) << llvm::toString(KB.takeError());
  EXPECT_EQ((*KB)->version(), "test");
  auto Add = (*KB)->lookup("_mm_add_ps");
  ASSERT_TRUE(Add);
  EXPECT_EQ(Add->Kind, "intrinsic");
  EXPECT_EQ(Add->Fields["isa"], "SSE");
  EXPECT_EQ(Add->Origin, "core.toml:2:1");
  auto Wide = (*KB)->lookup("CreateFileW");
  ASSERT_TRUE(Wide);
  EXPECT_EQ(Wide->Kind, "api");
  EXPECT_EQ(Wide->Name, "CreateFile");
  EXPECT_FALSE((*KB)->lookup("CreateFileX"));
  EXPECT_FALSE((*KB)->lookup("_mm_add_psW"));
}

TEST(KnowledgeBaseTest, FallsBackToIsaWideRules) {
  TempTree T;
  build(T.root() + "/kb.sqlite", Small);
  auto KB = KnowledgeBase::open(T.root() + "/kb.sqlite");
  ASSERT_TRUE(bool(KB));
  auto Own = (*KB)->equivalents("_mm_add_ps", "aarch64");
  ASSERT_EQ(Own.size(), 1u);
  EXPECT_EQ(Own[0].Replacement, "vaddq_f32");
  EXPECT_EQ(Own[0].ByIsa, "");
  auto Wide = (*KB)->equivalents("_mm512_add_ps");
  ASSERT_EQ(Wide.size(), 2u);
  EXPECT_EQ(Wide[0].Target, "aarch64");
  EXPECT_EQ(Wide[0].Cost, "redesign");
  EXPECT_EQ(Wide[0].ByIsa, "AVX512F");
  EXPECT_EQ(Wide[1].Target, "sw_64");
  EXPECT_EQ(Wide[1].ByIsa, "*");
  EXPECT_TRUE((*KB)->equivalents("CreateFile").empty());
}

TEST(KnowledgeBaseTest, SearchesByGlob) {
  TempTree T;
  build(T.root() + "/kb.sqlite", Small);
  auto KB = KnowledgeBase::open(T.root() + "/kb.sqlite");
  ASSERT_TRUE(bool(KB));
  auto R = (*KB)->search("*add_ps", 10);
  ASSERT_EQ(R.size(), 2u);
  EXPECT_EQ(R[0].second, "_mm512_add_ps");
}

TEST(KnowledgeBaseTest, RefusesAnotherSchemaVersionAndMissingFiles) {
  TempTree T;
  build(T.root() + "/kb.sqlite", Small, "7");
  auto KB = KnowledgeBase::open(T.root() + "/kb.sqlite");
  ASSERT_FALSE(bool(KB));
  EXPECT_EQ(llvm::toString(KB.takeError()),
            T.root() + "/kb.sqlite: knowledge base schema version 7, this build reads version " +
                std::to_string(KbSchemaVersion));
  auto Missing = KnowledgeBase::open(T.root() + "/none.sqlite");
  ASSERT_FALSE(bool(Missing));
  EXPECT_EQ(llvm::toString(Missing.takeError()),
            T.root() + "/none.sqlite: knowledge base not found");
}

TEST(KnowledgeBaseTest, MergesAFragmentAndRefusesAConflictingOne) {
  TempTree T;
  build(T.root() + "/kb.sqlite", Small);
  auto KB = KnowledgeBase::open(T.root() + "/kb.sqlite");
  ASSERT_TRUE(bool(KB));
  std::string Good = T.write("good.toml", "[[equivalent]]\nsymbol = \"_mm_add_ps\"\n"
                                          "target = \"aarch64\"\nroute = \"library\"\n"
                                          "replacement = \"acme_add\"\ncost = \"direct\"\n"
                                          "source = \"Acme SDK manual\"\n");
  ASSERT_FALSE(bool((*KB)->mergeFragment(Good)));
  EXPECT_EQ((*KB)->equivalents("_mm_add_ps", "aarch64").size(), 2u);
  std::string Bad = T.write("bad.toml", "[[intrinsic]]\nname = \"_mm_add_ps\"\nisa = \"SSE\"\n"
                                        "kind = \"function\"\n");
  llvm::Error E = (*KB)->mergeFragment(Bad);
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            Bad + ":1:1: error: intrinsic '_mm_add_ps' is already defined at core.toml:2:1");
  // The file on disk is untouched: a new open does not see the fragment.
  auto Again = KnowledgeBase::open(T.root() + "/kb.sqlite");
  EXPECT_EQ((*Again)->equivalents("_mm_add_ps", "aarch64").size(), 1u);
}

// The knowledge base the build ships: what issue-level promises rest on.
TEST(KnowledgeBaseTest, TheShippedKnowledgeBaseCoversItsPromises) {
  auto KB = KnowledgeBase::open(PORTOLAN_KB_FILE);
  ASSERT_TRUE(bool(KB)) << llvm::toString(KB.takeError());
  KbStats S = (*KB)->stats();
  std::map<std::string, int64_t> Tables(S.Tables.begin(), S.Tables.end());
  EXPECT_GE(Tables["intrinsics"], 6700);
  EXPECT_GE(Tables["apis"], 300);
  EXPECT_GE(Tables["cpus"], 10);
  EXPECT_GE(Tables["oses"], 5);
  EXPECT_GT(S.SseFamily, 700);
  EXPECT_EQ(S.SseFamilyWithArm64, S.SseFamily) << "an SSE-family name has no ARM64 entry";
  auto Add = (*KB)->equivalents("_mm_add_epi32", "loongarch64");
  ASSERT_FALSE(Add.empty());
  EXPECT_EQ(Add[0].Route, "lsx");
  auto User = (*KB)->lookupWin32Header("winuser.h");
  ASSERT_TRUE(User);
  EXPECT_EQ(User->Fields["effort"], "redesign");
  auto Hygon = (*KB)->cpu("hygon-c86-dhyana");
  ASSERT_TRUE(Hygon);
  EXPECT_EQ(Hygon->Arch, "x86_64");
}

// Issue 15, row 2: a damaged knowledge base is refused, with why, instead
// of answering "unknown" for the symbols on its lost pages.
TEST(KnowledgeBaseTest, ADamagedKnowledgeBaseIsRefused) {
  TempTree T;
  std::string Shipped = T.root() + "/kb.sqlite";
  {
    auto In = llvm::MemoryBuffer::getFile(PORTOLAN_KB_FILE, /*IsText=*/false);
    ASSERT_TRUE(bool(In));
    T.write("kb.sqlite", (*In)->getBuffer().str());
  }
  ASSERT_TRUE(bool(KnowledgeBase::open(Shipped)));
  // A row changed after portolan-kbc wrote the file.
  std::string Changed = T.write("changed.sqlite", slurpFile(Shipped));
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(Changed.c_str(), &DB), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(DB, "UPDATE equivalents SET replacement = 'x' WHERE rowid = 1", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(DB);
  auto KB = KnowledgeBase::open(Changed);
  ASSERT_FALSE(bool(KB));
  EXPECT_EQ(llvm::toString(KB.takeError()),
            Changed + ": knowledge base damaged (its rows do not match the content hash "
                      "portolan-kbc recorded); rebuild it with portolan-kbc");
  // dd if=/dev/zero of=kb.sqlite bs=4096 seek=60 count=20 conv=notrunc
  std::string Bytes = slurpFile(Shipped);
  ASSERT_GT(Bytes.size(), 80u * 4096);
  std::fill(Bytes.begin() + 60 * 4096, Bytes.begin() + 80 * 4096, '\0');
  std::string Zeroed = T.write("zeroed.sqlite", Bytes);
  auto Damaged = KnowledgeBase::open(Zeroed);
  ASSERT_FALSE(bool(Damaged));
  std::string Message = llvm::toString(Damaged.takeError());
  EXPECT_TRUE(llvm::StringRef(Message).starts_with(Zeroed + ": knowledge base damaged ("))
      << Message;
  EXPECT_EQ(Message.find('\n'), std::string::npos);
}
