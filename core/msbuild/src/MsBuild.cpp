//===- MsBuild.cpp --------------------------------------------------------===//
//
// MSBuild evaluates a project in passes: properties first (in document
// order, imports inlined where they stand), then item definitions, then
// items, the last two with the final properties. This follows that order
// for what C++ compile commands need (Microsoft's MSBuild documentation,
// "How MSBuild builds projects", evaluation phase). Project-relative paths
// of items and metadata resolve against the project's folder; an import's
// path against the importing file's.
//
//===----------------------------------------------------------------------===//
#include "portolan/msbuild/MsBuild.h"

#include "Conditions.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/Support/GlobPattern.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <pugixml.hpp>

#include <map>
#include <memory>
#include <optional>

namespace portolan::msbuild {
namespace path = llvm::sys::path;
namespace fs = llvm::sys::fs;

namespace {

/// Where mingw-w64's headers are on Debian (mingw-w64-x86-64-dev): a
/// 32-bit or ARM64 configuration is parsed against them too.
constexpr const char *MingwInclude = "/usr/x86_64-w64-mingw32/include";

/// Properties Visual Studio's own property sheets define (the VC++ folders,
/// the SDK's): undefined here, they expand to nothing, silently.
bool isVisualStudioProperty(llvm::StringRef Name) {
  static const char *const Prefixes[] = {"vc", "windowssdk", "windowskits", "universalcrt",
                                         "ucrt", "netfx", "frameworksdk", "msbuild",
                                         "devenv", "userrootdir", "includepath",
                                         "librarypath", "executablepath", "referencepath",
                                         "sourcepath", "excludepath", "libraryw", "externalincludepath"};
  std::string Lower = Name.lower();
  return llvm::any_of(Prefixes, [&](const char *P) { return llvm::StringRef(Lower).starts_with(P); });
}

/// Written with '\' or '/', relative to Base unless absolute; dots removed.
std::string resolvePath(llvm::StringRef Written, llvm::StringRef Base) {
  std::string P = Written.trim().str();
  std::replace(P.begin(), P.end(), '\\', '/');
  if (P.empty())
    return P;
  llvm::SmallString<256> Out;
  if (path::is_absolute(P, path::Style::posix)) {
    Out = P;
  } else {
    Out = Base;
    path::append(Out, path::Style::posix, P);
  }
  path::remove_dots(Out, /*remove_dot_dot=*/true, path::Style::posix);
  return std::string(Out);
}

std::vector<std::string> splitList(llvm::StringRef S) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  S.split(Parts, ';', -1, false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

std::string parentOf(llvm::StringRef File) {
  return std::string(path::parent_path(File, path::Style::posix));
}

bool isRegularFile(llvm::StringRef Path) {
  fs::file_status St;
  return !fs::status(Path, St) && fs::is_regular_file(St);
}

/// Configuration and platform of "Release|x64".
std::pair<std::string, std::string> splitConfiguration(llvm::StringRef Config) {
  auto [Name, Plat] = Config.split('|');
  return {Name.trim().str(), Plat.trim().str()};
}

/// The first Release configuration for x64, else the first Release one,
/// else the first.
std::string defaultConfiguration(const std::vector<std::string> &Available) {
  for (const std::string &C : Available) {
    auto [Name, Plat] = splitConfiguration(C);
    if (llvm::StringRef(Name).equals_insensitive("Release") &&
        llvm::StringRef(Plat).equals_insensitive("x64"))
      return C;
  }
  for (const std::string &C : Available)
    if (llvm::StringRef(splitConfiguration(C).first).starts_with_insensitive("Release"))
      return C;
  return Available.empty() ? "Release|x64" : Available.front();
}

std::optional<std::string> findConfiguration(const std::vector<std::string> &Available,
                                             llvm::StringRef Wanted) {
  for (const std::string &C : Available)
    if (llvm::StringRef(C).equals_insensitive(Wanted))
      return C;
  return std::nullopt;
}

/// One project, evaluated for one configuration.
class ProjectEvaluator {
public:
  ProjectEvaluator(std::string ProjectPath, std::string SolutionPath, ProjectSet &Out)
      : ProjectPath(std::move(ProjectPath)), SolutionPath(std::move(SolutionPath)), Out(Out) {}

  /// The configurations the project declares (ProjectConfiguration items).
  llvm::Expected<std::vector<std::string>> declaredConfigurations() {
    if (llvm::Error E = loadRoot())
      return E;
    std::vector<std::string> Configs;
    for (pugi::xml_node Group : Root.children("ItemGroup"))
      for (pugi::xml_node C : Group.children("ProjectConfiguration"))
        if (const char *Include = C.attribute("Include").value(); *Include)
          Configs.push_back(Include);
    return Configs;
  }

  /// Evaluates the project for Configuration and adds its items.
  llvm::Error evaluate(llvm::StringRef Configuration) {
    if (llvm::Error E = loadRoot())
      return E;
    auto [Config, Plat] = splitConfiguration(Configuration);
    Platform = Plat;
    std::string ProjectDir = parentOf(ProjectPath);
    set("Configuration", Config);
    set("Platform", Plat);
    set("PlatformName", Plat);
    set("ProjectDir", ProjectDir + "/");
    set("ProjectPath", ProjectPath);
    set("ProjectFileName", path::filename(ProjectPath, path::Style::posix).str());
    set("ProjectName", path::stem(ProjectPath, path::Style::posix).str());
    set("ProjectExt", path::extension(ProjectPath, path::Style::posix).str());
    set("MSBuildProjectDirectory", ProjectDir);
    set("MSBuildProjectFullPath", ProjectPath);
    set("MSBuildProjectName", path::stem(ProjectPath, path::Style::posix).str());
    set("TargetName", path::stem(ProjectPath, path::Style::posix).str());
    if (!SolutionPath.empty()) {
      set("SolutionDir", parentOf(SolutionPath) + "/");
      set("SolutionPath", SolutionPath);
      set("SolutionFileName", path::filename(SolutionPath, path::Style::posix).str());
      set("SolutionName", path::stem(SolutionPath, path::Style::posix).str());
      set("SolutionExt", ".sln");
    } else {
      // Built alone, a project's $(SolutionDir) is its own folder.
      set("SolutionDir", ProjectDir + "/");
    }
    bool X86 = llvm::StringRef(Plat).equals_insensitive("Win32");
    set("IntDir", X86 ? Config + "/" : Plat + "/" + Config + "/");
    set("OutDir", get("SolutionDir") + (X86 ? Config + "/" : Plat + "/" + Config + "/"));

    std::vector<std::string> Stack;
    evaluateFile(RootDoc.get(), ProjectPath, Stack);
    collectItems();
    return llvm::Error::success();
  }

private:
  llvm::Error loadRoot() {
    if (RootDoc)
      return llvm::Error::success();
    auto Doc = std::make_unique<pugi::xml_document>();
    if (llvm::Error E = parse(ProjectPath, *Doc))
      return E;
    Root = Doc->child("Project");
    if (!Root)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     ProjectPath + ": not an MSBuild project (no <Project>)");
    RootDoc = std::move(Doc);
    Out.FilesRead.push_back(ProjectPath);
    return llvm::Error::success();
  }

  static llvm::Error parse(const std::string &File, pugi::xml_document &Doc) {
    if (!isRegularFile(File)) // Never a FIFO or a device.
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     File + ": not a readable regular file");
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(),
                                     File + ": cannot read: " + Buffer.getError().message());
    // Entities are not expanded (pugixml has no DTD support): an entity
    // bomb is text like any other.
    pugi::xml_parse_result R =
        Doc.load_buffer((*Buffer)->getBufferStart(), (*Buffer)->getBufferSize());
    if (!R)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     File + ": not well-formed XML (" +
                                         std::string(R.description()) + " at byte " +
                                         std::to_string(R.offset) + ")");
    return llvm::Error::success();
  }

  void set(llvm::StringRef Name, std::string Value) { Props[Name.lower()] = std::move(Value); }
  std::string get(llvm::StringRef Name) const {
    auto It = Props.find(Name.lower());
    return It == Props.end() ? std::string() : It->second;
  }

  void problem(const std::string &File, const std::string &What) {
    std::string Line = File + ": " + What;
    if (Warned.insert(Line).second)
      Out.Problems.push_back(std::move(Line));
  }

  /// S with $(Property) expanded. Visual Studio's own properties expand to
  /// nothing; a property function, or another property the project does
  /// not define (an environment variable on the build machine), stays as
  /// written, with a problem line (InCondition: nothing, as MSBuild does).
  std::string expand(llvm::StringRef S, const std::string &File, bool InCondition = false) {
    std::string Result;
    while (!S.empty()) {
      size_t At = S.find("$(");
      if (At == llvm::StringRef::npos) {
        Result += S;
        break;
      }
      Result += S.take_front(At);
      S = S.drop_front(At);
      size_t Depth = 0, Close = llvm::StringRef::npos;
      for (size_t I = 1; I < S.size(); ++I) {
        if (S[I] == '(')
          ++Depth;
        else if (S[I] == ')' && --Depth == 0) {
          Close = I;
          break;
        }
      }
      if (Close == llvm::StringRef::npos) {
        Result += S;
        break;
      }
      llvm::StringRef Whole = S.take_front(Close + 1);
      llvm::StringRef Name = S.slice(2, Close).trim();
      auto It = Props.find(Name.lower());
      if (It != Props.end()) {
        Result += It->second;
      } else if (Name.starts_with("[")) {
        if (!InCondition)
          problem(File, "property function " + Whole.str() + " is not evaluated; left as written");
        Result += InCondition ? "" : Whole.str();
      } else if (!InCondition && !isVisualStudioProperty(Name)) {
        problem(File, Whole.str() +
                          " is not defined by the project (an environment variable of the "
                          "build machine?); left as written");
        Result += Whole;
      }
      S = S.drop_front(Close + 1);
    }
    return Result;
  }

  bool condition(pugi::xml_node Node, const std::string &File) {
    const char *Cond = Node.attribute("Condition").value();
    if (!*Cond)
      return true;
    std::string Dir = parentOf(File);
    std::optional<bool> V = evaluateCondition(
        Cond, [&](llvm::StringRef S) { return expand(S, File, /*InCondition=*/true); },
        [&](llvm::StringRef P) {
          std::string Abs = resolvePath(P, Dir);
          return fs::exists(Abs);
        });
    if (!V) {
      problem(File, std::string("condition \"") + Cond +
                        "\" cannot be evaluated; its element is left out");
      return false;
    }
    return *V;
  }

  void evaluateFile(pugi::xml_document *Doc, const std::string &File,
                    std::vector<std::string> &Stack) {
    pugi::xml_node Project = Doc->child("Project");
    Stack.push_back(File);
    std::string SavedDir = get("MSBuildThisFileDirectory");
    std::string SavedFile = get("MSBuildThisFileFullPath");
    set("MSBuildThisFileDirectory", parentOf(File) + "/");
    set("MSBuildThisFileFullPath", File);
    set("MSBuildThisFile", path::filename(File, path::Style::posix).str());
    evaluateChildren(Project, File, Stack);
    set("MSBuildThisFileDirectory", SavedDir);
    set("MSBuildThisFileFullPath", SavedFile);
    Stack.pop_back();
  }

  void evaluateChildren(pugi::xml_node Parent, const std::string &File,
                        std::vector<std::string> &Stack) {
    for (pugi::xml_node Child : Parent.children()) {
      if (Child.type() != pugi::node_element)
        continue;
      llvm::StringRef Name = Child.name();
      if (Name == "Choose") {
        // The first <When> whose condition holds, else <Otherwise>.
        pugi::xml_node Taken;
        for (pugi::xml_node W : Child.children("When"))
          if (condition(W, File)) {
            Taken = W;
            break;
          }
        if (!Taken)
          Taken = Child.child("Otherwise");
        if (Taken)
          evaluateChildren(Taken, File, Stack);
        continue;
      }
      if (!condition(Child, File))
        continue;
      if (Name == "PropertyGroup") {
        for (pugi::xml_node P : Child.children())
          if (P.type() == pugi::node_element && condition(P, File))
            set(P.name(), expand(P.text().get(), File));
      } else if (Name == "Import") {
        import(Child, File, Stack);
      } else if (Name == "ImportGroup") {
        for (pugi::xml_node I : Child.children("Import"))
          if (condition(I, File))
            import(I, File, Stack);
      } else if (Name == "ItemDefinitionGroup") {
        Definitions.push_back({Child, File});
      } else if (Name == "ItemGroup") {
        Groups.push_back({Child, File});
      }
    }
  }

  void import(pugi::xml_node Node, const std::string &File, std::vector<std::string> &Stack) {
    llvm::StringRef Written = Node.attribute("Project").value();
    // Visual Studio's own sheets (Microsoft.Cpp.props, the user's props)
    // are not on this machine; what they define is not needed here.
    std::string Lower = Written.lower();
    if (llvm::StringRef(Lower).contains("$(vctargetspath)") ||
        llvm::StringRef(Lower).contains("$(userrootdir)") ||
        llvm::StringRef(Lower).contains("$(msbuild") || Written.empty())
      return;
    std::string Expanded = expand(Written, File);
    if (llvm::StringRef(Expanded).contains("$(") || llvm::StringRef(Expanded).contains('*')) {
      problem(File, "import " + Written.str() + " cannot be resolved; skipped");
      return;
    }
    std::string Path = resolvePath(Expanded, parentOf(File));
    if (llvm::is_contained(Stack, Path) || Stack.size() > 32) {
      problem(File, "import " + Written.str() + " imports itself again; skipped");
      return;
    }
    if (!isRegularFile(Path)) {
      problem(File, "imports " + Written.str() + ", which is not a readable file; skipped");
      return;
    }
    auto Doc = std::make_unique<pugi::xml_document>();
    if (llvm::Error E = parse(Path, *Doc)) {
      problem(File, llvm::toString(std::move(E)) + "; import skipped");
      return;
    }
    if (!Doc->child("Project")) {
      problem(Path, "not an MSBuild file (no <Project>); import skipped");
      return;
    }
    Out.FilesRead.push_back(Path);
    pugi::xml_document *Raw = Doc.get();
    Imported.push_back(std::move(Doc));
    evaluateFile(Raw, Path, Stack);
  }

  /// Metadata Text with %(Name) standing for Previous and properties
  /// expanded.
  std::string metadata(llvm::StringRef Name, llvm::StringRef Text, const std::string &Previous,
                       const std::string &File) {
    std::string Self = "%(" + Name.str() + ")";
    std::string S = expand(Text, File);
    std::string Result;
    llvm::StringRef Rest = S;
    while (true) {
      // Case-insensitively, as MSBuild names are.
      size_t At = llvm::StringRef(Rest.lower()).find(llvm::StringRef(Self).lower());
      if (At == llvm::StringRef::npos) {
        Result += Rest;
        break;
      }
      Result += Rest.take_front(At);
      Result += Previous;
      Rest = Rest.drop_front(At + Self.size());
    }
    return Result;
  }

  using Metadata = std::map<std::string, std::string>;

  void applyMetadata(pugi::xml_node Item, Metadata &Meta, const std::string &File) {
    for (pugi::xml_node M : Item.children()) {
      if (M.type() != pugi::node_element || !condition(M, File))
        continue;
      std::string Key = llvm::StringRef(M.name()).lower();
      Meta[Key] = metadata(M.name(), M.text().get(), Meta[Key], File);
    }
  }

  void collectItems() {
    Metadata Defaults;
    for (auto &[Node, File] : Definitions)
      for (pugi::xml_node Cl : Node.children("ClCompile"))
        if (condition(Cl, File))
          applyMetadata(Cl, Defaults, File);
    std::string ProjectDir = parentOf(ProjectPath);
    // The VC++ Directories (IncludePath; ExternalIncludePath, Visual
    // Studio 2022's /external:I folders) reach cl as include folders too.
    std::vector<std::string> VcIncludePath;
    for (llvm::StringRef Property : {"IncludePath", "ExternalIncludePath"})
      for (const std::string &Dir : splitList(get(Property)))
        if (!llvm::StringRef(Dir).contains("$("))
          VcIncludePath.push_back(resolvePath(Dir, ProjectDir));
    bool FromCMake = false;
    for (auto &[Node, File] : Groups) {
      for (pugi::xml_node Ref : Node.children("ProjectReference"))
        FromCMake |= llvm::StringRef(Ref.attribute("Include").value()).contains("ZERO_CHECK");
      for (pugi::xml_node Cb : Node.children("CustomBuild"))
        FromCMake |= llvm::StringRef(Cb.attribute("Include").value()).ends_with("CMakeLists.txt");
      for (pugi::xml_node Cl : Node.children("ClCompile")) {
        if (!condition(Cl, File))
          continue;
        llvm::StringRef Include = Cl.attribute("Include").value();
        if (Include.empty())
          continue; // Update= and Remove= items are not followed.
        Metadata Meta = Defaults;
        applyMetadata(Cl, Meta, File);
        for (const std::string &Written : splitList(expand(Include, File))) {
          if (llvm::StringRef(Meta["excludedfrombuild"]).trim().equals_insensitive("true"))
            continue;
          if (llvm::StringRef(Written).contains("$(")) {
            problem(File, "ClCompile " + Written + " names no one file; skipped");
            continue;
          }
          std::string Path = resolvePath(Written, ProjectDir);
          if (llvm::StringRef(Written).find_first_of("*?") == llvm::StringRef::npos) {
            Out.Items.push_back(item(Path, Meta, VcIncludePath));
            continue;
          }
          std::optional<std::vector<std::string>> Matches = wildcard(Path);
          if (!Matches) {
            problem(File, "ClCompile " + Written + ": only wildcards in the file name, "
                                                   "after an optional **, are followed; skipped");
            continue;
          }
          for (std::string &M : *Matches)
            Out.Items.push_back(item(std::move(M), Meta, VcIncludePath));
        }
      }
    }
    Out.GeneratedByCMake |= FromCMake;
  }

  /// The files a wildcard item names (MSBuild's `dir\*.cxx` and
  /// `dir\**\*.cxx`), sorted; none when the pattern has wildcards anywhere
  /// else. Only regular files count.
  static std::optional<std::vector<std::string>> wildcard(llvm::StringRef Pattern) {
    llvm::StringRef Dir = path::parent_path(Pattern, path::Style::posix);
    llvm::StringRef Name = path::filename(Pattern, path::Style::posix);
    bool Recursive = path::filename(Dir, path::Style::posix) == "**";
    if (Recursive)
      Dir = path::parent_path(Dir, path::Style::posix);
    if (Dir.find_first_of("*?") != llvm::StringRef::npos)
      return std::nullopt;
    auto Glob = llvm::GlobPattern::create(Name);
    if (!Glob) {
      llvm::consumeError(Glob.takeError());
      return std::nullopt;
    }
    std::vector<std::string> Out;
    std::error_code EC;
    auto Take = [&](const std::string &P) {
      if (Glob->match(path::filename(P, path::Style::posix)) && isRegularFile(P))
        Out.push_back(P);
    };
    if (Recursive) {
      for (fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
        Take(It->path());
    } else {
      for (fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
        Take(It->path());
    }
    std::sort(Out.begin(), Out.end());
    return Out;
  }

  CompileItem item(std::string File, Metadata &Meta, const std::vector<std::string> &VcIncludes) {
    CompileItem I;
    I.File = std::move(File);
    I.Project = ProjectPath;
    I.Platform = Platform;
    llvm::StringRef CompileAs = Meta["compileas"];
    llvm::StringRef Ext = path::extension(I.File, path::Style::posix);
    I.Cxx = CompileAs == "CompileAsCpp" ||
            (CompileAs != "CompileAsC" && !Ext.equals_insensitive(".c"));
    std::string ProjectDir = parentOf(ProjectPath);
    for (const std::string &D : splitList(Meta["preprocessordefinitions"]))
      if (!llvm::StringRef(D).contains("%("))
        I.Defines.push_back(D);
    for (const std::string &Dir : splitList(Meta["additionalincludedirectories"]))
      if (!llvm::StringRef(Dir).contains("%(") && !llvm::StringRef(Dir).contains("$("))
        I.IncludeDirs.push_back(resolvePath(Dir, ProjectDir));
    for (const std::string &Dir : VcIncludes)
      if (!llvm::is_contained(I.IncludeDirs, Dir))
        I.IncludeDirs.push_back(Dir);
    for (const std::string &F : splitList(Meta["forcedincludefiles"])) {
      if (llvm::StringRef(F).contains("%("))
        continue;
      // cl's /FI searches like #include "": the project's folder first,
      // then the include folders (Clang's -include does the latter).
      std::string Near = resolvePath(F, ProjectDir);
      I.ForcedIncludes.push_back(isRegularFile(Near) ? Near : F);
    }
    I.LanguageStandard = I.Cxx ? Meta["languagestandard"] : Meta["languagestandard_c"];
    I.CharacterSet = get("CharacterSet");
    I.RuntimeLibrary = Meta["runtimelibrary"];
    return I;
  }

  struct Deferred {
    pugi::xml_node Node;
    std::string File;
  };

  std::string ProjectPath, SolutionPath, Platform;
  ProjectSet &Out;
  std::unique_ptr<pugi::xml_document> RootDoc;
  pugi::xml_node Root;
  std::vector<std::unique_ptr<pugi::xml_document>> Imported;
  llvm::StringMap<std::string> Props;
  std::vector<Deferred> Definitions, Groups;
  llvm::StringSet<> Warned;
};

/// A solution's C++ projects and configuration map.
struct Solution {
  struct Project {
    std::string Name, Path, Guid;
  };
  std::vector<Project> Projects;
  std::vector<std::string> Configurations;
  /// "{GUID}.Release|x64.ActiveCfg" -> "Release|x64", and ".Build.0" keys.
  llvm::StringMap<std::string> ProjectConfigs;
  bool HasProjectConfigs = false;
  bool FromCMake = false;
};

llvm::Expected<Solution> readSolution(const std::string &SlnPath) {
  if (!isRegularFile(SlnPath))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   SlnPath + ": not a readable regular file");
  auto Buffer = llvm::MemoryBuffer::getFile(SlnPath, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   SlnPath + ": cannot read: " + Buffer.getError().message());
  Solution S;
  std::string Dir = parentOf(SlnPath);
  enum { None, SolutionConfigs, ProjectConfigs } Section = None;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  bool Header = false;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    Header |= Line.starts_with("Microsoft Visual Studio Solution File");
    if (Line.starts_with("Project(")) {
      // Project("{type}") = "Name", "path\to\x.vcxproj", "{GUID}"
      llvm::SmallVector<llvm::StringRef, 8> Quoted;
      Line.split(Quoted, '"');
      if (Quoted.size() >= 8) {
        llvm::StringRef Name = Quoted[3], Path = Quoted[5], Guid = Quoted[7];
        S.FromCMake |= Name == "ZERO_CHECK" || Name == "ALL_BUILD";
        if (Path.ends_with_insensitive(".vcxproj"))
          S.Projects.push_back({Name.str(), resolvePath(Path, Dir), Guid.upper()});
      }
    } else if (Line.starts_with("GlobalSection(SolutionConfigurationPlatforms)")) {
      Section = SolutionConfigs;
    } else if (Line.starts_with("GlobalSection(ProjectConfigurationPlatforms)")) {
      Section = ProjectConfigs;
      S.HasProjectConfigs = true;
    } else if (Line.starts_with("EndGlobalSection")) {
      Section = None;
    } else if (Section != None && Line.contains('=')) {
      auto [Key, Value] = Line.split('=');
      if (Section == SolutionConfigs)
        S.Configurations.push_back(Key.trim().str());
      else
        S.ProjectConfigs[Key.trim().upper()] = Value.trim().str();
    }
  }
  if (!Header)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   SlnPath + ": not a Visual Studio solution file");
  return S;
}

