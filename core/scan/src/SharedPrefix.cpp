//===- SharedPrefix.cpp - system headers parsed once for the units sharing them ===//
#include "portolan/scan/SharedPrefix.h"

#include "PrefixConditions.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/Utils.h>
#include <clang/Lex/HeaderSearchOptions.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/Support/ErrorHandling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <functional>
#include <map>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace portolan {

namespace {

/// Where an #include may be found, in Clang's order (InitHeaderSearch):
/// -iquote folders (for "" only), -I, then the system folders, then
/// -idirafter. A folder given both with -I and as a system folder is a
/// system folder, as in Clang and GCC.
struct SearchPath {
  struct Dir {
    std::string Path;
    bool System = false;
    bool QuotedOnly = false;
  };
  std::vector<Dir> Dirs;
  std::vector<std::string> ForcedIncludes;
  MacroTable Macros; ///< Predefined and of the command line.
  bool Cxx = false;
  std::shared_ptr<clang::CompilerInvocation> Invocation; ///< Of the command.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
};

/// The header search of a command, as Clang's driver and frontend make it;
/// none when the command cannot have a prefix (-imacros, a precompiled
/// header of its own) or does not make an invocation.
std::optional<SearchPath> searchPathOf(const std::vector<std::string> &Args,
                                       llvm::StringRef Directory) {
  using namespace clang;
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  DiagnosticOptions *DiagOpts = new DiagnosticOptions;
  IntrusiveRefCntPtr<DiagnosticsEngine> Diags = CompilerInstance::createDiagnostics(
      DiagOpts, new IgnoringDiagConsumer, /*ShouldOwnClient=*/true);
  IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = llvm::vfs::createPhysicalFileSystem();
  FS->setCurrentWorkingDirectory(Directory);
  CreateInvocationOptions Opts;
  Opts.Diags = Diags;
  Opts.VFS = FS;
  std::unique_ptr<CompilerInvocation> CI = createInvocation(Argv, Opts);
  if (!CI)
    return std::nullopt;
  const PreprocessorOptions &PP = CI->getPreprocessorOpts();
  if (!PP.ImplicitPCHInclude.empty() || !PP.MacroIncludes.empty())
    return std::nullopt;
  const HeaderSearchOptions &HS = CI->getHeaderSearchOpts();
  if (HS.UseBuiltinIncludes && !HS.ResourceDir.empty() &&
      !llvm::any_of(HS.UserEntries, [&](const auto &E) {
        return llvm::StringRef(E.Path).starts_with(HS.ResourceDir);
      }))
    return std::nullopt; // The driver did not give its folders: not ours to guess.
  bool Cxx = CI->getLangOpts().CPlusPlus;
  auto Absolute = [&](llvm::StringRef P) {
    llvm::SmallString<256> Out;
    if (!HS.Sysroot.empty() && HS.Sysroot != "/" && P.starts_with("/"))
      Out = HS.Sysroot;
    Out += P;
    if (!llvm::sys::path::is_absolute(Out)) {
      llvm::SmallString<256> Abs(Directory);
      llvm::sys::path::append(Abs, Out);
      Out = Abs;
    }
    // Not "..": the driver writes GCC's folders as /../lib/gcc/..., where
    // /lib may be a link.
    llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/false);
    return std::string(Out);
  };
  using frontend::IncludeDirGroup;
  auto IsSystem = [&](IncludeDirGroup G) {
    return G == frontend::System || G == frontend::ExternCSystem ||
           (G == frontend::CSystem && !Cxx) || (G == frontend::CXXSystem && Cxx);
  };
  SearchPath Out;
  Out.Cxx = Cxx;
  llvm::StringSet<> SystemDirs;
  for (const auto &E : HS.UserEntries)
    if (IsSystem(E.Group) || E.Group == frontend::After)
      SystemDirs.insert(Absolute(E.Path));
  for (IncludeDirGroup Want : {frontend::Quoted, frontend::Angled})
    for (const auto &E : HS.UserEntries)
      if (E.Group == Want && !E.IsFramework && !SystemDirs.count(Absolute(E.Path)))
        Out.Dirs.push_back({Absolute(E.Path), false, Want == frontend::Quoted});
  for (const auto &E : HS.UserEntries)
    if (IsSystem(E.Group) && !E.IsFramework)
      Out.Dirs.push_back({Absolute(E.Path), true, false});
  for (const auto &E : HS.UserEntries)
    if (E.Group == frontend::After && !E.IsFramework)
      Out.Dirs.push_back({Absolute(E.Path), true, false});
  for (const std::string &F : PP.Includes)
    Out.ForcedIncludes.push_back(F);
  std::optional<MacroTable> Macros = predefinedMacros(*CI, FS);
  if (!Macros)
    return std::nullopt;
  Out.Macros = std::move(*Macros);
  Out.Invocation = std::move(CI);
  Out.FS = FS;
  return Out;
}

/// What a system header ("<stdio.h>") alone defines, each macro with the
/// file that does; null when unknown.
using HeaderTables = std::function<const MacroTable *(const std::string &)>;

/// Follows a unit's includes for as long as the system headers it reads
/// would read the same, however early they came; see SharedPrefix.h.
/// With Tables, the macros of each system header it meets are known after
/// it, as the preprocessor would know them.
class PrefixWalk {
public:
  PrefixWalk(const SearchPath &Path, llvm::StringRef Root, llvm::StringRef Directory,
             HeaderTables Tables = {})
      : Path(Path), Root(Root), Directory(Directory), Tables(std::move(Tables)),
        Table(Path.Macros) {}

