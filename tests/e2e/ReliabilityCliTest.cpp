// The portolan command line under hostile input (issue 15): what it must
// survive, and how it says what went wrong.
#include "CliRun.h"

#include <map>
#include <set>

#include <sys/stat.h>

using namespace portolan_test;

namespace {

/// The first error of each unit of a JSON report that has one.
std::map<std::string, std::string> firstErrors(const llvm::json::Object &Report) {
  std::map<std::string, std::string> First;
  for (const llvm::json::Value &U : *Report.getArray("units")) {
    const llvm::json::Array *Errors = U.getAsObject()->getArray("errors");
    if (Errors && !Errors->empty())
      First[U.getAsObject()->getString("file")->str()] =
          (*Errors)[0].getAsObject()->getString("message")->str();
  }
  return First;
}

/// The files holding a finding of Symbol.
std::set<std::string> filesWith(const llvm::json::Object &Report, llvm::StringRef Symbol) {
  std::set<std::string> Files;
  for (const llvm::json::Value &F : *Report.getArray("findings"))
    if (F.getAsObject()->getString("symbol") == Symbol)
      Files.insert(F.getAsObject()->getString("file")->str());
  return Files;
}

} // namespace

// Issue 15, rows 3 and 6: a unit whose parse overflows the stack (100,000
// nested parentheses in an #if), one whose macros grow without end, and one
// that would run for ever cost only themselves: each is that unit's error
// with its cause, and the other units are reported. The limits are far
// from what ok.c needs, so that a loaded machine cannot stop it too.
TEST(ReliabilityTest, AUnitThatCrashesHangsOrEatsMemoryCostsOnlyItself) {
  const std::string Sfence = "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n";
  TempTree T;
  T.write("ok.c", Sfence);
  T.write("deep.c", "#if " + std::string(100000, '(') + "1" + std::string(100000, ')') +
                        "\nint deep;\n#endif\n" + Sfence);
  std::string Bomb = "#define D0(x) x x\n";
  for (int I = 1; I <= 15; ++I)
    Bomb += "#define D" + std::to_string(I) + "(x) D" + std::to_string(I - 1) + "(D" +
            std::to_string(I - 1) + "(x))\n";
  T.write("bomb.c", Sfence + Bomb + "int v = D15(1);\n");
  Result R = run(T, {"scan", T.root(), "--db", T.root() + "/r.db", "--format", "json", "-j",
                     "2", "--unit-timeout", "300", "--unit-memory", "512"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *Report = V.getAsObject();
  ASSERT_TRUE(Report);
  // Each stopped unit's findings are lost, but not the others'.
  EXPECT_EQ(filesWith(*Report, "_mm_sfence"), std::set<std::string>{"ok.c"});
  std::map<std::string, std::string> First = firstErrors(*Report);
  EXPECT_EQ(First.count("ok.c"), 0u);
  EXPECT_EQ(First["deep.c"], "not analyzed: its parse crashed (SIGSEGV, a stack overflow or a "
                             "bug in Clang or a plugin)");
  EXPECT_EQ(First["bomb.c"], "not analyzed: its parse needed more than 512 MB (--unit-memory)");
  EXPECT_NE(R.Err.find("portolan: warning: deep.c: its parse crashed (SIGSEGV"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("; recorded as its error, the scan went on\n"), std::string::npos);

  // 2^40 tokens: no end in sight, little memory.
  TempTree Slow;
  Slow.write("ok.c", Sfence);
  std::string Tokens = "#define A0 x x\n";
  for (int I = 1; I <= 40; ++I)
    Tokens += "#define A" + std::to_string(I) + " A" + std::to_string(I - 1) + " A" +
              std::to_string(I - 1) + "\n";
  Slow.write("slow.c", Sfence + Tokens + "A40\n");
  Result S = run(Slow, {"scan", Slow.root(), "--db", Slow.root() + "/r.db", "--format", "json",
                        "-j", "2", "--unit-timeout", "20"});
  ASSERT_EQ(S.Exit, 0) << S.Err;
  llvm::json::Value W = parseJson(S.Out);
  ASSERT_TRUE(W.getAsObject());
  EXPECT_EQ(filesWith(*W.getAsObject(), "_mm_sfence"), std::set<std::string>{"ok.c"});
  std::map<std::string, std::string> Stopped = firstErrors(*W.getAsObject());
  EXPECT_EQ(Stopped.count("ok.c"), 0u);
  EXPECT_EQ(Stopped["slow.c"], "not analyzed: its parse took more than 20 s (--unit-timeout)");
}

// Issue 15, rows 4, 5 and 6: a header that is a FIFO, an #include of
// /dev/zero, and -j 2^31 neither hang nor lose the other units.
TEST(ReliabilityTest, NonRegularFilesAndAHugeWorkerCountDoNotHang) {
  TempTree T;
  T.write("ok.c", "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n");
  T.write("fifo.c", "#include \"pipe.h\"\n#include <xmmintrin.h>\nvoid g(void) { _mm_sfence(); }\n");
  T.write("zero.c", "#include \"/dev/zero\"\n#include <xmmintrin.h>\nvoid h(void) { _mm_sfence(); }\n");
  ASSERT_EQ(mkfifo((T.root() + "/pipe.h").c_str(), 0600), 0);
  Result R = run(T, {"scan", T.root(), "--db", T.root() + "/r.db", "--format", "json", "-j", "2"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *Report = V.getAsObject();
  ASSERT_TRUE(Report);
  EXPECT_EQ(filesWith(*Report, "_mm_sfence"), (std::set<std::string>{"fifo.c", "ok.c", "zero.c"}));
  std::map<std::string, std::string> FirstError = firstErrors(*Report);
  EXPECT_EQ(FirstError["fifo.c"], "'pipe.h' file not found");
  EXPECT_EQ(FirstError["zero.c"], "'/dev/zero' file not found");
  EXPECT_EQ(FirstError.count("ok.c"), 0u);

  Result J = run(T, {"scan", T.root(), "--db", T.root() + "/r.db", "-j", "2147483648"});
  EXPECT_EQ(J.Exit, 1);
  EXPECT_EQ(J.Err, "portolan: error: -j 2147483648: at most 1024 workers\n");
}

// Issue 15, row 15: a wrong value says which ones are right; a broken
// search pattern says it is one instead of printing nothing.
TEST(ReliabilityTest, WrongValuesAndPatternsAreToldWithWhatIsExpected) {
  TempTree T;
  Result Format = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "xml"});
  EXPECT_EQ(Format.Exit, 1);
  EXPECT_EQ(Format.Err, "portolan: for the --format option: 'xml': expected text, json or sarif\n");
  Result Plan = run(T, {"plan", T.root() + "/none.toml", "--format", "pdf"});
  EXPECT_EQ(Plan.Exit, 1);
  EXPECT_NE(Plan.Err.find("'pdf': expected text, json, markdown, csv, html or sarif"), std::string::npos)
      << Plan.Err;
  Result Search = run(T, {"kb", "search", "["});
  EXPECT_EQ(Search.Exit, 1);
  EXPECT_EQ(Search.Err, "portolan: error: kb search [: invalid pattern: invalid glob pattern, "
                        "unmatched '['\n");
  Result Class = run(T, {"kb", "search", "_mm_add_p[sd]"});
  EXPECT_EQ(Class.Exit, 0);
  EXPECT_EQ(Class.Out, "intrinsic   _mm_add_pd\nintrinsic   _mm_add_ps\n");
}

// Issue 15, row 8: an output that cannot be written is exit 2 with one
// line (it was "LLVM ERROR: IO failure", exit 1); a report file is replaced
// only when the new one is whole.
TEST(ReliabilityTest, AnOutputThatCannotBeWrittenIsOneLineAndExitTwo) {
  TempTree T;
  Result Full = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "-o", "/dev/full"});
  EXPECT_EQ(Full.Exit, 2);
  EXPECT_NE(Full.Err.find("portolan: error: /dev/full: cannot write: No space left on device\n"),
            std::string::npos)
      << Full.Err;
  EXPECT_EQ(Full.Err.find("LLVM ERROR"), std::string::npos);
  std::string Report = T.write("out/report.json", "OLD");
  Result Ok = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "json", "-o",
                      Report});
  ASSERT_EQ(Ok.Exit, 0) << Ok.Err;
  parseJson(slurp(Report));
  std::error_code EC;
  size_t Entries = 0;
  for (llvm::sys::fs::directory_iterator It(T.root() + "/out", EC), End; It != End && !EC;
       It.increment(EC))
    ++Entries;
  EXPECT_EQ(Entries, 1u); // No temporary file is left beside it.
}

