//===- X86IntrinsicsAnalyzer.cpp ------------------------------------------===//
#include "X86IntrinsicsAnalyzer.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/Builtins.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/Support/Path.h>

namespace portolan::analyzers {
namespace {

using namespace clang;

// Clang's lib/Headers keeps one header per x86 extension, named *intrin.h,
// beside the headers of other architectures. These prefixes name the
// non-x86 families that share the naming (PowerPC HTM, SystemZ, LoongArch,
// NEC VE, ARM) and MSVC's mixed-architecture intrin.h.
constexpr llvm::StringLiteral NonX86Prefixes[] = {
    "arm", "htm", "s390", "vec", "larch", "lsx", "lasx", "vel", "hexagon"};

} // namespace

bool isX86IntrinsicHeaderName(llvm::StringRef Name) {
  // Subdirectories (ppc_wrappers/, cuda_wrappers/ ...) hold emulations of the
  // x86 headers for other targets, not the x86 headers themselves.
  if (Name.contains('/'))
    return false;
  if (Name == "cpuid.h" || Name == "mm_malloc.h" || Name == "mm3dnow.h" ||
      Name.starts_with("__wmmintrin_"))
    return true;
  if (!Name.ends_with("intrin.h") || Name == "intrin.h")
    return false;
  for (llvm::StringRef Prefix : NonX86Prefixes)
    if (Name.starts_with(Prefix))
      return false;
  return true;
}

namespace {

/// Where a use spelled at Loc is reported: nowhere when Clang's own headers
/// spell it (the builtins and casts inside _mm_shuffle_epi32 belong to the
/// intrinsic reported where the user wrote it), else where the project
/// wrote it, through macros defined outside the project if need be.
SourceLocation reportLocation(sdk::AnalysisContext &Ctx, SourceLocation Loc) {
  if (Loc.isInvalid() || Ctx.isCompilerHeaderLocation(Loc))
    return SourceLocation();
  return Ctx.projectLocation(Loc);
}

/// Remembers, per FileID, whether a file is one of the x86 intrinsic headers.
class HeaderClassifier {
public:
  explicit HeaderClassifier(sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}

  bool isX86Header(SourceLocation Loc) {
    // Builtins, implicit declarations and Clang's own macros (_Pragma,
    // __has_include) have no location; FileID() is also the map's empty key.
    if (Loc.isInvalid())
      return false;
    const SourceManager &SM = Ctx.sourceManager();
    SourceLocation Spelling = SM.getSpellingLoc(Loc);
    FileID FID = SM.getFileID(Spelling);
    if (FID.isInvalid())
      return false;
    auto It = Cache.find(FID);
    if (It != Cache.end())
      return It->second;
    bool Result = false;
    if (Ctx.isCompilerHeaderLocation(Spelling))
      if (OptionalFileEntryRef File = SM.getFileEntryRefForID(FID))
        Result = isX86IntrinsicHeaderName(llvm::sys::path::filename(File->getName()));
    Cache[FID] = Result;
    return Result;
  }

private:
  sdk::AnalysisContext &Ctx;
  llvm::DenseMap<FileID, bool> Cache;
};

class MacroCallbacks final : public PPCallbacks {
public:
  MacroCallbacks(Preprocessor &PP, sdk::AnalysisContext &Ctx,
                 std::vector<X86IntrinsicsAnalyzer::PendingAlias> &Pending)
      : PP(PP), Ctx(Ctx), Headers(Ctx), Pending(Pending) {}

