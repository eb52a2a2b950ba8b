//===- CompilePlan.cpp ----------------------------------------------------===//
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/PlatformMacros.h"
#include "portolan/scan/UnitAnalysis.h"
#include "portolan/msbuild/MsBuild.h"

#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <mutex>
#include <set>

namespace portolan {
namespace path = llvm::sys::path;

/// Whether Rel is a project's Windows code by its name: it lies in a
/// folder named for Windows (windows/, win/, win32/, msw/, ...) or its own
/// name has such a word (runner-win.c, os_win.c; not window.c).
static bool inWindowsFolder(llvm::StringRef Rel) {
  auto IsWindowsWord = [](llvm::StringRef W) {
    return llvm::is_contained({"win", "windows", "win32", "win64", "msw", "mswin", "w32"},
                              W.lower());
  };
  for (auto It = path::begin(path::parent_path(Rel)), End = path::end(path::parent_path(Rel));
       It != End; ++It)
    if (IsWindowsWord(*It))
      return true;
  std::string Stem = path::stem(Rel).str();
  std::replace_if(Stem.begin(), Stem.end(), [](char C) { return C == '-' || C == '.'; }, '_');
  llvm::SmallVector<llvm::StringRef, 4> Words;
  llvm::StringRef(Stem).split(Words, '_');
  return llvm::any_of(Words, IsWindowsWord);
}

bool isWindowsSdkHeader(llvm::StringRef Name) {
  std::string Lower = Name.lower();
  return llvm::StringSwitch<bool>(Lower)
      .Cases("windows.h", "windef.h", "winbase.h", "winuser.h", "wingdi.h", true)
      .Cases("winsock.h", "winsock2.h", "ws2tcpip.h", "winreg.h", true)
      .Cases("objbase.h", "ole2.h", "shlobj.h", "commctrl.h", "tchar.h", true)
      .Default(false);
}

std::vector<std::string> scanIncludes(llvm::StringRef Text) {
  std::vector<std::string> Names;
  for (IncludeDirective &D : scanIncludeDirectives(Text))
    Names.push_back(std::move(D.Name));
  return Names;
}

namespace {
/// Whether Name (as in #include <Name>) is a header of the host's C library
/// or of the compiler.
bool isSystemHeaderName(llvm::StringRef Name) {
  static const std::string Dirs[] = {clangResourceDir() + "/include", "/usr/include",
                                     "/usr/include/x86_64-linux-gnu", "/usr/local/include"};
  // Asked for every angled include of every unit: remembered, since the
  // system's headers do not change while the process runs.
  static std::mutex Lock;
  static llvm::StringMap<bool> Known;
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, New] = Known.try_emplace(Name, false);
  if (New)
    It->second = llvm::any_of(
        Dirs, [&](const std::string &Dir) { return llvm::sys::fs::exists(Dir + "/" + Name); });
  return It->second;
}

/// True when a conditional's text tests for Windows or MSVC: one of its
/// identifiers (not a part of one: OS_WIN32_H is an include guard) is a
/// Windows macro.
bool mentionsWindows(llvm::StringRef Condition) {
  bool Found = false;
  forEachConditionIdentifier(Condition, [&](llvm::StringRef Word, bool) {
    Found = Found || (platformTestsOfMacro(Word) & sdk::TestsWindows);
  });
  return Found;
}
} // namespace

std::vector<IncludeDirective> scanIncludeDirectives(llvm::StringRef Text) {
  std::vector<IncludeDirective> Result;
  // One entry per open conditional: does it (or an #elif of it) test for
  // Windows?
  std::vector<bool> Guards;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    Line = Line.ltrim(" \t");
    if (!Line.consume_front("#"))
      continue;
    Line = Line.ltrim(" \t");
    if (Line.starts_with("if")) {
      Guards.push_back(mentionsWindows(Line));
      continue;
    }
    if (Line.starts_with("elif")) {
      if (!Guards.empty())
        Guards.back() = Guards.back() || mentionsWindows(Line);
      continue;
    }
    if (Line.starts_with("endif")) {
      if (!Guards.empty())
        Guards.pop_back();
      continue;
    }
    if (!Line.consume_front("include") && !Line.consume_front("import"))
      continue;
    Line = Line.ltrim(" \t");
    if (Line.empty())
      continue;
    char Close = Line.front() == '<' ? '>' : Line.front() == '"' ? '"' : 0;
    if (!Close)
      continue; // A computed include: nothing to resolve lexically.
    size_t End = Line.find(Close, 1);
    if (End != llvm::StringRef::npos && End > 1)
      Result.push_back({Line.substr(1, End - 1).str(), llvm::is_contained(Guards, true),
                        Close == '>', unsigned(Guards.size())});
  }
  return Result;
}

