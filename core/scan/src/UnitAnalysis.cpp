//===- UnitAnalysis.cpp - one parse of one unit, every analyzer over it ---===//
#include "Conditionals.h"
#include "GuardedPPCallbacks.h"
#include "ErrorCollector.h"
#include "InactiveScan.h"
#include "ParseFiles.h"
#include "portolan/scan/UnitAnalysis.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <tuple>

#ifndef PORTOLAN_CLANG_RESOURCE_DIR
#error "PORTOLAN_CLANG_RESOURCE_DIR must be set by the build"
#endif

namespace portolan {

std::string clangResourceDir() {
  if (const char *Env = std::getenv("PORTOLAN_CLANG_RESOURCE_DIR"))
    if (*Env)
      return Env;
  return PORTOLAN_CLANG_RESOURCE_DIR;
}

namespace {

using namespace clang;

/// The loaded plugin that declares Rule (the last, when several do), or
/// none: findings the host makes itself go out under that plugin's name.
const LoadedPlugin *ownerOfRule(const PluginHost &Plugins, llvm::StringRef Rule) {
  const LoadedPlugin *Owner = nullptr;
  for (const LoadedPlugin &P : Plugins.loaded())
    if (llvm::is_contained(P.RuleIds, Rule))
      Owner = &P;
  return Owner;
}

/// Where a file of the unit belongs.
struct FileClass {
  enum Kind { Project, CompilerHeader, Other } K = Other;
  std::string Rel; ///< Relative to the root, for project files.
};

/// Per-unit facts shared by every analyzer's context.
class UnitState {
public:
  UnitState(llvm::StringRef Root, std::string ResourceInclude, TUResult &Out)
      : Root(Root), ResourceInclude(std::move(ResourceInclude)), Out(Out) {}

  bool attached() const { return SM != nullptr; }

  void attach(SourceManager &NewSM) {
    SM = &NewSM;
    Classes.clear();
    Tracker = nullptr;
  }

  const FileClass &classify(SourceLocation Loc) {
    static const FileClass None;
    FileID FID = SM->getFileID(SM->getSpellingLoc(Loc));
    if (Loc.isInvalid() || FID.isInvalid()) // FileID() is the map's empty key.
      return None;
    auto [It, Inserted] = Classes.try_emplace(FID);
    if (!Inserted)
      return It->second;
    FileClass &C = It->second;
    OptionalFileEntryRef File = SM->getFileEntryRefForID(FID);
    if (!File)
      return C;
    llvm::StringRef Name = SM->getFileManager().getCanonicalName(*File);
    if (Name.starts_with(ResourceInclude)) {
      C.K = FileClass::CompilerHeader;
    } else if (Name.size() > Root.size() && Name.starts_with(Root) &&
               Name[Root.size()] == '/' &&
               !SrcMgr::isSystem(SM->getFileCharacteristic(SM->getLocForStartOfFile(FID)))) {
      C.K = FileClass::Project;
      C.Rel = Name.substr(Root.size() + 1).str();
    }
    return C;
  }

  /// Lexical marks a finding of the lexical pass over active code.
  void report(const sdk::FindingReport &R, llvm::StringRef Analyzer, bool Inactive = false,
              bool Lexical = false) {
    SourceLocation Sp = SM->getSpellingLoc(R.Loc);
    const FileClass &C = classify(Sp);
    if (C.K != FileClass::Project)
      return;
    auto [FID, Offset] = SM->getDecomposedLoc(Sp);
    Finding F;
    F.Rule = R.Rule;
    F.Symbol = R.Symbol;
    F.File = C.Rel;
    F.Line = SM->getLineNumber(FID, Offset);
    F.Column = SM->getColumnNumber(FID, Offset);
    F.Analyzer = Analyzer.str();
    F.Note = R.Note;
    F.Advisory = R.Advisory;
    F.Inactive = Inactive;
    llvm::StringRef Buffer = SM->getBufferData(FID);
    size_t Begin = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
    Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
    if (Offset == 0)
      Begin = 0;
    size_t End = Buffer.find('\n', Offset);
    F.Snippet = Buffer.slice(Begin, End).trim().take_front(200).str();
    auto Key = std::make_tuple(F.Rule, F.Symbol, F.File, F.Line, F.Column);
    // A lexical finding at a place the AST already reported under the same
    // rule is the same one: CreateFile, which the AST names CreateFileW.
    if (Lexical && RulePlaces.count(std::make_tuple(F.Rule, F.File, F.Line, F.Column)))
      return;
    if (Seen.insert(Key).second) {
      RulePlaces.emplace(F.Rule, F.File, F.Line, F.Column);
      Out.Findings.push_back(std::move(F));
      Places.emplace_back(FID, Offset);
    }
  }

