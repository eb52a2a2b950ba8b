//===- Conditionals.cpp ---------------------------------------------------===//
#include "Conditionals.h"

#include "portolan/scan/PlatformMacros.h"

#include <clang/Lex/Lexer.h>
#include <clang/Basic/IdentifierTable.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/Token.h>
#include <llvm/ADT/StringSet.h>

#include <algorithm>

namespace portolan {

using namespace clang;

namespace {

/// The directive that starts at Text[At] with its continuation lines (a
/// line ending in a backslash, before a CR if any, goes on), up to the end
/// of Text when the last one is cut off there. Each step moves past a
/// newline, so it ends on any text.
llvm::StringRef directiveLine(llvm::StringRef Text, size_t At) {
  size_t LineStart = At;
  while (true) {
    size_t Newline = Text.find('\n', LineStart);
    if (Newline == llvm::StringRef::npos)
      return Text.substr(At);
    if (!Text.slice(LineStart, Newline).rtrim('\r').ends_with("\\"))
      return Text.slice(At, Newline);
    LineStart = Newline + 1;
  }
}

llvm::StringRef identifierAt(llvm::StringRef Text) {
  return Text.take_while(
      [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; });
}

/// M of a condition that is `!defined(M)` or `!defined M` and nothing else.
llvm::StringRef notDefinedMacro(llvm::StringRef Text) {
  Text = Text.trim();
  if (!Text.consume_front("!"))
    return {};
  Text = Text.ltrim();
  if (!Text.consume_front("defined"))
    return {};
  Text = Text.ltrim();
  bool Paren = Text.consume_front("(");
  Text = Text.ltrim();
  llvm::StringRef Name = identifierAt(Text);
  llvm::StringRef Rest = Text.drop_front(Name.size()).trim();
  return !Name.empty() && Rest == (Paren ? ")" : "") ? Name : llvm::StringRef();
}

} // namespace

std::pair<unsigned, unsigned> familyOfRule(llvm::StringRef Rule) {
  if (Rule.starts_with("x86."))
    return {sdk::TestsX86, sdk::TestsOtherArch};
  if (Rule.starts_with("win32.") || Rule.starts_with("msvc."))
    return {sdk::TestsWindows, sdk::TestsOtherOS};
  return {0, 0};
}

const char *guardName(GuardLevel Level, unsigned Family) {
  switch (Level) {
  case GuardLevel::None:
    return "none";
  case GuardLevel::Only:
    return Family == sdk::TestsWindows ? "windows-only" : "x86-only";
  case GuardLevel::HasFallback:
    return "has-fallback";
  case GuardLevel::HasAlternative:
    return "has-alternative";
  }
  return "none";
}

unsigned ConditionalTracker::bitsOf(llvm::StringRef Macro) const {
  if (unsigned Bits = platformTestsOfMacro(Macro))
    return Bits;
  auto It = Derived.find(Macro);
  if (It == Derived.end())
    return 0;
  // A macro defined for x86 and for another architecture alike selects
  // between them (HW_AES is HW_AES_NI or HW_AES_NEON): testing it tests
  // neither; the value it is compared with says which.
  unsigned Bits = It->second;
  if ((Bits & sdk::TestsX86) && (Bits & sdk::TestsOtherArch))
    Bits &= ~(sdk::TestsX86 | sdk::TestsOtherArch);
  if ((Bits & sdk::TestsWindows) && (Bits & sdk::TestsOtherOS))
    Bits &= ~(sdk::TestsWindows | sdk::TestsOtherOS);
  return Bits;
}

void ConditionalTracker::derive(llvm::StringRef Macro, llvm::StringRef Value, unsigned Bits) {
  Bits &= sdk::TestsX86 | sdk::TestsOtherArch | sdk::TestsWindows | sdk::TestsOtherOS;
  if (!Bits)
    return;
  if (!platformTestsOfMacro(Macro))
    Derived[Macro] |= Bits;
  // #define HW_AES HW_AES_NI under x86: HW_AES_NI is an x86 value.
  if (!Value.empty() && !platformTestsOfMacro(Value))
    Derived[Value] |= Bits;
}

void ConditionalTracker::classifyName(llvm::StringRef Name, bool Negated, unsigned &Pos,
                                      unsigned &Neg, sdk::ConditionInfo &Info) const {
  unsigned Bits = bitsOf(Name);
  if (!Bits)
    return;
  (Negated ? Neg : Pos) |= Bits;
  Info.Tests |= Bits;
  if ((Bits & sdk::TestsX86) && Info.X86Macro.empty())
    Info.X86Macro = Name.str();
  if ((Bits & sdk::TestsWindows) && Info.WindowsMacro.empty())
    Info.WindowsMacro = Name.str();
}

void ConditionalTracker::classify(SourceRange Cond, unsigned &Pos, unsigned &Neg,
                                  sdk::ConditionInfo &Info, SourceLocation Directive) const {
  llvm::StringRef Text;
  if (Cond.isValid()) {
    Text = Lexer::getSourceText(CharSourceRange::getTokenRange(Cond), SM, LangOpts);
  } else if (Directive.isValid()) {
    // An #elif after a taken branch comes without its condition's range:
    // its text runs from the directive's name to the end of the line.
    auto [FID, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Directive));
    llvm::StringRef Rest = SM.getBufferData(FID).substr(Offset);
    Rest = Rest.drop_while([](char C) { return std::isalpha(static_cast<unsigned char>(C)); });
    size_t End = 0;
    while (End < Rest.size() && (Rest[End] != '\n' || (End > 0 && Rest[End - 1] == '\\')))
      ++End;
    Text = Rest.take_front(End);
  }
  if (Text.empty())
    return;
  forEachConditionIdentifier(Text, [&](llvm::StringRef Word, bool Negated) {
    classifyName(Word, Negated, Pos, Neg, Info);
  });
}