namespace {

bool isCxxFile(llvm::StringRef Name) {
  llvm::StringRef Ext = path::extension(Name);
  return Ext != ".c";
}

/// How many leading folder names two relative folders share.
size_t sharedFolders(llvm::StringRef A, llvm::StringRef B) {
  size_t N = 0;
  for (auto IA = path::begin(A), IB = path::begin(B), EA = path::end(A), EB = path::end(B);
       IA != EA && IB != EB && *IA == *IB; ++IA, ++IB)
    ++N;
  return N;
}

/// The include graph of the tree, resolved by file name within the project.
class IncludeGraph {
public:
  IncludeGraph(const SourceTree &Tree, std::vector<std::string> &Problems) {
    for (const std::string &H : Tree.Headers)
      ByName[path::filename(H).lower()].push_back(H);
    // Sources can be included too (a .c file pulled into another).
    for (const std::string &S : Tree.Sources)
      ByName[path::filename(S).lower()].push_back(S);
    auto Read = [&](const std::string &Rel) {
      llvm::SmallString<256> Abs(Tree.Root);
      path::append(Abs, Rel);
      auto Buf = llvm::MemoryBuffer::getFile(Abs, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
      if (!Buf) {
        Problems.push_back(std::string(Abs) + ": cannot read: " +
                           Buf.getError().message());
        Unreadable.insert(Rel);
        return;
      }
      llvm::StringRef Text = (*Buf)->getBuffer();
      if (Text.substr(0, 8192).contains('\0')) {
        Problems.push_back(std::string(Abs) + ": skipped: binary content");
        Unreadable.insert(Rel);
        return;
      }
      Includes[Rel] = scanIncludeDirectives(Text);
    };
    for (const std::string &F : Tree.Sources)
      Read(F);
    for (const std::string &F : Tree.Headers)
      Read(F);
  }

  bool readable(const std::string &Rel) const { return !Unreadable.count(Rel); }

  /// The project files whose name is Name (any folder).
  std::vector<std::string> filesNamed(llvm::StringRef Name) const {
    auto It = ByName.find(Name.lower());
    return It == ByName.end() ? std::vector<std::string>() : It->second;
  }

  /// The <angled> names the #include lines of Files write.
  llvm::StringSet<> angledNames(const std::vector<std::string> &Files) const {
    llvm::StringSet<> Names;
    for (const std::string &F : Files) {
      auto It = Includes.find(F);
      if (It != Includes.end())
        for (const IncludeDirective &Inc : It->second)
          if (Inc.Angled)
            Names.insert(Inc.Name);
    }
    return Names;
  }

  /// The project files that some project file may include: under any
  /// conditional, and every file an include's name may mean.
  llvm::StringSet<> includedFiles() const {
    llvm::StringSet<> Out;
    for (const auto &Entry : Includes)
      for (const IncludeDirective &Inc : Entry.getValue())
        for (const std::string *Target : resolve(Inc, Entry.getKey()))
          if (*Target != Entry.getKey())
            Out.insert(*Target);
    return Out;
  }

  /// Every project file reachable from Roots through includes.
  llvm::StringSet<> closure(const std::vector<std::string> &Roots) {
    llvm::StringSet<> Seen;
    std::vector<std::string> Queue;
    for (const std::string &R : Roots)
      if (Seen.insert(R).second)
        Queue.push_back(R);
    while (!Queue.empty()) {
      std::string File = Queue.back();
      Queue.pop_back();
      for (const IncludeDirective &Inc : Includes[File])
        for (const std::string *Target : resolve(Inc, File))
          if (Seen.insert(*Target).second)
            Queue.push_back(*Target);
    }
    return Seen;
  }

  /// Whether Rel's includes reach a Windows SDK header. An include behind
  /// a conditional that tests for Windows (#ifdef _WIN32) means the file
  /// has a branch for other systems, and that branch is the one to parse;
  /// with FollowGuarded (a unit in a Windows folder, which needs the
  /// Windows branch of the portable header that picks its platform's
  /// header: PuTTY's windows/*.c through puttyps.h), such includes are
  /// followed too, but never straight to an SDK header.
  bool reachesWindows(const std::string &Rel, bool FollowGuarded) {
    auto &Memo = WindowsMemo[FollowGuarded];
    auto It = Memo.find(Rel);
    if (It != Memo.end())
      return It->second;
    Memo[Rel] = false; // Breaks include cycles.
    bool Result = false;
    for (const IncludeDirective &Inc : Includes[Rel]) {
      if (isWindowsSdkHeader(path::filename(Inc.Name))) {
        if (!Inc.UnderWindowsGuard) {
          Result = true;
          break;
        }
        continue;
      }
      if (Inc.UnderWindowsGuard && !FollowGuarded)
        continue;
      for (const std::string *Target : resolve(Inc, Rel))
        if (reachesWindows(*Target, FollowGuarded)) {
          Result = true;
          break;
        }
      if (Result)
        break;
    }
    Memo[Rel] = Result;
    return Result;
  }

  /// The include folders a unit needs, in the order its include closure
  /// first needs them. An include that several project headers could
  /// satisfy resolves to the one nearest the including file, as a build
  /// that keeps each component's headers beside its sources would.
  std::vector<std::string> includeDirsFor(const std::string &Rel,
                                          std::vector<std::string> *Closure = nullptr) {
    std::vector<std::string> Dirs;
    llvm::StringSet<> SeenDirs, Visited;
    std::vector<std::string> Queue = {Rel};
    Visited.insert(Rel);
    auto Done = [&] {
      if (Closure)
        *Closure = Queue; // Every project file reached, the unit first.
      return Dirs;
    };
    for (size_t I = 0; I < Queue.size(); ++I) {
      std::string File = Queue[I];
      llvm::StringRef FileDir = path::parent_path(File);
      for (const IncludeDirective &Inc : Includes[File]) {
        // A quoted include relative to the includer needs no folder.
        if (const std::string *Relative = relativeTarget(Inc, File)) {
          if (Visited.insert(*Relative).second)
            Queue.push_back(*Relative);
          continue;
        }
        // <linux/limits.h> is the system's even when a project keeps a
        // copy of its own (test stubs for a kernel build): adding that
        // copy's folder would shadow the system header for every unit.
        if (Inc.Angled && isSystemHeaderName(Inc.Name))
          continue;
        // Most folders in common with the includer first; among those, the
        // fewest folders of its own (an ancestor beats a cousin).
        const std::string *Best = nullptr;
        size_t BestShared = 0, BestExtra = 0;
        for (const std::string *Candidate : resolve(Inc, File)) {
          llvm::StringRef Dir = path::parent_path(*Candidate);
          size_t Shared = sharedFolders(Dir, FileDir);
          size_t Extra = std::distance(path::begin(Dir), path::end(Dir)) - Shared;
          if (!Best || Shared > BestShared || (Shared == BestShared && Extra < BestExtra))
            Best = Candidate, BestShared = Shared, BestExtra = Extra;
        }
        if (!Best)
          continue;
        llvm::StringRef Suffix = Inc.Name;
        while (Suffix.consume_front("../") || Suffix.consume_front("./"))
          ;
        llvm::StringRef Dir = llvm::StringRef(*Best).drop_back(Suffix.size());
        Dir.consume_back("/");
        if (SeenDirs.insert(Dir).second)
          Dirs.push_back(Dir.str());
        if (Visited.insert(*Best).second)
          Queue.push_back(*Best);
      }
    }
    return Done();
  }

private:
  /// The project file that Inc names relative to the including file's
  /// folder, as a quoted include finds it first ("../include/x.h").
  const std::string *relativeTarget(const IncludeDirective &D, llvm::StringRef From) const {
    if (D.Angled)
      return nullptr;
    llvm::StringRef Inc = D.Name;
    llvm::SmallString<128> Joined(path::parent_path(From));
    path::append(Joined, Inc);
    path::remove_dots(Joined, /*remove_dot_dot=*/true);
    auto It = ByName.find(path::filename(Inc).lower());
    if (It == ByName.end() || llvm::StringRef(Joined).starts_with(".."))
      return nullptr;
    for (const std::string &Candidate : It->second)
      if (Candidate == Joined)
        return &Candidate;
    return nullptr;
  }

  /// The project files an include of Inc from From may mean: the file
  /// relative to From if there is one, else every file whose path ends with
  /// Inc (leading ./ and ../ dropped) at a folder boundary.
  std::vector<const std::string *> resolve(const IncludeDirective &D,
                                           llvm::StringRef From) const {
    if (const std::string *Relative = relativeTarget(D, From))
      return {Relative};
    llvm::StringRef Inc = D.Name;
    std::vector<const std::string *> Result;
    auto It = ByName.find(path::filename(Inc).lower());
    if (It == ByName.end())
      return Result;
    llvm::StringRef Suffix = Inc;
    while (Suffix.consume_front("../") || Suffix.consume_front("./"))
      ;
    // "a/b.h" matches "x/a/b.h" but not "xa/b.h".
    for (const std::string &Candidate : It->second) {
      llvm::StringRef C(Candidate);
      if (C == Suffix || (C.ends_with(Suffix) && C.drop_back(Suffix.size()).ends_with("/")))
        Result.push_back(&Candidate);
    }
    return Result;
  }

  llvm::StringMap<std::vector<std::string>> ByName;
  llvm::StringMap<std::vector<IncludeDirective>> Includes;
  llvm::StringMap<bool> WindowsMemo[2]; ///< By FollowGuarded.
  llvm::StringSet<> Unreadable;
};

Platform platformOfCommand(const std::vector<std::string> &Args) {
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef S(Args[I]);
    llvm::StringRef Triple;
    if (S.consume_front("--target="))
      Triple = S;
    else if (S == "-target" && I + 1 < Args.size())
      Triple = Args[I + 1];
    if (Triple.contains("mingw") || Triple.contains("windows") ||
        Triple.contains("msvc"))
      return Platform::WindowsX86_64;
  }
  return Platform::LinuxX86_64;
}

/// The compile commands a Visual Studio solution or project gives, looked
/// up by path; as Windows file systems are, case-insensitively when the
/// exact path is not listed.
class MsBuildDatabase final : public clang::tooling::CompilationDatabase {
public:
  explicit MsBuildDatabase(const std::vector<msbuild::CompileItem> &Items) {
    for (const msbuild::CompileItem &I : Items) {
      clang::tooling::CompileCommand C(path::parent_path(I.Project), I.File, I.commandLine(),
                                       "");
      if (!ByPath.count(I.File)) {
        ByPath[I.File] = C;
        ByLowerPath.try_emplace(llvm::StringRef(I.File).lower(), C);
        Files.push_back(I.File);
      }
    }
  }
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override {
    llvm::SmallString<256> P(FilePath);
    path::remove_dots(P, true);
    auto It = ByPath.find(P);
    if (It != ByPath.end())
      return {It->second};
    auto Lower = ByLowerPath.find(llvm::StringRef(P).lower());
    if (Lower == ByLowerPath.end())
      return {};
    clang::tooling::CompileCommand C = Lower->second;
    C.Filename = std::string(P);
    C.CommandLine.back() = std::string(P); // The file as it is on disk.
    return {C};
  }
  std::vector<std::string> getAllFiles() const override { return Files; }

private:
  llvm::StringMap<clang::tooling::CompileCommand> ByPath, ByLowerPath;
  std::vector<std::string> Files;
};

struct LoadedDb {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string Source; ///< CompileJob::Source of the jobs it gives.
};

LoadedDb loadMsBuild(const std::string &Input, const PlanOptions &Options,
                     std::vector<std::string> &Problems) {
  auto Projects = msbuild::loadProjects(Input, Options.MsBuildConfig);
  if (!Projects) {
    Problems.push_back(llvm::toString(Projects.takeError()) + "; inferring commands instead");
    return {};
  }
  for (std::string &P : Projects->Problems)
    Problems.push_back(std::move(P));
  // Which macros the commands assume beyond the projects' own, once.
  std::vector<std::string> Assumed;
  for (const msbuild::CompileItem &I : Projects->Items)
    for (std::string &D : I.assumedDefines())
      if (!llvm::is_contained(Assumed, D))
        Assumed.push_back(std::move(D));
  Problems.push_back(Input + ": Visual Studio configuration " + Projects->Configuration + ", " +
                     std::to_string(Projects->Items.size()) + " compile commands" +
                     (Assumed.empty() ? "" : "; assumed of MSVC: " + llvm::join(Assumed, " ")));
  if (Projects->GeneratedByCMake)
    Problems.push_back(Input + ": generated by CMake; the commands a build really runs are in "
                               "its compile_commands.json (configure with "
                               "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, then give -p that folder)");
  return {std::make_unique<MsBuildDatabase>(Projects->Items), "msbuild"};
}

/// The compilation database of Options.BuildDir, or none (with a problem
/// line when one was named but cannot be read).
LoadedDb loadCompileDb(const PlanOptions &Options, std::vector<std::string> &Problems) {
  if (Options.BuildDir.empty())
    return {};
  if (std::string Input = msbuild::projectForBuildPath(Options.BuildDir); !Input.empty())
    return loadMsBuild(Input, Options, Problems);
  llvm::SmallString<256> JsonPath(Options.BuildDir);
  path::append(JsonPath, "compile_commands.json");
  auto Text = llvm::MemoryBuffer::getFile(JsonPath, /*IsText=*/true);
  if (!Text) {
    Problems.push_back(std::string(JsonPath) + ": cannot read: " + Text.getError().message() +
                       "; inferring commands instead");
    return {};
  }
  // Clang reads the file with LLVM's YAML parser, which prints each syntax
  // error to stderr itself (three lines, the bytes of the file among them):
  // a file that is not JSON is told here in one line instead.
  if (llvm::Expected<llvm::json::Value> Json = llvm::json::parse((*Text)->getBuffer()); !Json) {
    Problems.push_back(std::string(JsonPath) + ": not JSON: " + llvm::toString(Json.takeError()) +
                       "; inferring commands instead");
    return {};
  }
  std::string Error;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      (*Text)->getBuffer(), Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    Problems.push_back(std::string(JsonPath) + ": " + Error + "; inferring commands instead");
  return {std::move(DB), "compile_commands"};
}

/// Every folder that holds a header is an include folder of inferred
/// commands, the root first, so that "dir/x.h" and <x.h> both resolve.
/// A folder whose headers stand in for the system's (a kernel build's
/// test stubs of stddef.h and limits.h) would shadow them for every unit,
/// so it is left out.
std::set<std::string> headerFolders(const SourceTree &Tree) {
  std::set<std::string> IncludeDirs, Shadowing;
  for (const std::string &H : Tree.Headers) {
    llvm::SmallString<256> Dir(Tree.Root);
    path::append(Dir, path::parent_path(H));
    IncludeDirs.insert(std::string(Dir));
    if (isSystemHeaderName(path::filename(H)))
      Shadowing.insert(std::string(Dir));
  }
  IncludeDirs.erase(Tree.Root);
  for (const std::string &Dir : Shadowing)
    IncludeDirs.erase(Dir);
  return IncludeDirs;
}

/// Headers that no unit includes are parsed alone or not at all: a problem
/// line says so.
void reportUnreached(const SourceTree &Tree, IncludeGraph &Graph,
                     const llvm::StringSet<> &Reached, std::vector<std::string> &Problems) {
  std::vector<std::string> Unreached;
  for (const std::string &H : Tree.Headers)
    if (!Reached.count(H) && Graph.readable(H))
      Unreached.push_back(H);
  if (!Unreached.empty())
    Problems.push_back(Tree.Root + ": " + std::to_string(Unreached.size()) + " of " +
                       std::to_string(Tree.Headers.size()) +
                       " headers are not reached from any unit's includes; each is parsed "
                       "alone if it holds a name the analyzers look for (first: " +
                       Unreached.front() + ")");
}

/// Makes each file's job: from the compilation database where it lists the
/// file, inferred otherwise.
class JobMaker {
public:
  JobMaker(const SourceTree &Tree, const PlanOptions &Options, IncludeGraph &Graph,
           clang::tooling::CompilationDatabase *DB, std::string DbSource)
      : Tree(Tree), Options(Options), Graph(Graph), DB(DB), DbSource(std::move(DbSource)),
        IncludeDirs(headerFolders(Tree)) {}