  bool isProjectFile(FileID FID) {
    return FID.isValid() && classify(SM->getLocForStartOfFile(FID)).K == FileClass::Project;
  }

  /// Gives every finding its guard context: x86 rules by the x86 tests
  /// around it, Windows and MSVC rules by the Windows tests.
  void annotateGuards() {
    if (!Tracker)
      return;
    for (size_t I = 0; I < Out.Findings.size(); ++I) {
      Finding &F = Out.Findings[I];
      auto [Family, Other] = familyOfRule(F.Rule);
      if (!Family)
        continue;
      GuardLevel Level = Tracker->guardAt(Places[I].first, Places[I].second, Family, Other);
      F.Guard = guardName(Level, Family);
    }
  }

  ConditionalTracker *Tracker = nullptr;
  /// Set when the parse met a known x86 or Windows name it could not
  /// resolve: the code around such names is then lexed too.
  bool Unresolved = false;

  /// Every file the source manager has loaded so far.
  std::vector<FileEntryRef> filesLoaded() const {
    std::vector<FileEntryRef> Files;
    for (auto It = SM->fileinfo_begin(), End = SM->fileinfo_end(); It != End; ++It)
      Files.push_back(It->first);
    return Files;
  }

  /// The project files of the unit, each by the first place it was read.
  std::vector<FileID> projectFiles() {
    std::vector<FileID> Files;
    // Looking at a file may load one of a precompiled header's, which
    // adds to the map: its keys are taken first.
    for (FileEntryRef File : filesLoaded()) {
      FileID FID = SM->translateFile(File);
      if (FID.isValid() && isProjectFile(FID))
        Files.push_back(FID);
    }
    return Files;
  }

  /// Records every project file the source manager loaded.
  void collectFilesRead() {
    for (FileEntryRef File : filesLoaded()) {
      llvm::StringRef Name = SM->getFileManager().getCanonicalName(File);
      if (Name.size() > Root.size() && Name.starts_with(Root) && Name[Root.size()] == '/')
        Out.FilesRead.push_back(Name.substr(Root.size() + 1).str());
    }
    std::sort(Out.FilesRead.begin(), Out.FilesRead.end());
  }

  TUResult &result() { return Out; }
  SourceManager &sourceManager() { return *SM; }

private:
  std::string Root;
  std::string ResourceInclude;
  TUResult &Out;
  SourceManager *SM = nullptr;
  llvm::DenseMap<FileID, FileClass> Classes;
  std::set<std::tuple<std::string, std::string, std::string, unsigned, unsigned>> Seen;
  std::set<std::tuple<std::string, std::string, unsigned, unsigned>> RulePlaces;
  /// Where each finding of Out.Findings is, for its guard context.
  std::vector<std::pair<FileID, unsigned>> Places;
};

/// The context one analyzer sees.
class PluginContext final : public sdk::AnalysisContext {
public:
  PluginContext(UnitState &Unit, std::string Name) : Unit(Unit), Name(std::move(Name)) {}
  bool isProjectLocation(SourceLocation Loc) override {
    return Loc.isValid() && Unit.classify(Loc).K == FileClass::Project;
  }
  SourceLocation projectLocation(SourceLocation Loc) override {
    const SourceManager &SM = Unit.sourceManager();
    while (Loc.isValid()) {
      SourceLocation Spelling = SM.getSpellingLoc(Loc);
      if (Unit.classify(Spelling).K == FileClass::Project)
        return Spelling;
      if (!Loc.isMacroID())
        break;
      Loc = SM.getImmediateMacroCallerLoc(Loc);
    }
    return SourceLocation();
  }
  bool isCompilerHeaderLocation(SourceLocation Loc) override {
    return Loc.isValid() && Unit.classify(Loc).K == FileClass::CompilerHeader;
  }
  sdk::ConditionInfo conditionAt(SourceLocation Loc) override {
    return Unit.Tracker ? Unit.Tracker->conditionAt(Loc) : sdk::ConditionInfo{};
  }
  const SourceManager &sourceManager() override { return Unit.sourceManager(); }
  void report(const sdk::FindingReport &F) override {
    if (F.Loc.isValid())
      Unit.report(F, Name);
  }

private:
  UnitState &Unit;
  std::string Name;
};

/// One plugin's analyzer for this unit, with its context and guard.
struct PluginRun {
  const LoadedPlugin *Plugin;
  sdk::Analyzer *Instance = nullptr;
  std::unique_ptr<PluginContext> Context;
  PluginGuard Guard;

