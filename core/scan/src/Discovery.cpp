//===- Discovery.cpp ------------------------------------------------------===//
#include "portolan/scan/Discovery.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/GlobPattern.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <algorithm>

namespace portolan {
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool isSourceFileName(llvm::StringRef Name) {
  llvm::StringRef Ext = path::extension(Name);
  return llvm::StringSwitch<bool>(Ext)
      .Cases(".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", true)
      .Default(false);
}

bool isHeaderFileName(llvm::StringRef Name) {
  llvm::StringRef Ext = path::extension(Name);
  return llvm::StringSwitch<bool>(Ext)
      .Cases(".h", ".hh", ".hpp", ".hxx", ".h++", ".H", true)
      .Cases(".inl", ".ipp", ".tcc", true)
      .Default(false);
}

namespace {

bool isSkippedFolderName(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases(".git", ".hg", ".svn", ".portolan", "CMakeFiles", true)
      .Default(false);
}

bool isBuildOutput(llvm::StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  path::append(P, "CMakeCache.txt");
  return fs::exists(P);
}

class Walker {
public:
  Walker(SourceTree &Tree, const DiscoveryOptions &Options)
      : Tree(Tree), Options(Options) {
    for (const std::string &E : Options.Excludes) {
      if (auto Pat = llvm::GlobPattern::create(E))
        Excludes.push_back(std::move(*Pat));
      else {
        Tree.Problems.push_back("--exclude '" + E +
                                "': " + llvm::toString(Pat.takeError()));
      }
    }
  }

  bool excluded(llvm::StringRef Rel) const {
    return std::any_of(Excludes.begin(), Excludes.end(),
                       [&](const llvm::GlobPattern &G) { return G.match(Rel); });
  }

  void walk(llvm::StringRef Dir, llvm::StringRef Rel) {
    std::error_code EC;
    std::vector<std::pair<std::string, fs::file_type>> Entries;
    for (fs::directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
         It != End && !EC; It.increment(EC))
      Entries.emplace_back(It->path(), It->type());
    if (EC) {
      Tree.Problems.push_back(Dir.str() + ": cannot read folder: " + EC.message());
      return;
    }
    std::sort(Entries.begin(), Entries.end());
    for (auto &[Path, Type] : Entries) {
      llvm::StringRef Name = path::filename(Path);
      std::string ChildRel = Rel.empty() ? Name.str() : (Rel + "/" + Name).str();
      if (excluded(ChildRel))
        continue;
      if (Type == fs::file_type::directory_file) {
        if (isSkippedFolderName(Name) || isBuildOutput(Path))
          continue;
        walk(Path, ChildRel);
        continue;
      }
      // Symbolic links are followed for files only, never for folders, so a
      // link cycle cannot trap the walk.
      bool Source = isSourceFileName(Name), Header = isHeaderFileName(Name);
      if (!Source && !Header) {
        if (Type == fs::file_type::regular_file || Type == fs::file_type::symlink_file)
          Tree.Others.push_back(ChildRel);
        continue;
      }
      fs::file_status Status;
      if (std::error_code SEC = fs::status(Path, Status)) {
        Tree.Problems.push_back(Path + ": cannot read: " + SEC.message());
        continue;
      }
      if (Status.type() != fs::file_type::regular_file)
        continue;
      if (Status.getSize() > Options.MaxFileBytes) {
        Tree.Problems.push_back(Path + ": skipped: " +
                                std::to_string(Status.getSize()) +
                                " bytes is over the limit of " +
                                std::to_string(Options.MaxFileBytes));
        continue;
      }
      (Source ? Tree.Sources : Tree.Headers).push_back(ChildRel);
    }
  }

private:
  SourceTree &Tree;
  const DiscoveryOptions &Options;
  std::vector<llvm::GlobPattern> Excludes;
};

} // namespace

llvm::Expected<SourceTree> discoverSources(llvm::StringRef Root,
                                           const DiscoveryOptions &Options) {
  llvm::SmallString<256> Real;
  if (std::error_code EC = fs::real_path(Root, Real, /*expand_tilde=*/true))
    return llvm::createStringError(EC, "%s: %s", Root.str().c_str(),
                                   EC.message().c_str());
  if (!fs::is_directory(Real))
    return llvm::createStringError(std::errc::not_a_directory,
                                   "%s: not a folder", Root.str().c_str());
  SourceTree Tree;
  Tree.Root = std::string(Real);
  Walker(Tree, Options).walk(Tree.Root, "");
  return Tree;
}

size_t countLines(const SourceTree &Tree) {
  size_t Lines = 0;
  for (const auto *List : {&Tree.Sources, &Tree.Headers})
    for (const std::string &Rel : *List) {
      llvm::SmallString<256> Path(Tree.Root);
      llvm::sys::path::append(Path, Rel);
      auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
      if (Buf)
        Lines += std::count((*Buf)->getBufferStart(), (*Buf)->getBufferEnd(), '\n');
    }
  return Lines;
}

} // namespace portolan
