//===- BuildFileAnalyzer.h - x86 options and arch checks in build files ---===//
//
// Reads CMake, make, meson and autoconf files line by line, comments left
// out, and reports
//   x86.build-flag        an option only an x86 compiler takes (-mavx2,
//                         -march=haswell, -m32, /arch:AVX2);
//   x86.build-arch-check  a comparison of the target architecture with an
//                         x86 name, on one line (CMAKE_SYSTEM_PROCESSOR
//                         MATCHES "x86_64", host_machine.cpu_family() ==
//                         'x86', ifeq ($(shell uname -m),x86_64)) or as an
//                         arm of a shell case over $host_cpu.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_BUILDFILEANALYZER_H
#define PORTOLAN_ANALYZERS_X86FILES_BUILDFILEANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers::x86files {

enum class BuildSyntax { CMake, Make, Meson, Autoconf };

class BuildFileAnalyzer {
public:
  explicit BuildFileAnalyzer(BuildSyntax Syntax) : Syntax(Syntax) {}
  void analyze(llvm::StringRef Content, sdk::FileContext &Ctx);

private:
  BuildSyntax Syntax;
};

} // namespace portolan::analyzers::x86files

#endif