  CompileJob operator()(const std::string &Rel) {
    llvm::SmallString<256> Abs(Tree.Root);
    path::append(Abs, Rel);
    CompileJob Job;
    Job.File = std::string(Abs);
    Job.RelFile = Rel;
    if (!fromDatabase(Job))
      infer(Job);
    useLibcxxWhereNeeded(Job);
    return Job;
  }

private:
  /// A C++ unit that includes a standard header the platform's libstdc++
  /// lacks (Debian 12's GCC 12 has no <format>) is parsed with libc++'s
  /// headers, when that library has it: a unit never fails for a header
  /// another installed standard library provides.
  void useLibcxxWhereNeeded(CompileJob &Job) {
    if (!isCxxFile(Job.RelFile) || Job.Args.size() < 2)
      return;
    for (const auto &Name : Graph.angledNames(Job.Closure)) {
      if (!libcxxOnly(Job.Plat, Name.getKey()))
        continue;
      Job.Args.insert(Job.Args.end() - 1, {"-nostdinc++", "-isystem", PORTOLAN_LIBCXX_INCLUDE});
      return;
    }
  }

  /// Whether the standard header Name is in libc++ but not in the
  /// libstdc++ of Plat (Debian's g++ for Linux, mingw-w64's for Windows).
  bool libcxxOnly(Platform Plat, llvm::StringRef Name) {
    static const llvm::StringSet<> Standard = {
        "format", "print", "ranges", "span", "concepts", "coroutine", "bit", "numbers",
        "source_location", "stop_token", "semaphore", "latch", "barrier", "syncstream",
        "compare", "expected", "stacktrace", "spanstream", "mdspan", "flat_map", "flat_set",
        "generator", "stdfloat", "text_encoding", "inplace_vector"};
    if (!Standard.contains(Name))
      return false;
    std::string Key = std::string(platformName(Plat)) + "/" + Name.str();
    auto [It, New] = LibcxxOnly.try_emplace(Key, false);
    if (!New)
      return It->second;
    llvm::SmallString<256> Libcxx(PORTOLAN_LIBCXX_INCLUDE);
    path::append(Libcxx, Name);
    if (!llvm::sys::fs::exists(Libcxx))
      return false;
    // libstdc++'s folders: /usr/include/c++/<version>/, and mingw-w64's
    // /usr/lib/gcc/x86_64-w64-mingw32/<version>/include/c++/.
    bool Windows = Plat == Platform::WindowsX86_64;
    llvm::StringRef Parent = Windows ? "/usr/lib/gcc/x86_64-w64-mingw32" : "/usr/include/c++";
    bool InLibstdcxx = false;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator D(Parent, EC), End; D != End && !EC; D.increment(EC)) {
      llvm::SmallString<256> Candidate(D->path());
      if (Windows)
        path::append(Candidate, "include", "c++");
      path::append(Candidate, Name);
      InLibstdcxx |= llvm::sys::fs::exists(Candidate);
    }
    It->second = !InLibstdcxx;
    return It->second;
  }

