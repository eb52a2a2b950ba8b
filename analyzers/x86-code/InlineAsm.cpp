//===- InlineAsm.cpp - inline assembly and compiler barriers --------------===//
#include "X86CodeAnalyzers.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/Stmt.h>
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

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    SourceLocation Loc = asmLocation(S->getAsmLoc());
    if (Loc.isInvalid())
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
    if (Loc.isValid())
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
