//===- BuildFlags.h - x86 compiler options in build files -----------------===//
//
// Finds the compiler options that only an x86 compiler accepts, wherever a
// build file spells them: CMake and meson lists, Makefile variables,
// configure scripts, MSBuild <AdditionalOptions>. An option counts where it
// starts a token (after a space, a quote, '(', '[', ',', ';', '=', ':' or
// '>') and ends at a space, a quote or a closing bracket.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_BUILDFLAGS_H
#define PORTOLAN_ANALYZERS_X86FILES_BUILDFLAGS_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>

namespace portolan::analyzers::x86files {

/// Why an option ties a build to x86, for the finding's note; nullopt when
/// Token is not an x86 option. Token is one whole option ("-mavx2",
/// "-march=haswell", "/arch:AVX2").
std::optional<std::string> describeX86Flag(llvm::StringRef Token);

/// Reports an x86.build-flag finding for every x86 option in Line (1-based
/// LineNumber), at the option's first character.
void reportX86Flags(llvm::StringRef Line, unsigned LineNumber, sdk::FileContext &Ctx);

} // namespace portolan::analyzers::x86files

#endif