  /// The system headers, in order, and for each the macros the project
  /// defined or undefined before it (a count into macros()).
  std::vector<std::string> run(llvm::StringRef MainFile) {
    for (const std::string &F : Path.ForcedIncludes) {
      // A forced include is looked up from the working folder first.
      if (!include(F, /*Angled=*/false, Directory))
        return Prefix;
    }
    walk(MainFile.str(), /*IsMain=*/true);
    return Prefix;
  }
  const std::vector<std::string> &macros() const { return Macros; }
  const std::vector<size_t> &macrosBefore() const { return MacrosBefore; }
  /// The names the project's conditionals read, in order, and for each
  /// of Prefix how many of them precede it.
  const std::vector<std::string> &read() const { return Read; }
  const std::vector<size_t> &readBefore() const { return ReadBefore; }
  /// The identifiers of the project's code and macro bodies, each once,
  /// with how many of Prefix were read before; for each of Prefix how many
  /// of them precede it.
  const std::vector<SharedPrefixes::CodeName> &code() const { return Code; }
  const std::vector<size_t> &codeBefore() const { return CodeBefore; }
  /// The names conditionals read that a system header had defined, each
  /// once with its file; for each of Prefix how many of them precede it.
  const std::vector<SharedPrefixes::CodeName> &systemRead() const { return SystemRead; }
  const std::vector<size_t> &systemReadBefore() const { return SystemReadBefore; }
  const std::vector<std::string> &files() const { return Files; }

  /// The bytes of File and of every header its #include lines (in any
  /// branch) reach: what reading it may cost, over-counted.
  uint64_t reach(const std::string &File) const {
    llvm::StringSet<> Seen;
    std::vector<std::string> Work = {File};
    uint64_t Bytes = 0;
    while (!Work.empty()) {
      std::string F = std::move(Work.back());
      Work.pop_back();
      if (!Seen.insert(F).second)
        continue;
      auto Buffer = llvm::MemoryBuffer::getFile(F, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
      if (!Buffer)
        continue;
      llvm::StringRef Text = (*Buffer)->getBuffer();
      Bytes += Text.size();
      for (const IncludeDirective &D : scanIncludeDirectives(Text))
        if (auto Next = resolve(D.Name, D.Angled, llvm::sys::path::parent_path(F)))
          Work.push_back(Next->File);
    }
    return Bytes;
  }

private:
  struct Found {
    std::string File;
    bool System = false;
  };

  std::optional<Found> resolve(llvm::StringRef Name, bool Angled, llvm::StringRef FromDir) const {
    if (llvm::sys::path::is_absolute(Name))
      return std::nullopt;
    auto Try = [](llvm::StringRef Dir, llvm::StringRef Name) -> std::optional<std::string> {
      llvm::SmallString<256> P(Dir);
      llvm::sys::path::append(P, Name);
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::is_regular_file(P) || llvm::sys::fs::real_path(P, Real))
        return std::nullopt;
      return std::string(Real);
    };
    if (!Angled && !FromDir.empty())
      if (auto F = Try(FromDir, Name))
        return Found{*F, false};
    for (const SearchPath::Dir &D : Path.Dirs) {
      if (D.QuotedOnly && Angled)
        continue;
      if (auto F = Try(D.Path, Name))
        return Found{*F, D.System};
    }
    return std::nullopt;
  }

  bool inRoot(llvm::StringRef File) const {
    return File.size() > Root.size() && File.starts_with(Root) && File[Root.size()] == '/';
  }

  /// One #include; false when it ends the prefix.
  bool include(llvm::StringRef Name, bool Angled, llvm::StringRef FromDir) {
    std::optional<Found> F = resolve(Name, Angled, FromDir);
    if (!F)
      return false;
    if (F->System) {
      // Inside braces (extern "C" {, a namespace) its declarations would
      // land elsewhere from the precompiled header.
      if (Braces != 0)
        return false;
      // A "" include found from the includer's folder is project's (above),
      // so the precompiled header finds this one the same way.
      std::string Spelling = (Angled ? "<" : "\"") + Name.str() + (Angled ? ">" : "\"");
      // Read again, it adds nothing to the precompiled header: a guarded
      // header is skipped, an unguarded one (<assert.h>) is read again by
      // the unit's own #include as it would be.
      if (!llvm::is_contained(Prefix, Spelling)) {
        Prefix.push_back(Spelling);
        Files.push_back(F->File);
        MacrosBefore.push_back(Macros.size());
        ReadBefore.push_back(Read.size());
        CodeBefore.push_back(Code.size());
        SystemReadBefore.push_back(SystemRead.size());
        if (Tables) {
          const MacroTable *Defined = Tables(Spelling);
          if (!Defined)
            return false;
          for (const auto &M : *Defined)
            Table[M.getKey()] = M.getValue();
        }
      }
      return true;
    }
    if (!inRoot(F->File))
      return false; // A header of neither the project nor the system.
    auto It = Guarded.find(F->File);
    if (It != Guarded.end())
      return It->second; // Read again: nothing, when it is guarded.
    return walk(F->File, /*IsMain=*/false);
  }

