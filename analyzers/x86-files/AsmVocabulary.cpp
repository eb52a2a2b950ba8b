//===- AsmVocabulary.cpp --------------------------------------------------===//
#include "AsmVocabulary.h"

#include <llvm/ADT/StringSwitch.h>

#include <optional>

namespace portolan::analyzers::x86files {
namespace {

/// Prefix followed by a decimal number, returned when it is at most Max.
std::optional<unsigned> numbered(llvm::StringRef Token, llvm::StringRef Prefix, unsigned Max) {
  unsigned N;
  if (!Token.consume_front(Prefix) || Token.empty() || Token.getAsInteger(10, N) || N > Max)
    return std::nullopt;
  return N;
}

} // namespace

bool isX86Register(llvm::StringRef R, bool AfterPercent) {
  if (numbered(R, "xmm", 31) || numbered(R, "ymm", 31) || numbered(R, "zmm", 31))
    return true;
  if (llvm::StringSwitch<bool>(R)
          .Cases("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "rip", true)
          .Cases("eax", "ebx", "ecx", "edx", "esi", "edi", "esp", "ebp", "eip", true)
          .Default(false))
    return true;
  if (!R.empty() && (R.back() == 'd' || R.back() == 'w' || R.back() == 'b'))
    if (std::optional<unsigned> N = numbered(R.drop_back(), "r", 15); N && *N >= 8)
      return true;
  if (!AfterPercent)
    return false;
  return llvm::StringSwitch<bool>(R)
             .Cases("ax", "bx", "cx", "dx", "si", "di", "bp", true) // %sp is SPARC's too
             .Cases("al", "ah", "bl", "bh", "cl", "ch", "dl", "dh", true)
             .Cases("sil", "dil", "spl", "bpl", "cs", "ds", "es", "fs", "gs", true)
             .Cases("ss", "st", true)
             .Default(false) ||
         numbered(R, "mm", 7) || numbered(R, "k", 7) || numbered(R, "cr", 15);
}

bool isOtherRegister(llvm::StringRef R) {
  if (R.consume_front("$"))
    return numbered(R, "r", 31) || numbered(R, "a", 7) || numbered(R, "t", 8) ||
           numbered(R, "s", 8) || numbered(R, "vr", 31) || numbered(R, "xr", 31) ||
           numbered(R, "f", 31) || numbered(R, "fa", 7) || numbered(R, "ft", 15) ||
           R == "sp" || R == "ra" || R == "fp" || R == "zero";
  auto [Head, Arrangement] = R.split('.');
  if (!Arrangement.empty())
    return numbered(Head, "v", 31) &&
           llvm::StringSwitch<bool>(Arrangement)
               .Cases("8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d", "1q", true)
               .Cases("b", "h", "s", "d", "q", true)
               .Default(false);
  return numbered(R, "x", 30) || numbered(R, "w", 30) || numbered(R, "q", 31) ||
         numbered(R, "d", 31) || numbered(R, "s", 31) || numbered(R, "v", 31) ||
         numbered(R, "a", 7) || numbered(R, "t", 6) || R == "xzr" ||
         R == "wzr" || R == "lr";
}

// Mnemonics other architectures share are left out: jmp (SPARC, Alpha,
// m68k), bsr (m68k, SuperH).
bool isX86Mnemonic(llvm::StringRef M) {
  constexpr llvm::StringLiteral Prefixes[] = {
      "cmov",   "padd",   "psub",   "pmul",    "pshuf",   "punpck",  "pack",   "pcmp",
      "psll",   "psrl",   "psra",   "pmovmsk", "pmadd",   "pmax",    "pmin",   "pavg",
      "pinsr",  "pextr",  "pblend", "vmovdq",  "vmovap",  "vmovup",  "vmovs",  "vbroadcast",
      "vinsert", "vextract", "vperm", "vpbroadcast", "vfmadd", "vfmsub", "vfnmadd",
      "vpxor",  "vpand",  "vpor",   "vpadd",   "vpsub",   "vpmul",   "vpshuf", "vpunpck",
      "vpcmp",  "vpsll",  "vpsrl",  "vpsra",   "vpmovmsk", "vpalignr", "vpblend", "kmov"};
  for (llvm::StringRef P : Prefixes)
    if (M.size() > P.size() && M.starts_with(P))
      return true;
  // Scalar and packed floating point: addps, mulsd, vaddps, cvtsi2sd ...
  if (M.size() >= 5 && (M.ends_with("ps") || M.ends_with("pd") || M.ends_with("ss") ||
                        M.ends_with("sd")))
    return true;
  if (M.size() >= 2 && M[0] == 'j' &&
      llvm::StringSwitch<bool>(M.drop_front())
          .Cases("a", "ae", "b", "be", "c", "e", "g", "ge", "l", "le", true)
          .Cases("na", "nae", "nb", "nbe", "nc", "ne", "ng", "nge", "nl", "nle", true)
          .Cases("no", "np", "ns", "nz", "o", "p", "pe", "po", "s", "z", true)
          .Cases("ecxz", "rcxz", "mpq", true)
          .Default(false))
    return true;
  bool Exact =
      llvm::StringSwitch<bool>(M)
          .Cases("lea", "cpuid", "rdtsc", "rdtscp", "xgetbv", "xchg", "cmpxchg", true)
          .Cases("cmpxchg8b", "cmpxchg16b", "lock", "rep", "repe", "repne", "repz", true)
          .Cases("repnz", "stosb", "stosd", "stosq", "movsb", "movsq", "cld", "cdq", true)
          .Cases("cqo", "cdqe", "cwde", "cltq", "cqto", "cltd", "bswap", "bsf", true)
          .Cases("tzcnt", "lzcnt", "popcnt", "imul", "idiv", "shl", "shr", "sar", true)
          .Cases("sal", "rcl", "rcr", "shld", "shrd", "inc", "dec", "test", "leave", true)
          .Cases("int3", "hlt", "syscall", "sysenter", "iretq", "pushf", "popf", true)
          .Cases("pushfq", "popfq", "pushad", "popad", "lahf", "sahf", "fld", "fstp", true)
          .Cases("fild", "fistp", "fxch", "fninit", "fnstcw", "fldcw", "emms", true)
          .Cases("sfence", "lfence", "mfence", "pause", "prefetcht0", "prefetchnta", true)
          .Cases("clflush", "movnti", "movntdq", "xsave", "xrstor", "endbr64", "endbr32", true)
          .Cases("ud2", "movzx", "movsx", "movsxd", "movzbl", "movzwl", "movsbl", true)
          .Cases("movswl", "movslq", "movabs", "movabsq", "movd", "movq", "pxor", "por", true)
          .Cases("pand", "pandn", "ptest", "palignr", "aesenc", "aesenclast", "aesdec", true)
          .Cases("aesdeclast", "aeskeygenassist", "pclmulqdq", "vzeroupper", true)
          .Cases("vzeroall", "callq", "retq", "pushq", "popq", "pushl", "popl", true)
          .Default(false);
  if (Exact)
    return true;
  // AT&T size suffixes on mnemonics other architectures spell bare.
  if (M.size() > 2 && (M.back() == 'l' || M.back() == 'q' || M.back() == 'b'))
    return llvm::StringSwitch<bool>(M.drop_back())
        .Cases("mov", "add", "sub", "xor", "and", "or", "cmp", "lea", "push", true)
        .Cases("pop", "inc", "dec", "shl", "shr", "sar", "imul", "neg", "not", true)
        .Cases("adc", "sbb", "xchg", "bt", "bts", "btr", "call", "ret", "test", true)
        .Default(false);
  return false;
}

bool isOtherMnemonic(llvm::StringRef M) {
  if (M.size() > 1 && M.drop_front().contains('.'))
    return true;
  return llvm::StringSwitch<bool>(M)
      .Cases("ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsw", "ldp", "stp", true)
      .Cases("ldur", "stur", "ldxr", "stxr", "ldaxr", "stlxr", "adrp", "adr", "bl", true)
      .Cases("blr", "br", "bx", "blx", "cbz", "cbnz", "tbz", "tbnz", "eor", true)
      .Cases("orr", "bic", "madd", "msub", "umull", "smull", "umulh", "ld1", "ld2", true)
      .Cases("ld3", "ld4", "st1", "st2", "st3", "st4", "ld1r", "ins", "umov", true)
      .Cases("dup", "fmla", "fmls", "movk", "movz", "movn", "csel", "csinc", "cset", true)
      .Cases("ccmp", "svc", "ldm", "ldmia", "stmia", "stmdb", "mrs", "msr", "dmb", true)
      .Cases("dsb", "isb", "ubfx", "sbfx", "bfi", "tbl", "tbx", "zip1", "zip2", true)
      .Cases("uzp1", "uzp2", "trn1", "trn2", "rev", "rev16", "addv", "uaddlv", true)
      .Cases("ushr", "sshr", "mla", "mls", "uxtb", "sxtb", "lsl", "lsr", "asr", true)
      .Cases("addi", "addiw", "lui", "auipc", "jal", "jalr", "beqz", "bnez", "bltu", true)
      .Cases("bgeu", "slli", "srli", "srai", "lw", "sw", "lbu", "lhu", "ld", true)
      .Cases("sd", "li", "la", "vsetvli", "bne", "beq", "b", "lwz", "stw", true)
      .Cases("stwu", "stdu", "mflr", "mtlr", "mtctr", "bctr", "lis", "addis", "ori", true)
      .Cases("rlwinm", "lvx", "stvx", "jr", "daddiu", "addiu", "vld", "vst", "xvld", true)
      .Cases("xvst", "pcaddu12i", "pcalau12i", "rsb", true)
      .Default(false);
}

} // namespace portolan::analyzers::x86files
