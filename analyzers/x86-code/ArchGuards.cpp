//===- ArchGuards.cpp - conditionals on x86 macros ------------------------===//
#include "X86CodeAnalyzers.h"

#include <clang/Basic/SourceManager.h>
#include <clang/Lex/PPCallbacks.h>

namespace portolan::analyzers {

using namespace clang;

namespace {

/// The locations of the #elif directive names in a skipped range, as the
/// host's conditionAt knows them.
std::vector<SourceLocation> skippedElifs(const SourceManager &SM, SourceRange Range) {
  std::vector<SourceLocation> Out;
  auto [FID, Begin] = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getBegin()));
  unsigned End = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getEnd())).second;
  if (End > Begin)
    for (size_t Rel : sdk::skippedElifOffsets(SM.getBufferData(FID).slice(Begin, End)))
      Out.push_back(SM.getComposedLoc(FID, Begin + unsigned(Rel)));
  return Out;
}

/// Remembers where each conditional directive of a project file is; what
/// it tests is known once preprocessing ends.
class DirectiveCallbacks final : public PPCallbacks {
public:
  DirectiveCallbacks(sdk::AnalysisContext &Ctx, std::vector<SourceLocation> &Out)
      : Ctx(Ctx), Out(Out) {}
  void If(SourceLocation Loc, SourceRange, ConditionValueKind) override { add(Loc); }
  void Elif(SourceLocation Loc, SourceRange, ConditionValueKind, SourceLocation) override {
    add(Loc);
  }
  void Ifdef(SourceLocation Loc, const Token &, const MacroDefinition &) override { add(Loc); }
  void Ifndef(SourceLocation Loc, const Token &, const MacroDefinition &) override { add(Loc); }
  void Elifdef(SourceLocation Loc, const Token &, const MacroDefinition &) override { add(Loc); }
  void Elifdef(SourceLocation Loc, SourceRange, SourceLocation) override { add(Loc); }
  void Elifndef(SourceLocation Loc, const Token &, const MacroDefinition &) override { add(Loc); }
  void Elifndef(SourceLocation Loc, SourceRange, SourceLocation) override { add(Loc); }
  /// The #elifs after the branch taken come with no callback of their own.
  void SourceRangeSkipped(SourceRange Range, SourceLocation) override {
    for (SourceLocation Loc : skippedElifs(Ctx.sourceManager(), Range))
      add(Loc);
  }

private:
  void add(SourceLocation Loc) {
    if (Ctx.isProjectLocation(Loc))
      Out.push_back(Loc);
  }
  sdk::AnalysisContext &Ctx;
  std::vector<SourceLocation> &Out;
};

} // namespace

std::unique_ptr<PPCallbacks> ArchGuardAnalyzer::createPPCallbacks(Preprocessor &,
                                                                  sdk::AnalysisContext &Ctx) {
  return std::make_unique<DirectiveCallbacks>(Ctx, Directives);
}

void ArchGuardAnalyzer::analyzeAST(ASTContext &, sdk::AnalysisContext &Ctx) {
  for (SourceLocation Loc : Directives) {
    sdk::ConditionInfo Info = Ctx.conditionAt(Loc);
    if (!(Info.Tests & sdk::TestsX86))
      continue;
    std::string Note = Info.Tests & sdk::TestsOtherArch ? "also tests another architecture" : "";
    Ctx.report({"x86.arch-guard", Info.X86Macro, Loc, Note});
  }
}

} // namespace portolan::analyzers
