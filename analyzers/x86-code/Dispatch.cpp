//===- Dispatch.cpp - per-function x86 targets and run-time CPU checks ----===//
#include "X86CodeAnalyzers.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/RecursiveASTVisitor.h>

namespace portolan::analyzers {

using namespace clang;

namespace {

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  explicit Visitor(sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (const auto *A = FD->getAttr<TargetAttr>())
      report("target(\"" + A->getFeaturesStr().str() + "\")", A->getLocation(), FD);
    if (const auto *A = FD->getAttr<TargetClonesAttr>()) {
      std::string Features;
      for (llvm::StringRef F : A->featuresStrs())
        Features += (Features.empty() ? "\"" : ",\"") + F.str() + "\"";
      report("target_clones(" + Features + ")", A->getLocation(), FD);
    }
    if (const auto *A = FD->getAttr<CPUSpecificAttr>())
      report("cpu_specific", A->getLocation(), FD);
    if (const auto *A = FD->getAttr<CPUDispatchAttr>())
      report("cpu_dispatch", A->getLocation(), FD);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *FD = E->getDirectCallee();
    if (!FD || !FD->getBuiltinID())
      return true;
    llvm::StringRef Name = FD->getName();
    if (Name != "__builtin_cpu_supports" && Name != "__builtin_cpu_is" &&
        Name != "__builtin_cpu_init")
      return true;
    SourceLocation Loc = Ctx.projectLocation(E->getBeginLoc());
    if (Loc.isInvalid())
      return true;
    std::string Symbol = Name.str();
    if (E->getNumArgs() == 1)
      if (const auto *S = dyn_cast<StringLiteral>(E->getArg(0)->IgnoreParenImpCasts()))
        Symbol += "(\"" + S->getString().str() + "\")";
    Ctx.report({"x86.cpu-dispatch", Symbol, Loc,
                "run-time x86 feature check: the ARM build needs its own (getauxval "
                "HWCAP bits) or none"});
    return true;
  }

private:
  void report(const std::string &Symbol, SourceLocation AttrLoc, const FunctionDecl *FD) {
    SourceLocation Loc = Ctx.projectLocation(AttrLoc);
    if (Loc.isInvalid())
      Loc = Ctx.projectLocation(FD->getLocation());
    if (Loc.isValid())
      Ctx.report({"x86.target-attribute", Symbol, Loc,
                  "x86 code generation for " + FD->getNameAsString()});
  }

  sdk::AnalysisContext &Ctx;
};

} // namespace

void DispatchAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor(Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
