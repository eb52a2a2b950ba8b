//===- AsmSourceAnalyzer.cpp ----------------------------------------------===//
#include "AsmSourceAnalyzer.h"
#include "ArchNames.h"
#include "AsmVocabulary.h"
#include "Counterparts.h"
#include "TextLines.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/Path.h>

#include <optional>
#include <string>

namespace portolan::analyzers::x86files {
namespace {

enum class Dialect { Gas, Nasm, Masm };

const char *dialectName(Dialect D) {
  switch (D) {
  case Dialect::Gas:
    return "gas";
  case Dialect::Nasm:
    return "nasm";
  case Dialect::Masm:
    return "masm";
  }
  return "";
}

/// Reads an assembly source statement by statement and weighs what it says.
class AsmReader {
public:
  explicit AsmReader(bool SemicolonComments) : SemicolonComments(SemicolonComments) {}
  void line(llvm::StringRef Line);

  unsigned X86 = 0, Other = 0, Instructions = 0;
  unsigned Gas = 0, Nasm = 0, Masm = 0;

private:
  void statement(llvm::StringRef S);
  void directive(llvm::StringRef Name, llvm::StringRef Rest);
  bool keyword(llvm::StringRef First, llvm::StringRef Second);

  bool SemicolonComments;
  bool InBlockComment = false;
};

bool isTokenChar(char C) {
  return isWordChar(C) || C == '.' || C == '%' || C == '$' || C == '@' || C == '?';
}

/// The tokens of S, lowercased.
llvm::SmallVector<std::string, 8> tokensOf(llvm::StringRef S) {
  llvm::SmallVector<std::string, 8> Out;
  for (size_t I = 0; I < S.size();) {
    if (!isTokenChar(S[I])) {
      ++I;
      continue;
    }
    size_t End = I;
    while (End < S.size() && isTokenChar(S[End]))
      ++End;
    Out.push_back(S.slice(I, End).lower());
    I = End;
  }
  return Out;
}

void AsmReader::line(llvm::StringRef Line) {
  // NASM and MASM: ';' starts a comment. gas (through the C preprocessor
  // for .S): /* */, //, '#' (x86) and '@' (32-bit ARM); ';' separates
  // statements.
  if (SemicolonComments) {
    statement(Line.take_until([](char C) { return C == ';'; }));
    return;
  }
  std::string Code;
  for (size_t I = 0; I < Line.size(); ++I) {
    if (InBlockComment) {
      if (Line.substr(I).starts_with("*/")) {
        InBlockComment = false;
        ++I;
      }
      continue;
    }
    if (Line.substr(I).starts_with("/*")) {
      InBlockComment = true;
      ++I;
      continue;
    }
    if (Line.substr(I).starts_with("//") || Line[I] == '#' || Line[I] == '@')
      break;
    Code += Line[I];
  }
  for (llvm::StringRef S : llvm::split(Code, ';'))
    statement(S);
}

void AsmReader::directive(llvm::StringRef Name, llvm::StringRef Rest) {
  if (Name == ".arch") { // .arch armv8-a, .arch i686
    std::string Arch = Rest.trim().lower();
    bool NotX86 = llvm::StringRef(Arch).starts_with("arm") ||
                  llvm::StringRef(Arch).starts_with("loongarch") ||
                  llvm::StringRef(Arch).starts_with("rv");
    ++(NotX86 ? Other : X86);
    return;
  }
  bool X86Only = llvm::StringSwitch<bool>(Name)
                     .Cases(".intel_syntax", ".att_syntax", ".code16", ".code32", ".code64", true)
                     .Cases(".686", ".686p", ".586", ".586p", ".xmm", ".mmx", ".model", true)
                     .Default(false);
  bool OtherOnly = llvm::StringSwitch<bool>(Name)
                       .Cases(".fpu", ".thumb", ".thumb_func", ".arm", ".syntax", ".cpu", true)
                       .Cases(".eabi_attribute", ".arch_extension", ".inst", ".option", true)
                       .Cases(".machine", ".abicalls", true)
                       .Default(false);
  X86 += X86Only;
  Other += OtherOnly;
  Masm += llvm::StringSwitch<bool>(Name)
              .Cases(".model", ".code", ".686", ".686p", ".586", ".xmm", ".mmx", ".const", true)
              .Default(false);
  Gas += Name.starts_with(".cfi_") ||
         llvm::StringSwitch<bool>(Name)
             .Cases(".globl", ".global", ".section", ".type", ".size", ".p2align", true)
             .Cases(".balign", ".intel_syntax", ".att_syntax", ".quad", ".long", ".hidden", true)
             .Default(false);
}

/// Whether First (and Second, the token after it) make a declaration or a
/// directive of NASM, MASM or armasm rather than an instruction.
bool AsmReader::keyword(llvm::StringRef First, llvm::StringRef Second) {
  if (llvm::StringSwitch<bool>(First)
          .Cases("bits", "default", "global", "section", "cglobal", "cextern", true)
          .Cases("init_xmm", "init_ymm", "init_zmm", "init_mmx", "section_rodata", true)
          .Default(false)) {
    ++Nasm;
    X86 += First != "global" && First != "section"; // NASM and x86inc.asm are x86-only.
    return true;
  }
  if (llvm::StringSwitch<bool>(First)
          .Cases("option", "includelib", "assume", "public", "externdef", "extrn", true)
          .Default(false)) {
    ++Masm;
    return true;
  }
  if (llvm::StringSwitch<bool>(Second)
          .Cases("proc", "endp", "segment", "ends", "macro", "textequ", true)
          .Default(false)) {
    ++Masm;
    return true;
  }
  if (First == "area") { // armasm
    ++Other;
    return true;
  }
  return llvm::StringSwitch<bool>(First)
             .Cases("extern", "align", "alignb", "times", "db", "dw", "dd", "dq", "dt", true)
             .Cases("resb", "resw", "resd", "resq", "struc", "endstruc", "istruc", true)
             .Cases("iend", "at", "include", "end", "title", "if", "ifdef", "ifndef", true)
             .Cases("else", "elseif", "endif", "endm", "local", "export", "import", true)
             .Cases("preserve8", "thumb", "arm", "ltorg", "const", true)
             .Default(false) ||
         llvm::StringSwitch<bool>(Second)
             .Cases("equ", "label", "struc", "struct", "db", "dw", "dd", "dq", "dt", true)
             .Cases("=", "record", "typedef", true)
             .Default(false);
}

void AsmReader::statement(llvm::StringRef S) {
  // Labels first: "name:" (also "1:", ".Lloop:", MASM's "name::").
  S = S.trim();
  while (true) {
    size_t End = 0;
    while (End < S.size() && isTokenChar(S[End]))
      ++End;
    llvm::StringRef After = S.substr(End).ltrim();
    if (End == 0 || !After.starts_with(":"))
      break;
    S = After.drop_while([](char C) { return C == ':'; }).ltrim();
  }
  if (S.empty())
    return;
  llvm::SmallVector<std::string, 8> Tokens = tokensOf(S);
  for (const std::string &T : Tokens) {
    llvm::StringRef R = T;
    if (R.consume_front("%")) {
      Gas += isX86Register(R, true);
      X86 += isX86Register(R, true);
    } else {
      X86 += isX86Register(R, false);
      Other += isOtherRegister(R);
    }
    bool SizeKeyword = llvm::StringSwitch<bool>(R)
                           .Cases("dword", "qword", "tword", "oword", "yword", "zword", true)
                           .Cases("xmmword", "ymmword", "zmmword", "ptr", true)
                           .Default(false);
    X86 += SizeKeyword;
    Masm += R == "ptr";
  }
  if (Tokens.empty())
    return;
  llvm::StringRef First = Tokens[0];
  if (First.starts_with(".")) {
    directive(First, S.substr(First.size())); // S starts with the directive.
    return;
  }
  if (First.starts_with("%")) { // NASM's preprocessor
    ++Nasm;
    ++X86;
    return;
  }
  if (keyword(First, Tokens.size() > 1 ? llvm::StringRef(Tokens[1]) : ""))
    return;
  ++Instructions;
  if (isX86Mnemonic(First))
    ++X86;
  else if (isOtherMnemonic(First))
    ++Other;
}

} // namespace

void AsmSourceAnalyzer::analyze(llvm::StringRef RelPath, llvm::StringRef Content,
                                sdk::FileContext &Ctx) {
  std::string Ext = llvm::sys::path::extension(RelPath).lower();
  bool Gas = Ext == ".s";
  AsmReader Reader(/*SemicolonComments=*/!Gas);
  forEachLine(Content, [&](unsigned, llvm::StringRef Line) { Reader.line(Line); });

  Dialect D = Dialect::Nasm;
  if (Gas)
    D = Dialect::Gas;
  else if (Ext == ".masm")
    D = Dialect::Masm;
  else if (Ext == ".asm" && Reader.Masm > Reader.Nasm && Reader.Masm >= Reader.Gas)
    D = Dialect::Masm;
  else if (Ext == ".asm" && Reader.Gas > Reader.Nasm && Reader.Gas > Reader.Masm)
    D = Dialect::Gas;
  // NASM and MASM assemble nothing but x86; a path that names x86
  // (x86/, _sse2) counts once. One that names another architecture
  // (sparc/, aarch64/, _neon) wins unless the text is x86 alone.
  ArchPiece Path = architectureOfPath(RelPath);
  unsigned X86 = Reader.X86 + (Ext == ".nasm" || Ext == ".masm") + (Path == ArchPiece::X86);
  unsigned Other = Reader.Other;
  if (Path == ArchPiece::Other && !(X86 > 0 && Other == 0))
    return;
  if (Other > 0 && Other >= 3 * X86)
    return;

  std::string Counterpart = findSourceCounterpart(RelPath, Ctx.treeFiles());
  std::string Note = std::to_string(countLines(Content)) + " lines, about " +
                     std::to_string(Reader.Instructions) + " instructions; counterpart: " +
                     (Counterpart.empty() ? "none" : Counterpart);
  if (X86 == 0)
    Note = "architecture unknown (no x86 or other registers, mnemonics or directives "
           "recognized): " + Note;
  else if (Other > 0 && X86 < 3 * Other)
    Note += "; holds non-x86 code too";
  Ctx.report({"x86.asm-source", dialectName(D), 0, 0, Note});
}

} // namespace portolan::analyzers::x86files
