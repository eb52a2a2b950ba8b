#include "portolan/store/ResultsStore.h"

#include "TempTree.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace portolan;

namespace {

Finding finding(const std::string &File, unsigned Line, const std::string &Symbol) {
  Finding F;
  F.Rule = "x86.intrinsic";
  F.Symbol = Symbol;
  F.File = File;
  F.Line = Line;
  F.Column = 3;
  F.Analyzer = "x86-intrinsics";
  F.Snippet = Symbol + "(a, b);";
  return F;
}

TUResult unit(const std::string &File, std::vector<Finding> Findings) {
  TUResult U;
  U.File = File;
  U.CommandSource = "inferred";
  U.Parsed = true;
  U.ParseSeconds = 0.25;
  U.Findings = std::move(Findings);
  return U;
}

} // namespace

TEST(ResultsStoreTest, MergesFindingsSeenThroughSeveralUnits) {
  TempTree T;
  auto Store = ResultsStore::open(T.root() + "/sub/results.db");
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto Run = (*Store)->beginRun("/src");
  ASSERT_TRUE(bool(Run));
  Finding Shared = finding("vec.h", 2, "_mm_add_epi32");
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, unit("a.c", {Shared, finding("a.c", 5, "_mm_mul_ps")}))));
  TUResult B = unit("b.c", {Shared});
  B.FilesRead = {"b.c", "vec.h"};
  B.Errors.push_back({"b.c", 3, 10, "'missing.h' file not found"});
  B.AnalyzerErrors.push_back({"fixture", "analyzeAST threw: boom"});
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, B)));
  ASSERT_FALSE(bool((*Store)->finishRun(*Run, "complete")));

  auto R = (*Store)->loadRun(*Run);
  ASSERT_TRUE(bool(R));
  EXPECT_EQ(R->Status, "complete");
  ASSERT_EQ(R->Findings.size(), 2u);
  EXPECT_EQ(R->Findings[0].F.File, "a.c");
  EXPECT_EQ(R->Findings[0].UnitCount, 1u);
  EXPECT_EQ(R->Findings[1].F.File, "vec.h");
  EXPECT_EQ(R->Findings[1].UnitCount, 2u);
  ASSERT_EQ(R->Units.size(), 2u);
  EXPECT_EQ(R->Units[1].Errors.size(), 1u);
  EXPECT_EQ(R->Units[1].Errors[0].Message, "'missing.h' file not found");
  ASSERT_EQ(R->Units[1].AnalyzerErrors.size(), 1u);
  EXPECT_EQ(R->Units[1].AnalyzerErrors[0].Analyzer, "fixture");

  // The files each unit read are kept for rescans.
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open((T.root() + "/sub/results.db").c_str(), &DB), SQLITE_OK);
  sqlite3_stmt *S;
  sqlite3_prepare_v2(DB, "SELECT group_concat(f.file, ',') FROM unit_files f JOIN units u "
                         "ON u.id = f.unit_id WHERE u.file = 'b.c'", -1, &S, nullptr);
  ASSERT_EQ(sqlite3_step(S), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char *>(sqlite3_column_text(S, 0))), "b.c,vec.h");
  sqlite3_finalize(S);
  sqlite3_close(DB);
}

TEST(ResultsStoreTest, KeepsRunsApartAndSurvivesReopening) {
  TempTree T;
  std::string Path = T.root() + "/results.db";
  int64_t First;
  {
    auto Store = ResultsStore::open(Path);
    ASSERT_TRUE(bool(Store));
    First = *(*Store)->beginRun("/src");
    ASSERT_FALSE(bool((*Store)->recordUnit(First, unit("a.c", {finding("a.c", 1, "_mm_add_ps")}))));
  }
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store));
  int64_t Second = *(*Store)->beginRun("/src");
  EXPECT_NE(First, Second);
  auto R1 = (*Store)->loadRun(First);
  auto R2 = (*Store)->loadRun(Second);
  ASSERT_TRUE(R1 && R2);
  EXPECT_EQ(R1->Findings.size(), 1u);
  EXPECT_EQ(R1->Status, "running"); // Interrupted runs keep what they stored.
  EXPECT_EQ(R2->Findings.size(), 0u);
}

TEST(ResultsStoreTest, RefusesAnotherSchemaVersion) {
  TempTree T;
  std::string Path = T.root() + "/old.db";
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &DB), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(DB, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                             "INSERT INTO meta VALUES('schema_version', '999');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(DB);
  auto Store = ResultsStore::open(Path);
  ASSERT_FALSE(bool(Store));
  EXPECT_EQ(llvm::toString(Store.takeError()),
            Path + ": results schema version 999, this build reads version 4");
}

TEST(ResultsStoreTest, RefusesAFileThatIsNotADatabase) {
  TempTree T;
  std::string Path = T.write("notes.db", "these are not the results you are looking for\n"
                                         "padding padding padding padding padding padding\n");
  auto Store = ResultsStore::open(Path);
  ASSERT_FALSE(bool(Store));
  EXPECT_NE(llvm::toString(Store.takeError()).find(Path), std::string::npos);
}

