//===- ParseFiles.cpp - the files a parse sees ----------------------------===//
#include "ParseFiles.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/Path.h>

#include <optional>

namespace portolan {

namespace {

namespace path = llvm::sys::path;
namespace vfs = llvm::vfs;

/// Reads the files under Folder from the disk itself, not through the
/// scan's shared cache: a precompiled header is large, read by mapping it,
/// and made during the scan.
class BypassFileSystem final : public vfs::ProxyFileSystem {
public:
  BypassFileSystem(llvm::IntrusiveRefCntPtr<vfs::FileSystem> Cached, std::string Folder)
      : ProxyFileSystem(std::move(Cached)), Direct(vfs::createPhysicalFileSystem()),
        Folder(std::move(Folder)) {}
  llvm::ErrorOr<vfs::Status> status(const llvm::Twine &Path) override {
    if (under(Path))
      return Direct->status(Path);
    return ProxyFileSystem::status(Path);
  }
  llvm::ErrorOr<std::unique_ptr<vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    if (under(Path))
      return Direct->openFileForRead(Path);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  bool under(const llvm::Twine &Path) const {
    llvm::SmallString<256> P;
    llvm::StringRef Name = Path.toStringRef(P);
    return Name.size() > Folder.size() && Name.starts_with(Folder) && Name[Folder.size()] == '/';
  }
  llvm::IntrusiveRefCntPtr<vfs::FileSystem> Direct;
  std::string Folder;
};

/// Only regular files and folders exist for a parse: an #include of a FIFO
/// would wait in open() for ever, one of /dev/zero would read without end.
class RegularFilesOnly final : public vfs::ProxyFileSystem {
public:
  explicit RegularFilesOnly(llvm::IntrusiveRefCntPtr<vfs::FileSystem> FS)
      : ProxyFileSystem(std::move(FS)) {}
  llvm::ErrorOr<vfs::Status> status(const llvm::Twine &Path) override {
    llvm::ErrorOr<vfs::Status> S = ProxyFileSystem::status(Path);
    if (S && !S->isRegularFile() && !S->isDirectory())
      return std::make_error_code(std::errc::no_such_file_or_directory);
    return S;
  }
  llvm::ErrorOr<std::unique_ptr<vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    llvm::ErrorOr<vfs::Status> S = status(Path);
    if (!S)
      return S.getError();
    return ProxyFileSystem::openFileForRead(Path);
  }
};

/// A file opened under another name than the one asked for, which says so:
/// Clang then names the file by its name on disk.
class FoundFile final : public vfs::File {
public:
  explicit FoundFile(std::unique_ptr<vfs::File> Real) : Real(std::move(Real)) {}
  llvm::ErrorOr<vfs::Status> status() override {
    llvm::ErrorOr<vfs::Status> S = Real->status();
    if (S)
      S->ExposesExternalVFSPath = true;
    return S;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t FileSize, bool RequiresNullTerminator,
            bool IsVolatile) override {
    return Real->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
  }
  std::error_code close() override { return Real->close(); }

private:
  std::unique_ptr<vfs::File> Real;
};

class WindowsFileNames final : public vfs::ProxyFileSystem {
public:
  explicit WindowsFileNames(llvm::IntrusiveRefCntPtr<vfs::FileSystem> FS)
      : ProxyFileSystem(std::move(FS)) {}

  llvm::ErrorOr<vfs::Status> status(const llvm::Twine &Path) override {
    llvm::ErrorOr<vfs::Status> S = ProxyFileSystem::status(Path);
    if (S || S.getError() != std::errc::no_such_file_or_directory)
      return S;
    std::optional<std::string> Real = lookUp(Path);
    if (!Real)
      return S;
    llvm::ErrorOr<vfs::Status> R = ProxyFileSystem::status(*Real);
    if (R)
      R->ExposesExternalVFSPath = true;
    return R;
  }

