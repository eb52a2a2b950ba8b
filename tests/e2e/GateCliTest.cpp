//===- GateCliTest.cpp - SARIF fingerprints, baselines and --fail-on ------===//
#include "CliRun.h"

#include <map>
#include <set>

using namespace portolan_test;

namespace {

const char *Version1 = "#include <immintrin.h>\n"
                       "void kept(void) { _mm_pause(); }\n"
                       "void gone(void) { _mm_lfence(); }\n";

/// Version1 with three lines above, gone() removed, and a new intrinsic,
/// guarded with a fallback (so not blocking).
const char *Version2 = "// one\n// two\n// three\n"
                       "#include <immintrin.h>\n"
                       "void kept(void) {   _mm_pause(); }\n"
                       "#ifdef __x86_64__\n"
                       "void added(void) { _mm_mfence(); }\n"
                       "#else\n"
                       "void added(void) {}\n"
                       "#endif\n";

/// Fingerprint -> (symbol, line) of a SARIF log's results.
std::map<std::string, std::pair<std::string, int64_t>> sarifPrints(const std::string &Text) {
  std::map<std::string, std::pair<std::string, int64_t>> Prints;
  llvm::json::Value V = parseJson(Text);
  for (const llvm::json::Value &Run : *V.getAsObject()->getArray("runs"))
    for (const llvm::json::Value &R : *Run.getAsObject()->getArray("results")) {
      const llvm::json::Object &O = *R.getAsObject();
      std::string Print = O.getObject("partialFingerprints")->getString("portolanFinding/v1")->str();
      const llvm::json::Object &Region = *(*O.getArray("locations"))[0]
                                              .getAsObject()
                                              ->getObject("physicalLocation")
                                              ->getObject("region");
      Prints[Print] = {O.getObject("properties")->getString("symbol")->str(),
                       *Region.getInteger("startLine")};
    }
  return Prints;
}

TEST(GateCli, FingerprintsStayWhenLinesAreInsertedAbove) {
  TempTree T;
  T.write("src/a.c", "#include <immintrin.h>\n"
                     "void f(void) { _mm_pause(); _mm_pause(); }\n"
                     "void g(void) { _mm_lfence(); }\n");
  Result Before = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format",
                          "sarif", "--in-process"});
  ASSERT_EQ(Before.Exit, 0) << Before.Err;
  T.write("src/a.c", "// added\n\n// lines\n#include <immintrin.h>\n"
                     "void f(void) {\t_mm_pause();  _mm_pause(); }\n"
                     "void g(void) { _mm_lfence(); }\n");
  Result After = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format",
                         "sarif", "--in-process"});
  ASSERT_EQ(After.Exit, 0) << After.Err;
  auto A = sarifPrints(Before.Out), B = sarifPrints(After.Out);
  ASSERT_EQ(A.size(), 3u) << Before.Out; // The two _mm_pause calls differ.
  ASSERT_EQ(B.size(), 3u);
  for (const auto &[Print, At] : A) {
    ASSERT_TRUE(B.count(Print)) << At.first << " at line " << At.second << " lost its print";
    EXPECT_EQ(B[Print].first, At.first);
    EXPECT_EQ(B[Print].second, At.second + 3);
  }
}