  ~PluginRun() {
    if (Instance)
      Plugin->Descriptor->Destroy(Instance);
  }
};

class AnalysisConsumer final : public ASTConsumer {
public:
  AnalysisConsumer(UnitState &Unit, std::vector<std::unique_ptr<PluginRun>> &Runs,
                   const PluginHost &Plugins, const LexicalNames *Names, SourceManager &SM,
                   bool OverPrefix)
      : Unit(Unit), Runs(Runs), Plugins(Plugins), Names(Names), SM(SM),
        OverPrefix(OverPrefix) {}
  /// Asked for each function body when the parse skips bodies: those of
  /// system headers (immintrin.h alone has thousands of inline functions)
  /// hold no finding, so the parser does not build them. Clang still
  /// parses constexpr and auto-typed bodies, which it may need.
  bool shouldSkipFunctionBody(Decl *D) override {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }
  /// Over a precompiled prefix, the declarations this parse made itself:
  /// the analyzers walk those, and the prefix's (system headers only) are
  /// not read back from it.
  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    if (OverPrefix)
      for (Decl *D : Group)
        if (!D->isFromASTFile())
          TopLevel.push_back(D);
    return true;
  }
  void HandleTranslationUnit(ASTContext &AST) override {
    if (OverPrefix)
      AST.setTraversalScope(TopLevel);
    Unit.collectFilesRead();
    for (auto &Run : Runs)
      if (Run->Instance)
        Run->Guard.run("analyzeAST",
                       [&] { Run->Instance->analyzeAST(AST, *Run->Context); });
    if (Names && Unit.Tracker)
      reportInactive(AST);
    // Any error may have cost the AST the code after it (an unknown macro
    // before a function's type, as in a source fragment another file
    // includes): known names there are lexed, as around unresolved ones.
    if (Names && Unit.Tracker && (Unit.Unresolved || AST.getDiagnostics().hasErrorOccurred()))
      reportUnresolved(AST);
    if (Unit.Tracker)
      recordSkippedWindowsLines();
    Unit.annotateGuards();
  }

private:
  /// Findings of the skipped ranges, each under the plugin that declares
  /// its rule; a rule no loaded plugin declares is not reported.
  void reportInactive(ASTContext &AST) {
    std::vector<InactiveHit> Hits = scanSkippedRanges(
        *Unit.Tracker, AST.getSourceManager(), AST.getLangOpts(), *Names,
        [&](FileID FID) { return Unit.isProjectFile(FID); });
    for (const InactiveHit &H : Hits)
      if (const LoadedPlugin *Owner = ownerOfRule(Plugins, H.Rule))
        Unit.report({H.Rule, H.Symbol, H.Loc, H.Note}, Owner->Descriptor->Name,
                    /*Inactive=*/true);
  }

  /// Whether branch B of chain C holds Windows code: it tests a Windows
  /// macro, or it is the #else after branches that all deny one (#ifndef
  /// _WIN32 ... #else).
  static bool assertsWindows(const CondChain &C, const CondBranch &B) {
    if (B.Positive & sdk::TestsWindows)
      return true;
    return B.IsElse && llvm::all_of(C.Branches, [&](const CondBranch &Other) {
             return &Other == &B || (Other.Negative & sdk::TestsWindows);
           });
  }