  /// A project file, line by line; false when it ends the prefix.
  bool walk(const std::string &File, bool IsMain) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return false;
    Guarded[File] = false;
    llvm::StringRef Text = (*Buffer)->getBuffer();
    if (Text.starts_with("\xEF\xBB\xBF"))
      Text = Text.drop_front(3);
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    bool InComment = false, Leading = !IsMain, GuardDefinePending = false;
    std::string Guard, Line;
    // Open conditionals of this file: taken, and whether a branch was.
    struct Cond {
      bool Active, Taken, IsGuard;
    };
    std::vector<Cond> Conds;
    auto Active = [&] { return llvm::all_of(Conds, [](const Cond &C) { return C.Active; }); };
    while (!Text.empty()) {
      auto [Raw, Rest] = Text.split('\n');
      Text = Rest;
      Line += Raw.rtrim("\r").str();
      if (llvm::StringRef(Line).ends_with("\\")) {
        Line.pop_back();
        continue;
      }
      std::string Code = withoutComments(Line, InComment);
      Line.clear();
      llvm::StringRef L = llvm::StringRef(Code).trim();
      if (L.empty())
        continue;
      if (!L.consume_front("#")) {
        // Declarations change no system header read after them; braces
        // are counted for the includes they would enclose.
        if (Active()) {
          Leading = false;
          if (GuardDefinePending)
            return false;
          // A pragma in code (_Pragma("pack(1)")) or a using-directive
          // changes a system header read after it.
          if (L.contains("_Pragma") || L.contains("__pragma") || L.contains("using namespace"))
            return false;
          // A macro of a system header read later would change it.
          readCode(L, /*CountBraces=*/true);
        }
        continue;
      }
      L = L.ltrim();
      llvm::StringRef Name = L.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
      llvm::StringRef Args = L.drop_front(Name.size()).trim();
      llvm::StringRef Word =
          Args.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
      bool IsIf = Name == "if" || Name == "ifdef" || Name == "ifndef";
      if (!Active()) {
        // Skipped text: only its conditionals count.
        if (IsIf) {
          Conds.push_back({false, true, false});
        } else if (Name == "endif") {
          Conds.pop_back();
        } else if (Name == "else" && Conds.size() >= 1) {
          bool Outer = llvm::all_of(llvm::ArrayRef(Conds).drop_back(),
                                    [](const Cond &C) { return C.Active; });
          if (Outer) {
            Conds.back().Active = !Conds.back().Taken;
            Conds.back().Taken = true;
          }
        } else if (Name == "elif" || Name == "elifdef" || Name == "elifndef") {
          bool Outer = llvm::all_of(llvm::ArrayRef(Conds).drop_back(),
                                    [](const Cond &C) { return C.Active; });
          if (Outer && !Conds.back().Taken) {
            std::optional<bool> Value = evaluate(Name, Args);
            if (!Value)
              return false; // Its value is not known here.
            Conds.back().Active = Conds.back().Taken = *Value;
          }
        }
        continue;
      }
      if (GuardDefinePending) {
        if (Name != "define" || Word != Guard || Args.drop_front(Word.size()).trim() != "")
          return false;
        GuardDefinePending = false;
        Guarded[File] = true;
        Macros.push_back(Guard);
        Table[Guard] = KnownMacro();
        continue;
      }
      if (Name == "pragma") {
        if (Word == "once") {
          Guarded[File] = true;
          continue;
        }
        // Pragmas that change no declaration of a header read after them.
        if (Word == "warning" || Word == "comment" || Word == "region" || Word == "endregion")
          continue;
        return false;
      }
      if (Leading && (Name == "ifndef" || (Name == "if" && isNotDefined(Args, Guard)))) {
        if (Name == "ifndef")
          Guard = Word.str();
        if (Guard.empty() || Table.count(Guard))
          return false;
        Leading = false;
        Conds.push_back({true, true, true});
        GuardDefinePending = true;
        continue;
      }
      Leading = false;
      if (IsIf) {
        std::optional<bool> Value = evaluate(Name, Args);
        if (!Value)
          return false;
        Conds.push_back({*Value, *Value, false});
        continue;
      }
      if (Name == "elif" || Name == "elifdef" || Name == "elifndef") {
        // The branch before it was taken.
        if (Conds.empty() || Conds.back().IsGuard)
          return false;
        Conds.back().Active = false;
        continue;
      }
      if (Name == "else") {
        if (Conds.empty() || Conds.back().IsGuard)
          return false;
        Conds.back().Active = !Conds.back().Taken;
        Conds.back().Taken = true;
        continue;
      }
      if (Name == "endif") {
        if (Conds.empty())
          return false;
        Conds.pop_back();
        continue;
      }
      if (Name == "define" || Name == "undef") {
        // A macro of the project: the precompiled header may be used only
        // if none of its headers names it (checked once it is built).
        if (Word.empty())
          return false;
        Macros.push_back(Word.str());
        if (Name == "undef") {
          Table.erase(Word);
        } else {
          llvm::StringRef After = Args.drop_front(Word.size());
          KnownMacro &M = Table[Word];
          M.FunctionLike = After.starts_with("(");
          M.Body = After.trim().str();
          readCode(M.Body, /*CountBraces=*/false);
        }
        continue;
      }
      if (Name == "include") {
        bool Angled = Args.starts_with("<");
        char Close = Angled ? '>' : '"';
        if (!Angled && !Args.starts_with("\""))
          return false; // #include MACRO
        size_t End = Args.find(Close, 1);
        if (End == llvm::StringRef::npos || !Args.substr(End + 1).trim().empty())
          return false;
        if (!include(Args.slice(1, End), Angled, Dir))
          return false;
        continue;
      }
      return false;
    }
    return Conds.empty();
  }

  /// The value of a conditional, every name it read noted.
  std::optional<bool> evaluate(llvm::StringRef Directive, llvm::StringRef Args) {
    std::vector<std::string> Names;
    std::optional<bool> Value = evaluateCondition(Directive, Args, Table, Path.Cxx, Names);
    for (const std::string &N : Names) {
      auto It = Table.find(N);
      if (It == Table.end() || It->second.File.empty())
        noteRead(N);
      else if (SystemSeen.insert(N).second)
        SystemRead.push_back({N, It->second.File});
    }
    return Value;
  }

  void noteRead(llvm::StringRef Name) {
    if (ReadSeen.insert(Name).second)
      Read.push_back(Name.str());
  }

  /// Notes every identifier of Code and, with CountBraces, counts its braces
  /// (for the includes they would enclose); strings and character
  /// literals left out.
  void readCode(llvm::StringRef Code, bool CountBraces) {
    char Quote = 0;
    for (size_t I = 0; I < Code.size(); ++I) {
      char C = Code[I];
      if (Quote) {
        if (C == '\\')
          ++I;
        else if (C == Quote)
          Quote = 0;
      } else if (C == '"' || C == '\'') {
        Quote = C;
      } else if (llvm::isAlpha(C) || C == '_') {
        size_t J = I;
        while (J < Code.size() && (llvm::isAlnum(Code[J]) || Code[J] == '_'))
          ++J;
        llvm::StringRef Name = Code.slice(I, J);
        if (CodeSeen.insert(Name).second) {
          auto It = Table.find(Name);
          this->Code.push_back({Name.str(), It == Table.end() ? "" : It->second.File});
        }
        I = J - 1;
      } else if (llvm::isDigit(C)) {
        while (I + 1 < Code.size() && (llvm::isAlnum(Code[I + 1]) || Code[I + 1] == '_'))
          ++I; // 0x1F, 10ULL: no names.
      } else if (CountBraces && C == '{') {
        ++Braces;
      } else if (CountBraces && C == '}') {
        --Braces;
      }
    }
  }

  /// "!defined(X)" or "!defined X" alone: X into Guard.
  static bool isNotDefined(llvm::StringRef Args, std::string &Guard) {
    if (!Args.consume_front("!"))
      return false;
    Args = Args.ltrim();
    if (!Args.consume_front("defined"))
      return false;
    Args = Args.ltrim();
    bool Paren = Args.consume_front("(");
    llvm::StringRef Word =
        Args.ltrim().take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
    Args = Args.ltrim().drop_front(Word.size()).ltrim();
    if (Paren && !Args.consume_front(")"))
      return false;
    if (!Args.trim().empty() || Word.empty())
      return false;
    Guard = Word.str();
    return true;
  }

  /// Line with its comments replaced by a space; InComment carries a
  /// /* comment over line ends.
  static std::string withoutComments(llvm::StringRef Line, bool &InComment) {
    std::string Out;
    char Quote = 0;
    for (size_t I = 0; I < Line.size(); ++I) {
      if (InComment) {
        if (Line.substr(I).starts_with("*/")) {
          InComment = false;
          ++I;
          Out += ' ';
        }
        continue;
      }
      char C = Line[I];
      if (Quote) {
        // A string or character literal: no comment starts inside.
        Out += C;
        if (C == '\\' && I + 1 < Line.size())
          Out += Line[++I];
        else if (C == Quote)
          Quote = 0;
        continue;
      }
      if (Line.substr(I).starts_with("//"))
        break;
      if (Line.substr(I).starts_with("/*")) {
        InComment = true;
        ++I;
        continue;
      }
      if (C == '"' || C == '\'')
        Quote = C;
      Out += C;
    }
    return Out;
  }

  const SearchPath &Path;
  std::string Root;
  std::string Directory;
  HeaderTables Tables;
  std::vector<std::string> Prefix;
  std::vector<std::string> Files;    ///< Where each of Prefix was found.
  std::vector<std::string> Macros;   ///< Defined or undefined by the project, in order.
  std::vector<size_t> MacrosBefore;  ///< For each of Prefix: how many of Macros precede it.
  MacroTable Table;                  ///< Defined at this point of the walk.
  /// Read by the project's conditionals, code and macro bodies, each once,
  /// in the order first read.
  std::vector<std::string> Read;
  llvm::StringSet<> ReadSeen;
  std::vector<SharedPrefixes::CodeName> Code;
  llvm::StringSet<> CodeSeen;
  std::vector<size_t> CodeBefore;
  std::vector<SharedPrefixes::CodeName> SystemRead;
  llvm::StringSet<> SystemSeen;
  std::vector<size_t> SystemReadBefore;
  std::vector<size_t> ReadBefore;    ///< For each of Prefix: how many of Read precede it.
  std::map<std::string, bool> Guarded; ///< Project files read; true when guarded.
  int Braces = 0;
};

