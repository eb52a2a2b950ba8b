//===- X86FilesAnalyzer.h - what ties files that are not units to x86 -----===//
//
// The x86-files plugin's file analyzer. It decides by a file's name which
// of its readers the file goes to, and hands it over:
//   assembly sources (.s .S .asm .nasm .masm)     AsmSourceAnalyzer
//   CMake, make, meson and autoconf files          BuildFileAnalyzer
//   MSBuild projects and property sheets, .sln     MsBuildAnalyzer
//   objects, libraries, executables                BinaryAnalyzer
// See each for its rules.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_X86FILESANALYZER_H
#define PORTOLAN_ANALYZERS_X86FILES_X86FILESANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers {

enum class X86FileKind {
  None,
  Assembly,
  CMake,    ///< CMakeLists.txt, *.cmake
  Make,     ///< Makefile, makefile, GNUmakefile, Makefile.*, *.mk, *.mak
  Meson,    ///< meson.build
  Autoconf, ///< configure.ac, configure.in, acinclude.m4
  MSBuild,  ///< *.vcxproj, *.props, *.targets
  Solution, ///< *.sln
  Binary    ///< *.o *.obj *.a *.lib *.so *.so.N *.dll *.exe *.dylib
};

/// Which reader a file goes to, by its name alone.
X86FileKind classifyX86FileName(llvm::StringRef RelPath);

class X86FilesAnalyzer final : public sdk::FileAnalyzer {
public:
  bool wantsFile(llvm::StringRef RelPath) override;
  void analyzeFile(llvm::StringRef RelPath, llvm::MemoryBufferRef Content,
                   sdk::FileContext &Ctx) override;
};

} // namespace portolan::analyzers

#endif