  /// The lines of the main file that the parse skipped under a branch
  /// asserting Windows: each such branch of each skipped range, the first
  /// one included (its directive sits before the branch's recorded start).
  void recordSkippedWindowsLines() {
    FileID Main = SM.getMainFileID();
    llvm::StringRef Text = SM.getBufferData(Main);
    for (SourceRange R : Unit.Tracker->skipped()) {
      auto [FID, Begin] = SM.getDecomposedLoc(SM.getExpansionLoc(R.getBegin()));
      auto [EndFID, End] = SM.getDecomposedLoc(SM.getExpansionLoc(R.getEnd()));
      if (FID != Main || EndFID != Main || End <= Begin)
        continue;
      auto Branches = Unit.Tracker->branchesIn(FID, Begin, End);
      size_t Body = Text.find('\n', Begin);
      if (Body != llvm::StringRef::npos && Body + 1 < End) {
        auto First = Unit.Tracker->innermost(FID, unsigned(Body + 1));
        if (First.second && llvm::none_of(Branches, [&](const auto &P) {
              return P.second == First.second;
            }))
          Branches.insert(Branches.begin(), First);
      }
      for (auto [Chain, B] : Branches)
        if (assertsWindows(*Chain, *B))
          Unit.result().SkippedWindowsLines.emplace_back(
              SM.getLineNumber(FID, std::max(B->Begin, Begin)),
              SM.getLineNumber(FID, std::min(B->End, End)));
    }
  }

  /// Known names in the active code of a unit whose parse could not
  /// resolve some: what the AST lost around them.
  void reportUnresolved(ASTContext &AST) {
    for (const InactiveHit &H :
         scanUnresolvedNames(*Unit.Tracker, AST.getSourceManager(), AST.getLangOpts(), *Names,
                             Unit.projectFiles()))
      if (const LoadedPlugin *Owner = ownerOfRule(Plugins, H.Rule))
        Unit.report({H.Rule, H.Symbol, H.Loc, H.Note}, Owner->Descriptor->Name,
                    /*Inactive=*/false, /*Lexical=*/true);
  }

  UnitState &Unit;
  std::vector<std::unique_ptr<PluginRun>> &Runs;
  const PluginHost &Plugins;
  const LexicalNames *Names;
  SourceManager &SM;
  bool OverPrefix;
  std::vector<Decl *> TopLevel;
};

class AnalysisAction final : public ASTFrontendAction {
public:
  AnalysisAction(UnitState &Unit, const PluginHost &Plugins,
                 std::vector<std::unique_ptr<PluginRun>> &Runs, const LexicalNames *Names,
                 bool OverPrefix, bool DirectivesOnly)
      : Unit(Unit), Plugins(Plugins), Runs(Runs), Names(Names), OverPrefix(OverPrefix),
        DirectivesOnly(DirectivesOnly) {}

