//===- PortabilityAnalyzer.cpp --------------------------------------------===//
#include "PortabilityAnalyzer.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

namespace portolan::analyzers {

using namespace clang;

namespace {

/// A plain char (neither signed nor unsigned written), after promotions.
bool isPlainChar(const Expr *E) {
  QualType T = E->IgnoreParenImpCasts()->getType();
  return T->isSpecificBuiltinType(BuiltinType::Char_S) ||
         T->isSpecificBuiltinType(BuiltinType::Char_U);
}

class Visitor final : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &AST, sdk::AnalysisContext &Ctx) : AST(AST), Ctx(Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!B->isComparisonOp() || B->getBeginLoc().isMacroID() || B->isInstantiationDependent())
      return true;
    const Expr *L = B->getLHS(), *R = B->getRHS();
    BinaryOperatorKind Op = B->getOpcode();
    if (!isPlainChar(L) && isPlainChar(R)) {
      std::swap(L, R);
      Op = BinaryOperator::reverseComparisonOp(Op);
    }
    if (!isPlainChar(L) || R->isValueDependent())
      return true;
    Expr::EvalResult Value;
    if (!R->EvaluateAsInt(Value, AST))
      return true;
    llvm::APSInt V = Value.Val.getInt();
    bool Negative = V.isSigned() && V.isNegative();
    bool SignTest = V.isZero() && (Op == BO_LT || Op == BO_GE);
    if (!Negative && !SignTest)
      return true;
    SourceLocation Loc = Ctx.projectLocation(B->getOperatorLoc());
    if (Loc.isValid())
      Ctx.report({"portability.char-sign", "char", Loc,
                  "assumes char is signed, as on x86; it is unsigned on AArch64 Linux "
                  "(use signed char, or -fsigned-char)",
                  /*Advisory=*/true});
    return true;
  }

  bool VisitDeclaratorDecl(DeclaratorDecl *D) {
    QualType T = D->getType();
    if (T.isNull())
      return true;
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      T = FD->getReturnType();
    if (!T->isSpecificBuiltinType(BuiltinType::LongDouble))
      return true;
    SourceLocation Loc = Ctx.projectLocation(D->getTypeSpecStartLoc());
    if (Loc.isValid() && Ctx.isProjectLocation(D->getLocation()))
      Ctx.report({"portability.long-double", "long double", Loc,
                  "80-bit x87 extended on x86; 128-bit IEEE quad, computed in software, on "
                  "AArch64 and LoongArch Linux",
                  /*Advisory=*/true});
    return true;
  }

  /// Reads through a cast pointer: *(T *)(p + i), ((T *)(p + i))[k],
  /// ((S *)(p + i))->field. A cast handed to a function (an unaligned-load
  /// intrinsic, memcpy) is not a read.
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_Deref)
      checkRead(U->getSubExpr());
    return true;
  }
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *E) {
    checkRead(E->getBase());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (E->isArrow())
      checkRead(E->getBase());
    return true;
  }

private:
  void checkRead(const Expr *Base) {
    const auto *C = dyn_cast<ExplicitCastExpr>(Base->IgnoreParenImpCasts());
    if (!C)
      return;
    const auto *To = C->getType()->getAs<PointerType>();
    const Expr *Sub = C->getSubExpr()->IgnoreParenImpCasts();
    const auto *From = Sub->getType()->getAs<PointerType>();
    if (!To || !From || C->getBeginLoc().isMacroID() || C->isInstantiationDependent())
      return;
    QualType Pointee = To->getPointeeType(), Source = From->getPointeeType();
    // Sizes of dependent or incomplete types cannot be asked for.
    if (Pointee->isDependentType() || Source->isDependentType() ||
        Pointee->isIncompleteType() || Pointee->isFunctionType() || Source->isFunctionType() ||
        Pointee->isSizelessType() || Source->isSizelessType())
      return;
    bool ByteSource = Source->isVoidType() || Source->isCharType() ||
                      (!Source->isIncompleteType() && AST.getTypeSizeInChars(Source).isOne());
    if (!ByteSource || AST.getTypeAlignInChars(Pointee).getQuantity() <= 1)
      return;
    // Only an offset byte pointer: p + n, &p[n]. A plain buffer or malloc
    // result is aligned.
    const auto *Arith = dyn_cast<BinaryOperator>(Sub);
    const auto *Addr = dyn_cast<UnaryOperator>(Sub);
    bool Offset = (Arith && Arith->isAdditiveOp()) ||
                  (Addr && Addr->getOpcode() == UO_AddrOf &&
                   isa<ArraySubscriptExpr>(Addr->getSubExpr()->IgnoreParens()));
    if (!Offset)
      return;
    SourceLocation Loc = Ctx.projectLocation(C->getBeginLoc());
    if (Loc.isValid())
      Ctx.report({"portability.unaligned-cast", Pointee.getAsString() + " *", Loc,
                  "a byte offset read as a wider type: use memcpy (it compiles to one load)",
                  /*Advisory=*/true});
  }

  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
};

} // namespace

void PortabilityAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  Visitor(AST, Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