  void MacroExpands(const Token &NameTok, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *Args) override {
    const MacroInfo *MI = MD.getMacroInfo();
    if (!MI || !Headers.isX86Header(MI->getDefinitionLoc()))
      return;
    SourceLocation Loc = reportLocation(Ctx, NameTok.getLocation());
    if (Loc.isInvalid())
      return;
    // The headers' own plumbing (__DEFAULT_FN_ATTRS and the like) is spelled
    // inside the headers, so the project-location test above drops it.
    std::string Name = NameTok.getIdentifierInfo()->getName().str();
    if (MI->isFunctionLike()) {
      Ctx.report({"x86.intrinsic", Name, Loc, "macro defined in an x86 intrinsic header"});
      return;
    }
    // An object-like macro whose body is one name aliases what that name
    // is: a function-like macro or a function (#define _blsr_u64
    // __blsr_u64) makes it an intrinsic; a constant (#define bit_SSE4_1
    // bit_SSE41, or an enumerator) makes it a constant. Functions and
    // enumerators are told apart once the AST exists.
    if (MI->getNumTokens() == 1 && MI->getReplacementToken(0).is(tok::identifier)) {
      IdentifierInfo *Target = MI->getReplacementToken(0).getIdentifierInfo();
      if (const MacroInfo *TargetMI = PP.getMacroInfo(Target)) {
        Ctx.report({TargetMI->isFunctionLike() ? "x86.intrinsic" : "x86.intrinsic-constant",
                    Name, Loc, "macro defined in an x86 intrinsic header"});
        return;
      }
      Pending.push_back({Name, Loc, Target});
      return;
    }
    Ctx.report({"x86.intrinsic-constant", Name, Loc, "macro defined in an x86 intrinsic header"});
  }

private:
  Preprocessor &PP;
  sdk::AnalysisContext &Ctx;
  HeaderClassifier Headers;
  std::vector<X86IntrinsicsAnalyzer::PendingAlias> &Pending;
};

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &AST, sdk::AnalysisContext &Ctx)
      : AST(AST), Ctx(Ctx), Headers(Ctx) {}

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *FD = dyn_cast<FunctionDecl>(E->getDecl());
    if (!FD)
      return true;
    SourceLocation Loc = reportLocation(Ctx, E->getLocation());
    if (Loc.isInvalid())
      return true;
    if (unsigned ID = FD->getBuiltinID()) {
      // Target-specific builtins of an x86 parse are the x86 ones
      // (__builtin_ia32_*, __rdtsc, ...). One spelled inside an intrinsic
      // header's macro belongs to the intrinsic reported at its expansion.
      // Clang declares a few intrinsics (_mm_pause, _mm_mfence, ...) as
      // builtins tied to their header: those are intrinsics to the user.
      if (AST.BuiltinInfo.isTSBuiltin(ID))
        Ctx.report({AST.BuiltinInfo.getHeaderName(ID) ? "x86.intrinsic" : "x86.builtin",
                    AST.BuiltinInfo.getName(ID).str(), Loc, ""});
      return true;
    }
    if (Headers.isX86Header(FD->getLocation()))
      Ctx.report({"x86.intrinsic", FD->getNameAsString(), Loc, ""});
    return true;
  }

  /// A call with type-dependent arguments in a template names its callee
  /// through an unresolved lookup, not a DeclRefExpr.
  bool VisitUnresolvedLookupExpr(UnresolvedLookupExpr *E) {
    SourceLocation Loc = reportLocation(Ctx, E->getNameLoc());
    if (Loc.isInvalid())
      return true;
    for (const NamedDecl *D : E->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D->getUnderlyingDecl());
      if (FD && Headers.isX86Header(FD->getLocation())) {
        Ctx.report({"x86.intrinsic", FD->getNameAsString(), Loc, ""});
        break;
      }
    }
    return true;
  }

  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
    const TypedefNameDecl *TD = TL.getTypedefNameDecl();
    // A project typedef of __m128 is reported once, where __m128 is written,
    // not at every use of the alias.
    if (!Headers.isX86Header(TD->getLocation()))
      return true;
    SourceLocation Loc = reportLocation(Ctx, TL.getNameLoc());
    if (Loc.isValid())
      Ctx.report({"x86.vector-type", TD->getNameAsString(), Loc, ""});
    return true;
  }

private:
  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
  HeaderClassifier Headers;
};

} // namespace

std::unique_ptr<PPCallbacks>
X86IntrinsicsAnalyzer::createPPCallbacks(Preprocessor &PP, sdk::AnalysisContext &Ctx) {
  return std::make_unique<MacroCallbacks>(PP, Ctx, Pending);
}

void X86IntrinsicsAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor V(AST, Ctx);
  V.TraverseAST(AST);
  for (const PendingAlias &A : Pending) {
    bool Function = false;
    for (const NamedDecl *D : AST.getTranslationUnitDecl()->lookup(
             AST.DeclarationNames.getIdentifier(A.Target)))
      Function |= isa<FunctionDecl>(D);
    Ctx.report({Function ? "x86.intrinsic" : "x86.intrinsic-constant", A.Name, A.Loc,
                "macro defined in an x86 intrinsic header"});
  }
}

} // namespace portolan::analyzers
