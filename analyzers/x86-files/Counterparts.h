//===- Counterparts.h - a file's non-x86 version elsewhere in the tree ----===//
//
// Projects keep the versions of one routine side by side: crc32_sse42.S
// beside crc32_neon.S, x86/rotate.S beside aarch64/rotate.S, a generic
// rotate.c; prebuilt lib/x64/foo.lib beside lib/arm64/foo.lib. Whether such
// a version exists tells a porter if the work is a build switch or a port.
// The search is by path only: names are split into pieces at '/', '-', '_'
// and '.', and pieces that name an architecture are set aside.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_COUNTERPARTS_H
#define PORTOLAN_ANALYZERS_X86FILES_COUNTERPARTS_H

#include "ArchNames.h"

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan::analyzers::x86files {

/// What RelPath's folders and name say about its architecture: X86 for
/// src/x86/sysv.S or crc_sse42.S, Other for arm/memcpy.S, crc_neon.S or a
/// folder named after any other architecture (sparc/, m68k/, s390/ ...),
/// None when they say nothing or both.
ArchPiece architectureOfPath(llvm::StringRef RelPath);

/// The counterpart of an assembly source: a file (assembly or C/C++) of the
/// same stem whose path names a non-x86 architecture, in the same folder or
/// a folder whose name differs only by the architecture (x86/ and aarch64/,
/// linux-x86_64/ and linux-arm64/), or in an architecture folder inside the
/// source's own folder; failing that, a C/C++ source of the same stem that
/// names no architecture, beside it or, when the source sits in an x86
/// folder, one folder up. Nested architecture folders (arm/aarch64/) count
/// as one. Versions for ARM, LoongArch or Sunway come before those for other
/// architectures (PowerPC, RISC-V, MIPS), which come before a generic C
/// version; among equals, the first in Tree. Empty when there is none.
std::string findSourceCounterpart(llvm::StringRef RelPath, const std::vector<std::string> &Tree);

/// The counterpart of a prebuilt binary: a file with the same name once
/// architecture pieces are set aside (same extension) whose path names a
/// non-x86 architecture, placed and ranked as for sources. Empty when there
/// is none.
std::string findBinaryCounterpart(llvm::StringRef RelPath, const std::vector<std::string> &Tree);

} // namespace portolan::analyzers::x86files

#endif
