//===- portolan/sdk/Analyzer.h - The analyzer plugin contract ---*- C++ -*-===//
//
// The only header an analyzer plugin includes. A plugin is a shared library
// that exports one PluginDescriptor through PORTOLAN_PLUGIN. The host checks
// the descriptor's ABI and LLVM versions before calling anything, creates one
// Analyzer per translation unit, hands it the preprocessor events and the
// finished AST of the single parse of that unit, and collects what it reports.
//
// A plugin may also, or instead, export a FileAnalyzer: it sees files that
// are not translation units (assembly sources, build files, prebuilt
// binaries), one at a time, as bytes.
//
// Only plain values cross the boundary in the other direction: a finding is
// a rule id, a symbol, a location and a note. Bump PluginAbiVersion whenever
// any type declared here changes.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SDK_ANALYZER_H
#define PORTOLAN_SDK_ANALYZER_H

#include <boost/config.hpp>
#include <clang/Basic/SourceLocation.h>
#include <clang/Lex/PPCallbacks.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/MemoryBufferRef.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
class SourceManager;
} // namespace clang

namespace portolan::sdk {

/// Bumped whenever a type that crosses the plugin boundary changes.
inline constexpr std::uint32_t PluginAbiVersion = 5;

/// True when a path has a folder named for another architecture
/// (simd/mips64/, arm/, aarch64/, loongarch/, ...): code there is written
/// for it, even when a unit parsed as x86 reaches it.
inline bool isOtherArchitecturePath(llvm::StringRef Path) {
  static const char *const Names[] = {
      "arm",   "arm64",  "aarch64", "neon",   "mips",  "mips64", "loongarch", "loongarch64",
      "loongson", "ppc", "ppc64",   "powerpc", "altivec", "riscv", "riscv64", "s390",
      "s390x", "sparc",  "sw_64",   "sw64",   "lsx",   "lasx",   "msa",       "wasm", "e2k"};
  while (!Path.empty()) {
    auto [Part, Rest] = Path.split('/');
    Path = Rest;
    if (Rest.empty() && !Part.empty() && Part.contains('.'))
      break; // The file name itself.
    for (const char *N : Names)
      if (Part.equals_insensitive(N))
        return true;
  }
  return false;
}

/// The offsets, within Text (a range the preprocessor skipped, starting
/// with the directive that began skipping), of the directive names of the
/// #elif, #elifdef and #elifndef lines that belong to the skipped chain
/// itself (not to a conditional nested in the range). Clang reports no
/// callback for an #elif that follows the branch it took. With AndElse,
/// the chain's #else line too (also without a callback after an #elif
/// that was skipped).
inline std::vector<size_t> skippedElifOffsets(llvm::StringRef Text, bool AndElse = false) {
  std::vector<size_t> Out;
  int Depth = 0;
  size_t Pos = Text.find('\n');
  while (Pos != llvm::StringRef::npos && Pos < Text.size()) {
    size_t LineStart = Pos + 1;
    size_t I = LineStart;
    while (I < Text.size() && (Text[I] == ' ' || Text[I] == '\t'))
      ++I;
    if (I < Text.size() && Text[I] == '#') {
      ++I;
      while (I < Text.size() && (Text[I] == ' ' || Text[I] == '\t'))
        ++I;
      llvm::StringRef Rest = Text.substr(I);
      if (Rest.starts_with("if"))
        ++Depth;
      else if (Rest.starts_with("endif"))
        --Depth;
      else if (Depth == 0 && (Rest.starts_with("elif") || (AndElse && Rest.starts_with("else"))))
        Out.push_back(I);
    }
    Pos = Text.find('\n', LineStart);
  }
  return Out;
}

/// One finding as an analyzer reports it. The host resolves the location to
/// file, line and column (spelling location) and adds the TU and analyzer.
struct FindingReport {
  std::string Rule;   ///< Stable dotted id, e.g. "x86.intrinsic".
  std::string Symbol; ///< What was found, e.g. "_mm_add_epi32".
  clang::SourceLocation Loc;
  std::string Note;   ///< Optional detail for the reader.
  /// Worth a porter's attention but not a known break: a compiler barrier,
  /// a reliance on char being signed. Reports keep these apart.
  bool Advisory = false;
};

/// Platforms a preprocessor condition tests, as bits.
enum PlatformTest : unsigned {
  TestsX86 = 1u << 0,       ///< __x86_64__, _M_IX86, __SSE2__, __AVX2__, ...
  TestsOtherArch = 1u << 1, ///< __aarch64__, __ARM_NEON, __loongarch64, ...
  TestsWindows = 1u << 2,   ///< _WIN32, _WIN64, __MINGW32__, _MSC_VER, ...
  TestsOtherOS = 1u << 3,   ///< __linux__, __unix__, __APPLE__, ...
  TestsMsvc = 1u << 4,      ///< _MSC_VER, _MSC_FULL_VER
};

/// What one conditional directive (#if, #ifdef, #elif, ...) tests. Macros
/// the project defines from platform macros (#define HAS_SSE2 __SSE2__, or
/// any macro defined inside an #ifdef __x86_64__ block) count as those.
struct ConditionInfo {
  unsigned Tests = 0;      ///< PlatformTest bits.
  std::string X86Macro;    ///< The first x86 macro tested, or empty.
  std::string WindowsMacro; ///< The first Windows macro tested, or empty.
};

/// What the host offers an analyzer while one translation unit is analyzed.
class BOOST_SYMBOL_VISIBLE AnalysisContext {
public:
  virtual ~AnalysisContext() = default;
  /// True when the spelling of Loc lies in a file of the scanned project
  /// (a main file or a project header), not in a system or toolchain header.
  virtual bool isProjectLocation(clang::SourceLocation Loc) = 0;
  /// Where the project wrote Loc: its spelling when that is in a project
  /// file; otherwise, when Loc comes from a macro defined outside the
  /// project (an SDK's MessageBox for MessageBoxW), the place in a project
  /// file where that macro was used. Invalid when neither exists.
  virtual clang::SourceLocation projectLocation(clang::SourceLocation Loc) = 0;
  /// True when the spelling of Loc lies in one of Clang's own resource
  /// headers (immintrin.h and friends).
  virtual bool isCompilerHeaderLocation(clang::SourceLocation Loc) = 0;
  /// What the conditional directive whose '#' is at DirectiveLoc tests.
  /// Complete once preprocessing has ended (in analyzeAST).
  virtual ConditionInfo conditionAt(clang::SourceLocation DirectiveLoc) = 0;
  /// The source manager of the unit being analyzed.
  virtual const clang::SourceManager &sourceManager() = 0;
  /// Records a finding. Duplicates within a unit are merged by the host.
  virtual void report(const FindingReport &Finding) = 0;
};

/// One analyzer instance sees exactly one translation unit.
///
/// The host delivers these preprocessor events to the callbacks returned by
/// createPPCallbacks: FileChanged, InclusionDirective, EndOfMainFile,
/// PragmaDirective, PragmaComment, MacroExpands, MacroDefined,
/// MacroUndefined, Defined, SourceRangeSkipped, If, Elif, Ifdef, Ifndef,
/// Elifdef, Elifndef, Else, Endif. An exception thrown from any hook is caught
/// by the host, reported against the plugin and the unit, and that analyzer
/// receives nothing more for the unit.
class BOOST_SYMBOL_VISIBLE Analyzer {
public:
  virtual ~Analyzer() = default;
  /// Preprocessor callbacks for this unit, or null for none.
  virtual std::unique_ptr<clang::PPCallbacks>
  createPPCallbacks(clang::Preprocessor &PP, AnalysisContext &Ctx) {
    return nullptr;
  }
  /// Called once with the finished AST, also when the unit had errors.
  virtual void analyzeAST(clang::ASTContext &AST, AnalysisContext &Ctx) {}
};

/// Runs several small analyzers as one: a plugin whose concerns are one
/// class each (each an Analyzer, overriding only the hooks it needs)
/// exports AnalyzerSet<A, B, C> as its analyzer.
template <typename... Analyzers> class AnalyzerSet final : public Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks> createPPCallbacks(clang::Preprocessor &PP,
                                                        AnalysisContext &Ctx) override {
    std::unique_ptr<clang::PPCallbacks> Chain;
    std::apply(
        [&](auto &...Each) {
          (chain(Chain, Each.createPPCallbacks(PP, Ctx)), ...);
        },
        Members);
    return Chain;
  }
  void analyzeAST(clang::ASTContext &AST, AnalysisContext &Ctx) override {
    std::apply([&](auto &...Each) { (Each.analyzeAST(AST, Ctx), ...); }, Members);
  }

private:
  static void chain(std::unique_ptr<clang::PPCallbacks> &Chain,
                    std::unique_ptr<clang::PPCallbacks> Next) {
    if (!Next)
      return;
    Chain = Chain ? std::make_unique<clang::PPChainedCallbacks>(std::move(Next), std::move(Chain))
                  : std::move(Next);
  }
  std::tuple<Analyzers...> Members;
};