void ConditionalTracker::open(SourceLocation Loc, unsigned Pos, unsigned Neg,
                              sdk::ConditionInfo Info, llvm::StringRef NotDefined) {
  ByDirective[Loc] = Info;
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  CondChain C;
  C.File = FID;
  C.NotDefined = NotDefined.str();
  CondBranch B;
  B.Begin = Offset;
  B.Positive = Pos;
  B.Negative = Neg;
  B.Info = std::move(Info);
  C.Branches.push_back(std::move(B));
  ChainByIf[Loc] = Chains.size();
  Open.push_back(Chains.size());
  Chains.push_back(std::move(C));
}

void ConditionalTracker::branch(SourceLocation Loc, SourceLocation IfLoc, unsigned Pos,
                                unsigned Neg, bool IsElse, sdk::ConditionInfo Info) {
  ByDirective[Loc] = Info;
  auto It = ChainByIf.find(IfLoc);
  if (It == ChainByIf.end())
    return;
  CondChain &C = Chains[It->second];
  unsigned Offset = SM.getDecomposedLoc(SM.getExpansionLoc(Loc)).second;
  C.Branches.back().End = Offset;
  CondBranch B;
  B.Begin = Offset;
  B.Positive = Pos;
  B.Negative = Neg;
  B.IsElse = IsElse;
  B.Info = std::move(Info);
  C.Branches.push_back(std::move(B));
}

void ConditionalTracker::If(SourceLocation Loc, SourceRange Cond, ConditionValueKind) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  classify(Cond, Pos, Neg, Info, Loc);
  llvm::StringRef NotDefined;
  if (Cond.isValid())
    NotDefined = notDefinedMacro(
        Lexer::getSourceText(CharSourceRange::getTokenRange(Cond), SM, LangOpts));
  open(Loc, Pos, Neg, std::move(Info), NotDefined);
}

void ConditionalTracker::Elif(SourceLocation Loc, SourceRange Cond, ConditionValueKind,
                              SourceLocation IfLoc) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  classify(Cond, Pos, Neg, Info, Loc);
  branch(Loc, IfLoc, Pos, Neg, false, std::move(Info));
}

void ConditionalTracker::nameCondition(const Token &Name, bool Negated, unsigned &Pos,
                                       unsigned &Neg, sdk::ConditionInfo &Info) const {
  if (const IdentifierInfo *II = Name.getIdentifierInfo())
    classifyName(II->getName(), Negated, Pos, Neg, Info);
}