/// A command's arguments without its file: what units must share.
std::string commandKey(const CompileJob &Job, const std::vector<std::string> &Args) {
  std::string Key = Job.Directory;
  Key += '\0';
  // C and C++ units of one command read the headers differently.
  Key += llvm::StringRef(Job.File).ends_with_insensitive(".c") ? "c" : "c++";
  Key += '\0';
  for (const std::string &A : Args)
    if (A != Job.File) {
      Key += A;
      Key += '\0';
    }
  return Key;
}

/// Every start of the units' lists of first system headers (a list's
/// first N), with the units (indexes into the lists) whose list it starts.
using StartMap = std::map<std::vector<std::string>, std::vector<size_t>>;

StartMap startsOf(const std::vector<std::vector<std::string>> &Lists) {
  StartMap Starts;
  for (size_t I = 0; I < Lists.size(); ++I)
    for (size_t N = 1; N <= Lists[I].size(); ++N)
      Starts[std::vector<std::string>(Lists[I].begin(), Lists[I].begin() + N)].push_back(I);
  return Starts;
}

/// Which starts of the units' lists of first system headers to
/// precompile, each with the units (indexes into Lists) that take it: the
/// longest chosen start of its own list. Order matters: mingw-w64's
/// <wchar.h> declares its C++ overloads by what was read before it, so a
/// unit may only take a start that is its own, in its own order. A header
/// weighs the bytes it may read (Weight); a start is chosen while what it
/// spares the units that would take it beats building it (about two parses
/// of it), MaxPerCommand at most, and only when it weighs MinBytes: below,
/// reading a precompiled header costs about what parsing those headers
/// does (a C library's <stdio.h> and <string.h>).
std::vector<std::pair<std::vector<std::string>, std::vector<size_t>>>
choosePrefixes(const std::vector<std::vector<std::string>> &Lists, const StartMap &Starts,
               const std::map<std::string, uint64_t> &Weight) {
  constexpr unsigned MaxPerCommand = 4;
  constexpr uint64_t BuildCost = 2, MinBytes = SharedPrefixes::MinBytes;
  auto WeightOf = [&](const std::vector<std::string> &Start) {
    uint64_t W = 0;
    for (const std::string &H : Start) {
      auto It = Weight.find(H);
      W += It == Weight.end() ? 0 : It->second;
    }
    return W;
  };
  std::vector<uint64_t> Saved(Lists.size(), 0); // Bytes each unit is spared.
  std::vector<const std::vector<std::string> *> Chosen;
  for (unsigned Round = 0; Round < MaxPerCommand; ++Round) {
    const std::vector<std::string> *Best = nullptr;
    int64_t BestGain = 0;
    for (const auto &[Start, Units] : Starts) {
      if (Units.size() < SharedPrefixes::MinUnits || llvm::is_contained(Chosen, &Start))
        continue;
      uint64_t W = WeightOf(Start);
      if (W < MinBytes)
        continue;
      int64_t Gain = -int64_t(BuildCost * W);
      for (size_t I : Units)
        Gain += int64_t(W) - int64_t(std::min(Saved[I], W));
      if (Gain > BestGain) {
        Best = &Start;
        BestGain = Gain;
      }
    }
    if (!Best)
      break;
    Chosen.push_back(Best);
    for (size_t I : Starts.at(*Best))
      Saved[I] = std::max(Saved[I], WeightOf(*Best));
  }
  // Each unit takes its longest chosen start; one that too few units end
  // up taking is dropped, and they take a shorter one.
  std::map<std::vector<std::string>, std::vector<size_t>> Taken;
  for (bool Again = true; Again;) {
    Taken.clear();
    for (size_t I = 0; I < Lists.size(); ++I) {
      const std::vector<std::string> *Longest = nullptr;
      for (const std::vector<std::string> *C : Chosen)
        if (C->size() <= Lists[I].size() && std::equal(C->begin(), C->end(), Lists[I].begin()) &&
            (!Longest || C->size() > Longest->size()))
          Longest = C;
      if (Longest)
        Taken[*Longest].push_back(I);
    }
    Again = false;
    for (auto It = Chosen.begin(); It != Chosen.end(); ++It)
      if (Taken[**It].size() < SharedPrefixes::MinUnits) {
        Chosen.erase(It);
        Again = true;
        break;
      }
  }
  std::vector<std::pair<std::vector<std::string>, std::vector<size_t>>> Out;
  for (auto &[Start, Takers] : Taken)
    if (!Takers.empty())
      Out.emplace_back(Start, std::move(Takers));
  return Out;
}

} // namespace

