//===- ArchNames.h - architecture names in build files and paths ----------===//
//
// How build files, folder names and file names spell x86 and the other
// architectures: "x86_64" and "i?86" in a CMake or configure check,
// "haswell" after -march=, "linux-arm64" as a folder, "_neon" as a suffix.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_ARCHNAMES_H
#define PORTOLAN_ANALYZERS_X86FILES_ARCHNAMES_H

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <vector>

namespace portolan::analyzers::x86files {

/// An architecture name found in a line: where it starts and its spelling.
struct NameMatch {
  size_t Offset;
  llvm::StringRef Text;
};

/// Every x86 architecture name that stands as a word in Line: x86_64,
/// x86-64, AMD64, x64, x86, i386 ... i686, the patterns i?86, i.86, i%86, i*86 and
/// i[<class>]86, IA32, EM64T, and "Win32" spelled so (WIN32 is CMake's
/// Windows variable) unless AnyCaseWin32. With ShellXPrefix, also the shell
/// idiom that puts an x before both sides of a test ("xx86_64").
std::vector<NameMatch> findX86Names(llvm::StringRef Line, bool ShellXPrefix = false,
                                    bool AnyCaseWin32 = false);

/// The first word of Line that names another architecture: aarch64, arm64,
/// arm, armv7..., loongarch64, sw_64, riscv64, ppc64le, mips, s390x ...
std::optional<NameMatch> findOtherArchName(llvm::StringRef Line);

/// True for a CPU name that GCC and Clang accept after -march= or -mtune=
/// only when targeting x86 (haswell, znver3, x86-64-v3, ...), and for
/// "native", which ties the build to the CPU of the build machine.
bool isX86CpuName(llvm::StringRef Name);

/// What one piece of a path (a folder name, or a part of a file name
/// between '-', '_' and '.') says about the architecture.
enum class ArchPiece { None, X86, Other };
ArchPiece classifyPathPiece(llvm::StringRef Piece);

/// True for a folder named after an architecture other than x86 that
/// classifyPathPiece does not know, as projects that support many name them
/// (alpha, hppa, ia64, m68k, sparc, vax, xtensa ...). Whole names only:
/// "sh" is SuperH as a folder of assembly sources.
bool isOtherArchFolderName(llvm::StringRef Name);

/// True for a piece naming an architecture Portolan ports to: ARM and
/// AArch64 (arm64, neon, sve ...), LoongArch (lsx, lasx ...), Sunway (sw_64).
bool isTargetArchPiece(llvm::StringRef Piece);

} // namespace portolan::analyzers::x86files

#endif