void ConditionalTracker::Ifdef(SourceLocation Loc, const Token &Name, const MacroDefinition &) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  nameCondition(Name, false, Pos, Neg, Info);
  open(Loc, Pos, Neg, std::move(Info));
}

void ConditionalTracker::Ifndef(SourceLocation Loc, const Token &Name,
                                const MacroDefinition &) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  nameCondition(Name, true, Pos, Neg, Info);
  const IdentifierInfo *II = Name.getIdentifierInfo();
  open(Loc, Pos, Neg, std::move(Info), II ? II->getName() : "");
}

SourceLocation ConditionalTracker::innermostIfLoc() const {
  for (auto &[L, Index] : ChainByIf)
    if (Index == Open.back())
      return L;
  return SourceLocation();
}

void ConditionalTracker::Elifdef(SourceLocation Loc, const Token &Name,
                                 const MacroDefinition &) {
  // The evaluated forms do not name the #if; the innermost open chain is it.
  if (Open.empty())
    return;
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  nameCondition(Name, false, Pos, Neg, Info);
  branch(Loc, innermostIfLoc(), Pos, Neg, false, std::move(Info));
}

void ConditionalTracker::Elifndef(SourceLocation Loc, const Token &Name,
                                  const MacroDefinition &) {
  if (Open.empty())
    return;
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  nameCondition(Name, true, Pos, Neg, Info);
  branch(Loc, innermostIfLoc(), Pos, Neg, false, std::move(Info));
}

void ConditionalTracker::Elifdef(SourceLocation Loc, SourceRange Cond, SourceLocation IfLoc) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  classify(Cond, Pos, Neg, Info, Loc);
  branch(Loc, IfLoc, Pos, Neg, false, std::move(Info));
}

void ConditionalTracker::Elifndef(SourceLocation Loc, SourceRange Cond, SourceLocation IfLoc) {
  unsigned Pos = 0, Neg = 0;
  sdk::ConditionInfo Info;
  classify(Cond, Pos, Neg, Info, Loc);
  // The text is the macro name alone; #elifndef denies it.
  branch(Loc, IfLoc, Neg, Pos, false, std::move(Info));
}

void ConditionalTracker::Else(SourceLocation Loc, SourceLocation IfLoc) {
  branch(Loc, IfLoc, 0, 0, true, {});
}

void ConditionalTracker::Endif(SourceLocation Loc, SourceLocation IfLoc) {
  auto It = ChainByIf.find(IfLoc);
  if (It == ChainByIf.end())
    return;
  CondChain &C = Chains[It->second];
  C.End = SM.getDecomposedLoc(SM.getExpansionLoc(Loc)).second;
  C.Branches.back().End = C.End;
  auto OpenIt = std::find(Open.rbegin(), Open.rend(), It->second);
  if (OpenIt != Open.rend())
    Open.erase(std::next(OpenIt).base());
}

void ConditionalTracker::MacroDefined(const Token &Name, const MacroDirective *MD) {
  const MacroInfo *MI = MD ? MD->getMacroInfo() : nullptr;
  if (!MI || !Name.getIdentifierInfo())
    return;
  SourceLocation Loc = MI->getDefinitionLoc();
  if (Loc.isInvalid() || (!SM.isWrittenInMainFile(Loc) &&
                            !IsProjectFile(SM.getFileID(SM.getExpansionLoc(Loc)))))
    return;
  llvm::StringRef Macro = Name.getIdentifierInfo()->getName();
  // Which branches this definition depends on: every open one but the
  // guards (#ifndef G / #define G), which only keep a header from being
  // read twice.
  if (!Open.empty() && Chains[Open.back()].Branches.size() == 1 &&
      Chains[Open.back()].NotDefined == Macro)
    Chains[Open.back()].SelfGuard = true;
  std::vector<std::pair<size_t, size_t>> Around;
  for (size_t Index : Open)
    if (!Chains[Index].SelfGuard || Chains[Index].Branches.size() != 1)
      Around.emplace_back(Index, Chains[Index].Branches.size());
  Settled[Macro] = std::move(Around);
  // A macro defined from platform macros stands for them.
  unsigned Bits = 0;
  for (const Token &T : MI->tokens())
    if (const IdentifierInfo *II = T.getIdentifierInfo())
      Bits |= bitsOf(II->getName()) & ~sdk::TestsMsvc;
  // So does one defined only inside a branch that asserts a platform, but
  // not an include guard (#ifndef X / #define X) or an empty definition
  // of the macro the branch itself tests.
  bool IncludeGuard = false;
  if (!Open.empty()) {
    const CondBranch &Top = Chains[Open.back()].Branches.back();
    IncludeGuard = Top.Info.Tests == 0 && Chains[Open.back()].Branches.size() == 1 &&
                   MI->getNumTokens() == 0;
  }
  if (!IncludeGuard)
    for (size_t Index : Open)
      Bits |= Chains[Index].Branches.back().Positive &
              (sdk::TestsX86 | sdk::TestsOtherArch | sdk::TestsWindows | sdk::TestsOtherOS);
  llvm::StringRef Value;
  if (MI->getNumTokens() == 1 && MI->getReplacementToken(0).getIdentifierInfo())
    Value = MI->getReplacementToken(0).getIdentifierInfo()->getName();
  derive(Macro, Value, Bits);
}