std::vector<std::string> systemPrefixOf(const CompileJob &Job,
                                        const std::vector<std::string> &ParseArgs,
                                        llvm::StringRef Root) {
  std::optional<SearchPath> Path = searchPathOf(ParseArgs, Job.Directory);
  if (!Path)
    return {};
  return PrefixWalk(*Path, Root, Job.Directory).run(Job.File);
}

SharedPrefixes::SharedPrefixes(llvm::StringRef Root, ParseCache *Cache)
    : Root(Root.str()), Cache(Cache) {}

SharedPrefixes::~SharedPrefixes() {
  if (!Folder.empty())
    llvm::sys::fs::remove_directories(Folder, /*IgnoreErrors=*/true);
}

void SharedPrefixes::plan(const std::vector<const CompileJob *> &Jobs) {
  // Units by command; only a command MinUnits units share can pay off.
  std::map<std::string, std::vector<const CompileJob *>> ByCommand;
  for (const CompileJob *Job : Jobs)
    ByCommand[commandKey(*Job, parseArguments(*Job))].push_back(Job);
  for (auto &[Key, Units] : ByCommand) {
    if (Units.size() < MinUnits)
      continue;
    std::optional<SearchPath> Path = searchPathOf(parseArguments(*Units.front()),
                                                  Units.front()->Directory);
    if (!Path)
      continue;
    // A first walk without the system headers' macros says whether a
    // header heavy enough is read by enough units for any of this to pay.
    {
      std::map<std::string, std::pair<unsigned, std::string>> Readers; // Count, file.
      for (const CompileJob *Job : Units) {
        PrefixWalk W(*Path, Root, Job->Directory);
        std::vector<std::string> L = W.run(Job->File);
        for (size_t N = 0; N < L.size(); ++N) {
          auto &[Count, File] = Readers[L[N]];
          ++Count;
          File = W.files()[N];
        }
      }
      PrefixWalk Weigher(*Path, Root, Units.front()->Directory);
      // C takes one header of MinBytes (commonSet); C++ a start of them.
      uint64_t Bytes = 0;
      for (const auto &[Header, Seen] : Readers) {
        if (Seen.first < MinUnits)
          continue;
        auto [It, New] = Reach.try_emplace(Seen.second);
        if (New)
          It->second = Weigher.reach(Seen.second);
        Bytes = Path->Cxx ? Bytes + It->second : std::max(Bytes, It->second);
      }
      bool Worth = Bytes >= MinBytes;
      if (!Worth)
        continue;
    }
    // What a system header alone defines, by a preprocessor run, once per
    // command.
    std::map<std::string, std::optional<MacroTable>> Defined;
    HeaderTables Tables = [&](const std::string &Header) -> const MacroTable * {
      auto [It, New] = Defined.try_emplace(Header);
      if (New)
        It->second = headerMacros(*Path->Invocation, Path->FS, Header);
      return It->second ? &*It->second : nullptr;
    };
    // What each walk found; the walk itself, with its macro table, goes.
    struct Walked {
      std::vector<std::string> Macros, Read, Files;
      std::vector<CodeName> Code, SystemRead;
      std::vector<size_t> MacrosBefore, ReadBefore, CodeBefore, SystemReadBefore;
      const std::vector<std::string> &macros() const { return Macros; }
      const std::vector<std::string> &read() const { return Read; }
      const std::vector<std::string> &files() const { return Files; }
      const std::vector<CodeName> &code() const { return Code; }
      const std::vector<CodeName> &systemRead() const { return SystemRead; }
      const std::vector<size_t> &macrosBefore() const { return MacrosBefore; }
      const std::vector<size_t> &readBefore() const { return ReadBefore; }
      const std::vector<size_t> &codeBefore() const { return CodeBefore; }
      const std::vector<size_t> &systemReadBefore() const { return SystemReadBefore; }
    };
    std::vector<Walked> Walks;
    std::vector<std::vector<std::string>> Lists;
    for (const CompileJob *Job : Units) {
      PrefixWalk W(*Path, Root, Job->Directory, Tables);
      Lists.push_back(W.run(Job->File));
      Walks.push_back({W.macros(), W.read(), W.files(), W.code(), W.systemRead(), W.macrosBefore(),
                       W.readBefore(), W.codeBefore(), W.systemReadBefore()});
    }
    // Unit I takes P, whose last header is the N-th of its own list.
    auto Take = [&](size_t I, Prefix *P, size_t N) {
      const Walked &W = Walks[I];
      UnitPrefix &U = ByUnit[Units[I]];
      U.P = P;
      U.Macros.assign(W.macros().begin(), W.macros().begin() + W.macrosBefore()[N - 1]);
      U.Read.assign(W.read().begin(), W.read().begin() + W.readBefore()[N - 1]);
      U.Code.assign(W.code().begin(), W.code().begin() + W.codeBefore()[N - 1]);
      U.SystemRead.assign(W.systemRead().begin(),
                          W.systemRead().begin() + W.systemReadBefore()[N - 1]);
    };
    auto NewPrefix = [&](size_t Builder, std::vector<std::string> Includes) {
      Prefixes.push_back(std::make_unique<Prefix>());
      Prefix *P = Prefixes.back().get();
      P->Number = unsigned(Prefixes.size() - 1);
      P->Builder = Units[Builder];
      P->Includes = std::move(Includes);
      return P;
    };
    // The headers are weighed by their reach; only those enough units
    // read (in C), or that start lists enough units share (in C++).
    std::map<std::string, uint64_t> Weight;
    PrefixWalk Weigher(*Path, Root, Units.front()->Directory);
    auto Weigh = [&](size_t U, size_t N) {
      const std::string &H = Lists[U][N];
      if (Weight.count(H))
        return;
      const std::string &File = Walks[U].files()[N];
      auto [It, New] = Reach.try_emplace(File);
      if (New)
        It->second = Weigher.reach(File);
      Weight[H] = It->second;
    };
    if (!Path->Cxx) {
      std::map<std::string, unsigned> Count;
      for (const std::vector<std::string> &L : Lists)
        for (const std::string &H : L)
          ++Count[H];
      for (size_t U = 0; U < Lists.size(); ++U)
        for (size_t N = 0; N < Lists[U].size(); ++N)
          if (Count[Lists[U][N]] >= MinUnits)
            Weigh(U, N);
      std::vector<std::string> Common;
      std::vector<std::pair<size_t, size_t>> Takers = commonSet(Lists, Weight, Common);
      if (Takers.empty())
        continue;
      Prefix *P = NewPrefix(Takers.front().first, std::move(Common));
      for (auto [I, N] : Takers)
        Take(I, P, N);
      continue;
    }
    StartMap Starts = startsOf(Lists);
    for (size_t U = 0; U < Lists.size(); ++U)
      for (size_t N = 1; N <= Lists[U].size(); ++N) {
        if (Starts[std::vector<std::string>(Lists[U].begin(), Lists[U].begin() + N)].size() <
            MinUnits)
          break;
        Weigh(U, N - 1);
      }
    for (auto &[Start, Takers] : choosePrefixes(Lists, Starts, Weight)) {
      Prefix *P = NewPrefix(Takers.front(), Start);
      for (size_t I : Takers)
        Take(I, P, Start.size());
    }
  }
}