  /// CompileJob::DirectivesOnly: the preprocessor reads the unit to its
  /// end, with every callback, and the analyzers then see an empty
  /// translation unit; no declaration is parsed.
  void ExecuteAction() override {
    if (!DirectivesOnly)
      return ASTFrontendAction::ExecuteAction();
    CompilerInstance &CI = getCompilerInstance();
    if (!CI.hasPreprocessor() || !CI.hasASTContext() || !CI.hasASTConsumer())
      return;
    Preprocessor &PP = CI.getPreprocessor();
    PP.EnterMainSourceFile();
    if (PP.getCurrentLexer()) {
      Token Tok;
      do
        PP.Lex(Tok);
      while (Tok.isNot(tok::eof));
    }
    CI.getASTConsumer().HandleTranslationUnit(CI.getASTContext());
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    Unit.attach(CI.getSourceManager());
    Runs.clear();
    auto Tracker = std::make_unique<ConditionalTracker>(
        CI.getSourceManager(), CI.getLangOpts(),
        [this](FileID FID) { return Unit.isProjectFile(FID); });
    Unit.Tracker = Tracker.get();
    CI.getPreprocessor().addPPCallbacks(std::move(Tracker));
    for (const LoadedPlugin &P : Plugins.loaded()) {
      if (!P.Descriptor->Create)
        continue;
      auto Run = std::make_unique<PluginRun>();
      Run->Plugin = &P;
      Run->Context = std::make_unique<PluginContext>(Unit, P.Descriptor->Name);
      TUResult &Out = Unit.result();
      std::string Name = P.Descriptor->Name;
      Run->Guard.OnFailure = [&Out, Name](const std::string &Message) {
        Out.AnalyzerErrors.push_back({Name, Message});
      };
      Run->Guard.run("create", [&] { Run->Instance = P.Descriptor->Create(); });
      if (Run->Instance) {
        std::unique_ptr<PPCallbacks> Callbacks;
        Run->Guard.run("createPPCallbacks", [&] {
          Callbacks = Run->Instance->createPPCallbacks(CI.getPreprocessor(), *Run->Context);
        });
        if (Callbacks)
          CI.getPreprocessor().addPPCallbacks(
              std::make_unique<GuardedPPCallbacks>(std::move(Callbacks), Run->Guard));
      }
      Runs.push_back(std::move(Run));
    }
    // Bodies are skipped where the consumer says so: system headers.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    // A missing #include ("config.h" the build generates) is a fatal error,
    // after which Clang drops every diagnostic; the names that header would
    // have declared are then never seen. Keep them coming, as errors.
    if (Names)
      CI.getDiagnostics().setFatalsAsError(true);
    return std::make_unique<AnalysisConsumer>(Unit, Runs, Plugins, Names,
                                              CI.getSourceManager(), OverPrefix);
  }

private:
  UnitState &Unit;
  const PluginHost &Plugins;
  std::vector<std::unique_ptr<PluginRun>> &Runs;
  const LexicalNames *Names;
  bool OverPrefix;
  bool DirectivesOnly;
};

/// Precompiles a shared prefix: system headers only, whose function bodies
/// a unit's parse skips as well.
class PrefixPchAction final : public GeneratePCHAction {
public:
  PrefixPchAction(llvm::StringSet<> *Identifiers, PrefixMacros *Macros)
      : Identifiers(Identifiers), Macros(Macros) {}

private:
  /// The macros the headers define or undefine, not the predefines'.
  class MacroRecorder final : public PPCallbacks {
  public:
    MacroRecorder(const SourceManager &SM, PrefixMacros &Out) : SM(SM), Out(Out) {}
    void MacroDefined(const Token &Name, const MacroDirective *) override { note(Name, true); }
    void MacroUndefined(const Token &Name, const MacroDefinition &,
                        const MacroDirective *) override {
      note(Name, false);
    }
    /// Defined at the end by the preprocessor's own state: #pragma
    /// pop_macro restores a macro without a callback (minwindef.h's BOOL).
    void flush(Preprocessor &PP) {
      for (const auto &[Name, E] : Events) {
        Out.All.insert(Name);
        bool Defined = PP.getMacroInfo(PP.getIdentifierInfo(Name)) != nullptr;
        if (Defined)
          Out.AtEnd.insert(Name);
        if (E.Count == 1 && E.Defined && Defined)
          Out.Once[Name] = E.File;
      }
    }