void ConditionalTracker::MacroUndefined(const Token &Name, const MacroDefinition &,
                                        const MacroDirective *) {
  if (const IdentifierInfo *II = Name.getIdentifierInfo())
    Settled.erase(II->getName());
}

bool ConditionalTracker::settled(llvm::StringRef Macro) const {
  auto It = Settled.find(Macro);
  return It != Settled.end() && llvm::all_of(It->second, [&](auto Around) {
           return llvm::is_contained(Open, Around.first) &&
                  Chains[Around.first].Branches.size() == Around.second;
         });
}

void ConditionalTracker::recordDead(FileID File, unsigned Begin, llvm::StringRef Text) {
  // Directive by directive: the chains nested in the skipped text, each
  // with the offset where its dead branch began, if it is in one.
  constexpr size_t Live = llvm::StringRef::npos;
  std::vector<size_t> Nest;
  llvm::StringSet<> Undone; // #undef in the skipped text: not settled after it.
  auto Close = [&](size_t At) {
    if (!Nest.empty() && Nest.back() != Live) {
      Dead[File].emplace_back(Begin + unsigned(Nest.back()), Begin + unsigned(At));
      Nest.back() = Live;
    }
  };
  auto DeadTest = [&](llvm::StringRef Macro) {
    return !Macro.empty() && !Undone.contains(Macro) && settled(Macro) &&
           llvm::none_of(Nest, [](size_t From) { return From != Live; });
  };
  size_t At = 0;
  while (At < Text.size()) {
    llvm::StringRef Line = directiveLine(Text, At);
    size_t Next = At + Line.size() + 1;
    llvm::StringRef L = Line.ltrim(" \t");
    if (L.consume_front("#")) {
      L = L.ltrim(" \t");
      llvm::StringRef Kind = identifierAt(L);
      llvm::StringRef Rest = L.drop_front(Kind.size()).trim();
      if (Kind == "if" || Kind == "ifdef" || Kind == "ifndef") {
        llvm::StringRef Macro = Kind == "ifndef" ? identifierAt(Rest)
                                : Kind == "if"   ? notDefinedMacro(Rest)
                                                 : llvm::StringRef();
        Nest.push_back(DeadTest(Macro) ? At : Live);
      } else if (Kind.starts_with("el")) {
        Close(At);
      } else if (Kind == "endif") {
        Close(At);
        if (!Nest.empty())
          Nest.pop_back();
      } else if (Kind == "undef") {
        Undone.insert(identifierAt(Rest));
      }
    }
    At = Next;
  }
  while (!Nest.empty()) {
    Close(Text.size());
    Nest.pop_back();
  }
}

