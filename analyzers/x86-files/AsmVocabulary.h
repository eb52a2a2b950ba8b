//===- AsmVocabulary.h - registers and mnemonics by architecture ----------===//
//
// The words of assembly sources that tell x86 from the other architectures,
// lowercased: registers (%rax, eax, xmm0; x0, v0.16b, $a0) and mnemonics
// only one side has (pshufb, cpuid, jne; ldr, stp, b.ne). Words that several
// architectures share (mov, add, ret, nop, jmp) tell nothing and are in
// neither list.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_ASMVOCABULARY_H
#define PORTOLAN_ANALYZERS_X86FILES_ASMVOCABULARY_H

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers::x86files {

/// An x86 register name without '%'. Bare names (Intel syntax) are only the
/// unambiguous ones; after '%' (AT&T syntax, AfterPercent) the 16- and 8-bit,
/// segment, x87, MMX and mask registers count too.
bool isX86Register(llvm::StringRef R, bool AfterPercent);

/// A register of another architecture: AArch64 (x0, w1, v0.16b, q2, d3),
/// ARM's lr, RISC-V (a0, t1), and the '$' registers of LoongArch and MIPS
/// ($a0, $r4, $vr1, $sp). Not r0-r7: x86inc.asm (FFmpeg, x264, dav1d) names
/// x86 registers so.
bool isOtherRegister(llvm::StringRef R);

/// A mnemonic only x86 has (AT&T size suffixes included).
bool isX86Mnemonic(llvm::StringRef M);

/// A mnemonic of AArch64, 32-bit ARM, RISC-V, LoongArch, PowerPC or MIPS
/// that x86 lacks. A '.' inside a mnemonic (b.ne, add.d, vld1.8) is never
/// x86.
bool isOtherMnemonic(llvm::StringRef M);

} // namespace portolan::analyzers::x86files

#endif