  private:
    struct Event {
      unsigned Count = 0;
      bool Defined = false;
      std::string File;
    };
    void note(const Token &Name, bool Defined) {
      SourceLocation Loc = Name.getLocation();
      if (Loc.isInvalid() || SM.isWrittenInBuiltinFile(Loc) || SM.isWrittenInCommandLineFile(Loc))
        return;
      Event &E = Events[Name.getIdentifierInfo()->getName()];
      ++E.Count;
      E.Defined = Defined;
      OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(SM.getSpellingLoc(Loc)));
      E.File = File ? SM.getFileManager().getCanonicalName(*File).str() : "";
    }
    const SourceManager &SM;
    PrefixMacros &Out;
    llvm::StringMap<Event> Events;
  };

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    if (!GeneratePCHAction::BeginSourceFileAction(CI))
      return false;
    if (Macros) {
      auto Recorder = std::make_unique<MacroRecorder>(CI.getSourceManager(), *Macros);
      Recording = Recorder.get();
      CI.getPreprocessor().addPPCallbacks(std::move(Recorder));
    }
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef InFile) override {
    CI.getFrontendOpts().SkipFunctionBodies = true;
    return GeneratePCHAction::CreateASTConsumer(CI, InFile);
  }
  void EndSourceFileAction() override {
    if (Recording)
      Recording->flush(getCompilerInstance().getPreprocessor());
    if (Identifiers)
      for (const auto &Entry : getCompilerInstance().getPreprocessor().getIdentifierTable())
        Identifiers->insert(Entry.getKey());
    GeneratePCHAction::EndSourceFileAction();
  }
  llvm::StringSet<> *Identifiers;
  PrefixMacros *Macros;
  MacroRecorder *Recording = nullptr; ///< Owned by the preprocessor.
};

/// Counts the errors of a parse whose diagnostics nobody reads.
class ErrorCounter final : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level >= DiagnosticsEngine::Error && First.empty()) {
      llvm::SmallString<128> Text;
      Info.FormatDiagnostic(Text);
      First = std::string(Text);
    }
  }
  std::string First;
};

} // namespace

/// The command line of Job with the flags every parse needs.
std::vector<std::string> parseArguments(const CompileJob &Job) {
  using namespace clang::tooling;
  CommandLineArguments Args = Job.Args;
  Args = getClangStripOutputAdjuster()(Args, Job.File);
  Args = getClangStripDependencyFileAdjuster()(Args, Job.File);
  Args = getClangSyntaxOnlyAdjuster()(Args, Job.File);
  Args = getInsertArgumentAdjuster(
      {"-resource-dir=" + clangResourceDir(), "-w", "-ferror-limit=0", "-fno-spell-checking",
       "-fno-color-diagnostics", "-fno-caret-diagnostics"},
      ArgumentInsertPosition::BEGIN)(Args, Job.File);
  return Args;
}

bool buildPrefixPch(const CompileJob &Job, const std::vector<std::string> &Includes,
                    const std::string &Base, ParseCache *Cache, std::string &Error,
                    llvm::StringSet<> *Identifiers, PrefixMacros *Macros) {
  std::string Header = Base + ".h", Pch = Base + ".pch";
  {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Header, EC);
    if (EC) {
      Error = Header + ": " + EC.message();
      return false;
    }
    for (const std::string &I : Includes)
      Out << "#include " << I << "\n";
  }
  // The unit's command, its file replaced by the header.
  std::vector<std::string> Args;
  std::string Language = llvm::StringRef(Job.File).ends_with(".c") ? "c" : "c++";
  std::vector<std::string> Given = parseArguments(Job);
  for (size_t I = 0; I < Given.size(); ++I) {
    if (Given[I] == "-x" && I + 1 < Given.size())
      Language = llvm::StringRef(Given[I + 1]).starts_with("c++") ? "c++" : "c";
    if (Given[I] != Job.File && Given[I] != "-fsyntax-only")
      Args.push_back(Given[I]);
  }
  Args.insert(Args.end(), {"-x", Language + "-header", Header, "-o", Pch});
  auto Files = fileManagerFor(Job, Cache, llvm::sys::path::parent_path(Base));
  ErrorCounter Errors;
  bool Ran = false;
  llvm::CrashRecoveryContext CRC;
  bool Survived = CRC.RunSafely([&] {
    clang::tooling::ToolInvocation Invocation(
        Args, std::make_unique<PrefixPchAction>(Identifiers, Macros), Files.get());
    Invocation.setDiagnosticConsumer(&Errors);
    Ran = Invocation.run();
  });
  if (!Survived || !Ran || Errors.getNumErrors() || !llvm::sys::fs::exists(Pch)) {
    Error = "the shared headers of " + Job.RelFile + " (" + llvm::join(Includes, " ") +
            ") did not precompile" + (Errors.First.empty() ? "" : ": " + Errors.First);
    return false;
  }
  return true;
}