/// One finding in a file that is not a translation unit. Line and Column
/// are 1-based; 0 means the finding is about the whole file.
struct FileFindingReport {
  std::string Rule;
  std::string Symbol;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Note;
  bool Advisory = false;
};

/// What the host offers a file analyzer for one file.
class BOOST_SYMBOL_VISIBLE FileContext {
public:
  virtual ~FileContext() = default;
  /// Every file of the scanned tree that discovery kept, '/'-separated,
  /// relative to the root, sorted: to look for a counterpart beside a file.
  virtual const std::vector<std::string> &treeFiles() = 0;
  /// Records a finding in the file being analyzed.
  virtual void report(const FileFindingReport &Finding) = 0;
};

/// Analyzes files that are not C/C++ translation units. The host creates
/// one instance per file, asks wantsFile by name, and only then reads the
/// file (memory-mapped) and calls analyzeFile. Exceptions are caught and
/// reported against the plugin and the file.
class BOOST_SYMBOL_VISIBLE FileAnalyzer {
public:
  virtual ~FileAnalyzer() = default;
  /// Whether this analyzer reads RelPath ('/'-separated, relative to the
  /// root). Decided by name, since it is asked of every file in the tree.
  virtual bool wantsFile(llvm::StringRef RelPath) = 0;
  virtual void analyzeFile(llvm::StringRef RelPath, llvm::MemoryBufferRef Content,
                           FileContext &Ctx) = 0;
};

