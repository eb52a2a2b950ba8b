// A results file is checked before it is trusted (issue 15, rows 1 and 12):
// a damaged one is moved aside, a unit that lost rows is parsed again, and
// a run whose process ended is marked interrupted and its units reused.
#include "portolan/store/ResultsStore.h"

#include "TempTree.h"

#include <gtest/gtest.h>
#include <llvm/Support/FileSystem.h>
#include <sqlite3.h>

#include <fstream>

#include <sys/wait.h>
#include <unistd.h>

using namespace portolan;

namespace {

TUResult unitWith(const std::string &File, unsigned Findings) {
  TUResult U;
  U.File = File;
  U.CommandSource = "inferred";
  U.Parsed = true;
  U.CacheKey = "key-" + File;
  U.FilesRead = {File};
  U.FileHashes = {"hash-" + File};
  for (unsigned I = 1; I <= Findings; ++I) {
    Finding F;
    F.Rule = "x86.intrinsic";
    F.Symbol = "_mm_add_epi32";
    F.File = File;
    F.Line = I;
    F.Column = 1;
    F.Analyzer = "x86-intrinsics";
    U.Findings.push_back(F);
  }
  return U;
}

std::string hashOf(const std::string &File) { return "hash-" + File; }

/// A results file at Path with one complete run of /src: units a.c (3
/// findings) and b.c (200, enough pages for damage to land on).
void writeRun(const std::string &Path) {
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto Run = (*Store)->beginRun("/src");
  ASSERT_TRUE(bool(Run));
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, unitWith("a.c", 3))));
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, unitWith("b.c", 200))));
  ASSERT_FALSE(bool((*Store)->finishRun(*Run, "complete")));
}

void sql(const std::string &Path, const char *Statements) {
  sqlite3 *DB = nullptr;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &DB), SQLITE_OK);
  char *Message = nullptr;
  EXPECT_EQ(sqlite3_exec(DB, Statements, nullptr, nullptr, &Message), SQLITE_OK)
      << (Message ? Message : "");
  sqlite3_free(Message);
  sqlite3_close(DB);
}

/// The files in Folder whose name starts with Prefix.
std::vector<std::string> filesStartingWith(const std::string &Folder, llvm::StringRef Prefix) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator I(Folder, EC), E; I != E && !EC; I.increment(EC))
    if (llvm::StringRef Name = llvm::sys::path::filename(I->path()); Name.starts_with(Prefix))
      Out.push_back(Name.str());
  return Out;
}

} // namespace

TEST(ResultsIntegrityTest, AFileWithALostTableIsMovedAsideAndStartedAnew) {
  TempTree T;
  std::string Path = T.root() + "/r.db";
  writeRun(Path);
  // Without the check, the schema would create an empty findings table
  // and every unit would be reused without its findings.
  sql(Path, "PRAGMA foreign_keys=OFF; DROP TABLE findings;");
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  EXPECT_NE((*Store)->recovered().find("r.db: damaged (its table findings is missing); moved "
                                       "aside to " + Path + ".damaged-"),
            std::string::npos)
      << (*Store)->recovered();
  EXPECT_EQ(filesStartingWith(T.root(), "r.db.damaged-").size(), 1u);
  EXPECT_FALSE((*Store)->reusableUnit("/src", "a.c", "key-a.c", hashOf));
  auto Run = (*Store)->beginRun("/src");
  ASSERT_TRUE(bool(Run));
  EXPECT_EQ(*Run, 1);
}

TEST(ResultsIntegrityTest, AFileWithDamagedPagesIsMovedAside) {
  TempTree T;
  std::string Path = T.root() + "/r.db";
  writeRun(Path);
  sql(Path, "PRAGMA wal_checkpoint(TRUNCATE);");
  uint64_t Size = 0;
  ASSERT_FALSE(llvm::sys::fs::file_size(Path, Size));
  ASSERT_GE(Size, 8u * 4096);
  {
    // dd if=/dev/zero of=r.db bs=4096 seek=4 count=4 conv=notrunc
    std::fstream File(Path, std::ios::in | std::ios::out | std::ios::binary);
    File.seekp(4 * 4096);
    std::string Zeros(4 * 4096, '\0');
    File.write(Zeros.data(), Zeros.size());
  }
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  EXPECT_NE((*Store)->recovered().find("r.db: damaged ("), std::string::npos);
  EXPECT_EQ((*Store)->recovered().find('\n'), std::string::npos);
  EXPECT_FALSE((*Store)->reusableUnit("/src", "b.c", "key-b.c", hashOf));
}

TEST(ResultsIntegrityTest, AUnitThatLostRowsIsNotReused) {
  TempTree T;
  std::string Path = T.root() + "/r.db";
  writeRun(Path);
  sql(Path, "DELETE FROM finding_units WHERE rowid IN "
            "(SELECT fu.rowid FROM finding_units fu JOIN units u ON u.id = fu.unit_id "
            "WHERE u.file = 'b.c' LIMIT 30);");
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  EXPECT_EQ((*Store)->recovered(), "");
  std::optional<TUResult> A = (*Store)->reusableUnit("/src", "a.c", "key-a.c", hashOf);
  ASSERT_TRUE(A);
  EXPECT_EQ(A->Findings.size(), 3u);
  EXPECT_FALSE((*Store)->reusableUnit("/src", "b.c", "key-b.c", hashOf));
  EXPECT_EQ((*Store)->takeIncomplete(),
            Path + ": 1 stored unit had lost rows and was parsed again (first: b.c (170 of "
                   "200 findings))");
  EXPECT_EQ((*Store)->takeIncomplete(), "");
}

TEST(ResultsIntegrityTest, ARunWhoseProcessEndedIsInterruptedAndItsUnitsReused) {
  TempTree T;
  std::string Path = T.root() + "/r.db";
  // A process that starts a run, stores a unit and ends without finishing.
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    auto Store = ResultsStore::open(Path);
    if (!Store)
      _exit(1);
    auto Run = (*Store)->beginRun("/src");
    if (!Run || (*Store)->recordUnit(*Run, unitWith("a.c", 3)))
      _exit(2);
    _exit(0);
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  ASSERT_TRUE(WIFEXITED(Status) && WEXITSTATUS(Status) == 0);

  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto Left = (*Store)->loadRun(1);
  ASSERT_TRUE(bool(Left));
  EXPECT_EQ(Left->Status, "running");
  auto Run = (*Store)->beginRun("/src");
  ASSERT_TRUE(bool(Run));
  EXPECT_EQ(*Run, 2);
  auto Ended = (*Store)->loadRun(1);
  ASSERT_TRUE(bool(Ended));
  EXPECT_EQ(Ended->Status, "interrupted");
  EXPECT_FALSE(Ended->FinishedAt.empty());
  std::optional<TUResult> A = (*Store)->reusableUnit("/src", "a.c", "key-a.c", hashOf);
  ASSERT_TRUE(A);
  EXPECT_EQ(A->ReusedFrom, 1);
  EXPECT_EQ(A->Findings.size(), 3u);
  // This process's own run stays running while it lives.
  ASSERT_TRUE(bool((*Store)->beginRun("/src")));
  auto Mine = (*Store)->loadRun(2);
  ASSERT_TRUE(bool(Mine));
  EXPECT_EQ(Mine->Status, "running");
  // An interrupted run is never taken as the whole of a later one.
  auto Count = (*Store)->unitCount(1);
  ASSERT_TRUE(bool(Count));
  EXPECT_EQ(*Count, 0u);
}