namespace {

/// The standard C headers, whose declarations do not depend on which of
/// them or of the Windows headers came first (each is guarded, and they
/// declare what they declare whatever was read before): a unit may read
/// one before windows.h while the precompiled header has it after.
bool orderFree(llvm::StringRef Spelling) {
  static const char *const Names[] = {
      "<assert.h>", "<ctype.h>",  "<errno.h>",   "<float.h>",  "<inttypes.h>", "<iso646.h>",
      "<limits.h>", "<locale.h>", "<math.h>",    "<stdarg.h>", "<stdbool.h>",  "<stddef.h>",
      "<stdint.h>", "<stdio.h>",  "<stdlib.h>",  "<string.h>", "<time.h>",     "<wchar.h>",
      "<wctype.h>", "<uchar.h>",  "<stdalign.h>"};
  return llvm::is_contained(Names, Spelling);
}

} // namespace

std::vector<std::pair<size_t, size_t>>
SharedPrefixes::commonSet(const std::vector<std::vector<std::string>> &Lists,
                          const std::map<std::string, uint64_t> &Weight,
                          std::vector<std::string> &Common) {
  // The header MinUnits units read that spares the most (windows.h): its
  // reach times its readers.
  std::map<std::string, std::vector<size_t>> Readers;
  for (size_t U = 0; U < Lists.size(); ++U)
    for (const std::string &H : Lists[U])
      Readers[H].push_back(U);
  std::string Heaviest;
  uint64_t Most = 0;
  for (const auto &[Header, Bytes] : Weight) {
    size_t N = Readers[Header].size();
    if (N >= MinUnits && Bytes >= MinBytes && Bytes * N > Most) {
      Most = Bytes * N;
      Heaviest = Header;
    }
  }
  if (Heaviest.empty())
    return {};
  auto UpTo = [&](size_t U) {
    const std::vector<std::string> &L = Lists[U];
    return llvm::ArrayRef(L).take_front(llvm::find(L, Heaviest) - L.begin() + 1);
  };
  // Its readers by the headers they read up to it that are not standard
  // C headers (<winsock2.h> <windows.h>): those keep their order. The
  // largest such group shares one precompiled header.
  std::map<std::vector<std::string>, std::vector<size_t>> ByOrdered;
  for (size_t U : Readers[Heaviest]) {
    std::vector<std::string> Ordered;
    for (const std::string &H : UpTo(U))
      if (!orderFree(H))
        Ordered.push_back(H);
    ByOrdered[Ordered].push_back(U);
  }
  const std::vector<size_t> *Group = nullptr;
  for (const auto &[Ordered, Who] : ByOrdered)
    if (!Group || Who.size() > Group->size())
      Group = &Who;
  if (Group->size() < MinUnits)
    return {};
  // And the standard C headers every one of them reads before it. Those
  // a unit reads that the precompiled header lacks are read where the
  // unit reads them, after it; the walk knew their macros (HeaderTables).
  for (const std::string &H : UpTo(Group->front()))
    if (!orderFree(H) ||
        llvm::all_of(*Group, [&](size_t U) { return llvm::is_contained(UpTo(U), H); }))
      Common.push_back(H);
  std::vector<std::pair<size_t, size_t>> Takers;
  for (size_t U : *Group)
    Takers.emplace_back(U, UpTo(U).size());
  return Takers;
}