std::shared_ptr<ParseCache> makeParseCache() { return std::make_shared<ParseCache>(); }

TUResult analyzeUnit(const CompileJob &Job, llvm::StringRef Root,
                     const PluginHost &Plugins, const LexicalNames *Names,
                     ParseCache *Cache, llvm::StringRef SharedPrefixPch) {
  TUResult Out;
  Out.File = Job.RelFile;
  Out.Plat = Job.Plat;
  Out.CommandSource = Job.Source;

  llvm::SmallString<256> ResourceInclude;
  if (llvm::sys::fs::real_path(clangResourceDir(), ResourceInclude))
    ResourceInclude = clangResourceDir();
  llvm::sys::path::append(ResourceInclude, "include");
  ResourceInclude += "/";

  // MSVC __asm blocks are parsed by the target's assembly parser; without
  // one, Clang drops them with an error.
  static std::once_flag TargetsReady;
  std::call_once(TargetsReady, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmParsers();
  });

  auto Start = std::chrono::steady_clock::now();
  UnitState Unit(Root, std::string(ResourceInclude), Out);
  std::vector<std::unique_ptr<PluginRun>> Runs;
  ErrorCollector Errors(Out, Root);
  // A known x86 or Windows name that the parse could not resolve (its
  // header is missing, generated by the build, or forced in by MSVC) is
  // still a finding, at the place the project wrote it.
  if (Names)
    Errors.OnUndeclared = [&](llvm::StringRef Name, SourceLocation Loc) {
      if (!Unit.attached())
        return;
      // Windows types count only here: a POSIX parse declares none of them.
      std::string Rule;
      if (auto Known = Names->Rules.find(Name); Known != Names->Rules.end())
        Rule = Known->second;
      else if (Names->WindowsUnitNames.contains(Name) && llvm::any_of(Name, llvm::isUpper))
        Rule = "win32.type";
      if (Rule.empty())
        return;
      // Also when the name is in a system header: a Windows SDK parse that
      // broke there (winsock's types missing) loses project code too.
      Unit.Unresolved = true;
      if (const LoadedPlugin *Owner = ownerOfRule(Plugins, Rule))
        Unit.report({Rule, Name.str(), Loc, "seen without its declaration"},
                    Owner->Descriptor->Name);
    };

  llvm::IntrusiveRefCntPtr<FileManager> Files = fileManagerFor(
      Job, Cache,
      SharedPrefixPch.empty() ? llvm::StringRef() : llvm::sys::path::parent_path(SharedPrefixPch));
  std::vector<std::string> Args = parseArguments(Job);
  if (!SharedPrefixPch.empty())
    Args.insert(Args.end(), {"-include-pch", SharedPrefixPch.str()});

  bool Ran = false;
  llvm::CrashRecoveryContext CRC;
  bool Survived = CRC.RunSafely([&] {
    clang::tooling::ToolInvocation Invocation(
        Args,
        std::make_unique<AnalysisAction>(Unit, Plugins, Runs, Names, !SharedPrefixPch.empty(),
                                         Job.DirectivesOnly),
        Files.get());
    Invocation.setDiagnosticConsumer(&Errors);
    Ran = Invocation.run();
  });
  if (!Survived)
    Out.Errors.push_back({Job.RelFile, 0, 0, "the Clang frontend crashed on this unit"});
  // A unit whose frontend ran but reported errors still produced an AST.
  Out.Parsed = Survived && (Ran || !Runs.empty());
  Runs.clear();
  Out.ParseSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  // Of a unit run through the preprocessor alone, the findings of its own
  // file only: an analyzer that looks a header's name up in the (empty)
  // translation unit may misjudge it there, and each candidate header is
  // parsed in full by another unit (Prefilter.cpp).
  if (Job.DirectivesOnly)
    llvm::erase_if(Out.Findings, [&](const Finding &F) { return F.File != Job.RelFile; });
  std::sort(Out.Findings.begin(), Out.Findings.end());
  return Out;
}

} // namespace portolan
