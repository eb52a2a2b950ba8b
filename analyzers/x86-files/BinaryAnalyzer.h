//===- BinaryAnalyzer.h - prebuilt x86 binaries ---------------------------===//
//
// Reports x86.binary once per prebuilt object, library or executable whose
// code is for x86 or x86-64, at line 0. The file is read with llvm::object
// (never run): ELF, COFF/PE and Mach-O objects by their machine, archives
// and COFF import libraries by their members, universal Mach-O by their
// slices, LLVM bitcode by its triple. The symbol says what it is ("ELF
// x86_64 shared object", "archive x86_64 (12 objects)", "COFF i386 import
// library"); the note names a non-x86 build of it in the tree, by path.
//
// A file LLVM cannot read is reported only when it looks binary (a NUL in
// its first 4 KiB): one advisory finding, symbol "unreadable binary", with
// LLVM's message. Text under a binary's name (GNU ld scripts named libc.so,
// Git LFS pointers) and thin archives (whose members are files of their
// own) are not reported.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_BINARYANALYZER_H
#define PORTOLAN_ANALYZERS_X86FILES_BINARYANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBufferRef.h>

namespace portolan::analyzers::x86files {

class BinaryAnalyzer {
public:
  void analyze(llvm::StringRef RelPath, llvm::MemoryBufferRef Content, sdk::FileContext &Ctx);
};

} // namespace portolan::analyzers::x86files

#endif