// Issue 15, row 13: control characters in a file name reach the terminal
// escaped, in the text report and in warnings.
TEST(ReliabilityTest, ControlCharactersInFileNamesAreEscaped) {
  TempTree T;
  T.write("evil\x1b[31m\nname.c", "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n");
  Result R = run(T, {"scan", T.root(), "--db", T.root() + "/r.db"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(R.Out.find('\x1b'), std::string::npos);
  EXPECT_EQ(R.Err.find('\x1b'), std::string::npos);
  EXPECT_NE(R.Out.find("evil\\x1b[31m\\x0aname.c:2:"), std::string::npos) << R.Out;
}

// Issue 15, row 10: the default results file does not follow a link out of
// the working folder; --db still chooses any file.
TEST(ReliabilityTest, TheDefaultResultsFileFollowsNoLinkOutOfTheWorkingFolder) {
  TempTree T;
  T.write("work/a.c", "int a;\n");
  T.write("elsewhere/keep.txt", "");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.root() + "/elsewhere", T.root() + "/work/.portolan"));
  std::string Scan = "cd '" + T.root() + "/work' && exec '" + PORTOLAN_BINARY + "' scan .";
  Result Out = run(T, {"-c", Scan}, "/bin/sh");
  EXPECT_EQ(Out.Exit, 2);
  EXPECT_NE(Out.Err.find("/work/.portolan: a link out of the working folder (to " + T.root() +
                         "/elsewhere); not followed"),
            std::string::npos)
      << Out.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(T.root() + "/elsewhere/results.db"));
  // A link inside the working folder is followed.
  llvm::sys::fs::remove(T.root() + "/work/.portolan");
  llvm::sys::fs::create_directories(T.root() + "/work/store");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.root() + "/work/store", T.root() + "/work/.portolan"));
  Result In = run(T, {"-c", Scan}, "/bin/sh");
  EXPECT_EQ(In.Exit, 0) << In.Err;
  EXPECT_TRUE(llvm::sys::fs::exists(T.root() + "/work/store/results.db"));
}