struct Gate {
  TempTree T;
  std::string Db() { return T.root() + "/r.db"; }
  std::string Src() { return T.root() + "/src"; }
  Result scan(std::vector<std::string> Extra) {
    std::vector<std::string> Args = {"scan", Src(), "--db", Db(), "--in-process"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(T, Args);
  }
};

TEST(GateCli, ABaselineOfEachKindMarksNewUnchangedAndFixed) {
  Gate G;
  G.T.write("src/a.c", Version1);
  ASSERT_EQ(G.scan({"--format", "json", "-o", G.T.root() + "/old.json"}).Exit, 0);
  ASSERT_EQ(G.scan({"--format", "sarif", "-o", G.T.root() + "/old.sarif"}).Exit, 0);
  // A results file of its own, so that its latest run is version 1's.
  ASSERT_EQ(run(G.T, {"scan", G.Src(), "--db", G.T.root() + "/old.db", "--in-process"}).Exit, 0);
  G.T.write("src/a.c", Version2);
  for (const char *Old : {"old.json", "old.sarif", "old.db"}) {
    SCOPED_TRACE(Old);
    Result R = G.scan({"--format", "json", "--baseline", G.T.root() + "/" + Old});
    ASSERT_EQ(R.Exit, 0) << R.Err;
    llvm::json::Value V = parseJson(R.Out);
    const llvm::json::Object &Report = *V.getAsObject();
    std::map<std::string, std::string> State;
    for (const llvm::json::Value &F : *Report.getArray("findings"))
      State[F.getAsObject()->getString("symbol")->str()] =
          F.getAsObject()->getString("baseline")->str();
    EXPECT_EQ(State["_mm_pause"], "unchanged"); // Moved down 3 lines, re-indented.
    EXPECT_EQ(State["_mm_mfence"], "new");
    EXPECT_EQ(State["__x86_64__"], "new");
    const llvm::json::Object &Baseline = *Report.getObject("baseline");
    EXPECT_EQ(*Baseline.getInteger("new"), 2);
    EXPECT_EQ(*Baseline.getInteger("unchanged"), 1);
    const llvm::json::Array &Fixed = *Baseline.getArray("fixed");
    ASSERT_EQ(Fixed.size(), 1u);
    EXPECT_EQ(*Fixed[0].getAsObject()->getString("symbol"), "_mm_lfence");
    EXPECT_EQ(*Fixed[0].getAsObject()->getInteger("line"), 3);

    Result Text = G.scan({"--baseline", G.T.root() + "/" + Old});
    EXPECT_NE(Text.Out.find("2 new, 1 unchanged, 1 fixed"), std::string::npos) << Text.Out;
    // The text report leads with what is new, before the whole scan.
    EXPECT_LT(Text.Out.find("New findings:"), Text.Out.find("The whole scan:"));
    EXPECT_NE(Text.Out.find("a.c:3:19: x86.intrinsic _mm_lfence"), std::string::npos)
        << Text.Out;
  }
}

TEST(GateCli, FailOnSetsTheExitCode) {
  Gate G;
  G.T.write("src/a.c", Version1);
  ASSERT_EQ(G.scan({"--format", "json", "-o", G.T.root() + "/old.json"}).Exit, 0);
  std::string Old = G.T.root() + "/old.json";

  // Nothing new yet: no gate fails.
  EXPECT_EQ(G.scan({"--baseline", Old, "--fail-on", "new"}).Exit, 0);
  // Version 1 has blocking findings of its own; against itself none is new.
  Result Blocking = G.scan({"--fail-on", "blocking"});
  EXPECT_EQ(Blocking.Exit, 5);
  EXPECT_NE(Blocking.Err.find("--fail-on blocking: 2 blocking findings (first: a.c:2 "
                              "x86.intrinsic _mm_pause)"),
            std::string::npos)
      << Blocking.Err;
  EXPECT_EQ(G.scan({"--baseline", Old, "--fail-on", "blocking"}).Exit, 0);
  EXPECT_EQ(G.scan({"--fail-on", "none"}).Exit, 0);

  // Version 2 adds findings, none of them blocking (the new one has an #else).
  G.T.write("src/a.c", Version2);
  Result New = G.scan({"--baseline", Old, "--fail-on", "new"});
  EXPECT_EQ(New.Exit, 5);
  EXPECT_NE(New.Err.find("--fail-on new: 2 new findings"), std::string::npos) << New.Err;
  EXPECT_EQ(G.scan({"--baseline", Old, "--fail-on", "blocking"}).Exit, 0);
  // A new blocking finding fails it.
  G.T.write("src/b.c", "#include <immintrin.h>\nvoid b(void) { _mm_sfence(); }\n");
  Result NewBlocking = G.scan({"--baseline", Old, "--fail-on", "blocking"});
  EXPECT_EQ(NewBlocking.Exit, 5);
  EXPECT_NE(NewBlocking.Err.find("1 new blocking finding (first: b.c:2 x86.intrinsic "
                                 "_mm_sfence)"),
            std::string::npos)
      << NewBlocking.Err;
}

TEST(GateCli, BadBaselinesAndGatesAreOneLineErrors) {
  Gate G;
  G.T.write("src/a.c", Version1);
  Result NoBaseline = G.scan({"--fail-on", "new"});
  EXPECT_EQ(NoBaseline.Exit, 1);
  EXPECT_NE(NoBaseline.Err.find("--fail-on new needs --baseline"), std::string::npos);

  std::string Text = G.T.write("notes.txt", "not a report\n");
  Result NotReport = G.scan({"--baseline", Text});
  EXPECT_EQ(NotReport.Exit, 2);
  EXPECT_NE(NotReport.Err.find("baseline " + Text + ": not a results file, and not JSON"),
            std::string::npos)
      << NotReport.Err;
  EXPECT_EQ(lines(NotReport.Err), 1u) << NotReport.Err;

  std::string Foreign = G.T.write("other.sarif", R"({"version": "2.1.0", "runs": [{"tool":
      {"driver": {"name": "x"}}, "results": [{"ruleId": "r", "message": {"text": "m"}}]}]})");
  Result NotOurs = G.scan({"--baseline", Foreign});
  EXPECT_EQ(NotOurs.Exit, 2);
  EXPECT_NE(NotOurs.Err.find("without the 'portolanFinding/v1' fingerprint"), std::string::npos)
      << NotOurs.Err;

  Result Missing = G.scan({"--baseline", G.T.root() + "/none.db"});
  EXPECT_EQ(Missing.Exit, 2);
  EXPECT_NE(Missing.Err.find("none.db: No such file or directory"), std::string::npos)
      << Missing.Err;
  // Nothing is scanned or stored when the baseline is unusable.
  EXPECT_FALSE(llvm::sys::fs::exists(G.Db()));
}

} // namespace