/// What a plugin library exports. AbiVersion comes first and stays first, so
/// a host can read it from a library built against any SDK version.
struct PluginDescriptor {
  std::uint32_t AbiVersion;
  std::uint32_t LlvmMajor;
  const char *Name;
  const char *Version;
  const char *const *RuleIds;
  std::size_t RuleCount;
  /// Knowledge-base fragment shipped with the plugin, relative to the
  /// library's folder, or null.
  const char *KbFragment;
  /// Null for a plugin that only analyzes files.
  Analyzer *(*Create)();
  void (*Destroy)(Analyzer *);
  /// Null for a plugin that only analyzes translation units.
  FileAnalyzer *(*CreateFileAnalyzer)();
  void (*DestroyFileAnalyzer)(FileAnalyzer *);
  /// The identifiers the unit analyzer looks for, for the host's prefilter,
  /// which parses only units whose files hold a candidate token; a word
  /// ending in '*' is a prefix (acme_*). Null (the default of
  /// PORTOLAN_PLUGIN) means the analyzer needs every unit parsed, and turns
  /// the prefilter off.
  const char *const *PrefilterWords;
  std::size_t PrefilterWordCount;
};

} // namespace portolan::sdk

/// The name of the exported descriptor symbol.
#define PORTOLAN_PLUGIN_SYMBOL_NAME "portolan_plugin_descriptor"