  bool fromDatabase(CompileJob &Job) {
    if (!DB)
      return false;
    std::vector<clang::tooling::CompileCommand> Commands = DB->getCompileCommands(Job.File);
    if (Commands.empty() || Commands.front().CommandLine.empty())
      return false;
    Job.Directory = Commands.front().Directory;
    Job.Args = Commands.front().CommandLine;
    Job.Plat = platformOfCommand(Job.Args);
    Job.Source = DbSource;
    Graph.includeDirsFor(Job.RelFile, &Job.Closure); // Its folders come from the command.
    return true;
  }

  void infer(CompileJob &Job) {
    const std::string &Rel = Job.RelFile;
    bool Cxx = isCxxFile(Rel);
    Job.Directory = Tree.Root;
    Job.Source = "inferred";
    Job.Plat = Options.ForcedPlatform
                   ? *Options.ForcedPlatform
                   : (Graph.reachesWindows(Rel, inWindowsFolder(Rel))
                          ? Platform::WindowsX86_64
                          : Platform::LinuxX86_64);
    Job.Args = {Cxx ? "clang++" : "clang", "-x", Cxx ? "c++" : "c",
                Cxx ? "-std=gnu++17" : "-std=gnu11"};
    for (std::string &Flag : platformFlags(Job.Plat))
      Job.Args.push_back(std::move(Flag));
    // The folders the unit's own includes resolve to come first; every
    // other header folder follows, so that nothing resolvable is lost.
    std::set<std::string> Added;
    auto AddDir = [&](const std::string &Dir) {
      if (Added.insert(Dir).second)
        Job.Args.push_back("-I" + Dir);
    };
    for (const std::string &Dir : Graph.includeDirsFor(Rel, &Job.Closure))
      AddDir(Dir.empty() ? Tree.Root : Tree.Root + "/" + Dir);
    AddDir(Tree.Root);
    for (const std::string &Dir : IncludeDirs)
      AddDir(Dir);
    Job.Args.insert(Job.Args.end(), Options.ExtraArgs.begin(), Options.ExtraArgs.end());
    Job.Args.push_back(Job.File);
  }

