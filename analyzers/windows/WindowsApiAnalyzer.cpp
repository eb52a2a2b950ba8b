//===- WindowsApiAnalyzer.cpp ---------------------------------------------===//
#include "WindowsApiAnalyzer.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Path.h>

namespace portolan::analyzers {

bool isWindowsApiLinkageMacro(llvm::StringRef Name) {
  return Name.ends_with("API") || Name.ends_with("API_") || Name.ends_with("API_LINKAGE") ||
         Name == "DECLSPEC_IMPORT";
}

bool isWindowsCallingConventionMacro(llvm::StringRef Name) {
  return Name == "WINAPI" || Name == "WINAPIV" || Name == "APIENTRY" || Name == "WSAAPI" ||
         Name == "NTAPI" || Name == "STDAPICALLTYPE";
}

bool isMicrosoftCrtName(llvm::StringRef Name) {
  // The names POSIX itself gives a leading underscore.
  if (llvm::is_contained({"_exit", "_longjmp", "_setjmp", "_tolower", "_toupper"}, Name))
    return false;
  // The msvc plugin's: Annex K (strcpy_s, _wfopen_s: msvc.secure-crt) and
  // stack allocation (msvc.alloca).
  if (Name.ends_with("_s") || Name == "_alloca" || Name == "_malloca")
    return false;
  // _fileno, _wfopen, _aligned_malloc: Microsoft's own (reserved) names.
  return Name.size() > 1 && Name[0] == '_' && llvm::isLower(Name[1]);
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
    if (!FD)
      return true;
    // MessageBox is the SDK's macro for MessageBoxW: report where the
    // project wrote MessageBox.
    SourceLocation At = Ctx.projectLocation(E->getLocation());
    if (At.isInvalid())
      return true;
    if (isWindowsApi(FD)) {
      Ctx.report({"win32.api", FD->getNameAsString(), At, "declared in " + headerOf(FD)});
      return true;
    }
    // _fileno, _wfopen, strcpy_s: the runtime's own names, reported as the
    // project wrote them (_findfirst is mingw-w64's macro for
    // _findfirst64i32).
    // A compiler builtin (_byteswap_ulong, _rotl64) is the compiler's, not
    // the runtime's: the msvc plugin reports it as an intrinsic.
    std::string Written = writtenName(At);
    if (isMicrosoftCrtName(Written) && !FD->getBuiltinID() && declaredInSdk(FD))
      Ctx.report({"win32.crt", Written, At, "declared in " + headerOf(FD)});
    return true;
  }

private:
  /// The file name of the SDK header that declares FD (winuser.h).
  std::string headerOf(const FunctionDecl *FD) {
    const SourceManager &SM = AST.getSourceManager();
    SourceLocation Loc = SM.getSpellingLoc(FD->getCanonicalDecl()->getLocation());
    OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
    return File ? llvm::sys::path::filename(File->getName()).str() : "";
  }

  /// The identifier the project wrote at Loc.
  std::string writtenName(SourceLocation Loc) {
    const SourceManager &SM = AST.getSourceManager();
    return Lexer::getSourceText(CharSourceRange::getTokenRange(Loc, Loc), SM, AST.getLangOpts())
        .str();
  }

  /// Whether FD is declared in a mingw-w64 header (the SDK's C runtime),
  /// and not in intrin.h (whose functions are the msvc plugin's).
  bool declaredInSdk(const FunctionDecl *FD) {
    const SourceManager &SM = AST.getSourceManager();
    bool InSdk = false;
    for (const FunctionDecl *D : FD->getCanonicalDecl()->redecls()) {
      SourceLocation Loc = SM.getSpellingLoc(D->getLocation());
      OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
      llvm::StringRef Name = File ? llvm::sys::path::filename(File->getName()) : "";
      if (Name == "intrin.h" || Name == "intrin-impl.h")
        return false;
      InSdk |= isWindowsSdkFile(SM, D->getLocation());
    }
    return InSdk;
  }

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
      if (Loc.isInvalid() || !isWindowsSdkFile(SM, D->getLocation()))
        continue;
      llvm::StringRef Outermost;
      for (SourceLocation L = Loc; L.isMacroID(); L = SM.getImmediateMacroCallerLoc(L))
        Outermost = Lexer::getImmediateMacroName(L, SM, AST.getLangOpts());
      if (isWindowsApiLinkageMacro(Outermost))
        return Cache[Canonical] = true;
      // Declarations without a linkage macro (imm.h, psapi.h) still spell
      // the SDK's calling convention before the name: HIMC WINAPI ImmGet...
      CharSourceRange Head = CharSourceRange::getCharRange(SM.getExpansionLoc(Loc),
                                                          SM.getExpansionLoc(D->getLocation()));
      llvm::StringRef Text = Lexer::getSourceText(Head, SM, AST.getLangOpts());
      while (!Text.empty()) {
        Text = Text.drop_until([](char C) { return llvm::isAlpha(C) || C == '_'; });
        llvm::StringRef Word =
            Text.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
        Text = Text.drop_front(Word.size());
        if (isWindowsCallingConventionMacro(Word))
          return Cache[Canonical] = true;
      }
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
