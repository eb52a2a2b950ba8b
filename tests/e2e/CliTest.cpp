// The portolan command line as a user runs it.
#include "CliRun.h"

#include <llvm/ADT/StringExtras.h>

#include <map>
#include <set>
#include <tuple>

#include <sys/stat.h>

using namespace portolan_test;

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

TEST(CliTest, APluginThatLinksItsOwnLlvmIsRefusedByTheStaticHost) {
  TempTree T;
  Result R = run(T, {"plugins", "--plugin-dir",
                     std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/LinksLlvm"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  if (PORTOLAN_STATIC_HOST) {
    EXPECT_NE(R.Out.find("refused  " + std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) +
                         "/LinksLlvm/libfixture-LinksLlvm.so: links libLLVM.so.19"),
              std::string::npos)
        << R.Out;
  } else {
    // A host linked with the shared libraries already holds them.
    EXPECT_NE(R.Out.find("loaded   fixture-links-llvm 1.0"), std::string::npos) << R.Out;
  }
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
  // The second, from the compile-database fuzzer, made LLVM's YAML parser
  // print three lines of its own.
  for (const char *Broken :
       {"{ not json", "[\n  {=di[rect ory\": \"/tmp\", \"command\": \"cc -c a.c\"}\n]\n"}) {
    T.write("out/compile_commands.json", Broken);
    Result R = run(T, {"scan", T.root() + "/src", "-p", T.root() + "/out", "--db",
                       T.root() + "/r.db", "--format", "json"});
    ASSERT_EQ(R.Exit, 0) << R.Err;
    EXPECT_EQ(lines(R.Err), 1u) << R.Err;
    EXPECT_NE(R.Err.find(T.root() + "/out/compile_commands.json: not JSON: "), std::string::npos)
        << R.Err;
    llvm::json::Value V = parseJson(R.Out);
    EXPECT_EQ(V.getAsObject()->getObject("summary")->getInteger("findings"), 1);
  }
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

TEST(CliTest, AnUnchangedTreeIsNeitherPlannedNorReadAgainAndReportsTheSame) {
  TempTree Src, T;
  Src.write("simd.h", "#include <immintrin.h>\nstatic inline __m128 twice(__m128 a) "
                      "{ return _mm_add_ps(a, a); }\n");
  Src.write("a.c", "#include \"simd.h\"\n__m128 fa(__m128 x) { return twice(x); }\n");
  Src.write("c.c", "int plain(int x) { return x + 1; }\n");
  Src.write("Makefile", "CFLAGS += -msse4.2\n");
  Src.write("copy.S", "  movdqa %xmm0, %xmm1\n");
  std::vector<std::string> Scan = {"scan", Src.root(), "--db", T.root() + "/r.db",
                                   "--format", "json"};
  auto Summary = [](const llvm::json::Value &V) { return V.getAsObject()->getObject("summary"); };
  Result Cold = run(T, Scan);
  ASSERT_EQ(Cold.Exit, 0) << Cold.Err;
  llvm::json::Value V1 = parseJson(Cold.Out);
  EXPECT_EQ(Summary(V1)->getInteger("units_prefilter_no_candidates"), 1); // c.c
  EXPECT_EQ(Summary(V1)->getInteger("files_reused"), 0);

  // The plan, the prefilter's answer and the other files' results come
  // from the store; the report is the same.
  Result Warm = run(T, Scan);
  ASSERT_EQ(Warm.Exit, 0) << Warm.Err;
  EXPECT_EQ(Warm.Err, Cold.Err);
  llvm::json::Value V2 = parseJson(Warm.Out);
  EXPECT_EQ(Summary(V2)->getInteger("units_reused"), 1);
  EXPECT_EQ(Summary(V2)->getInteger("files_reused"), 2);
  EXPECT_EQ(Summary(V2)->getInteger("units_prefilter_no_candidates"), 1);
  EXPECT_EQ(findingKeys(V2), findingKeys(V1));
  std::vector<std::string> K1 = findingKeys(V1);
  auto IsAsmSource = [](const std::string &K) {
    return K.find("copy.S:0:0 x86.asm-source") == 0;
  };
  EXPECT_NE(std::find_if(K1.begin(), K1.end(), IsAsmSource), K1.end());

  // --no-prefilter is part of what the stored plan depends on: the same
  // tree without the prefilter parses c.c, and with it again leaves it out.
  std::vector<std::string> All = Scan;
  All.push_back("--no-prefilter");
  llvm::json::Value NoFilter = parseJson(run(T, All).Out);
  EXPECT_EQ(Summary(NoFilter)->getInteger("units_prefilter_no_candidates"), 0);
  EXPECT_EQ(Summary(NoFilter)->getInteger("units"), 2);
  llvm::json::Value Filtered = parseJson(run(T, Scan).Out);
  EXPECT_EQ(Summary(Filtered)->getInteger("units_prefilter_no_candidates"), 1);
  EXPECT_EQ(Summary(Filtered)->getInteger("units"), 1);

  // An edit that gives c.c a candidate token plans and prefilters again:
  // c.c is parsed. An edit of copy.S reads it again, and only it.
  Src.write("c.c", "#include <immintrin.h>\n__m128 z(void) { return _mm_setzero_ps(); }\n");
  Src.write("copy.S", "\n  movdqa %xmm0, %xmm1\n");
  llvm::json::Value V3 = parseJson(run(T, Scan).Out);
  EXPECT_EQ(Summary(V3)->getInteger("units_prefilter_no_candidates"), 0);
  EXPECT_EQ(Summary(V3)->getInteger("units_reused"), 1);
  EXPECT_EQ(Summary(V3)->getInteger("files_reused"), 1);
  std::vector<std::string> K3 = findingKeys(V3);
  EXPECT_NE(std::find(K3.begin(), K3.end(), "c.c:2:25 x86.intrinsic _mm_setzero_ps none"),
            K3.end());
}

TEST(CliTest, WindowsBranchesParsesALinuxUnitsWindowsCodeAsWindows) {
  // A portable file's Windows branch, skipped by its Linux parse: lexed, it
  // shows only the knowledge base's names; parsed again as Windows, it
  // shows the SDK's types and every API it calls, inactive, with the
  // guard of its chain. Code outside that branch is not taken from the
  // Windows parse.
  TempTree Src, T;
  Src.write("disk.c", "#include <stdio.h>\n"
                      "#ifdef _WIN32\n"
                      "#include <windows.h>\n"
                      "static unsigned long long avail(const wchar_t *root) {\n"
                      "  ULARGE_INTEGER a;\n"
                      "  GetVolumeInformationW(root, NULL, 0, NULL, NULL, NULL, NULL, 0);\n"
                      "  return GetDiskFreeSpaceExW(root, &a, NULL, NULL) ? a.QuadPart : 0;\n"
                      "}\n"
                      "#else\n"
                      "static unsigned long long avail(const char *root) { return 0; }\n"
                      "#endif\n"
                      "int main(void) { printf(\"%d\\n\", 1); return 0; }\n");
  // A Windows branch that is not the first of its chain: Clang skips the
  // __APPLE__ branch and the _WIN32 one as one range.
  Src.write("label.c", "#include <stdio.h>\n"
                       "#ifdef __APPLE__\n"
                       "int label(void) { return 1; }\n"
                       "#elif defined(_WIN32)\n"
                       "#include <windows.h>\n"
                       "int label(void) { return (int)GetVolumeInformationW(0, 0, 0, 0, 0, 0, 0, 0); }\n"
                       "#else\n"
                       "int label(void) { return 0; }\n"
                       "#endif\n");
  std::vector<std::string> Scan = {"scan", Src.root(), "--db", T.root() + "/r.db",
                                   "--format", "json"};
  Result Plain = run(T, Scan);
  ASSERT_EQ(Plain.Exit, 0) << Plain.Err;
  std::vector<std::string> Lexed = findingKeys(parseJson(Plain.Out));
  std::vector<std::string> Args = Scan;
  Args.push_back("--windows-branches");
  Result Both = run(T, Args);
  ASSERT_EQ(Both.Exit, 0) << Both.Err;
  std::vector<std::string> Parsed = findingKeys(parseJson(Both.Out));
  auto Has = [](const std::vector<std::string> &Keys, const std::string &K) {
    return std::find(Keys.begin(), Keys.end(), K) != Keys.end();
  };
  const std::string Volume = "disk.c:6:3 win32.api GetVolumeInformationW has-fallback";
  const std::string Type = "disk.c:5:3 win32.type ULARGE_INTEGER has-fallback";
  const std::string Known = "disk.c:7:10 win32.api GetDiskFreeSpaceExW has-fallback";
  EXPECT_FALSE(Has(Lexed, Volume));
  EXPECT_FALSE(Has(Lexed, Type));
  EXPECT_TRUE(Has(Lexed, Known));
  EXPECT_TRUE(Has(Parsed, Volume));
  EXPECT_TRUE(Has(Parsed, Type));
  EXPECT_TRUE(Has(Parsed, Known));
  const std::string Second = "label.c:6:31 win32.api GetVolumeInformationW has-alternative";
  EXPECT_FALSE(Has(Lexed, Second));
  EXPECT_TRUE(Has(Parsed, Second)) << llvm::join(Parsed, "\n");
  EXPECT_EQ(Parsed.size(), Lexed.size() + 3);
  llvm::json::Value BothJson = parseJson(Both.Out);
  for (const llvm::json::Value &F : *BothJson.getAsObject()->getArray("findings"))
    EXPECT_EQ(F.getAsObject()->getBoolean("inactive"), true)
        << F.getAsObject()->getString("symbol")->str();
}

TEST(CliTest, AHeaderBehindASkippedIncludeIsParsedAlone) {
  // ISA-specific code in a header that the build pulls in only with
  // -mavx2: the unit's parse skips the include, so the header is parsed on
  // its own, its findings inactive. A header with nothing to find is not.
  TempTree Src, T;
  Src.write("kernels_avx2.h", "#include <immintrin.h>\n"
                              "static inline __m256i add8(__m256i a, __m256i b) {\n"
                              "  return _mm256_add_epi32(a, b);\n"
                              "}\n");
  Src.write("plain.h", "int plain(int x);\n");
  Src.write("codec.c", "#include \"plain.h\"\n"
                       "#ifdef __AVX2__\n#include \"kernels_avx2.h\"\n#endif\n"
                       "int plain(int x) { return x; }\n");
  Result R = run(T, {"scan", Src.root(), "--db", T.root() + "/r.db", "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  std::vector<std::string> Keys = findingKeys(V);
  EXPECT_NE(std::find(Keys.begin(), Keys.end(),
                      "kernels_avx2.h:3:10 x86.intrinsic _mm256_add_epi32 none"),
            Keys.end());
  size_t InHeader = 0;
  for (const llvm::json::Value &F : *V.getAsObject()->getArray("findings")) {
    const llvm::json::Object *O = F.getAsObject();
    if (*O->getString("file") == "kernels_avx2.h") {
      ++InHeader;
      EXPECT_EQ(O->getBoolean("inactive"), true) << O->getString("symbol")->str();
    }
  }
  EXPECT_GE(InHeader, 4u); // The intrinsic and three vector types.
  std::vector<std::string> Units;
  for (const llvm::json::Value &U : *V.getAsObject()->getArray("units"))
    Units.push_back(U.getAsObject()->getString("file")->str() + " " +
                    U.getAsObject()->getString("command_source")->str());
  EXPECT_NE(std::find(Units.begin(), Units.end(), "kernels_avx2.h header-behind-skipped-include"),
            Units.end());
  for (const std::string &U : Units)
    EXPECT_EQ(U.find("plain.h"), std::string::npos) << U;
}

TEST(CliTest, ThePrefilterLosesNoFindingOnTheFixtures) {
  // Every fixture tree: with and without the prefilter, the same findings
  // (advisory portability findings aside: they need a parse and have no
  // token to look for, so units left out lose them by design).
  TempTree T, Own;
  // A Windows unit whose own file names only a Windows type, beside one
  // that covers the shared header; Linux units whose only platform test is
  // an OS macro (left out) or frames a Windows include (parsed).
  Own.write("win/common.h", "#include <windows.h>\n");
  Own.write("win/a.c", "#include \"common.h\"\nvoid a(void) { Sleep(1); }\n");
  Own.write("win/b.c", "#include \"common.h\"\nHWND b(void) { return 0; }\n");
  Own.write("lin/c.c", "#ifdef _WIN32\nint x;\n#else\nint y;\n#endif\n");
  Own.write("lin/d.c", "#ifdef _WIN32\n#include <windows.h>\n#endif\nint d;\n");
  const std::string Src = PORTOLAN_SOURCE_DIR;
  size_t Parsed = 0, Total = 0;
  for (const std::string &Dir :
       {MiniRepo, Src + "/analyzers/x86-intrinsics/golden", Src + "/analyzers/x86-code/golden",
        Src + "/analyzers/windows/golden", Src + "/analyzers/msvc/golden",
        Src + "/examples/imaging-app", Src + "/examples/portfolio/systems/backoffice",
        Src + "/examples/portfolio/systems/ledger", Own.root()}) {
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

namespace {

/// The symbols of win32.api findings in File, and whether each unit of
/// the report parsed without errors with commands from Source.
struct MsBuildScan {
  std::set<std::string> Apis;
  std::set<std::string> IncludePaths; ///< win32.include-path: "symbol: note"
  std::map<std::string, std::string> SourceOf;
  size_t UnitsWithErrors = 0;
};

MsBuildScan msbuildScan(const std::string &Json, const std::string &File) {
  MsBuildScan S;
  llvm::json::Value V = parseJson(Json);
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return S;
  for (const llvm::json::Value &F : *O->getArray("findings")) {
    const llvm::json::Object *FO = F.getAsObject();
    if (FO->getString("file") == File && FO->getString("rule") == "win32.api")
      S.Apis.insert(FO->getString("symbol")->str());
    if (FO->getString("file") == File && FO->getString("rule") == "win32.include-path")
      S.IncludePaths.insert(FO->getString("symbol")->str() + ": " +
                            FO->getString("note")->str());
  }
  for (const llvm::json::Value &U : *O->getArray("units")) {
    const llvm::json::Object *UO = U.getAsObject();
    S.SourceOf[UO->getString("file")->str()] = UO->getString("command_source")->str();
    S.UnitsWithErrors += !UO->getArray("errors")->empty();
  }
  return S;
}

} // namespace

TEST(CliTest, AVisualStudioSolutionGivesTheCommands) {
  TempTree T;
  std::string Fixture = std::string(PORTOLAN_SOURCE_DIR) + "/tests/fixtures/msbuild";
  // The solution named, and its folder (which holds no compile_commands.json).
  for (const std::string &P : {Fixture + "/suite.sln", Fixture}) {
    llvm::sys::fs::remove(T.root() + "/r.db");
    Result R = run(T, {"scan", Fixture, "-p", P, "--db", T.root() + "/r.db", "--format", "json"});
    ASSERT_EQ(R.Exit, 0) << R.Err;
    MsBuildScan S = msbuildScan(R.Out, "app/main.cpp");
    // CharacterSet=Unicode: MessageBox is MessageBoxW, TCHAR wchar_t (the
    // call with a TCHAR buffer would not parse otherwise), and the forced
    // include of the property sheet is there (main.cpp #errors without it).
    EXPECT_EQ(S.Apis, std::set<std::string>{"MessageBoxW"}) << P;
    // util.cpp includes <format> (C++20), which only libc++ has here, and
    // takes its FAST_UTIL branch from its own metadata.
    EXPECT_EQ(msbuildScan(R.Out, "app/util.cpp").Apis,
              std::set<std::string>{"GetTickCount64"});
    EXPECT_EQ(S.SourceOf["app/main.cpp"], "msbuild");
    EXPECT_EQ(S.SourceOf["lib/lib.c"], "msbuild");
    EXPECT_EQ(S.SourceOf["lib/codecs/rle.c"], "msbuild"); // codecs\**\*.c
    // None, though main.cpp includes "App.h" for app.h, as Windows finds
    // it, and uses the global nullptr_t of Visual C++'s headers.
    EXPECT_EQ(S.UnitsWithErrors, 0u) << R.Out;
    EXPECT_EQ(S.IncludePaths,
              std::set<std::string>{"App.h: resolves only on Windows; the file is app.h"});
    EXPECT_NE(R.Err.find("Visual Studio configuration Release|x64, 6 compile commands; assumed "
                         "of MSVC: _M_X64=100 _M_AMD64=100 UNICODE _UNICODE"),
              std::string::npos)
        << R.Err;
    EXPECT_NE(R.Err.find("$(QTDIR) is not defined by the project"), std::string::npos) << R.Err;
    // suite_config.h is reached: the property sheet forces it in.
    EXPECT_EQ(R.Err.find("not reached"), std::string::npos) << R.Err;
  }
  // A configuration the solution does not have: one line, and the scan
  // goes on with inferred commands (no UNICODE: MessageBoxA).
  llvm::sys::fs::remove(T.root() + "/r.db");
  Result R = run(T, {"scan", Fixture, "-p", Fixture + "/suite.sln", "--msbuild-config",
                     "Profile|x64", "--db", T.root() + "/r.db", "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("suite.sln: no configuration Profile|x64 (it has Debug|x64, Release|x64, "
                       "Release|x86); inferring commands instead"),
            std::string::npos)
      << R.Err;
  MsBuildScan S = msbuildScan(R.Out, "app/main.cpp");
  EXPECT_EQ(S.SourceOf["app/main.cpp"], "inferred");
  EXPECT_EQ(S.Apis.count("MessageBoxW"), 0u);
}
