// The portolan command line as a user runs it.
#include "../unit/TempTree.h"

#include <gtest/gtest.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <map>
#include <set>
#include <tuple>

namespace {

struct Result {
  int Exit = -1;
  std::string Out, Err;
};

std::string slurp(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? (*Buf)->getBuffer().str() : "";
}

Result run(const TempTree &T, std::vector<std::string> Args,
           const std::string &Binary = PORTOLAN_BINARY) {
  std::string OutPath = T.root() + "/.stdout", ErrPath = T.root() + "/.stderr";
  // ExecuteAndWait's redirections do not truncate: start from empty files.
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  std::vector<llvm::StringRef> Argv = {Binary};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  Result R;
  R.Exit = llvm::sys::ExecuteAndWait(Binary, Argv, std::nullopt, Redirects);
  R.Out = slurp(OutPath);
  R.Err = slurp(ErrPath);
  return R;
}

const std::string MiniRepo = std::string(PORTOLAN_SOURCE_DIR) + "/tests/fixtures/mini-repo";

llvm::json::Value parseJson(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError()) << "\n" << Text;
    return nullptr;
  }
  return std::move(*V);
}

size_t lines(const std::string &S) { return std::count(S.begin(), S.end(), '\n'); }

} // namespace

TEST(CliTest, ScansAFixtureRepoIntoJson) {
  TempTree T;
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "json", "-j", "2"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(R.Err, ""); // No progress without a terminal, no noise from errors.
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *O = V.getAsObject();
  ASSERT_TRUE(O);
  EXPECT_EQ(O->getString("schema"), "portolan-scan/1");
  const llvm::json::Object *S = O->getObject("summary");
  EXPECT_EQ(S->getInteger("units"), 4);
  EXPECT_EQ(S->getInteger("units_windows"), 1);
  EXPECT_EQ(S->getInteger("units_with_errors"), 1);

  std::set<std::tuple<std::string, std::string, std::string, int64_t, int64_t>> Keys;
  bool SawHeaderTwice = false, SawBrokenUnitFinding = false, SawWindowsPause = false;
  for (const llvm::json::Value &F : *O->getArray("findings")) {
    const llvm::json::Object *FO = F.getAsObject();
    std::string File = FO->getString("file")->str();
    EXPECT_FALSE(llvm::StringRef(File).starts_with("/")) << File;
    auto Key = std::make_tuple(FO->getString("rule")->str(), FO->getString("symbol")->str(),
                               File, *FO->getInteger("line"), *FO->getInteger("column"));
    EXPECT_TRUE(Keys.insert(Key).second) << "duplicate finding in " << File;
    if (File == "common/simd.h" && FO->getString("symbol") == "_mm_mul_ps")
      SawHeaderTwice = FO->getInteger("units") == 2;
    SawBrokenUnitFinding |= File == "broken/missing.c" && FO->getString("symbol") == "_mm_loadu_si128";
    SawWindowsPause |= File == "win/service.cpp" && FO->getString("symbol") == "_mm_pause";
  }
  EXPECT_TRUE(SawHeaderTwice);
  EXPECT_TRUE(SawBrokenUnitFinding);
  EXPECT_TRUE(SawWindowsPause);

  for (const llvm::json::Value &U : *O->getArray("units")) {
    const llvm::json::Object *UO = U.getAsObject();
    if (UO->getString("file") == "win/service.cpp") {
      EXPECT_EQ(UO->getString("platform"), "windows-x86_64");
      EXPECT_TRUE(UO->getArray("errors")->empty()) << "mingw-w64 parse failed";
    }
    if (UO->getString("file") == "broken/missing.c") {
      EXPECT_FALSE(UO->getArray("errors")->empty());
    }
  }
}

TEST(CliTest, WritesTheTextSummaryAndKeepsEveryRun) {
  TempTree T;
  std::string Db = T.root() + "/r.db";
  Result First = run(T, {"scan", MiniRepo, "--db", Db});
  ASSERT_EQ(First.Exit, 0) << First.Err;
  EXPECT_NE(First.Out.find("(run 1, complete)"), std::string::npos) << First.Out;
  EXPECT_NE(First.Out.find("common/simd.h:4:"), std::string::npos);
  EXPECT_NE(First.Out.find("broken/missing.c: 1 error, first: broken/missing.c:2:10:"),
            std::string::npos)
      << First.Out;
  Result Second = run(T, {"scan", MiniRepo, "--db", Db, "-o", T.root() + "/report.txt"});
  ASSERT_EQ(Second.Exit, 0) << Second.Err;
  EXPECT_EQ(Second.Out, "");
  EXPECT_NE(slurp(T.root() + "/report.txt").find("(run 2, complete)"), std::string::npos);
}