// Issue 15, row 9: a library in a plugin folder that is no plugin is
// refused from its symbol table, before its constructor (which exits with
// code 7) can run; the scan reports as usual.
TEST(ReliabilityTest, ALibraryThatIsNoPluginIsRefusedBeforeItsCodeRuns) {
  TempTree T;
  std::string Folder = std::string(PORTOLAN_FIXTURE_PLUGIN_ROOT) + "/ExitingConstructor";
  Result R = run(T, {"scan", MiniRepo, "--db", T.root() + "/r.db", "--format", "json",
                     "--plugin-dir", Folder});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("libfixture-ExitingConstructor.so refused: not a Portolan plugin: no "
                       "symbol 'portolan_plugin_descriptor' in its dynamic symbol table (not "
                       "loaded)"),
            std::string::npos)
      << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  ASSERT_TRUE(V.getAsObject());
  EXPECT_GT(V.getAsObject()->getObject("summary")->getInteger("findings"), 0);
  Result List = run(T, {"plugins", "--plugin-dir", Folder});
  EXPECT_EQ(List.Exit, 0);
  EXPECT_NE(List.Out.find("refused  " + Folder), std::string::npos) << List.Out;
}

// Issue 15, row 7: a file name that is not UTF-8 (Latin-1 "café.c") is
// found by every scan, not only the first (the stored plan kept it
// mangled), and reaches the terminal escaped.
TEST(ReliabilityTest, AFileNameThatIsNotUtf8IsFoundOnEveryScan) {
  TempTree T;
  const std::string Latin1 = "caf\xe9.c";
  T.write("src/" + Latin1, "#include <xmmintrin.h>\nvoid f(void) { _mm_sfence(); }\n");
  T.write("src/ok.c", "#include <xmmintrin.h>\nvoid g(void) { _mm_sfence(); }\n");
  for (int Scan = 1; Scan <= 2; ++Scan) {
    Result R = run(T, {"scan", T.root() + "/src", "--db", T.root() + "/r.db"});
    ASSERT_EQ(R.Exit, 0) << R.Err;
    EXPECT_NE(R.Out.find("\n  caf\\xe9.c:2:16: x86.intrinsic _mm_sfence"), std::string::npos)
        << "scan " << Scan << ":\n"
        << R.Out;
    EXPECT_NE(R.Out.find("0 could not be parsed or read"), std::string::npos) << R.Out;
    if (Scan == 2) {
      EXPECT_NE(R.Out.find("unchanged since an earlier run: 2 units"), std::string::npos)
          << R.Out;
    }
  }
}
