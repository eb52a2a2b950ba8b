//===- NeededLibraries.h - what a shared object needs and defines -*- C++ -*-===//
#ifndef PORTOLAN_SCAN_NEEDEDLIBRARIES_H
#define PORTOLAN_SCAN_NEEDEDLIBRARIES_H

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan {

/// The libraries an ELF shared object names as needed (DT_NEEDED), read
/// from the file without loading it; empty when it names none or is not a
/// 64-bit little-endian ELF file. (Its own file: LLVM's ELF header and the
/// system's <elf.h>, which Boost.DLL includes, cannot share one.)
std::vector<std::string> neededLibraries(llvm::StringRef Path);

/// Whether an ELF shared object's dynamic symbol table defines Name, read
/// from the file without loading it (so without running its constructors).
bool definesDynamicSymbol(llvm::StringRef Path, llvm::StringRef Name);

} // namespace portolan

#endif