TEST(CliTest, AMissingRootIsOneLineAndExitTwo) {
  TempTree T;
  Result R = run(T, {"scan", T.root() + "/nope", "--db", T.root() + "/r.db"});
  EXPECT_EQ(R.Exit, 2);
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_NE(R.Err.find(T.root() + "/nope"), std::string::npos);
}

TEST(CliTest, RefusedPluginsAreWarnedAndTheScanGoesOn) {
  TempTree T;
  std::string Fixtures = PORTOLAN_FIXTURE_PLUGIN_ROOT;
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "json",
                     "--plugin-dir", Fixtures + "/WrongAbi", "--plugin-dir",
                     Fixtures + "/NoSymbol"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(lines(R.Err), 2u) << R.Err;
  EXPECT_NE(R.Err.find("libfixture-WrongAbi.so refused: built for plugin ABI 4"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("libfixture-NoSymbol.so refused: not a Portolan plugin"),
            std::string::npos);
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Array *Plugins = V.getAsObject()->getArray("plugins");
  ASSERT_EQ(Plugins->size(), 8u);
  EXPECT_EQ((*Plugins)[0].getAsObject()->getString("name"), "msvc");
  EXPECT_EQ((*Plugins)[1].getAsObject()->getString("name"), "portability");
  EXPECT_EQ((*Plugins)[2].getAsObject()->getString("name"), "windows");
  EXPECT_EQ((*Plugins)[3].getAsObject()->getString("name"), "x86-code");
  EXPECT_EQ((*Plugins)[4].getAsObject()->getString("name"), "x86-files");
  EXPECT_EQ((*Plugins)[5].getAsObject()->getString("name"), "x86-intrinsics");
  EXPECT_EQ((*Plugins)[6].getAsObject()->getBoolean("loaded"), false);
  EXPECT_GT(V.getAsObject()->getObject("summary")->getInteger("findings"), 0);
}

TEST(CliTest, PluginsCommandListsLoadedAndRefused) {
  TempTree T;
  Result R = run(T, {"plugins", "--format", "json", "--plugin-dir",
                     std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/ThrowingCreate"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Array *A = V.getAsArray();
  ASSERT_EQ(A->size(), 7u);
  const llvm::json::Object *Builtin = (*A)[5].getAsObject();
  EXPECT_EQ(Builtin->getString("name"), "x86-intrinsics");
  EXPECT_EQ(Builtin->getArray("rules")->size(), 4u);
  EXPECT_EQ((*A)[6].getAsObject()->getString("reason"), "create() threw: license file missing");
}

TEST(CliTest, NoLoadablePluginExitsThree) {
  TempTree T;
  // A copy of the executable has no plugin folder beside it.
  std::string Copy = T.root() + "/bin/portolan";
  llvm::sys::fs::create_directories(T.root() + "/bin");
  ASSERT_FALSE(llvm::sys::fs::copy_file(PORTOLAN_BINARY, Copy));
  llvm::sys::fs::setPermissions(Copy, llvm::sys::fs::all_exe | llvm::sys::fs::owner_all);
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db"}, Copy);
  EXPECT_EQ(R.Exit, 3) << R.Err;
  EXPECT_NE(R.Err.find("no analyzer plugin could be loaded"), std::string::npos) << R.Err;
}

TEST(CliTest, AnUnusableResultsFileExitsTwo) {
  TempTree T;
  std::string Db = T.write("r.db", std::string(512, 'x'));
  Result R = run(T, {"scan", MiniRepo, "--db", Db});
  EXPECT_EQ(R.Exit, 2);
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_NE(R.Err.find(Db), std::string::npos) << R.Err;
}

TEST(CliTest, ABrokenCompilationDatabaseIsOneWarning) {
  TempTree T;
  T.write("src/a.c", "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n");
  T.write("out/compile_commands.json", "{ not json");
  Result R = run(T, {"scan", T.root() + "/src", "-p", T.root() + "/out", "--db",
                     T.root() + "/r.db", "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_NE(R.Err.find(T.root() + "/out/compile_commands.json"), std::string::npos) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  EXPECT_EQ(V.getAsObject()->getObject("summary")->getInteger("findings"), 1);
}

TEST(CliTest, AnUnwritableOutputExitsTwo) {
  TempTree T;
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "-o",
                     T.root() + "/no/such/dir/report.txt"});
  EXPECT_EQ(R.Exit, 2);
  EXPECT_NE(R.Err.find("report.txt: cannot write"), std::string::npos) << R.Err;
}

TEST(CliTest, AnUnknownOptionExitsOne) {
  TempTree T;
  Result R = run(T, {"scan", MiniRepo, "--no-such-option"});
  EXPECT_EQ(R.Exit, 1);
}

TEST(CliTest, KbShowGivesEquivalentsPerTarget) {
  TempTree T;
  Result R = run(T, {"kb", "show", "_mm_add_ps", "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *O = V.getAsObject();
  EXPECT_EQ(O->getString("kind"), "intrinsic");
  EXPECT_EQ(O->getObject("fields")->getString("isa"), "SSE");
  bool Neon = false, Lsx = false;
  for (const llvm::json::Value &E : *O->getArray("equivalents")) {
    const llvm::json::Object *EO = E.getAsObject();
    Neon |= EO->getString("target") == "aarch64" && EO->getString("replacement") == "vaddq_f32";
    Lsx |= EO->getString("target") == "loongarch64" && EO->getString("route") == "lsx";
  }
  EXPECT_TRUE(Neon);
  EXPECT_TRUE(Lsx);
}

TEST(CliTest, KbShowJudgesDomesticX86Models) {
  TempTree T;
  Result Hygon = run(T, {"kb", "show", "_mm256_add_epi32", "--target", "hygon-c86-dhyana"});
  ASSERT_EQ(Hygon.Exit, 0) << Hygon.Err;
  EXPECT_NE(Hygon.Out.find("runs natively"), std::string::npos) << Hygon.Out;
  Result Zhaoxin = run(T, {"kb", "show", "_mm256_add_epi32", "--target", "zhaoxin-kx6000"});
  ASSERT_EQ(Zhaoxin.Exit, 0);
  EXPECT_NE(Zhaoxin.Out.find("does not run natively: the CPU lacks AVX2"), std::string::npos)
      << Zhaoxin.Out;
  Result Unknown = run(T, {"kb", "show", "_mm_add_ps", "--target", "pentium"});
  EXPECT_EQ(Unknown.Exit, 1);
}

TEST(CliTest, KbShowOfAnUnknownSymbolExitsFour) {
  TempTree T;
  Result R = run(T, {"kb", "show", "_mm_add_pz"});
  EXPECT_EQ(R.Exit, 4);
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_NE(R.Err.find("'_mm_add_pz' is not in the knowledge base"), std::string::npos);
}

TEST(CliTest, KbStatsAndSearch) {
  TempTree T;
  Result S = run(T, {"kb", "stats", "--format", "json"});
  ASSERT_EQ(S.Exit, 0) << S.Err;
  llvm::json::Value V = parseJson(S.Out);
  const llvm::json::Object *O = V.getAsObject();
  EXPECT_EQ(O->getInteger("sse_family"), O->getInteger("sse_family_with_arm64"));
  EXPECT_GE(*O->getObject("tables")->getInteger("apis"), 300);
  Result Q = run(T, {"kb", "search", "_mm_crc32_*"});
  ASSERT_EQ(Q.Exit, 0);
  EXPECT_EQ(lines(Q.Out), 4u) << Q.Out;
}

TEST(CliTest, AVendorPluginAndItsFragmentLoad) {
  TempTree T;
  std::string Vendor = std::string(PORTOLAN_BUILD_DIR) + "/examples/plugins/acme-vision";
  T.write("src/app.c", "#include <acme/vision.h>\nint x;\n");
  Result Scan = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db", "--format", "json",
                        "--plugin-dir", Vendor});
  ASSERT_EQ(Scan.Exit, 0) << Scan.Err;
  llvm::json::Value V = parseJson(Scan.Out);
  const llvm::json::Object *Sym = V.getAsObject()->getObject("symbols")->getObject("AcmeVision SDK");
  ASSERT_TRUE(Sym) << Scan.Out;
  EXPECT_EQ(Sym->getBoolean("known"), true);
  EXPECT_EQ(Sym->getString("kind"), "library");
  Result Show = run(T, {"kb", "show", "_mm_add_ps", "--target", "aarch64", "--plugin-dir", Vendor});
  EXPECT_NE(Show.Out.find("acme_vadd_f32x4"), std::string::npos) << Show.Out;
}

TEST(CliTest, AConflictingFragmentIsRefusedWithBothPlaces) {
  TempTree T;
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "json",
                     "--plugin-dir",
                     std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/ConflictingKb"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  // The refusal, and the note that a plugin without prefilter words turns
  // the prefilter off.
  EXPECT_EQ(lines(R.Err), 2u) << R.Err;
  EXPECT_NE(R.Err.find("plugin fixture-conflicting-kb names no prefilter words"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("fragment of plugin fixture-conflicting-kb refused: "), std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("conflicting-kb.toml:1:1: error: intrinsic '_mm_add_ps' is already "
                       "defined at knowledge-base/x86/intrinsics.toml:"),
            std::string::npos)
      << R.Err;
  // The core knowledge base still enriches the findings; only the fixture's
  // own symbol is unknown.
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Array *Unknown =
      V.getAsObject()->getObject("summary")->getArray("unknown_symbols");
  ASSERT_EQ(Unknown->size(), 1u);
  EXPECT_EQ((*Unknown)[0].getAsString(), "main");
  EXPECT_EQ(V.getAsObject()->getObject("symbols")->getObject("_mm_mul_ps")->getBoolean("known"),
            true);
}

TEST(CliTest, WindowsApisWithoutAnEntryTakeTheirHeadersRule) {
  TempTree T;
  T.write("ui.c", "#include <windows.h>\n"
                  "void grey(HWND w) { EnableWindow(w, FALSE); CloseHandle(0); }\n");
  Result R = run(T, {"scan", T.root(), "--db", T.root() + "/r.db", "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *Symbols = V.getAsObject()->getObject("symbols");
  const llvm::json::Object *Enable = Symbols->getObject("EnableWindow");
  ASSERT_TRUE(Enable) << R.Out;
  EXPECT_EQ(Enable->getString("kind"), "win32_header"); // No entry of its own.
  EXPECT_EQ(Enable->getString("effort"), "redesign");
  EXPECT_EQ(Symbols->getObject("CloseHandle")->getString("kind"), "api");
  EXPECT_EQ(V.getAsObject()
                ->getObject("summary")
                ->getObject("windows_findings_by_effort")
                ->getInteger("redesign"),
            1);
}

namespace {

/// The JSON findings of a scan as sortable text, without run-specific parts.
std::vector<std::string> findingKeys(const llvm::json::Value &V) {
  std::vector<std::string> Keys;
  for (const llvm::json::Value &F : *V.getAsObject()->getArray("findings")) {
    const llvm::json::Object *FO = F.getAsObject();
    Keys.push_back(FO->getString("file")->str() + ":" +
                   std::to_string(*FO->getInteger("line")) + ":" +
                   std::to_string(*FO->getInteger("column")) + " " +
                   FO->getString("rule")->str() + " " + FO->getString("symbol")->str() + " " +
                   FO->getString("guard")->str());
  }
  return Keys;
}

} // namespace

TEST(CliTest, ARescanReusesUnchangedUnitsAndReparsesWhatAnEditTouched) {
  TempTree Src, T;
  Src.write("shared.h", "#include <immintrin.h>\nstatic inline __m128 twice(__m128 a) "
                        "{ return _mm_add_ps(a, a); }\n");
  Src.write("a.c", "#include \"shared.h\"\n__m128 fa(__m128 x) { return twice(x); }\n");
  Src.write("b.c", "#include \"shared.h\"\n__m128 fb(__m128 x) { return _mm_mul_ps(x, x); }\n");
  Src.write("c.c", "int plain(int x) { return x + 1; }\n");
  // Without the prefilter, which would leave c.c out: this is about reuse.
  std::vector<std::string> Scan = {"scan", Src.root(), "--db", T.root() + "/r.db",
                                   "--format", "json", "-j", "2", "--no-prefilter"};
  Result Cold = run(T, Scan);
  ASSERT_EQ(Cold.Exit, 0) << Cold.Err;
  llvm::json::Value V1 = parseJson(Cold.Out);
  EXPECT_EQ(V1.getAsObject()->getObject("summary")->getInteger("units_reused"), 0);

  Result Warm = run(T, Scan);
  ASSERT_EQ(Warm.Exit, 0) << Warm.Err;
  llvm::json::Value V2 = parseJson(Warm.Out);
  EXPECT_EQ(V2.getAsObject()->getObject("summary")->getInteger("units_reused"), 3);
  EXPECT_EQ(findingKeys(V2), findingKeys(V1));

  // An edit of b.c re-parses b.c only; one of shared.h re-parses a.c and b.c.
  Src.write("b.c", "#include \"shared.h\"\n__m128 fb(__m128 x) { return _mm_sub_ps(x, x); }\n");
  llvm::json::Value V3 = parseJson(run(T, Scan).Out);
  EXPECT_EQ(V3.getAsObject()->getObject("summary")->getInteger("units_reused"), 2);
  std::vector<std::string> K3 = findingKeys(V3);
  EXPECT_NE(std::find(K3.begin(), K3.end(), "b.c:2:30 x86.intrinsic _mm_sub_ps none"), K3.end());
  EXPECT_EQ(std::find(K3.begin(), K3.end(), "b.c:2:30 x86.intrinsic _mm_mul_ps none"), K3.end());

  Src.write("shared.h", "#include <immintrin.h>\n\nstatic inline __m128 twice(__m128 a) "
                        "{ return _mm_add_ps(a, a); }\n");
  llvm::json::Value V4 = parseJson(run(T, Scan).Out);
  EXPECT_EQ(V4.getAsObject()->getObject("summary")->getInteger("units_reused"), 1);
  std::vector<std::string> K4 = findingKeys(V4);
  EXPECT_NE(std::find(K4.begin(), K4.end(), "shared.h:3:47 x86.intrinsic _mm_add_ps none"),
            K4.end());

  // --no-reuse parses everything and finds the same.
  std::vector<std::string> Full = Scan;
  Full.push_back("--no-reuse");
  llvm::json::Value V5 = parseJson(run(T, Full).Out);
  EXPECT_EQ(V5.getAsObject()->getObject("summary")->getInteger("units_reused"), 0);
  EXPECT_EQ(findingKeys(V5), K4);
}

TEST(CliTest, ThePrefilterLosesNoFindingOnTheFixtures) {
  // Every fixture tree: with and without the prefilter, the same findings
  // (advisory portability findings aside: they need a parse and have no
  // token to look for, so units left out lose them by design).
  TempTree T;
  const std::string Src = PORTOLAN_SOURCE_DIR;
  size_t Parsed = 0, Total = 0;
  for (const std::string &Dir :
       {MiniRepo, Src + "/analyzers/x86-intrinsics/golden", Src + "/analyzers/x86-code/golden",
        Src + "/analyzers/windows/golden", Src + "/analyzers/msvc/golden",
        Src + "/examples/imaging-app"}) {
    std::vector<std::string> Args = {"scan", Dir, "--db", T.root() + "/r.db", "--format", "json",
                                     "--no-reuse"};
    llvm::json::Value With = parseJson(run(T, Args).Out);
    Args.push_back("--no-prefilter");
    llvm::json::Value Without = parseJson(run(T, Args).Out);
    auto NotAdvisory = [](const llvm::json::Value &V) {
      std::vector<std::string> Keys;
      for (const std::string &K : findingKeys(V))
        if (K.find(" portability.") == std::string::npos)
          Keys.push_back(K);
      return Keys;
    };
    EXPECT_EQ(NotAdvisory(With), NotAdvisory(Without)) << Dir;
    EXPECT_FALSE(NotAdvisory(Without).empty()) << Dir;
    Parsed += *With.getAsObject()->getObject("summary")->getInteger("units");
    Total += *Without.getAsObject()->getObject("summary")->getInteger("units");
  }
  // And it does leave units out (x86-intrinsics' portable.c, for one).
  EXPECT_LT(Parsed, Total);
}

const std::string Portfolio = std::string(PORTOLAN_SOURCE_DIR) + "/examples/portfolio";

TEST(CliTest, PlanWritesEveryFormatFromOneScanOfEachSystem) {
  TempTree T;
  std::string Out = T.root() + "/plan";
  Result R = run(T, {"plan", Portfolio + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--out-dir", Out, "-j", "2"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("Migration plan for"), std::string::npos) << R.Out;
  llvm::json::Value V = parseJson(slurp(Out + "/plan.json"));
  const llvm::json::Object *Root = V.getAsObject();
  ASSERT_TRUE(Root);
  EXPECT_EQ(Root->getString("schema"), "portolan-plan/1");
  const llvm::json::Array *Systems = Root->getArray("systems");
  const llvm::json::Array *Targets = Root->getArray("targets");
  ASSERT_TRUE(Systems && Targets);
  ASSERT_EQ(Systems->size(), 5u);
  size_t Planned = 0;
  std::map<std::string, std::string> TierOf;
  for (const llvm::json::Value &S : *Systems) {
    const llvm::json::Object *O = S.getAsObject();
    EXPECT_EQ(O->getObject("scan")->getString("status"), "scanned");
    EXPECT_EQ(O->getArray("effort")->size(), Targets->size());
    TierOf[O->getString("id")->str()] = O->getObject("tier")->getString("id")->str();
    Planned += O->getInteger("wave").value_or(0) > 0;
    // Every system moves no earlier than what it depends on.
    for (const llvm::json::Value &D : *O->getArray("depends_on")) {
      for (const llvm::json::Value &Other : *Systems) {
        if (Other.getAsObject()->getString("id") == D.getAsString()) {
          EXPECT_GE(O->getInteger("wave"), Other.getAsObject()->getInteger("wave"));
        }
      }
    }
  }
  EXPECT_EQ(Planned, 5u);
  // The example's inventory: classified keyvault and core ledger in the
  // strictest tier, MLPS 3 backoffice in the middle one, the rest default.
  EXPECT_EQ(TierOf["keyvault"], "full-stack-domestic");
  EXPECT_EQ(TierOf["ledger"], "full-stack-domestic");
  EXPECT_EQ(TierOf["backoffice"], "domestic-preferred");
  EXPECT_EQ(TierOf["portal"], "efficiency-first");
  // CSV: a header and one row per system and target CPU.
  EXPECT_EQ(lines(slurp(Out + "/plan.csv")), 1 + Systems->size() * Targets->size());
  std::string Md = slurp(Out + "/plan.md");
  EXPECT_NE(Md.find("## Waves"), std::string::npos);
  EXPECT_NE(Md.find("| keyvault |"), std::string::npos);
  std::string Html = slurp(Out + "/plan.html");
  EXPECT_EQ(Html.find("@PLAN_JSON@"), std::string::npos);
  EXPECT_NE(Html.find("\"schema\":\"portolan-plan/1\""), std::string::npos);

  // A second plan parses nothing: every unit comes from the results file.
  Result Again = run(T, {"plan", Portfolio + "/inventory.toml", "--db", T.root() + "/r.db",
                         "--format", "json", "-j", "2"});
  ASSERT_EQ(Again.Exit, 0) << Again.Err;
  llvm::json::Value V2 = parseJson(Again.Out);
  EXPECT_EQ(V2.getAsObject()->getObject("totals")->getObject("days")->getNumber("likely"),
            Root->getObject("totals")->getObject("days")->getNumber("likely"));
}

TEST(CliTest, APlanKeepsGoodSystemsWhenOthersAreBroken) {
  TempTree T;
  T.write("src/a.c", "#include <immintrin.h>\n__m128 f(__m128 x) { return _mm_add_ps(x, x); }\n");
  T.write("inventory.toml", R"([organization]
name = "Test"
wave_capacity = 20
wave_weeks = 4

[[system]]
id = "good"
path = "src"
mlps = 3
dependencies = ["oracle", "NoSuchProduct"]

[[system]]
id = "gone"
path = "missing-folder"
mlps = 2

[[system]]
id = "bad"
path = "src"
mlps = "three"
)");
  Result R = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("inventory.toml:17:1: system 'bad' left out: 'mlps'"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("system gone:"), std::string::npos) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Array *Systems = V.getAsObject()->getArray("systems");
  ASSERT_EQ(Systems->size(), 2u);
  const llvm::json::Object *Good = (*Systems)[0].getAsObject();
  EXPECT_EQ(Good->getInteger("wave"), 1);
  const llvm::json::Array *Deps = Good->getArray("dependencies");
  ASSERT_EQ(Deps->size(), 2u);
  EXPECT_EQ((*Deps)[0].getAsObject()->getString("action"), "replace");
  EXPECT_EQ((*Deps)[1].getAsObject()->getString("action"), "unresolved");
  const llvm::json::Object *Gone = (*Systems)[1].getAsObject();
  EXPECT_EQ(Gone->getObject("scan")->getString("status"), "failed");
  EXPECT_EQ(Gone->getInteger("wave"), 0);

  T.write("broken.toml", "[organization]\nname = \"x\"\nwave_capacity = [\n");
  Result Broken = run(T, {"plan", T.root() + "/broken.toml", "--db", T.root() + "/r.db"});
  EXPECT_EQ(Broken.Exit, 2);
  EXPECT_NE(Broken.Err.find("broken.toml:"), std::string::npos) << Broken.Err;
  EXPECT_EQ(lines(Broken.Err), 1u) << Broken.Err;
}

TEST(CliTest, APlanTakesTheOrganisationsOwnTiersAndWeights) {
  TempTree T;
  T.write("src/a.c", "#include <immintrin.h>\n__m128 f(__m128 x) { return _mm_add_ps(x, x); }\n");
  T.write("policy/tiers.toml", R"([[tier]]
id = "secure"
name = "Secure"
rank = 2
min_mlps = 3
cpus = ["loongson-3a6000"]
oses = ["openeuler-22.03"]
clouds = ["private-cloud"]
rationale = "r"
source = "s"

[[tier]]
id = "rest"
name = "Rest"
rank = 1
cpus = ["kunpeng-920"]
oses = ["openeuler-22.03"]
clouds = ["public-cloud"]
rationale = "r"
source = "s"
)");
  T.write("policy/weights.toml", R"([[weight]]
id = "system.base"
applies = "system"
low = 1
likely = 2
high = 3
rationale = "r"
source = "s"
)");
  T.write("inventory.toml", R"([organization]
name = "Org"
wave_capacity = 50
wave_weeks = 4
tiers = "policy/tiers.toml"
weights = "policy/weights.toml"

[[system]]
id = "one"
path = "src"
mlps = 3
dependencies = ["Oracle Database"]
)");
  Result R = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  // The shipped alternatives name the shipped tier ids, not these.
  EXPECT_NE(R.Err.find("policy/tiers.toml: no dependency alternative"), std::string::npos)
      << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *S = (*V.getAsObject()->getArray("systems"))[0].getAsObject();
  EXPECT_EQ(S->getObject("tier")->getString("id"), "secure");
  EXPECT_EQ(S->getObject("target")->getString("cpu"), "loongson-3a6000");
  bool Seen = false;
  for (const llvm::json::Value &W : *V.getAsObject()->getArray("weights"))
    if (W.getAsObject()->getString("id") == "system.base") {
      Seen = true;
      EXPECT_EQ(W.getAsObject()->getNumber("likely"), 2.0);
      EXPECT_NE(W.getAsObject()->getString("origin")->find("policy/weights.toml:1:1"),
                llvm::StringRef::npos);
    }
  EXPECT_TRUE(Seen);

  // A tiers file naming a CPU the knowledge base does not know stops the
  // plan with the file and line.
  T.write("policy/tiers.toml", "[[tier]]\nid = \"x\"\nname = \"X\"\nrank = 1\n"
                               "cpus = [\"pentium\"]\noses = []\nclouds = []\n"
                               "rationale = \"r\"\nsource = \"s\"\n");
  Result Bad = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db"});
  EXPECT_EQ(Bad.Exit, 2);
  EXPECT_NE(Bad.Err.find("tiers.toml:1:1: error: 'cpus' names unknown cpu 'pentium'"),
            std::string::npos)
      << Bad.Err;
}