/// Path made absolute with its folder's real path.
std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  fs::make_absolute(Abs);
  llvm::SmallString<256> Real;
  if (!fs::real_path(path::parent_path(Abs), Real)) {
    path::append(Real, path::filename(Abs));
    return std::string(Real);
  }
  path::remove_dots(Abs, true);
  return std::string(Abs);
}

} // namespace

bool isProjectPath(llvm::StringRef Path) {
  return Path.ends_with_insensitive(".sln") || Path.ends_with_insensitive(".vcxproj");
}

std::string findProjectIn(llvm::StringRef Dir) {
  std::vector<std::string> Solutions, Projects;
  std::error_code EC;
  for (fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = It->path();
    if (Name.ends_with_insensitive(".sln"))
      Solutions.push_back(It->path());
    else if (Name.ends_with_insensitive(".vcxproj"))
      Projects.push_back(It->path());
  }
  std::sort(Solutions.begin(), Solutions.end());
  if (!Solutions.empty())
    return Solutions.front();
  return Projects.size() == 1 ? Projects.front() : std::string();
}

std::string projectForBuildPath(llvm::StringRef BuildPath) {
  if (BuildPath.empty())
    return "";
  if (isProjectPath(BuildPath))
    return BuildPath.str();
  llvm::SmallString<256> Json(BuildPath);
  path::append(Json, "compile_commands.json");
  if (fs::exists(Json) || !fs::is_directory(BuildPath))
    return "";
  return findProjectIn(BuildPath);
}

