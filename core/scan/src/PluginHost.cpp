//===- PluginHost.cpp -----------------------------------------------------===//
#include "portolan/scan/PluginHost.h"
#include "NeededLibraries.h"

#include <boost/dll/shared_library.hpp>
#include <llvm/ADT/SmallString.h>
#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <cstdlib>
#include <dlfcn.h>
#include <exception>

namespace portolan {
namespace {

/// A Clang or LLVM shared library the plugin would bring into a process
/// that does not hold it already: the host links its own copy (or another
/// version), and two copies of LLVM's global registries break the process
/// at exit if not before.
std::string foreignLlvmLibrary(llvm::StringRef Path) {
  for (const std::string &Lib : neededLibraries(Path)) {
    llvm::StringRef Name(Lib);
    if (!Name.starts_with("libLLVM") && !Name.starts_with("libclang"))
      continue;
    if (void *Handle = dlopen(Lib.c_str(), RTLD_LAZY | RTLD_NOLOAD)) {
      dlclose(Handle);
      continue;
    }
    return Lib;
  }
  return "";
}

} // namespace

PluginHost::PluginHost() = default;
PluginHost::~PluginHost() = default;

bool PluginHost::refuse(llvm::StringRef Path, std::string Reason) {
  Refused.push_back({Path.str(), std::move(Reason)});
  return false;
}

void PluginHost::loadDirectory(llvm::StringRef Dir) {
  std::error_code EC;
  std::vector<std::string> Files;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.ends_with(".so") || Name.contains(".so."))
      Files.push_back(It->path());
  }
  if (EC) {
    refuse(Dir, "cannot read plugin folder: " + EC.message());
    return;
  }
  std::sort(Files.begin(), Files.end()); // Load order must not depend on the file system.
  for (const std::string &F : Files)
    loadFile(F);
}

bool PluginHost::loadFile(llvm::StringRef Path) {
  // dlopen's own reason is lost behind Boost.DLL's error code, so say what
  // the file is when it is not a shared object at all.
  llvm::file_magic Magic;
  if (std::error_code MagicEC = llvm::identify_magic(Path, Magic))
    return refuse(Path, "cannot read library: " + MagicEC.message());
  if (Magic != llvm::file_magic::elf_shared_object)
    return refuse(Path, "not an ELF shared library");
  if (std::string Lib = foreignLlvmLibrary(Path); !Lib.empty())
    return refuse(Path, "links " + Lib + ", which this host does not use; a plugin takes "
                        "Clang and LLVM from the host (build it with portolan_add_plugin, "
                        "see docs/plugins.md)");
  // Loading runs the library's constructors: a library that is no plugin
  // is refused from its symbol table, before any of its code runs.
  if (!definesDynamicSymbol(Path, PORTOLAN_PLUGIN_SYMBOL_NAME))
    return refuse(Path, "not a Portolan plugin: no symbol '" +
                            std::string(PORTOLAN_PLUGIN_SYMBOL_NAME) +
                            "' in its dynamic symbol table (not loaded)");
  auto Lib = std::make_unique<boost::dll::shared_library>();
  boost::dll::fs::error_code EC;
  Lib->load(boost::dll::fs::path(Path.str()), boost::dll::load_mode::rtld_now, EC);
  if (EC)
    return refuse(Path, "cannot load library: " + EC.message());
  if (!Lib->has(PORTOLAN_PLUGIN_SYMBOL_NAME))
    return refuse(Path, "not a Portolan plugin: no symbol '" +
                            std::string(PORTOLAN_PLUGIN_SYMBOL_NAME) + "'");
  const auto &D = Lib->get<const sdk::PluginDescriptor>(PORTOLAN_PLUGIN_SYMBOL_NAME);
  // The ABI version is the one field whose place never changes: check it
  // before reading anything else of the descriptor.
  if (D.AbiVersion != sdk::PluginAbiVersion)
    return refuse(Path, "built for plugin ABI " + std::to_string(D.AbiVersion) +
                            ", this host expects ABI " +
                            std::to_string(sdk::PluginAbiVersion));
  if (D.LlvmMajor != LLVM_VERSION_MAJOR)
    return refuse(Path, "built against LLVM " + std::to_string(D.LlvmMajor) +
                            ", this host uses LLVM " +
                            std::to_string(LLVM_VERSION_MAJOR));
  bool HasUnitAnalyzer = D.Create && D.Destroy;
  bool HasFileAnalyzer = D.CreateFileAnalyzer && D.DestroyFileAnalyzer;
  if (!D.Name || !*D.Name || !D.Version || (!HasUnitAnalyzer && !HasFileAnalyzer) ||
      bool(D.Create) != bool(D.Destroy) ||
      bool(D.CreateFileAnalyzer) != bool(D.DestroyFileAnalyzer) ||
      (D.RuleCount && !D.RuleIds))
    return refuse(Path, "incomplete descriptor (name, version, rules, and create and "
                        "destroy for a unit or a file analyzer are required)");
  for (const LoadedPlugin &P : Loaded)
    if (llvm::StringRef(P.Descriptor->Name) == D.Name)
      return refuse(Path, "a plugin named '" + std::string(D.Name) +
                              "' is already loaded from " + P.Path);
  // Create each analyzer once now so that a plugin that cannot even be
  // created is refused up front rather than failing in every unit.
  try {
    if (HasUnitAnalyzer) {
      sdk::Analyzer *Probe = D.Create();
      if (!Probe)
        return refuse(Path, "create() returned no analyzer");
      D.Destroy(Probe);
    }
    if (HasFileAnalyzer) {
      sdk::FileAnalyzer *Probe = D.CreateFileAnalyzer();
      if (!Probe)
        return refuse(Path, "createFileAnalyzer() returned no analyzer");
      D.DestroyFileAnalyzer(Probe);
    }
  } catch (const std::exception &E) {
    return refuse(Path, std::string("create() threw: ") + E.what());
  } catch (...) {
    return refuse(Path, "create() threw a non-standard exception");
  }
  LoadedPlugin P;
  P.Path = Path.str();
  P.Descriptor = &D;
  for (std::size_t I = 0; I < D.RuleCount; ++I)
    P.RuleIds.emplace_back(D.RuleIds[I] ? D.RuleIds[I] : "");
  Loaded.push_back(std::move(P));
  Libraries.push_back(std::move(Lib));
  return true;
}

std::string PluginHost::defaultPluginDir(const char *Argv0, void *MainAddr) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Dir, "..", "lib", "portolan", "plugins");
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return std::string(Dir);
}

std::vector<std::string> PluginHost::pluginPathFromEnvironment() {
  std::vector<std::string> Dirs;
  const char *Env = std::getenv("PORTOLAN_PLUGIN_PATH");
  if (!Env)
    return Dirs;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Env).split(Parts, ':', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts)
    Dirs.push_back(P.str());
  return Dirs;
}

} // namespace portolan
