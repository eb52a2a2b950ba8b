//===- WindowsApiAnalyzer.cpp ---------------------------------------------===//
#include "WindowsApiAnalyzer.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/DenseMap.h>

namespace portolan::analyzers {

bool isWindowsApiLinkageMacro(llvm::StringRef Name) {
  return Name.ends_with("API") || Name.ends_with("API_LINKAGE") || Name == "DECLSPEC_IMPORT";
}

namespace {

using namespace clang;

/// True when Loc is spelled in a system header of a Windows SDK: one under a
/// mingw-w64 include folder. Other libraries name their linkage macros the
/// same way (SQLITE_API, GLAPI), so the folder is part of the test.
bool isWindowsSdkFile(const SourceManager &SM, SourceLocation Loc) {
  SourceLocation Spelling = SM.getSpellingLoc(Loc);
  if (!SM.isInSystemHeader(Spelling))
    return false;
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Spelling));
  return File && llvm::StringRef(File->getName()).contains("mingw");
}

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &AST, sdk::AnalysisContext &Ctx) : AST(AST), Ctx(Ctx) {}

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *FD = dyn_cast<FunctionDecl>(E->getDecl());
    if (!FD || !Ctx.isProjectLocation(E->getLocation()) || !isWindowsApi(FD))
      return true;
    Ctx.report({"win32.api", FD->getNameAsString(), E->getLocation(), ""});
    return true;
  }

private:
  /// Whether any declaration of FD in a system header opens with a Windows
  /// SDK linkage macro (the outermost macro at its first token).
  bool isWindowsApi(const FunctionDecl *FD) {
    const FunctionDecl *Canonical = FD->getCanonicalDecl();
    auto [It, Inserted] = Cache.try_emplace(Canonical, false);
    if (!Inserted)
      return It->second;
    const SourceManager &SM = AST.getSourceManager();
    for (const FunctionDecl *D : Canonical->redecls()) {
      SourceLocation Loc = D->getBeginLoc();
      if (Loc.isInvalid() || !Loc.isMacroID() || !isWindowsSdkFile(SM, D->getLocation()))
        continue;
      llvm::StringRef Outermost;
      while (Loc.isMacroID()) {
        Outermost = Lexer::getImmediateMacroName(Loc, SM, AST.getLangOpts());
        Loc = SM.getImmediateMacroCallerLoc(Loc);
      }
      if (isWindowsApiLinkageMacro(Outermost))
        return Cache[Canonical] = true;
    }
    return false;
  }

  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, bool> Cache;
};

} // namespace

void WindowsApiAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor(AST, Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
