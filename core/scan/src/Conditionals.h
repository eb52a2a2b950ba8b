//===- Conditionals.h - the preprocessor conditionals of one unit ---------===//
//
// Records every #if chain of a unit's parse, what each branch tests (x86,
// another architecture, Windows, another OS), which ranges the parse
// skipped, and which project macros stand for a platform macro. From that
// it gives each finding its guard context and lets the host scan skipped
// code lexically.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_CONDITIONALS_H
#define PORTOLAN_SCAN_CONDITIONALS_H

#include "portolan/sdk/Analyzer.h"

#include <clang/Basic/SourceManager.h>
#include <clang/Lex/PPCallbacks.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringMap.h>

#include <functional>
#include <string>
#include <vector>

namespace portolan {

/// One branch of an #if chain: from its directive to the next one.
struct CondBranch {
  unsigned Begin = 0;          ///< File offset of the directive.
  unsigned End = ~0u;          ///< Offset of the next directive of the chain.
  unsigned Positive = 0;       ///< PlatformTest bits the condition asserts.
  unsigned Negative = 0;       ///< PlatformTest bits it denies (!defined(X)).
  bool IsElse = false;
  sdk::ConditionInfo Info;
};

struct CondChain {
  clang::FileID File;
  std::vector<CondBranch> Branches;
  unsigned End = ~0u; ///< Offset of the #endif.
  /// M of `#ifndef M` or `#if !defined(M)`.
  std::string NotDefined;
  /// `#ifndef M` whose first branch defines M: an include guard, or a
  /// default (#ifndef XXH_NO_XXH3 / #define XXH_NO_XXH3).
  bool SelfGuard = false;
};

/// The guard levels, weakest first; guardName gives their report names.
enum class GuardLevel { None, Only, HasFallback, HasAlternative };

class ConditionalTracker final : public clang::PPCallbacks {
public:
  /// IsProjectFile tells which files' macro definitions may derive
  /// platform macros.
  ConditionalTracker(clang::SourceManager &SM, const clang::LangOptions &LangOpts,
                     std::function<bool(clang::FileID)> IsProjectFile)
      : SM(SM), LangOpts(LangOpts), IsProjectFile(std::move(IsProjectFile)) {}