std::vector<std::string> CompileItem::assumedDefines() const {
  std::vector<std::string> D;
  llvm::StringRef Plat = Platform;
  if (Plat.equals_insensitive("Win32") || Plat.equals_insensitive("x86"))
    D.push_back("_M_IX86=600");
  else if (Plat.starts_with_insensitive("ARM64"))
    D.push_back("_M_ARM64=1");
  else
    D.insert(D.end(), {"_M_X64=100", "_M_AMD64=100"});
  if (llvm::StringRef(CharacterSet).equals_insensitive("Unicode"))
    D.insert(D.end(), {"UNICODE", "_UNICODE"});
  else if (llvm::StringRef(CharacterSet).equals_insensitive("MultiByte"))
    D.push_back("_MBCS");
  // cl defines _MT for every runtime, _DLL for the DLL ones and _DEBUG for
  // the debug ones (/MT, /MD, /MTd, /MDd); MultiThreadedDLL by default.
  llvm::StringRef Runtime =
      RuntimeLibrary.empty() ? llvm::StringRef("MultiThreadedDLL") : llvm::StringRef(RuntimeLibrary);
  D.push_back("_MT");
  if (Runtime.contains("DLL"))
    D.push_back("_DLL");
  if (Runtime.contains("Debug"))
    D.push_back("_DEBUG");
  // cl's Microsoft extensions (on unless /Za); with them, C++ code has
  // nullptr_t in the global namespace, as vcruntime.h declares it.
  if (Cxx)
    D.insert(D.end(), {"_MSC_EXTENSIONS", "_NATIVE_NULLPTR_SUPPORTED"});
  return D;
}

