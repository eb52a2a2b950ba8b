//===- MsvcPreprocessor.cpp - #pragma comment, _MSC_VER, MSVC keywords ----===//
#include "MsvcAnalyzers.h"

#include <clang/Basic/IdentifierTable.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Token.h>
#include <llvm/ADT/StringSwitch.h>

namespace portolan::analyzers {

using namespace clang;

namespace {

class Callbacks final : public PPCallbacks {
public:
  Callbacks(sdk::AnalysisContext &Ctx, std::vector<SourceLocation> &Directives)
      : Ctx(Ctx), Directives(Directives) {}

  void PragmaComment(SourceLocation Loc, const IdentifierInfo *Kind,
                     llvm::StringRef Str) override {
    if (!Kind || !Ctx.isProjectLocation(Loc))
      return;
    llvm::StringRef K = Kind->getName();
    if (K == "lib")
      Ctx.report({"msvc.pragma-comment-lib", Str.str(), Loc, "links " + Str.str()});
    else if (K == "linker")
      Ctx.report({"msvc.pragma-comment-lib", Str.str(), Loc, "linker option"});
  }

  /// MSVC keywords that mingw-w64 defines as macros.
  void MacroExpands(const Token &Name, const MacroDefinition &MD, SourceRange,
                    const MacroArgs *) override {
    keyword(Name);
    // mingw-w64 writes some MSVC intrinsics as macros: function-like
    // (_ReadWriteBarrier()) or naming another function (_rotl64). Its
    // intrin.h also defines WINAPI (empty, or __stdcall): no intrinsic.
    const MacroInfo *MI = MD.getMacroInfo();
    const IdentifierInfo *II = Name.getIdentifierInfo();
    if (!MI || !II || !Ctx.isProjectLocation(Name.getLocation()))
      return;
    if (!MI->isFunctionLike() &&
        !(MI->getNumTokens() == 1 && MI->getReplacementToken(0).is(tok::identifier)))
      return;
    const SourceManager &SM = Ctx.sourceManager();
    SourceLocation Def = SM.getSpellingLoc(MI->getDefinitionLoc());
    if (Def.isInvalid())
      return;
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Def))) {
      llvm::StringRef Path = File->getName();
      if (Path.ends_with("/intrin-impl.h") || Path.ends_with("/intrin.h"))
        Ctx.report({"msvc.intrinsic", II->getName().str(), Name.getLocation(),
                    "a macro of intrin.h"});
    }
  }

  void If(SourceLocation Loc, SourceRange, ConditionValueKind) override { directive(Loc); }
  void Elif(SourceLocation Loc, SourceRange, ConditionValueKind, SourceLocation) override {
    directive(Loc);
  }
  void Ifdef(SourceLocation Loc, const Token &, const MacroDefinition &) override {
    directive(Loc);
  }
  void Ifndef(SourceLocation Loc, const Token &, const MacroDefinition &) override {
    directive(Loc);
  }
  /// The #elifs after the branch taken come with no callback of their own.
  void SourceRangeSkipped(SourceRange Range, SourceLocation) override {
    const SourceManager &SM = Ctx.sourceManager();
    auto [FID, Begin] = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getBegin()));
    unsigned End = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getEnd())).second;
    if (End > Begin)
      for (size_t Rel : sdk::skippedElifOffsets(SM.getBufferData(FID).slice(Begin, End)))
        directive(SM.getComposedLoc(FID, Begin + unsigned(Rel)));
  }

private:
  void directive(SourceLocation Loc) {
    if (Ctx.isProjectLocation(Loc))
      Directives.push_back(Loc);
  }

  void keyword(const Token &Name) {
    const IdentifierInfo *II = Name.getIdentifierInfo();
    if (!II || !Ctx.isProjectLocation(Name.getLocation()))
      return;
    const char *Rule = llvm::StringSwitch<const char *>(II->getName())
                           .Case("__forceinline", "msvc.forceinline")
                           .Cases("__stdcall", "__cdecl", "__fastcall", "__vectorcall",
                                  "msvc.callconv")
                           .Cases("__int8", "__int16", "__int32", "__int64", "msvc.int-types")
                           .Default(nullptr);
    if (Rule)
      Ctx.report({Rule, II->getName().str(), Name.getLocation(), ""});
  }

  sdk::AnalysisContext &Ctx;
  std::vector<SourceLocation> &Directives;
};

} // namespace

std::unique_ptr<PPCallbacks> MsvcPreprocessorAnalyzer::createPPCallbacks(
    Preprocessor &, sdk::AnalysisContext &Ctx) {
  return std::make_unique<Callbacks>(Ctx, Directives);
}

void MsvcPreprocessorAnalyzer::analyzeAST(ASTContext &, sdk::AnalysisContext &Ctx) {
  for (SourceLocation Loc : Directives)
    if (Ctx.conditionAt(Loc).Tests & sdk::TestsMsvc)
      Ctx.report({"msvc.msc-ver-guard", "_MSC_VER", Loc, ""});
}

} // namespace portolan::analyzers