void SharedPrefixes::build(Prefix &P, bool InChild) {
  std::string Dir;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (Folder.empty()) {
      llvm::SmallString<256> Made;
      if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("portolan-prefix", Made)) {
        if (Error.empty())
          Error = "cannot make a folder for precompiled headers: " + EC.message();
        return;
      }
      Folder = std::string(Made);
    }
    Dir = Folder;
  }
  std::string Base = Dir + "/prefix-" + std::to_string(P.Number);
  std::string Problem;
  bool Ok = false;
  if (!InChild) {
    Ok = buildPrefixPch(*P.Builder, P.Includes, Base, Cache, Problem, &P.Identifiers, &P.Macros);
  } else {
    // The child writes the names it met, one a line ("I name" for every
    // identifier, "M name" for a macro the headers define or undefine,
    // "D name" for one defined at their end, "O name<TAB>file" for one
    // defined once and never undefined), or its error; its memory goes
    // with it.
    std::string Names = Base + ".names";
    pid_t Pid = ::fork();
    if (Pid == 0) {
      // It ends with the scan, and an error of LLVM's ends it here, not
      // in the scan's exit handlers.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      llvm::remove_fatal_error_handler();
      llvm::install_fatal_error_handler([](void *, const char *, bool) { ::_exit(3); });
      llvm::StringSet<> Ids;
      PrefixMacros Macros;
      bool Built = buildPrefixPch(*P.Builder, P.Includes, Base, Cache, Problem, &Ids, &Macros);
      std::error_code EC;
      llvm::raw_fd_ostream Out(Names, EC);
      if (!Built)
        Out << "E " << Problem << "\n";
      for (const auto &I : Ids)
        Out << "I " << I.getKey() << "\n";
      for (const auto &M : Macros.All)
        Out << "M " << M.getKey() << "\n";
      for (const auto &M : Macros.AtEnd)
        Out << "D " << M.getKey() << "\n";
      for (const auto &M : Macros.Once)
        Out << "O " << M.getKey() << "\t" << M.getValue() << "\n";
      Out.close();
      ::_exit(Built && !Out.has_error() ? 0 : 1);
    }
    int Status = 0;
    bool Waited = false;
    if (Pid > 0) {
      // A parse of system headers alone takes seconds; one that hangs
      // does not hold the scan.
      constexpr int Seconds = 300;
      for (int Tick = 0; !Waited; ++Tick) {
        pid_t R = ::waitpid(Pid, &Status, WNOHANG);
        if (R == Pid) {
          Waited = true;
        } else if (R < 0 && errno != EINTR) {
          break;
        } else if (Tick >= Seconds * 20) {
          ::kill(Pid, SIGKILL);
          while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
          }
          Problem =
              "the shared headers of " + P.Builder->RelFile + " took more than 300 s to precompile";
          Waited = false;
          break;
        } else {
          ::usleep(50'000);
        }
      }
    }
    if (Pid < 0)
      Problem = std::string("cannot start a process to precompile the shared headers: ") +
                std::strerror(errno);
    else if (!Waited && Problem.empty())
      Problem = "the process precompiling the shared headers of " + P.Builder->RelFile +
                " could not be waited for";
    else if (Waited && !WIFEXITED(Status))
      Problem = "the shared headers of " + P.Builder->RelFile + " (" + llvm::join(P.Includes, " ") +
                ") did not precompile: the process ended with status " + std::to_string(Status);
    auto Read = llvm::MemoryBuffer::getFile(Names, /*IsText=*/true);
    if (Read) {
      llvm::SmallVector<llvm::StringRef, 0> Lines;
      (*Read)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef L : Lines) {
        if (L.consume_front("I "))
          P.Identifiers.insert(L);
        else if (L.consume_front("M "))
          P.Macros.All.insert(L);
        else if (L.consume_front("D "))
          P.Macros.AtEnd.insert(L);
        else if (L.consume_front("O "))
          P.Macros.Once[L.split('\t').first] = L.split('\t').second.str();
        else if (L.consume_front("E ") && Problem.empty())
          Problem = L.str();
      }
    }
    Ok = Pid > 0 && Waited && WIFEXITED(Status) && WEXITSTATUS(Status) == 0 && Read;
    if (Ok)
      llvm::sys::fs::remove(Names);
    else if (Problem.empty())
      Problem = "the shared headers of " + P.Builder->RelFile + " did not precompile";
  }
  std::lock_guard<std::mutex> Guard(Lock);
  if (Ok) {
    P.Pch = Base + ".pch";
    ++Built;
  } else if (Error.empty()) {
    Error = Problem;
  }
}