  const SourceTree &Tree;
  const PlanOptions &Options;
  IncludeGraph &Graph;
  clang::tooling::CompilationDatabase *DB;
  std::string DbSource;
  std::set<std::string> IncludeDirs;
  llvm::StringMap<bool> LibcxxOnly;
};

} // namespace

std::vector<std::string> platformFlags(Platform Plat) {
  // _WINDOWS: what Windows applications' builds define (Visual Studio's
  // project templates and CMake's default flags for MSVC give /D_WINDOWS,
  // and PuTTY picks its Windows headers by it); mingw-w64 does not.
  if (Plat == Platform::WindowsX86_64)
    return {"--target=x86_64-w64-mingw32", "-fms-extensions", "-D_WINDOWS"};
  return {"--target=x86_64-linux-gnu"};
}

CompileJob inferredFor(const CompileJob &Job, Platform Plat) {
  CompileJob Out = Job;
  std::vector<std::string> Old = platformFlags(Job.Plat);
  auto At = std::search(Out.Args.begin(), Out.Args.end(), Old.begin(), Old.end());
  if (At != Out.Args.end()) {
    At = Out.Args.erase(At, At + Old.size());
    std::vector<std::string> New = platformFlags(Plat);
    Out.Args.insert(At, New.begin(), New.end());
  }
  Out.Plat = Plat;
  return Out;
}

