//===- MsvcSyntax.cpp - SEH, __declspec, __int64, MSVC intrinsics ---------===//
#include "MsvcAnalyzers.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>

namespace portolan::analyzers {

using namespace clang;

namespace {

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &AST, sdk::AnalysisContext &Ctx) : AST(AST), Ctx(Ctx) {}

  bool VisitSEHTryStmt(SEHTryStmt *S) {
    SourceLocation Loc = Ctx.projectLocation(S->getTryLoc());
    if (Loc.isValid())
      Ctx.report({"msvc.seh", "__try", Loc,
                  S->getExceptHandler() ? "with __except" : "with __finally"});
    return true;
  }

  bool VisitDecl(Decl *D) {
    if (!D->hasAttrs() || !Ctx.isProjectLocation(D->getLocation()))
      return true;
    for (const Attr *A : D->attrs()) {
      if (A->isImplicit() || A->isInherited() || !A->isDeclspecAttribute())
        continue;
      SourceLocation Loc = Ctx.projectLocation(A->getLocation());
      if (Loc.isValid())
        Ctx.report({"msvc.declspec", A->getSpelling(), Loc, ""});
    }
    return true;
  }

  bool VisitCXXUuidofExpr(CXXUuidofExpr *E) {
    SourceLocation Loc = Ctx.projectLocation(E->getBeginLoc());
    if (Loc.isValid())
      Ctx.report({"msvc.declspec", "uuid", Loc, "__uuidof"});
    return true;
  }

  /// __int64 as a keyword (Microsoft mode) where the project spells it.
  bool VisitBuiltinTypeLoc(BuiltinTypeLoc TL) {
    SourceLocation At = TL.getBuiltinLoc();
    if (At.isInvalid() || At.isMacroID() || !Ctx.isProjectLocation(At))
      return true;
    const SourceManager &SM = AST.getSourceManager();
    llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(At), SM,
                                                AST.getLangOpts());
    if (Text.starts_with("__int"))
      Ctx.report({"msvc.int-types", Text.str(), At, ""});
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *FD = dyn_cast<FunctionDecl>(E->getDecl());
    if (!FD || !FD->getIdentifier())
      return true;
    SourceLocation Loc = Ctx.projectLocation(E->getLocation());
    if (Loc.isInvalid())
      return true;
    llvm::StringRef Name = FD->getName();
    const char *Rule = llvm::StringSwitch<const char *>(Name)
                           .Case("__assume", "msvc.assume")
                           .Case("__debugbreak", "msvc.debugbreak")
                           .Case("__noop", "msvc.noop")
                           .Cases("_alloca", "_malloca", "msvc.alloca")
                           .Default(nullptr);
    if (Rule) {
      Ctx.report({Rule, Name.str(), Loc, ""});
      return true;
    }
    if (unsigned ID = FD->getBuiltinID()) {
      // Target builtins are the x86 plugin's; Microsoft's own builtins
      // (_InterlockedIncrement, __popcnt) are the ones intrin.h declares,
      // and those Clang defines for Microsoft mode alone (_rotl64, and
      // _byteswap_ulong, which stdlib.h declares).
      // The C library's own (memcpy, which intrin.h declares too) are not.
      if (AST.BuiltinInfo.isTSBuiltin(ID) ||
          (AST.BuiltinInfo.isPredefinedLibFunction(ID) && !Name.starts_with("_")))
        return true;
      if (declaredInIntrinH(FD))
        Ctx.report({"msvc.intrinsic", Name.str(), Loc, "declared in intrin.h"});
      else if (isMicrosoftModeBuiltin(ID, Name))
        Ctx.report({"msvc.intrinsic", Name.str(), Loc, "a Microsoft builtin"});
      return true;
    }
    if (Name.ends_with("_s") && isMingwHeaderDecl(FD))
      Ctx.report({"msvc.secure-crt", Name.str(), Loc, ""});
    return true;
  }

private:
  /// Whether a declaration of FD is in Clang's or mingw-w64's intrin.h
  /// (mingw-w64 keeps the bodies in psdk_inc/intrin-impl.h).
  bool declaredInIntrinH(const FunctionDecl *FD) {
    const SourceManager &SM = AST.getSourceManager();
    for (const FunctionDecl *D : FD->redecls()) {
      SourceLocation Loc = SM.getSpellingLoc(D->getLocation());
      if (Loc.isInvalid())
        continue;
      if (OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc))) {
        llvm::StringRef Name = File->getName();
        if (Name.ends_with("/intrin.h") || Name.ends_with("/intrin-impl.h"))
          return true;
      }
    }
    return false;
  }

  /// A builtin of Clang's Microsoft mode that is no GNU or C one: with no
  /// header of its own (_rotl, __popcnt, _InterlockedOr), or a reserved
  /// name of stdlib.h (_byteswap_ulong). GNU's and C's builtins start with
  /// __builtin_, __sync_ or __atomic_, or are the C library's (memcpy).
  bool isMicrosoftModeBuiltin(unsigned ID, llvm::StringRef Name) {
    if (Name.starts_with("__builtin") || Name.starts_with("__sync_") ||
        Name.starts_with("__atomic_") || Name.starts_with("__c11_"))
      return false;
    llvm::StringRef Header = AST.BuiltinInfo.getHeaderName(ID)
                                 ? llvm::StringRef(AST.BuiltinInfo.getHeaderName(ID))
                                 : llvm::StringRef();
    if (!AST.BuiltinInfo.isPredefinedLibFunction(ID))
      return Header.empty() && Name.starts_with("_");
    return Header == "stdlib.h" && Name.size() > 1 && Name[0] == '_' && llvm::isLower(Name[1]);
  }

  bool isMingwHeaderDecl(const FunctionDecl *FD) {
    const SourceManager &SM = AST.getSourceManager();
    SourceLocation Loc = SM.getSpellingLoc(FD->getCanonicalDecl()->getLocation());
    if (!SM.isInSystemHeader(Loc))
      return false;
    OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
    return File && llvm::StringRef(File->getName()).contains("mingw");
  }

  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
};

} // namespace

void MsvcSyntaxAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor(AST, Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