bool SharedPrefixes::forget(const CompileJob &Job) { return ByUnit.erase(&Job); }

void SharedPrefixes::vet() {
  std::vector<const CompileJob *> Off;
  for (auto &[Job, U] : ByUnit) {
    const Prefix &P = *U.P;
    if (P.Pch.empty())
      continue;
    // What the unit's parse saw of a system header's macro before the
    // last of its headers is what it sees over them when they define it
    // once, in the same file, and never undefine it.
    auto Same = [&](const CodeName &N) {
      auto It = P.Macros.Once.find(N.Name);
      return It != P.Macros.Once.end() && It->second == N.File;
    };
    bool Fits = true;
    // A name a conditional read that a system header had defined.
    for (const CodeName &R : U.SystemRead)
      Fits = Fits && (!P.Macros.All.count(R.Name) || Same(R));
    // An identifier of the project's code or macro bodies before them:
    // a macro of theirs there (wingdi.h's ERROR in an enum) that the
    // parse did not have yet, or not the same one.
    for (const CodeName &C : U.Code)
      Fits = Fits && (C.File.empty() ? !P.Macros.AtEnd.count(C.Name)
                                     : !P.Macros.All.count(C.Name) || Same(C));
    if (!Fits)
      Off.push_back(Job);
  }
  for (const CompileJob *Job : Off)
    ByUnit.erase(Job);
}

bool SharedPrefixes::buildAll() {
  bool Any = false;
  for (const std::unique_ptr<Prefix> &P : Prefixes)
    std::call_once(P->Once, [&] {
      build(*P, /*InChild=*/true);
      Any = true;
    });
  return Any;
}

std::string SharedPrefixes::pchFor(const CompileJob &Job) {
  auto It = ByUnit.find(&Job);
  if (It == ByUnit.end())
    return "";
  Prefix &P = *It->second.P;
  std::call_once(P.Once, [&] { build(P, /*InChild=*/false); });
  // A macro the project defined before the last of these headers, that
  // one of them names, could change what it declares: not this unit.
  for (const std::string &M : It->second.Macros)
    if (P.Identifiers.count(M))
      return "";
  // A name the walk took as the compiler or the project left it, that
  // one of them defines or undefines: the walk may have followed another
  // branch than the parse does.
  for (const std::string &R : It->second.Read)
    if (P.Macros.All.count(R))
      return "";
  return P.Pch;
}

unsigned SharedPrefixes::built() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return Built;
}

std::string SharedPrefixes::firstError() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return Error;
}

} // namespace portolan