std::vector<std::string> CompileItem::commandLine() const {
  std::vector<std::string> A = {Cxx ? "clang++" : "clang", "-x", Cxx ? "c++" : "c"};
  // GNU modes: mingw-w64's headers hide names MSVC's do not (fileno,
  // strdup) when __STRICT_ANSI__ is defined.
  llvm::StringRef Std = LanguageStandard;
  std::string Flag;
  if (Cxx)
    Flag = Std == "stdcpp17"       ? "gnu++17"
           : Std == "stdcpp20"     ? "gnu++20"
           : Std == "stdcpplatest" ? "gnu++23"
                                   : "gnu++14"; // MSVC's default, /std:c++14
  else
    Flag = Std == "stdc17" ? "gnu17" : Std == "stdclatest" ? "gnu2x" : "gnu11";
  A.push_back("-std=" + Flag);
  llvm::StringRef Plat = Platform;
  if (Plat.equals_insensitive("Win32") || Plat.equals_insensitive("x86")) {
    A.insert(A.end(), {"--target=i686-w64-mingw32", "-isystem", MingwInclude});
  } else if (Plat.starts_with_insensitive("ARM64")) {
    A.insert(A.end(), {"--target=aarch64-w64-mingw32", "-isystem", MingwInclude});
  } else {
    A.push_back("--target=x86_64-w64-mingw32");
  }
  A.push_back("-fms-extensions");
  for (const std::string &D : assumedDefines())
    A.push_back("-D" + D);
  for (const std::string &D : Defines)
    A.push_back("-D" + D);
  // Clang's own header declares ::nullptr_t under the two macros above;
  // nothing else in mingw-w64's or GCC's headers does.
  if (Cxx)
    A.insert(A.end(), {"-include", "__stddef_nullptr_t.h"});
  for (const std::string &I : IncludeDirs)
    A.push_back("-I" + I);
  for (const std::string &F : ForcedIncludes) {
    A.push_back("-include");
    A.push_back(F);
  }
  A.push_back(File);
  return A;
}