std::vector<std::pair<unsigned, unsigned>>
ConditionalTracker::liveParts(FileID File, unsigned Begin, unsigned End) const {
  std::vector<std::pair<unsigned, unsigned>> Live;
  auto It = Dead.find(File);
  if (It != Dead.end()) {
    const auto &Ranges = It->second;
    auto R = llvm::partition_point(Ranges, [&](auto D) { return D.second <= Begin; });
    for (; R != Ranges.end() && R->first < End; ++R) {
      if (R->first > Begin)
        Live.emplace_back(Begin, R->first);
      Begin = std::max(Begin, R->second);
    }
  }
  if (Begin < End)
    Live.emplace_back(Begin, End);
  return Live;
}

void ConditionalTracker::SourceRangeSkipped(SourceRange Range, SourceLocation) {
  Skipped.push_back(Range);
  auto [FID, Begin] = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getBegin()));
  unsigned End = SM.getDecomposedLoc(SM.getExpansionLoc(Range.getEnd())).second;
  if (End <= Begin)
    return;
  llvm::StringRef Text = SM.getBufferData(FID).slice(Begin, End);
  if (IsProjectFile(FID))
    recordDead(FID, Begin, Text);
  // Clang's callbacks end with the chain's #endif, before this one; the
  // chain is found by place.
  CondChain *Chain = nullptr;
  for (CondChain &C : Chains)
    if (C.File == FID && C.Branches.front().Begin <= Begin && Begin < C.End &&
        (!Chain || C.Branches.front().Begin > Chain->Branches.front().Begin))
      Chain = &C;
  if (!Chain)
    return;
  // The #elifs after the branch taken, and an #else after a skipped
  // #elif, have no callback: add them.
  for (size_t Rel : sdk::skippedElifOffsets(Text, /*AndElse=*/true)) {
    unsigned At = Begin + unsigned(Rel);
    if (llvm::any_of(Chain->Branches, [&](const CondBranch &B) { return B.Begin == At; }))
      continue;
    llvm::StringRef Line = directiveLine(Text, Rel);
    llvm::StringRef Kind = Line.take_while([](char C) { return std::isalpha(static_cast<unsigned char>(C)); });
    CondBranch B;
    B.Begin = At;
    B.IsElse = Kind == "else";
    if (!B.IsElse)
      forEachConditionIdentifier(Line.drop_front(Kind.size()),
                                 [&](llvm::StringRef W, bool Negated) {
                                   classifyName(W, Negated != (Kind == "elifndef"), B.Positive,
                                                B.Negative, B.Info);
                                 });
    ByDirective[SM.getComposedLoc(FID, At)] = B.Info;
    auto It = llvm::find_if(Chain->Branches, [&](const CondBranch &X) { return X.Begin > At; });
    B.End = It == Chain->Branches.end() ? Chain->End : It->Begin;
    if (It != Chain->Branches.begin())
      std::prev(It)->End = At;
    Chain->Branches.insert(It, std::move(B));
  }
  // The #defines of a skipped branch that asserts a platform (the aarch64
  // side of a chain) name that platform's macros and values too.
  if (!IsProjectFile(FID))
    return;
  auto Word = [](llvm::StringRef &S) {
    S = S.ltrim();
    llvm::StringRef W = S.take_while(
        [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; });
    S = S.drop_front(W.size());
    return W;
  };
  size_t Pos = Text.find('\n'); // The first line is the directive that skipped.
  while (Pos != llvm::StringRef::npos) {
    size_t LineStart = Pos + 1;
    Pos = Text.find('\n', LineStart);
    llvm::StringRef L = Text.slice(LineStart, Pos).ltrim();
    if (!L.consume_front("#") || Word(L) != "define")
      continue;
    llvm::StringRef Name = Word(L);
    if (Name.empty() || L.starts_with("("))
      continue;
    llvm::StringRef Value = Word(L);
    auto [C, Own] = innermost(FID, Begin + unsigned(LineStart));
    if (Own)
      derive(Name, L.trim().empty() ? Value : "", Own->Positive);
  }
}

sdk::ConditionInfo ConditionalTracker::conditionAt(SourceLocation Loc) const {
  auto It = ByDirective.find(Loc);
  return It == ByDirective.end() ? sdk::ConditionInfo{} : It->second;
}

