//===- ArchNames.cpp ------------------------------------------------------===//
#include "ArchNames.h"
#include "TextLines.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>

namespace portolan::analyzers::x86files {
namespace {

// Longest first, so that x86_64 wins over x86 at the same place.
constexpr llvm::StringLiteral X86Names[] = {
    "x86_64", "x86-64", "amd64", "em64t",
    "i?86",     "i.86",      "i%86",   "i*86",   "i386",   "i486",   "i586",  "i686",
    "ia32",     "x86",       "x64"};

bool boundaryBefore(llvm::StringRef Line, size_t At) {
  return At == 0 || !isWordChar(Line[At - 1]);
}

bool boundaryAfter(llvm::StringRef Line, size_t End) {
  return End >= Line.size() || !isWordChar(Line[End]);
}

/// The x86 name starting at At, or an empty match.
llvm::StringRef x86NameAt(llvm::StringRef Line, size_t At, bool AnyCaseWin32) {
  llvm::StringRef Rest = Line.substr(At);
  for (llvm::StringRef Name : X86Names)
    if (Rest.starts_with_insensitive(Name) && boundaryAfter(Line, At + Name.size()))
      return Rest.take_front(Name.size());
  // Any character class between i and 86: i[0-9]86, i[3-7]86.
  if (Rest.starts_with_insensitive("i[")) {
    size_t Close = Rest.find("]86");
    if (Close != llvm::StringRef::npos && Close < 12 && boundaryAfter(Line, At + Close + 3))
      return Rest.take_front(Close + 3);
  }
  // Visual Studio's 32-bit platform; "WIN32" in CMake means Windows.
  if ((AnyCaseWin32 ? Rest.starts_with_insensitive("Win32") : Rest.starts_with("Win32")) &&
      boundaryAfter(Line, At + 5))
    return Rest.take_front(5);
  return {};
}

} // namespace

std::vector<NameMatch> findX86Names(llvm::StringRef Line, bool ShellXPrefix,
                                    bool AnyCaseWin32) {
  std::vector<NameMatch> Out;
  for (size_t At = 0; At < Line.size(); ++At) {
    bool Plain = boundaryBefore(Line, At);
    bool Prefixed = ShellXPrefix && At > 0 && (Line[At - 1] == 'x' || Line[At - 1] == 'X') &&
                    boundaryBefore(Line, At - 1);
    if (!Plain && !Prefixed)
      continue;
    llvm::StringRef Name = x86NameAt(Line, At, AnyCaseWin32);
    if (Name.empty())
      continue;
    Out.push_back({At, Name});
    At += Name.size() - 1;
  }
  return Out;
}

std::optional<NameMatch> findOtherArchName(llvm::StringRef Line) {
  for (size_t At = 0; At < Line.size();) {
    if (!isWordChar(Line[At])) {
      ++At;
      continue;
    }
    size_t End = At;
    while (End < Line.size() && isWordChar(Line[End]))
      ++End;
    llvm::StringRef Word = Line.slice(At, End);
    std::string Lower = Word.lower();
    llvm::StringRef L = Lower;
    bool Other = llvm::StringSwitch<bool>(L)
                     .Cases("arm", "arm32", "arm64", "arm64ec", "armhf", "armel", true)
                     .Cases("loongarch32", "loongarch64", "loongarch", "loong64", true)
                     .Cases("sw_64", "sw64", "riscv", "riscv64", "ppc64le", true)
                     .Cases("ppc64", "powerpc64", "powerpc64le", "mips64", "mips", true)
                     .Case("s390x", true)
                     .Default(false) ||
                 L.starts_with("aarch64") || (L.starts_with("armv") && L.size() > 4);
    if (Other)
      return NameMatch{At, Word};
    At = End;
  }
  return std::nullopt;
}

bool isX86CpuName(llvm::StringRef Name) {
  // The -march= CPU types of GCC's "x86 Options" and Clang's X86 target
  // parser (llvm/lib/TargetParser/X86TargetParser.cpp), by family.
  std::string Lower = Name.lower();
  llvm::StringRef N = Lower;
  constexpr llvm::StringLiteral Prefixes[] = {
      "x86-64",      "pentium",  "skylake",    "icelake",       "znver",
      "bdver",       "btver",    "athlon",     "opteron",       "k6",
      "k8",          "core2",    "corei7",     "core-avx",      "graniterapids",
      "arrowlake",   "diamondrapids", "goldmont", "winchip",     "c3"};
  for (llvm::StringRef P : Prefixes)
    if (N.starts_with(P))
      return true;
  return llvm::StringSwitch<bool>(N)
      .Cases("native", "i386", "i486", "i586", "i686", "prescott", "nocona", true)
      .Cases("nehalem", "westmere", "sandybridge", "ivybridge", "haswell", true)
      .Cases("broadwell", "bonnell", "atom", "silvermont", "slm", "tremont", true)
      .Cases("knl", "knm", "cannonlake", "cascadelake", "cooperlake", "tigerlake", true)
      .Cases("sapphirerapids", "alderlake", "raptorlake", "meteorlake", "rocketlake", true)
      .Cases("emeraldrapids", "sierraforest", "grandridge", "lunarlake", "pantherlake", true)
      .Cases("clearwaterforest", "gracemont", "amdfam10", "barcelona", "geode", true)
      .Cases("c7", "lujiazui", "yongfeng", "shijidadao", "intel", "lakemont", true)
      .Default(false);
}

bool isOtherArchFolderName(llvm::StringRef Name) {
  // GCC's and libffi's names for the targets they support.
  std::string Lower = Name.lower();
  return llvm::StringSwitch<bool>(Lower)
      .Cases("alpha", "arc", "avr", "avr32", "bfin", "blackfin", "cris", "csky", true)
      .Cases("e2k", "frv", "hexagon", "hppa", "pa", "parisc", "ia64", "kvx", true)
      .Cases("m32r", "m68k", "m88k", "metag", "microblaze", "moxie", "nios2", true)
      .Cases("or1k", "openrisc", "s390", "sh", "sh64", "sparc", "sparc64", true)
      .Cases("tile", "tilegx", "vax", "xtensa", "wasm", "wasm32", "wasm64", true)
      .Default(false);
}

bool isTargetArchPiece(llvm::StringRef Piece) {
  std::string Lower = Piece.lower();
  llvm::StringRef P = Lower;
  return llvm::StringSwitch<bool>(P)
             .Cases("arm", "arm32", "arm64", "arm64ec", "armhf", "armel", "armeabi", true)
             .Cases("aarch64", "aarch32", "neon", "sve", "sve2", true)
             .Cases("loongarch", "loongarch64", "loong64", "la64", "lsx", "lasx", true)
             .Cases("sw_64", "sw64", true)
             .Default(false) ||
         (P.starts_with("armv") && P.size() > 4);
}

ArchPiece classifyPathPiece(llvm::StringRef Piece) {
  std::string Lower = Piece.lower();
  llvm::StringRef P = Lower;
  bool X86 = llvm::StringSwitch<bool>(P)
                 .Cases("x86", "x86_64", "x64", "amd64", "i386", "i486", "i586", true)
                 .Cases("i686", "ia32", "win32", "win64", "intel64", "em64t", true)
                 .Cases("mmx", "x86asm", true)
                 .Default(false) ||
             ((P.starts_with("sse") || P.starts_with("ssse") || P.starts_with("avx")) &&
              P.size() <= 9);
  if (X86)
    return ArchPiece::X86;
  bool Other = isTargetArchPiece(P) ||
               llvm::StringSwitch<bool>(P)
                   .Cases("riscv", "riscv64", "rv64", "rvv", "ppc", "ppc64", "ppc64le", true)
                   .Cases("powerpc", "powerpc64", "altivec", "vsx", "mips", "mips64", true)
                   .Case("s390x", true)
                   .Default(false);
  return Other ? ArchPiece::Other : ArchPiece::None;
}

} // namespace portolan::analyzers::x86files