TEST(ResultsStoreTest, UpgradesAVersionOneFileAndKeepsItsRuns) {
  TempTree T;
  std::string Path = T.root() + "/v1.db";
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &DB), SQLITE_OK);
  // The findings table as version 1 wrote it, with one stored finding.
  ASSERT_EQ(sqlite3_exec(DB,
                         "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                         "INSERT INTO meta VALUES('schema_version', '1');"
                         "CREATE TABLE runs(id INTEGER PRIMARY KEY, root TEXT NOT NULL,"
                         " started_at TEXT NOT NULL DEFAULT '', finished_at TEXT,"
                         " status TEXT NOT NULL DEFAULT 'running', kb_version TEXT,"
                         " included_sources INTEGER NOT NULL DEFAULT 0);"
                         "INSERT INTO runs(id, root, status) VALUES(1, '/src', 'complete');"
                         "CREATE TABLE findings(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL,"
                         " rule TEXT NOT NULL, symbol TEXT NOT NULL, file TEXT NOT NULL,"
                         " line INTEGER NOT NULL, col INTEGER NOT NULL, analyzer TEXT NOT NULL,"
                         " note TEXT NOT NULL, snippet TEXT NOT NULL,"
                         " UNIQUE(run_id, rule, symbol, file, line, col));"
                         "INSERT INTO findings VALUES(1, 1, 'x86.intrinsic', '_mm_add_ps', 'a.c',"
                         " 2, 3, 'x86-intrinsics', '', '');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(DB);
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto R = (*Store)->loadRun(1);
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  ASSERT_EQ(R->Findings.size(), 1u);
  EXPECT_EQ(R->Findings[0].F.Symbol, "_mm_add_ps");
  EXPECT_EQ(R->Findings[0].F.Guard, "none");
  EXPECT_FALSE(R->Findings[0].F.Inactive);
  // And the upgraded file takes new runs with guard contexts.
  auto Run = (*Store)->beginRun("/src");
  ASSERT_TRUE(bool(Run));
  Finding F = finding("b.c", 4, "_mm_sub_ps");
  F.Guard = "has-fallback";
  F.Inactive = true;
  ASSERT_FALSE(bool((*Store)->recordUnit(*Run, unit("b.c", {F}))));
  auto R2 = (*Store)->loadRun(*Run);
  ASSERT_TRUE(bool(R2));
  ASSERT_EQ(R2->Findings.size(), 1u);
  EXPECT_EQ(R2->Findings[0].F.Guard, "has-fallback");
  EXPECT_TRUE(R2->Findings[0].F.Inactive);
  EXPECT_EQ(R2->Findings[0].F.TargetCheck, "");
}

TEST(ResultsStoreTest, ARunWithTheSameResultsReadsThemFromTheEarlierRun) {
  TempTree T;
  std::string Path = T.root() + "/results.db";
  int64_t First, Second;
  {
    auto Store = ResultsStore::open(Path);
    ASSERT_TRUE(bool(Store));
    First = *(*Store)->beginRun("/src");
    ASSERT_FALSE(bool((*Store)->recordUnit(First, unit("a.c", {finding("a.c", 1, "_mm_add_ps")}))));
    ASSERT_FALSE(bool((*Store)->recordUnit(First, unit("b.c", {}))));
    ASSERT_FALSE(bool((*Store)->finishRun(First, "complete")));
    EXPECT_EQ(*(*Store)->unitCount(First), 2u);
    Second = *(*Store)->beginRun("/src");
    ASSERT_FALSE(bool((*Store)->recordSameResultsAs(Second, First)));
    ASSERT_FALSE(bool((*Store)->finishRun(Second, "complete")));
    EXPECT_EQ(*(*Store)->unitCount(Second), 0u); // Nothing copied.
  }
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto R = (*Store)->loadRun(Second);
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_EQ(R->RunId, Second);
  ASSERT_EQ(R->Units.size(), 2u);
  EXPECT_EQ(R->Units[0].ReusedFrom, First); // Reported as reused, not parsed again.
  ASSERT_EQ(R->Findings.size(), 1u);
  EXPECT_EQ(R->Findings[0].F.Symbol, "_mm_add_ps");
  auto R1 = (*Store)->loadRun(First);
  ASSERT_TRUE(bool(R1));
  EXPECT_EQ(R1->Units[0].ReusedFrom, 0);
}

TEST(ResultsStoreTest, AVersionThreeFileWithoutResultsFromIsUpgraded) {
  TempTree T;
  std::string Path = T.root() + "/results.db";
  {
    auto Store = ResultsStore::open(Path);
    ASSERT_TRUE(bool(Store));
    int64_t Run = *(*Store)->beginRun("/src");
    ASSERT_FALSE(bool((*Store)->recordUnit(Run, unit("a.c", {finding("a.c", 1, "_mm_add_ps")}))));
  }
  sqlite3 *DB;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &DB), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(DB, "ALTER TABLE runs DROP COLUMN results_from;", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(DB);
  auto Store = ResultsStore::open(Path);
  ASSERT_TRUE(bool(Store)) << llvm::toString(Store.takeError());
  auto R = (*Store)->loadRun(1);
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_EQ(R->Findings.size(), 1u);
}