  llvm::ErrorOr<std::unique_ptr<vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    llvm::ErrorOr<std::unique_ptr<vfs::File>> F = ProxyFileSystem::openFileForRead(Path);
    if (F || F.getError() != std::errc::no_such_file_or_directory)
      return F;
    std::optional<std::string> Real = lookUp(Path);
    if (!Real)
      return F;
    llvm::ErrorOr<std::unique_ptr<vfs::File>> R = ProxyFileSystem::openFileForRead(*Real);
    if (!R)
      return R;
    return std::make_unique<FoundFile>(std::move(*R));
  }

private:
  /// Path as Windows finds it, when that is another name than Path: the
  /// deepest folder that exists as written, then each part below it
  /// matched in its folder without regard to case. Header search asks for
  /// a name in every include folder; each miss costs one look-up in a
  /// listing read once per folder.
  std::optional<std::string> lookUp(const llvm::Twine &Path) {
    llvm::SmallString<256> Wanted;
    Path.toVector(Wanted);
    std::replace(Wanted.begin(), Wanted.end(), '\\', '/');
    if (makeAbsolute(Wanted))
      return std::nullopt;
    path::remove_dots(Wanted, /*remove_dot_dot=*/true);
    llvm::SmallVector<llvm::StringRef, 4> Below; // Deepest part first.
    llvm::StringRef Folder = Wanted;
    do {
      Below.push_back(path::filename(Folder));
      Folder = path::parent_path(Folder);
    } while (!Folder.empty() && !entriesOf(Folder));
    if (Folder.empty())
      return std::nullopt;
    llvm::SmallString<256> Found(Folder);
    for (auto It = Below.rbegin(); It != Below.rend(); ++It) {
      const llvm::StringMap<std::string> *Entries = entriesOf(Found);
      auto Entry = Entries ? Entries->find(It->lower()) : llvm::StringMap<std::string>::iterator();
      if (!Entries || Entry == Entries->end())
        return std::nullopt;
      path::append(Found, Entry->second);
    }
    if (Found == Path.str())
      return std::nullopt;
    return std::string(Found);
  }

  /// The entries of Folder by lower-case name (the first in the listing's
  /// order when two differ only by case), or none when it is no folder.
  const llvm::StringMap<std::string> *entriesOf(llvm::StringRef Folder) {
    auto [Listing, New] = Listings.try_emplace(Folder);
    if (New) {
      std::error_code EC;
      vfs::directory_iterator I = ProxyFileSystem::dir_begin(Folder, EC), End;
      if (!EC) {
        Listing->second.emplace();
        for (; !EC && I != End; I.increment(EC)) {
          llvm::StringRef Entry = path::filename(I->path());
          Listing->second->try_emplace(Entry.lower(), Entry.str());
        }
      }
    }
    return Listing->second ? &*Listing->second : nullptr;
  }

  /// Folder -> its entries (none when it cannot be listed).
  llvm::StringMap<std::optional<llvm::StringMap<std::string>>> Listings;
};

} // namespace

llvm::IntrusiveRefCntPtr<vfs::FileSystem>
windowsFileNames(llvm::IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  return llvm::makeIntrusiveRefCnt<WindowsFileNames>(std::move(FS));
}

llvm::IntrusiveRefCntPtr<clang::FileManager> fileManagerFor(const CompileJob &Job,
                                                           ParseCache *Cache,
                                                           llvm::StringRef Bypass) {
  // Each unit gets its own file system view, so working directories of
  // parallel units do not interfere.
  llvm::IntrusiveRefCntPtr<vfs::FileSystem> FS =
      llvm::makeIntrusiveRefCnt<RegularFilesOnly>(vfs::createPhysicalFileSystem());
  // With a cache, stats and contents come from the scan's shared copy
  // (Clang's dependency scanner's file system: one per unit, over a cache
  // shared by all).
  if (Cache)
    FS = llvm::makeIntrusiveRefCnt<clang::tooling::dependencies::DependencyScanningWorkerFilesystem>(
        Cache->Shared, FS);
  if (Cache && !Bypass.empty())
    FS = llvm::makeIntrusiveRefCnt<BypassFileSystem>(FS, Bypass.str());
  if (Job.Plat == Platform::WindowsX86_64)
    FS = windowsFileNames(FS);
  FS->setCurrentWorkingDirectory(Job.Directory);
  return llvm::IntrusiveRefCntPtr<clang::FileManager>(
      new clang::FileManager(clang::FileSystemOptions(), FS));
}

} // namespace portolan