namespace {

TEST(GateCli, TheProjectConfigurationAndCommentsSuppressFindings) {
  Gate G;
  G.T.write("src/a.c", "#include <immintrin.h>\n"
                       "void f(void) { _mm_pause(); } // portolan: ignore x86.* spin wait, "
                       "a yield on ARM\n"
                       "void g(void) { _mm_lfence(); }\n");
  G.T.write("src/legacy/old.c", "#include <immintrin.h>\nvoid h(void) { _mm_sfence(); }\n");
  G.T.write("src/portolan.toml", "[[suppress]]\npath = \"legacy/*\"\n"
                                 "reason = \"retired with the 2027 release\"\n"
                                 "[rules]\n\"x86.intrinsic\" = \"warning\"\n");
  Result R = G.scan({"--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object &Report = *V.getAsObject();
  ASSERT_EQ(Report.getArray("findings")->size(), 1u) << R.Out;
  EXPECT_EQ(*(*Report.getArray("findings"))[0].getAsObject()->getString("symbol"), "_mm_lfence");
  const llvm::json::Array &Suppressed = *Report.getArray("suppressed");
  ASSERT_EQ(Suppressed.size(), 2u);
  EXPECT_EQ(*Suppressed[0].getAsObject()->getString("reason"), "spin wait, a yield on ARM");
  EXPECT_EQ(*Suppressed[1].getAsObject()->getString("origin"), "portolan.toml:1:1");
  // The rule is a warning for this project: nothing blocks.
  EXPECT_EQ(G.scan({"--fail-on", "blocking"}).Exit, 0);
  Result Sarif = G.scan({"--format", "sarif"});
  EXPECT_NE(Sarif.Out.find("\"justification\": \"retired with the 2027 release\""),
            std::string::npos);
  EXPECT_NE(Sarif.Out.find("\"level\": \"warning\""), std::string::npos);

  // Another file given with --config replaces the one at the root.
  std::string Other = G.T.write("strict.toml", "[rules]\n\"x86.*\" = \"error\"\n");
  Result Strict = G.scan({"--config", Other, "--fail-on", "blocking"});
  EXPECT_EQ(Strict.Exit, 5) << Strict.Err;
  EXPECT_NE(Strict.Err.find("2 blocking findings"), std::string::npos) << Strict.Err;
}

TEST(GateCli, AConfigurationNamingAPluginIsRefused) {
  Gate G;
  G.T.write("src/a.c", "int a;\n");
  G.T.write("src/portolan.toml", "[scan]\nplugin-dir = \"../evil\"\n");
  Result R = G.scan({});
  EXPECT_EQ(R.Exit, 2);
  EXPECT_NE(R.Err.find("portolan.toml:2:1: error: 'plugin-dir': a configuration file cannot "
                       "name plugins"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(G.Db()));
}

} // namespace

namespace {

TEST(GateCli, SuppressedFindingsAreNeitherFixedNorNewAgainstABaseline) {
  Gate G;
  G.T.write("src/a.c", "#include <immintrin.h>\n"
                       "void f(void) { _mm_pause(); }\n"
                       "void g(void) { _mm_pause(); }\n");
  G.T.write("src/portolan.toml", "[[suppress]]\nsymbol = \"_mm_pause\"\npath = \"a.c\"\n"
                                 "reason = \"spin waits stay\"\n");
  ASSERT_EQ(G.scan({"--format", "sarif", "-o", G.T.root() + "/old.sarif"}).Exit, 0);
  ASSERT_EQ(G.scan({"--format", "json", "-o", G.T.root() + "/old.json"}).Exit, 0);
  // The suppression goes: the findings are the baseline's, not new, when
  // the baseline held them (the results file keeps every finding) ...
  G.T.write("src/portolan.toml", "[rules]\n\"x86.arch-guard\" = \"note\"\n");
  Result FromDb = G.scan({"--baseline", G.Db()});
  EXPECT_NE(FromDb.Out.find("0 new, 2 unchanged, 0 fixed"), std::string::npos) << FromDb.Out;
  // ... and new against a report that did not list them.
  Result FromSarif = G.scan({"--baseline", G.T.root() + "/old.sarif"});
  EXPECT_NE(FromSarif.Out.find("2 new, 0 unchanged, 0 fixed"), std::string::npos)
      << FromSarif.Out;
  // Suppressed again: against each baseline, nothing is fixed or new.
  G.T.write("src/portolan.toml", "[[suppress]]\nsymbol = \"_mm_pause\"\n"
                                 "reason = \"spin waits stay\"\n");
  for (const std::string &Old : {G.T.root() + "/old.sarif", G.T.root() + "/old.json", G.Db()}) {
    Result R = G.scan({"--baseline", Old, "--fail-on", "new"});
    EXPECT_EQ(R.Exit, 0) << Old << "\n" << R.Out << R.Err;
    EXPECT_NE(R.Out.find("0 new, 0 unchanged, 0 fixed"), std::string::npos) << Old << R.Out;
  }
}

TEST(GateCli, AFindingWhoseFallbackWasRemovedFailsTheBlockingGate) {
  Gate G;
  G.T.write("src/a.c", "#include <immintrin.h>\n"
                       "#ifdef __x86_64__\n"
                       "void f(void) { _mm_pause(); }\n"
                       "#else\n"
                       "void f(void) {}\n"
                       "#endif\n");
  ASSERT_EQ(G.scan({"--format", "json", "-o", G.T.root() + "/old.json"}).Exit, 0);
  EXPECT_EQ(G.scan({"--baseline", G.T.root() + "/old.json", "--fail-on", "blocking"}).Exit, 0);
  G.T.write("src/a.c", "#include <immintrin.h>\n"
                       "void f(void) { _mm_pause(); }\n");
  Result R = G.scan({"--baseline", G.T.root() + "/old.json", "--fail-on", "blocking"});
  EXPECT_EQ(R.Exit, 5) << R.Out;
  EXPECT_NE(R.Err.find("1 new blocking finding (first: a.c:2 x86.intrinsic _mm_pause)"),
            std::string::npos)
      << R.Err;
}

TEST(GateCli, AResultsFileBaselineIsReadOnlyAndOfTheScannedTree) {
  Gate G;
  G.T.write("src/a.c", "#include <immintrin.h>\nvoid f(void) { _mm_pause(); }\n");
  G.T.write("other/b.c", "#include <immintrin.h>\nvoid g(void) { _mm_lfence(); }\n");
  G.T.write("third/c.c", "int c;\n");
  std::string Shared = G.T.root() + "/shared.db";
  ASSERT_EQ(run(G.T, {"scan", G.T.root() + "/other", "--db", Shared, "--in-process"}).Exit, 0);
  ASSERT_EQ(run(G.T, {"scan", G.Src(), "--db", Shared, "--in-process"}).Exit, 0);
  ASSERT_EQ(run(G.T, {"scan", G.T.root() + "/other", "--db", Shared, "--in-process"}).Exit, 0);
  // Its latest run is of other/, but one of src/ is there: that one counts.
  Result R = G.scan({"--baseline", Shared});
  EXPECT_NE(R.Out.find("0 new, 1 unchanged, 0 fixed"), std::string::npos) << R.Out << R.Err;
  // Runs of two other folders: which one is meant cannot be told.
  Result Third = run(G.T, {"scan", G.T.root() + "/third", "--db", G.T.root() + "/t.db",
                           "--baseline", Shared, "--in-process"});
  EXPECT_EQ(Third.Exit, 2);
  EXPECT_NE(Third.Err.find("holds complete runs of 2 folders, none of them"), std::string::npos)
      << Third.Err;
  // Another SQLite file (the knowledge base) is refused, and left as it was.
  std::string Kb = G.T.write("kb-copy.sqlite",
                             slurp(std::string(PORTOLAN_BUILD_DIR) + "/share/portolan/kb.sqlite"));
  std::string Before = slurp(Kb);
  ASSERT_GT(Before.size(), 1000u);
  Result NotOurs = G.scan({"--baseline", Kb});
  EXPECT_EQ(NotOurs.Exit, 2);
  EXPECT_NE(NotOurs.Err.find("not a Portolan results file"), std::string::npos) << NotOurs.Err;
  EXPECT_TRUE(slurp(Kb) == Before);
  EXPECT_FALSE(llvm::sys::fs::exists(Kb + "-wal"));
}

} // namespace
