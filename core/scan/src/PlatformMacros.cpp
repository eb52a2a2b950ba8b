//===- PlatformMacros.cpp -------------------------------------------------===//
#include "portolan/scan/PlatformMacros.h"

#include <llvm/ADT/StringSwitch.h>

namespace portolan {

unsigned platformTestsOfMacro(llvm::StringRef N) {
  using namespace sdk;
  unsigned Exact = llvm::StringSwitch<unsigned>(N)
                       // x86 architecture and ABI.
                       .Cases("__x86_64__", "__x86_64", "__amd64__", "__amd64", TestsX86)
                       .Cases("_M_X64", "_M_AMD64", "__i386__", "__i386", "i386", TestsX86)
                       .Cases("_M_IX86", "_X86_", "__i486__", "__i586__", "__i686__", TestsX86)
                       .Cases("_M_IX86_FP", "__MMX__", "__3dNOW__", "__FMA__", "__FMA4__",
                              TestsX86)
                       .Cases("__F16C__", "__PCLMUL__", "__AES__", "__SHA__", "__POPCNT__",
                              TestsX86)
                       .Cases("__LZCNT__", "__XOP__", "__RDRND__", "__ADX__", "__GFNI__",
                              TestsX86)
                       .Cases("__VAES__", "__VPCLMULQDQ__", "__CRC32__", "__TBM__", "__ABM__",
                              TestsX86)
                       .Cases("__RDSEED__", "__MOVBE__", "__x86_64h__", TestsX86)
                       // Other architectures.
                       .Cases("__aarch64__", "_M_ARM64", "_M_ARM64EC", "__arm64__", "__arm64",
                              TestsOtherArch)
                       .Case("__arm__",
                              TestsOtherArch)
                       .Cases("_M_ARM", "__thumb__", "__ARM_NEON", "__ARM_NEON__",
                              TestsOtherArch)
                       .Cases("__loongarch__", "__loongarch64", "__loongarch_sx",
                              "__loongarch_asx", TestsOtherArch)
                       .Cases("__mips__", "__mips", "__mips64", "__powerpc__", "__powerpc",
                              TestsOtherArch)
                       .Cases("__powerpc64__", "__ppc__", "__ppc64__", "__PPC__", "__PPC64__",
                              TestsOtherArch)
                       .Cases("_ARCH_PPC", "_ARCH_PWR8", "__ALTIVEC__", "__VSX__", "__riscv",
                              TestsOtherArch)
                       .Cases("__riscv_vector", "__s390x__", "__s390__", "__sparc__",
                              "__sparc", TestsOtherArch)
                       .Cases("__sw_64__", "__sw_64", "__alpha__", "__wasm__", "__wasm32__",
                              TestsOtherArch)
                       .Cases("__wasm64__", "__wasm_simd128__", "__e2k__", "__ia64__",
                              "__hppa__", TestsOtherArch)
                       .Cases("__m68k__", "__sh__", "__ARM_FEATURE_SVE", "__mips_msa",
                              "__ARM_ARCH", TestsOtherArch)
                       // Windows and its compilers.
                       .Cases("_MSC_VER", "_MSC_FULL_VER", TestsWindows | TestsMsvc)
                       .Cases("_WIN32", "_WIN64", "WIN32", "WIN64", "_WINDOWS", TestsWindows)
                       .Cases("__WIN32__", "__WINDOWS__", "__MINGW32__", "__MINGW64__",
                              "__CYGWIN__", TestsWindows)
                       .Cases("__CYGWIN32__", "WINAPI_FAMILY", "_WIN32_WINNT", "WINVER",
                              TestsWindows)
                       // Other operating systems.
                       .Cases("__linux__", "__linux", "linux", "__gnu_linux__", "__unix__",
                              TestsOtherOS)
                       .Cases("__unix", "unix", "__APPLE__", "__MACH__", "__FreeBSD__",
                              TestsOtherOS)
                       .Cases("__NetBSD__", "__OpenBSD__", "__DragonFly__", "__sun", "__ANDROID__",
                              TestsOtherOS)
                       .Cases("__HAIKU__", "__EMSCRIPTEN__", "__GLIBC__", "_POSIX_VERSION",
                              "__QNX__", TestsOtherOS)
                       .Default(0);
  if (Exact)
    return Exact;
  // Families: the x86 ISA extension macros, and Arm's feature macros.
  if (N.starts_with("__SSE") || N.starts_with("__AVX") || N.starts_with("__BMI") ||
      N.starts_with("__AMX"))
    return N.ends_with("__") ? unsigned(TestsX86) : 0u;
  if (N.starts_with("__ARM_FEATURE_") || N.starts_with("__ARM_ARCH"))
    return TestsOtherArch;
  return 0;
}

} // namespace portolan
