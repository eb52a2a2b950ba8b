//===- PrefixConditions.h - #if values the shared-prefix walk can know ---===//
//
// The walk that finds a unit's first system headers (SharedPrefix.cpp)
// follows the project's conditionals where their value is known without
// reading a system header: from the compiler's predefined macros, the
// command line's and the project's own #define lines. A name the
// condition reads that none of those defines counts as undefined, as the
// preprocessor has it; the walk records every name it read, and a unit
// takes a precompiled header only when none of its headers defines or
// undefines one of them (checked once it is built), since a system header
// read earlier could have changed the value.
//
// A condition the walk cannot evaluate (a function-like macro,
// __has_include, a character or unsigned literal) ends the walk.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_PREFIXCONDITIONS_H
#define PORTOLAN_SCAN_PREFIXCONDITIONS_H

#include <llvm/ADT/IntrusiveRefCntPtr.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/ADT/StringSet.h>

#include <optional>
#include <string>
#include <vector>

namespace clang {
class CompilerInvocation;
}
namespace llvm::vfs {
class FileSystem;
}

namespace portolan {

/// A macro defined at some point of the walk.
struct KnownMacro {
  bool FunctionLike = false;
  /// The preprocessor's own (__LINE__, __has_include): its value is not
  /// the walk's to know.
  bool Builtin = false;
  /// The system header that defines it (its canonical name); empty for
  /// the predefined and the project's.
  std::string File;
  std::string Body; ///< Its replacement's tokens, spelled, space-separated.
};
using MacroTable = llvm::StringMap<KnownMacro>;

/// The macros Invocation's preprocessor starts with: the target's and the
/// compiler's predefined ones and the command line's -D and -U (its forced
/// includes left out); none when the preprocessor cannot be made.
std::optional<MacroTable> predefinedMacros(const clang::CompilerInvocation &Invocation,
                                           llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// The macros that a file with the one line `#include Include` (as
/// "<stdio.h>") leaves defined, not counting the predefined and
/// command-line ones, each with the file that defines it; none when it
/// does not preprocess cleanly.
std::optional<MacroTable> headerMacros(const clang::CompilerInvocation &Invocation,
                                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                                       llvm::StringRef Include);

/// The value of `#Directive Args` (if, ifdef, ifndef, elif, elifdef,
/// elifndef) under Macros, every name read appended to Read; none when
/// it cannot be known from Macros alone. Cxx: `true` and `false` are 1
/// and 0 (in C they end it: C23 has them too).
std::optional<bool> evaluateCondition(llvm::StringRef Directive, llvm::StringRef Args,
                                      const MacroTable &Macros, bool Cxx,
                                      std::vector<std::string> &Read);

} // namespace portolan

#endif