CompilePlan planCompilation(const SourceTree &Tree, const PlanOptions &Options) {
  CompilePlan Plan;
  IncludeGraph Graph(Tree, Plan.Problems);
  LoadedDb DB = loadCompileDb(Options, Plan.Problems);

  // A source that another project file may include (a .c fragment, a
  // unity build, perhaps under a conditional or by a name several files
  // share) is deferred: it is analyzed through its includer, and parsed
  // alone only if no unit's parse read it, so nothing is lost to an
  // inactive include or an include cycle.
  llvm::StringSet<> Included = Graph.includedFiles();
  std::vector<std::string> Units, Deferred;
  for (const std::string &Rel : Tree.Sources)
    if (Graph.readable(Rel))
      (Included.count(Rel) ? Deferred : Units).push_back(Rel);

  JobMaker MakeJob(Tree, Options, Graph, DB.DB.get(), DB.Source);
  for (const std::string &Rel : Units)
    Plan.Jobs.push_back(MakeJob(Rel));
  for (const std::string &Rel : Deferred)
    Plan.Deferred.push_back(MakeJob(Rel));

  // What the units' includes reach, and the headers their commands force
  // in (-include, a Visual Studio project's ForcedIncludeFiles).
  std::vector<std::string> Roots = Units;
  Roots.insert(Roots.end(), Deferred.begin(), Deferred.end());
  for (const std::vector<CompileJob> *Jobs : {&Plan.Jobs, &Plan.Deferred})
    for (const CompileJob &J : *Jobs)
      for (size_t I = 0; I + 1 < J.Args.size(); ++I)
        if (J.Args[I] == "-include")
          for (const std::string &Rel : Graph.filesNamed(path::filename(J.Args[I + 1])))
            Roots.push_back(Rel);
  llvm::StringSet<> Reached = Graph.closure(Roots);
  reportUnreached(Tree, Graph, Reached, Plan.Problems);
  // A header some unit's includes name, but that no parse reads, sits
  // behind an include the parse skipped: its code is inactive there.
  for (const std::string &Rel : Tree.Headers)
    if (Graph.readable(Rel)) {
      Plan.Headers.push_back(MakeJob(Rel));
      if (Plan.Headers.back().Source == "inferred")
        Plan.Headers.back().Source = Reached.count(Rel) ? HeaderBehindSkippedInclude
                                                        : HeaderIncludedNowhere;
    }
  return Plan;
}

} // namespace portolan