  void If(clang::SourceLocation Loc, clang::SourceRange Cond, ConditionValueKind) override;
  void Elif(clang::SourceLocation Loc, clang::SourceRange Cond, ConditionValueKind,
            clang::SourceLocation IfLoc) override;
  void Ifdef(clang::SourceLocation Loc, const clang::Token &Name,
             const clang::MacroDefinition &) override;
  void Ifndef(clang::SourceLocation Loc, const clang::Token &Name,
              const clang::MacroDefinition &) override;
  void Elifdef(clang::SourceLocation Loc, const clang::Token &Name,
               const clang::MacroDefinition &) override;
  void Elifdef(clang::SourceLocation Loc, clang::SourceRange Cond,
               clang::SourceLocation IfLoc) override;
  void Elifndef(clang::SourceLocation Loc, const clang::Token &Name,
                const clang::MacroDefinition &) override;
  void Elifndef(clang::SourceLocation Loc, clang::SourceRange Cond,
                clang::SourceLocation IfLoc) override;
  void Else(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void Endif(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void MacroDefined(const clang::Token &Name, const clang::MacroDirective *MD) override;
  void MacroUndefined(const clang::Token &Name, const clang::MacroDefinition &MD,
                      const clang::MacroDirective *Undef) override;
  void SourceRangeSkipped(clang::SourceRange Range, clang::SourceLocation EndifLoc) override;

  /// What the directive at Loc (as given to the callbacks) tests.
  sdk::ConditionInfo conditionAt(clang::SourceLocation Loc) const;

  /// The guard of a finding at Offset in File. Family is the PlatformTest
  /// bit the finding ties the code to (TestsX86 or TestsWindows); Other the
  /// bits that make a branch an alternative (TestsOtherArch or
  /// TestsOtherOS).
  GuardLevel guardAt(clang::FileID File, unsigned Offset, unsigned Family,
                     unsigned Other) const;

  /// The innermost recorded branch around Offset, with its chain, or null.
  std::pair<const CondChain *, const CondBranch *> innermost(clang::FileID File,
                                                             unsigned Offset) const;

  const std::vector<clang::SourceRange> &skipped() const { return Skipped; }
  /// Skipped code that no configuration
  /// compiles: a branch of `#ifndef M` (or `#if !defined(M)`) after the
  /// project defined M under no condition that this point does not share.
  /// The second copy of a header in an amalgamated source is one; a part a
  /// library turns off for good (#ifndef X / #define X) is another.
  /// The parts of [Begin, End) of File that are not dead (see above), in
  /// order; the first begins at Begin unless Begin is dead.
  std::vector<std::pair<unsigned, unsigned>> liveParts(clang::FileID File, unsigned Begin,
                                                       unsigned End) const;
  /// The recorded branches of File that begin in [Begin, End), each with its
  /// chain: the branches one skipped range holds (Clang skips an #ifdef
  /// __APPLE__ ... #elif defined(_WIN32) ... #else chain's first two
  /// branches as one range).
  std::vector<std::pair<const CondChain *, const CondBranch *>>
  branchesIn(clang::FileID File, unsigned Begin, unsigned End) const;

private:
  /// Whether branch B of a chain in File holds anything but comments and
  /// #error lines.
  bool holdsCode(clang::FileID File, const CondBranch &B) const;
  void open(clang::SourceLocation Loc, unsigned Pos, unsigned Neg, sdk::ConditionInfo Info,
            llvm::StringRef NotDefined = {});
  /// Whether the project defined Macro with every branch open around that
  /// definition (include guards aside) still open at this point.
  bool settled(llvm::StringRef Macro) const;
  /// Records the dead parts (see isDead) of the skipped Text at Begin.
  void recordDead(clang::FileID File, unsigned Begin, llvm::StringRef Text);
  void branch(clang::SourceLocation Loc, clang::SourceLocation IfLoc, unsigned Pos,
              unsigned Neg, bool IsElse, sdk::ConditionInfo Info);
  /// Bits of a condition's text: asserted, denied, and the first macros.
  void classify(clang::SourceRange Cond, unsigned &Pos, unsigned &Neg,
                sdk::ConditionInfo &Info, clang::SourceLocation Directive = {}) const;
  /// Macro (and Value, the identifier it is defined as, if any) stand for
  /// the platforms of Bits.
  void derive(llvm::StringRef Macro, llvm::StringRef Value, unsigned Bits);
  void classifyName(llvm::StringRef Name, bool Negated, unsigned &Pos, unsigned &Neg,
                    sdk::ConditionInfo &Info) const;
  /// The condition of #ifdef NAME (or, Negated, #ifndef NAME).
  void nameCondition(const clang::Token &Name, bool Negated, unsigned &Pos, unsigned &Neg,
                     sdk::ConditionInfo &Info) const;
  unsigned bitsOf(llvm::StringRef Macro) const;
  /// The #if of the innermost open chain (the evaluated #elifdef forms do
  /// not name it).
  clang::SourceLocation innermostIfLoc() const;

  clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  std::function<bool(clang::FileID)> IsProjectFile;
  std::vector<CondChain> Chains;
  llvm::DenseMap<clang::SourceLocation, size_t> ChainByIf;
  llvm::DenseMap<clang::SourceLocation, sdk::ConditionInfo> ByDirective;
  std::vector<size_t> Open; ///< Chains open at this point of the parse.
  llvm::StringMap<unsigned> Derived; ///< Project macros standing for platform macros.
  /// Project macros defined for good, each with the branches (chain index,
  /// branch count) that were open around its definition, guards aside.
  llvm::StringMap<std::vector<std::pair<size_t, size_t>>> Settled;
  std::vector<clang::SourceRange> Skipped;
  /// Per file, the dead ranges in order and disjoint: recorded as the parse
  /// moves forward through it, none nested in another.
  llvm::DenseMap<clang::FileID, std::vector<std::pair<unsigned, unsigned>>> Dead;
};

const char *guardName(GuardLevel Level, unsigned Family);

/// The PlatformTest bit a rule ties code to (TestsX86 for x86.*, TestsWindows
/// for win32.* and msvc.*) and the bits of its alternatives; {0, 0} for
/// rules with no platform.
std::pair<unsigned, unsigned> familyOfRule(llvm::StringRef Rule);

} // namespace portolan

#endif
