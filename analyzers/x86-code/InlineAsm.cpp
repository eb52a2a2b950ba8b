//===- InlineAsm.cpp - inline assembly and compiler barriers --------------===//
#include "X86CodeAnalyzers.h"

#include "AsmVocabulary.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/Stmt.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/Support/Path.h>
#include <llvm/ADT/StringExtras.h>

namespace portolan::analyzers {

using namespace clang;

std::vector<std::string> asmInstructions(llvm::StringRef Template) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Template.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    llvm::SmallVector<llvm::StringRef, 4> Statements;
    Line.split(Statements, ';');
    for (llvm::StringRef S : Statements) {
      S = S.split('#').first; // GAS comment (x86 AT&T syntax).
      S = S.trim(" \t\r\\");
      // Labels ("1:", "loop:") and assembler directives (".align") are not
      // instructions.
      while (!S.empty()) {
        size_t Colon = S.find(':');
        llvm::StringRef Head = S.take_front(Colon);
        if (Colon == llvm::StringRef::npos ||
            !llvm::all_of(Head, [](char C) { return llvm::isAlnum(C) || C == '_' || C == '.'; }))
          break;
        S = S.drop_front(Colon + 1).ltrim();
      }
      if (S.empty() || S.starts_with("."))
        continue;
      Out.push_back(S.take_while([](char C) { return !llvm::isSpace(C); }).lower());
    }
  }
  return Out;
}

AsmArch asmArchitecture(llvm::StringRef Template) {
  using namespace x86files;
  unsigned X86 = 0, Other = 0;
  for (const std::string &M : asmInstructions(Template)) {
    X86 += isX86Mnemonic(M);
    Other += isOtherMnemonic(M);
  }
  // Registers: %%eax / %rax (AT&T), $a0 / $f0 (MIPS, LoongArch), x0 / v0.16b.
  llvm::StringRef T = Template;
  while (!T.empty()) {
    T = T.drop_until([](char C) { return llvm::isAlnum(C) || C == '%' || C == '$' || C == '_'; });
    // In a GCC template %0 and %w0 are operands (with a size modifier);
    // registers are written %%eax.
    unsigned Percents = 0;
    bool Dollar = false;
    while (T.consume_front("%"))
      ++Percents;
    bool Percent = Percents >= 2;
    if (Percents == 1) {
      T = T.drop_while([](char C) { return llvm::isAlnum(C) || C == '[' || C == ']'; });
      continue;
    }
    if (T.consume_front("$"))
      Dollar = true;
    llvm::StringRef Word = T.take_while([](char C) { return llvm::isAlnum(C) || C == '.'; });
    T = T.drop_front(std::max<size_t>(Word.size(), 1));
    if (Word.empty() || llvm::isDigit(Word.front()))
      continue;
    std::string Lower = Word.lower();
    if (Dollar) { // $a0 in MIPS and LoongArch; $symbol is an x86 immediate.
      Other += isOtherRegister("$" + Lower);
      continue;
    }
    X86 += isX86Register(Lower, Percent);
    Other += !Percent && isOtherRegister(Lower);
  }
  if (X86 > Other)
    return AsmArch::X86;
  if (Other > X86)
    return AsmArch::Other;
  return AsmArch::Unknown;
}

namespace {

std::string summary(const std::vector<std::string> &Instructions) {
  std::string Note = std::to_string(Instructions.size()) +
                     (Instructions.size() == 1 ? " instruction" : " instructions");
  for (size_t I = 0; I < Instructions.size() && I < 6; ++I)
    Note += (I ? ", " : ": ") + Instructions[I];
  if (Instructions.size() > 6)
    Note += ", ...";
  return Note;
}

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  explicit Visitor(sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}

  /// Assembly the project wrote, where it wrote it (in a project macro's
  /// definition, not at each use). Assembly inside a system or compiler
  /// header's macro (cpuid.h's __cpuid) belongs to that macro's finding.
  SourceLocation asmLocation(SourceLocation Loc) {
    if (!Ctx.isProjectLocation(Loc))
      return SourceLocation();
    return Ctx.projectLocation(Loc);
  }

  /// MIPS, ARM or POWER assembly in a unit parsed as x86 (a file for
  /// another architecture, or a branch the x86 parse takes by mistake) is
  /// not x86 assembly: by its mnemonics and registers, or by its folder.
  bool isOtherArchitecture(llvm::StringRef Template, SourceLocation Loc) {
    if (asmArchitecture(Template) == AsmArch::Other)
      return true;
    const SourceManager &SM = Ctx.sourceManager();
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(SM.getSpellingLoc(Loc))))
      return sdk::isOtherArchitecturePath(File->getName());
    return false;
  }

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    SourceLocation Loc = asmLocation(S->getAsmLoc());
    if (Loc.isInvalid() || isOtherArchitecture(S->getAsmString()->getString(), Loc))
      return true;
    std::vector<std::string> Instructions = asmInstructions(S->getAsmString()->getString());
    bool Memory = false;
    for (unsigned I = 0; I < S->getNumClobbers(); ++I)
      Memory |= S->getClobber(I) == "memory";
    if (Instructions.empty()) {
      if (Memory)
        Ctx.report({"x86.compiler-barrier", "asm(\"\":::\"memory\")", Loc,
                    "orders the compiler only; on ARM the hardware may still reorder: "
                    "check for a missing fence (std::atomic_thread_fence)",
                    /*Advisory=*/true});
      return true;
    }
    Ctx.report({"x86.inline-asm", "asm", Loc, summary(Instructions)});
    return true;
  }

  bool VisitMSAsmStmt(MSAsmStmt *S) {
    SourceLocation Loc = asmLocation(S->getAsmLoc());
    if (Loc.isValid())
      Ctx.report({"x86.inline-asm", "__asm", Loc, summary(asmInstructions(S->getAsmString()))});
    return true;
  }

  bool VisitFileScopeAsmDecl(FileScopeAsmDecl *D) {
    SourceLocation Loc = asmLocation(D->getAsmLoc());
    if (Loc.isValid() && !isOtherArchitecture(D->getAsmString()->getString(), Loc))
      Ctx.report({"x86.inline-asm", "asm", Loc,
                  "file scope; " + summary(asmInstructions(D->getAsmString()->getString()))});
    return true;
  }

private:
  sdk::AnalysisContext &Ctx;
};

} // namespace

void InlineAsmAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor(Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
