//===- AsmSourceAnalyzer.h - x86 assembly sources -------------------------===//
//
// Reports x86.asm-source once per assembly source (.s, .S, .asm, .nasm,
// .masm) that holds x86 code, at line 0: the symbol is the dialect (gas,
// nasm, masm), the note its size and its non-x86 counterpart in the tree.
//
// The architecture is told from the text: registers (%rax, eax, xmm0 ...;
// x0, w1, v0.16b, $a0 ...), mnemonics only one side has (pshufb, lea, jne;
// ldr, stp, cbnz, add.d ...) and directives (.intel_syntax, BITS 64, .686;
// .arch armv8-a, .thumb). A file with mostly other-architecture evidence is
// left out; one with no evidence either way is reported as of unknown
// architecture; one with much of both is reported and says so.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_ASMSOURCEANALYZER_H
#define PORTOLAN_ANALYZERS_X86FILES_ASMSOURCEANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers::x86files {

class AsmSourceAnalyzer {
public:
  void analyze(llvm::StringRef RelPath, llvm::StringRef Content, sdk::FileContext &Ctx);
};

} // namespace portolan::analyzers::x86files

#endif
