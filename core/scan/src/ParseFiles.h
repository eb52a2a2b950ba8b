//===- ParseFiles.h - the files a parse sees --------------------*- C++ -*-===//
//
// Every parse reads through a file system of its own: regular files and
// folders only, through the scan's shared cache when there is one, and for
// Windows units with names looked up as Windows looks them up.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "portolan/scan/CompilePlan.h"

#include <clang/Basic/FileManager.h>
#include <clang/Tooling/DependencyScanning/DependencyScanningFilesystem.h>
#include <llvm/ADT/IntrusiveRefCntPtr.h>
#include <llvm/Support/VirtualFileSystem.h>

namespace portolan {

struct ParseCache {
  clang::tooling::dependencies::DependencyScanningFilesystemSharedCache Shared;
};

/// A file system in which a name that does not exist as written is looked
/// up as Windows would: backslashes as separators, each component matched
/// without regard to case ("Shlwapi.h" finds mingw-w64's shlwapi.h). A file
/// found so keeps its name on disk, so that findings name the real file.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
windowsFileNames(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// The files a parse of Job reads: through the scan's cache when there is
/// one, the files under Bypass (a folder of precompiled headers made during
/// the scan) apart; Windows units look names up as Windows does.
llvm::IntrusiveRefCntPtr<clang::FileManager> fileManagerFor(const CompileJob &Job,
                                                           ParseCache *Cache,
                                                           llvm::StringRef Bypass);

} // namespace portolan