llvm::Expected<ProjectSet> loadProjects(llvm::StringRef Path, llvm::StringRef Configuration) {
  ProjectSet Out;
  std::string Abs = absolutePath(Path);
  if (Path.ends_with_insensitive(".vcxproj")) {
    ProjectEvaluator P(Abs, "", Out);
    auto Declared = P.declaredConfigurations();
    if (!Declared)
      return Declared.takeError();
    Out.Available = *Declared;
    if (Configuration.empty()) {
      Out.Configuration = defaultConfiguration(Out.Available);
    } else if (auto Found = findConfiguration(Out.Available, Configuration)) {
      Out.Configuration = *Found;
    } else if (Out.Available.empty()) {
      Out.Configuration = Configuration.str();
    } else {
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Abs + ": no configuration " + Configuration.str() +
                                         " (it has " + llvm::join(Out.Available, ", ") + ")");
    }
    if (llvm::Error E = P.evaluate(Out.Configuration))
      return E;
    return Out;
  }
  if (!Path.ends_with_insensitive(".sln"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Abs + ": neither a .sln nor a .vcxproj");
  auto Sln = readSolution(Abs);
  if (!Sln)
    return Sln.takeError();
  Out.FilesRead.push_back(Abs);
  Out.GeneratedByCMake = Sln->FromCMake;
  Out.Available = Sln->Configurations;
  if (Configuration.empty()) {
    Out.Configuration = defaultConfiguration(Out.Available);
  } else if (auto Found = findConfiguration(Out.Available, Configuration)) {
    Out.Configuration = *Found;
  } else {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        Abs + ": no configuration " + Configuration.str() + " (it has " +
            (Out.Available.empty() ? std::string("none") : llvm::join(Out.Available, ", ")) +
            ")");
  }
  std::string Upper = llvm::StringRef(Out.Configuration).upper();
  for (const Solution::Project &Proj : Sln->Projects) {
    std::string ProjectConfig = Out.Configuration;
    if (Sln->HasProjectConfigs) {
      std::string Key = Proj.Guid + "." + Upper;
      auto Active = Sln->ProjectConfigs.find(Key + ".ACTIVECFG");
      if (Active == Sln->ProjectConfigs.end() || !Sln->ProjectConfigs.count(Key + ".BUILD.0"))
        continue; // Not built in this configuration of the solution.
      ProjectConfig = Active->second;
    }
    if (!isRegularFile(Proj.Path)) {
      Out.Problems.push_back(Abs + ": project " + Proj.Name + " (" + Proj.Path +
                             ") is not a readable file; skipped");
      continue;
    }
    ProjectEvaluator P(Proj.Path, Abs, Out);
    if (llvm::Error E = P.evaluate(ProjectConfig))
      Out.Problems.push_back(llvm::toString(std::move(E)) + "; project skipped");
  }
  return Out;
}

} // namespace portolan::msbuild
