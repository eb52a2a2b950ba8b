//===- BuildFlags.cpp -----------------------------------------------------===//
#include "BuildFlags.h"
#include "ArchNames.h"

#include <llvm/ADT/StringSwitch.h>

namespace portolan::analyzers::x86files {
namespace {

/// The instruction-set switches of GCC's "x86 Options" that Clang shares,
/// without the "-m": each enables (or with -mno-, disables) one x86
/// extension and is refused or ignored by compilers for other targets.
bool isX86IsaSwitch(llvm::StringRef Name) {
  if (Name.starts_with("sse") || Name.starts_with("ssse") || Name.starts_with("avx") ||
      Name.starts_with("amx-"))
    return true;
  return llvm::StringSwitch<bool>(Name)
      .Cases("fma", "fma4", "bmi", "bmi2", "pclmul", "vpclmulqdq", "aes", "vaes", true)
      .Cases("popcnt", "lzcnt", "abm", "f16c", "sha", "sha512", "cx16", "crc32", true)
      .Cases("mmx", "3dnow", "3dnowa", "movbe", "rdrnd", "rdseed", "adx", "xop", true)
      .Cases("tbm", "gfni", "xsave", "xsaveopt", "xsavec", "xsaves", "fsgsbase", true)
      .Cases("prfchw", "clflushopt", "clwb", "rtm", "sm3", "sm4", "evex512", "apxf", true)
      .Default(false);
}

bool startsToken(char C) {
  return llvm::StringRef(" \t\"'([{,;=:>").contains(C);
}

bool endsToken(char C) {
  return llvm::StringRef(" \t\"'`)]},;<>\\").contains(C);
}

} // namespace

std::optional<std::string> describeX86Flag(llvm::StringRef T) {
  // MSVC: /arch: values for x86 and x64 (ARM64 takes /arch:armv8.x), /favor.
  if (T.size() > 6 && (T[0] == '/' || T[0] == '-') && T.substr(1).starts_with_insensitive("arch:")) {
    std::string V = T.substr(6).upper();
    if (V == "IA32" || V == "SSE" || V == "SSE2" || V == "AVX" || V == "AVX2" ||
        V == "AVX512" || llvm::StringRef(V).starts_with("AVX10"))
      return "MSVC x86/x64 code generation for " + V +
             "; the ARM64 compiler takes /arch:armv8.x instead";
    return std::nullopt;
  }
  if (T.size() > 7 && (T[0] == '/' || T[0] == '-') && T.substr(1).starts_with_insensitive("favor:"))
    return std::string("MSVC tuning for an x86-64 CPU family");
  if (!T.starts_with("-m"))
    return std::nullopt;
  llvm::StringRef Opt = T.drop_front(2);
  if (Opt.consume_front("arch=") || Opt.consume_front("tune=")) {
    if (!isX86CpuName(Opt))
      return std::nullopt;
    if (Opt.equals_insensitive("native"))
      return std::string("the build machine's CPU: every extension an x86 build machine "
                         "has; cross-compiling from x86, Clang 19 for aarch64 and "
                         "loongarch64 refuses it");
    return "targets the x86 CPU " + Opt.str() + "; not a CPU name on other targets";
  }
  if (Opt == "32" || Opt == "64" || Opt == "x32" || Opt == "16")
    return std::string("selects an x86 word size and ABI; with a compiler for another "
                       "target it fails or selects something else (Clang 19 for aarch64 "
                       "turns -m32 into 32-bit ARM)");
  if (Opt.starts_with("asm=") || Opt.starts_with("fpmath="))
    return std::string("an x86-only code generation option");
  bool Disables = Opt.consume_front("no-");
  if (!isX86IsaSwitch(Opt))
    return std::nullopt;
  if (Disables)
    return "turns off the x86 extension " + Opt.str() + "; still an x86-only option";
  return "enables the x86 extension " + Opt.str() +
         ": code built with it needs an x86 CPU that has it";
}

void reportX86Flags(llvm::StringRef Line, unsigned LineNumber, sdk::FileContext &Ctx) {
  for (size_t At = 0; At < Line.size(); ++At) {
    if (Line[At] != '-' && Line[At] != '/')
      continue;
    if (At > 0 && !startsToken(Line[At - 1]))
      continue;
    size_t End = At;
    while (End < Line.size() && !endsToken(Line[End]))
      ++End;
    llvm::StringRef Token = Line.slice(At, End);
    // Apple's driver names the target with a separate word: -arch x86_64.
    if (Token == "-arch") {
      llvm::StringRef Rest = Line.substr(End).ltrim(" \t");
      llvm::StringRef Word = Rest.take_until([](char C) { return endsToken(C); });
      if (Word == "x86_64" || Word == "x86_64h" || Word == "i386") {
        size_t WordEnd = Word.data() - Line.data() + Word.size();
        Ctx.report({"x86.build-flag", Line.slice(At, WordEnd).str(), LineNumber,
                    unsigned(At + 1), "Apple's driver builds for x86 (" + Word.str() + ")"});
        At = WordEnd;
        continue;
      }
    }
    if (std::optional<std::string> Why = describeX86Flag(Token))
      Ctx.report({"x86.build-flag", Token.str(), LineNumber, unsigned(At + 1), *Why});
    At = End;
  }
}

} // namespace portolan::analyzers::x86files