/// Exports the descriptor of a plugin whose analyzer class is CLASS.
/// RULES is an array of const char* naming every rule id the plugin emits.
#define PORTOLAN_PLUGIN(NAME, VERSION, CLASS, RULES, KB_FRAGMENT)             \
  namespace {                                                                  \
  ::portolan::sdk::Analyzer *portolanCreate() { return new CLASS(); }          \
  void portolanDestroy(::portolan::sdk::Analyzer *A) { delete A; }             \
  }                                                                            \
  extern "C" BOOST_SYMBOL_EXPORT const ::portolan::sdk::PluginDescriptor       \
      portolan_plugin_descriptor = {                                           \
          ::portolan::sdk::PluginAbiVersion,                                   \
          LLVM_VERSION_MAJOR,                                                  \
          NAME,                                                                \
          VERSION,                                                             \
          RULES,                                                               \
          sizeof(RULES) / sizeof((RULES)[0]),                                  \
          KB_FRAGMENT,                                                         \
          &portolanCreate,                                                     \
          &portolanDestroy,                                                    \
          nullptr,                                                             \
          nullptr,                                                             \
          nullptr,                                                             \
          0}

/// As PORTOLAN_PLUGIN, with the identifiers the analyzer looks for (an
/// array of const char*; may hold only "" for "nothing beyond what the host
/// looks for anyway").
#define PORTOLAN_PLUGIN_WITH_WORDS(NAME, VERSION, CLASS, RULES, KB_FRAGMENT, WORDS)  \
  namespace {                                                                  \
  ::portolan::sdk::Analyzer *portolanCreate() { return new CLASS(); }          \
  void portolanDestroy(::portolan::sdk::Analyzer *A) { delete A; }             \
  }                                                                            \
  extern "C" BOOST_SYMBOL_EXPORT const ::portolan::sdk::PluginDescriptor       \
      portolan_plugin_descriptor = {                                           \
          ::portolan::sdk::PluginAbiVersion,                                   \
          LLVM_VERSION_MAJOR,                                                  \
          NAME,                                                                \
          VERSION,                                                             \
          RULES,                                                               \
          sizeof(RULES) / sizeof((RULES)[0]),                                  \
          KB_FRAGMENT,                                                         \
          &portolanCreate,                                                     \
          &portolanDestroy,                                                    \
          nullptr,                                                             \
          nullptr,                                                             \
          WORDS,                                                               \
          sizeof(WORDS) / sizeof((WORDS)[0])}

/// Exports the descriptor of a plugin that only analyzes files that are not
/// translation units, with FileAnalyzer class FILE_CLASS.
#define PORTOLAN_FILE_PLUGIN(NAME, VERSION, FILE_CLASS, RULES, KB_FRAGMENT)   \
  namespace {                                                                  \
  ::portolan::sdk::FileAnalyzer *portolanCreateFile() {                        \
    return new FILE_CLASS();                                                   \
  }                                                                            \
  void portolanDestroyFile(::portolan::sdk::FileAnalyzer *A) { delete A; }     \
  }                                                                            \
  extern "C" BOOST_SYMBOL_EXPORT const ::portolan::sdk::PluginDescriptor       \
      portolan_plugin_descriptor = {                                           \
          ::portolan::sdk::PluginAbiVersion,                                   \
          LLVM_VERSION_MAJOR,                                                  \
          NAME,                                                                \
          VERSION,                                                             \
          RULES,                                                               \
          sizeof(RULES) / sizeof((RULES)[0]),                                  \
          KB_FRAGMENT,                                                         \
          nullptr,                                                             \
          nullptr,                                                             \
          &portolanCreateFile,                                                 \
          &portolanDestroyFile,                                                \
          nullptr,                                                             \
          0}

#endif // PORTOLAN_SDK_ANALYZER_H