std::pair<const CondChain *, const CondBranch *>
ConditionalTracker::innermost(FileID File, unsigned Offset) const {
  const CondChain *Best = nullptr;
  const CondBranch *BestBranch = nullptr;
  for (const CondChain &C : Chains) {
    if (C.File != File || C.Branches.front().Begin > Offset || Offset >= C.End)
      continue;
    if (Best && C.Branches.front().Begin < Best->Branches.front().Begin)
      continue; // An enclosing chain; the later-opened one is nested in it.
    for (const CondBranch &B : C.Branches)
      if (B.Begin <= Offset && Offset < B.End) {
        Best = &C;
        BestBranch = &B;
      }
  }
  return {Best, BestBranch};
}

std::vector<std::pair<const CondChain *, const CondBranch *>>
ConditionalTracker::branchesIn(FileID File, unsigned Begin, unsigned End) const {
  std::vector<std::pair<const CondChain *, const CondBranch *>> Out;
  for (const CondChain &C : Chains)
    if (C.File == File)
      for (const CondBranch &B : C.Branches)
        if (B.Begin >= Begin && B.Begin < End)
          Out.emplace_back(&C, &B);
  return Out;
}

bool ConditionalTracker::holdsCode(FileID File, const CondBranch &B) const {
  bool Invalid = false;
  llvm::StringRef Text = SM.getBufferData(File, &Invalid);
  if (Invalid || B.End == ~0u || B.End > Text.size() || B.Begin >= B.End)
    return true; // Not known: count it as code, as before.
  // The branch's lines after its own directive (with its continuations).
  llvm::StringRef Body = Text.slice(B.Begin, B.End);
  while (true) {
    auto [Line, Rest] = Body.split('\n');
    Body = Rest;
    if (!Line.rtrim().ends_with("\\") || Rest.empty())
      break;
  }
  bool InComment = false;
  while (!Body.empty()) {
    auto [Line, Rest] = Body.split('\n');
    Body = Rest;
    llvm::StringRef L = Line.trim();
    if (InComment) {
      size_t Close = L.find("*/");
      if (Close == llvm::StringRef::npos)
        continue;
      L = L.drop_front(Close + 2).trim();
      InComment = false;
    }
    if (L.starts_with("/*")) {
      size_t Close = L.find("*/", 2);
      if (Close == llvm::StringRef::npos) {
        InComment = true;
        continue;
      }
      L = L.drop_front(Close + 2).trim();
    }
    if (L.empty() || L.starts_with("//"))
      continue;
    if (L.consume_front("#")) {
      L = L.ltrim();
      // The next directive of the chain ends the branch (End may point
      // past an #else the callbacks did not report); a nested #if is code.
      if (L.empty() || L.starts_with("else") || L.starts_with("elif") ||
          L.starts_with("endif"))
        return false;
      if (L.starts_with("error"))
        continue;
    }
    return true;
  }
  return false;
}

GuardLevel ConditionalTracker::guardAt(FileID File, unsigned Offset, unsigned Family,
                                       unsigned Other) const {
  GuardLevel Best = GuardLevel::None;
  for (const CondChain &C : Chains) {
    if (C.File != File || C.Branches.front().Begin > Offset || Offset >= C.End)
      continue;
    const CondBranch *Own = nullptr;
    bool Relevant = false;
    for (const CondBranch &B : C.Branches) {
      Relevant |= ((B.Positive | B.Negative) & Family) != 0;
      if (B.Begin <= Offset && Offset < B.End)
        Own = &B;
    }
    if (!Relevant || !Own)
      continue;
    bool Alternative = false, Fallback = false;
    for (const CondBranch &B : C.Branches) {
      if (&B == Own)
        continue;
      // Another platform's branch, or a generic one, counts when it holds
      // code: one that only stops the build (#error) or is empty does not.
      bool ForOther = (B.Positive & Other) != 0;
      bool Generic = !(B.Positive & (Family | Other));
      if ((ForOther || Generic) && holdsCode(C.File, B)) {
        Alternative |= ForOther;
        Fallback |= Generic;
      }
    }
    GuardLevel Level = Alternative ? GuardLevel::HasAlternative
                       : Fallback  ? GuardLevel::HasFallback
                                   : GuardLevel::Only;
    Best = std::max(Best, Level);
  }
  return Best;
}

} // namespace portolan
