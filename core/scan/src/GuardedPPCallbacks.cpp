//===- GuardedPPCallbacks.cpp ---------------------------------------------===//
#include "GuardedPPCallbacks.h"

namespace portolan {

using namespace clang;

// Each hook forwards its arguments unchanged inside the guard.
#define PORTOLAN_FORWARD(HOOK, ...)                                            \
  Guard.run(#HOOK, [&] { Inner->HOOK(__VA_ARGS__); })

void GuardedPPCallbacks::FileChanged(SourceLocation Loc, FileChangeReason Reason,
                                     SrcMgr::CharacteristicKind FileType,
                                     FileID PrevFID) {
  PORTOLAN_FORWARD(FileChanged, Loc, Reason, FileType, PrevFID);
}

void GuardedPPCallbacks::InclusionDirective(
    SourceLocation HashLoc, const Token &IncludeTok, StringRef FileName,
    bool IsAngled, CharSourceRange FilenameRange, OptionalFileEntryRef File,
    StringRef SearchPath, StringRef RelativePath, const Module *SuggestedModule,
    bool ModuleImported, SrcMgr::CharacteristicKind FileType) {
  PORTOLAN_FORWARD(InclusionDirective, HashLoc, IncludeTok, FileName, IsAngled,
                   FilenameRange, File, SearchPath, RelativePath,
                   SuggestedModule, ModuleImported, FileType);
}

void GuardedPPCallbacks::EndOfMainFile() { PORTOLAN_FORWARD(EndOfMainFile); }

void GuardedPPCallbacks::PragmaDirective(SourceLocation Loc,
                                         PragmaIntroducerKind Introducer) {
  PORTOLAN_FORWARD(PragmaDirective, Loc, Introducer);
}

void GuardedPPCallbacks::PragmaComment(SourceLocation Loc,
                                       const IdentifierInfo *Kind, StringRef Str) {
  PORTOLAN_FORWARD(PragmaComment, Loc, Kind, Str);
}

void GuardedPPCallbacks::MacroExpands(const Token &MacroNameTok,
                                      const MacroDefinition &MD,
                                      SourceRange Range, const MacroArgs *Args) {
  PORTOLAN_FORWARD(MacroExpands, MacroNameTok, MD, Range, Args);
}

void GuardedPPCallbacks::MacroDefined(const Token &MacroNameTok,
                                      const MacroDirective *MD) {
  PORTOLAN_FORWARD(MacroDefined, MacroNameTok, MD);
}

void GuardedPPCallbacks::MacroUndefined(const Token &MacroNameTok,
                                        const MacroDefinition &MD,
                                        const MacroDirective *Undef) {
  PORTOLAN_FORWARD(MacroUndefined, MacroNameTok, MD, Undef);
}

void GuardedPPCallbacks::Defined(const Token &MacroNameTok,
                                 const MacroDefinition &MD, SourceRange Range) {
  PORTOLAN_FORWARD(Defined, MacroNameTok, MD, Range);
}

void GuardedPPCallbacks::SourceRangeSkipped(SourceRange Range,
                                            SourceLocation EndifLoc) {
  PORTOLAN_FORWARD(SourceRangeSkipped, Range, EndifLoc);
}

void GuardedPPCallbacks::If(SourceLocation Loc, SourceRange ConditionRange,
                            ConditionValueKind ConditionValue) {
  PORTOLAN_FORWARD(If, Loc, ConditionRange, ConditionValue);
}

void GuardedPPCallbacks::Elif(SourceLocation Loc, SourceRange ConditionRange,
                              ConditionValueKind ConditionValue,
                              SourceLocation IfLoc) {
  PORTOLAN_FORWARD(Elif, Loc, ConditionRange, ConditionValue, IfLoc);
}

void GuardedPPCallbacks::Ifdef(SourceLocation Loc, const Token &MacroNameTok,
                               const MacroDefinition &MD) {
  PORTOLAN_FORWARD(Ifdef, Loc, MacroNameTok, MD);
}

void GuardedPPCallbacks::Ifndef(SourceLocation Loc, const Token &MacroNameTok,
                                const MacroDefinition &MD) {
  PORTOLAN_FORWARD(Ifndef, Loc, MacroNameTok, MD);
}

void GuardedPPCallbacks::Elifdef(SourceLocation Loc, const Token &MacroNameTok,
                                 const MacroDefinition &MD) {
  PORTOLAN_FORWARD(Elifdef, Loc, MacroNameTok, MD);
}

void GuardedPPCallbacks::Elifdef(SourceLocation Loc, SourceRange ConditionRange,
                                 SourceLocation IfLoc) {
  PORTOLAN_FORWARD(Elifdef, Loc, ConditionRange, IfLoc);
}

void GuardedPPCallbacks::Elifndef(SourceLocation Loc, const Token &MacroNameTok,
                                  const MacroDefinition &MD) {
  PORTOLAN_FORWARD(Elifndef, Loc, MacroNameTok, MD);
}

void GuardedPPCallbacks::Elifndef(SourceLocation Loc, SourceRange ConditionRange,
                                  SourceLocation IfLoc) {
  PORTOLAN_FORWARD(Elifndef, Loc, ConditionRange, IfLoc);
}

void GuardedPPCallbacks::Else(SourceLocation Loc, SourceLocation IfLoc) {
  PORTOLAN_FORWARD(Else, Loc, IfLoc);
}

void GuardedPPCallbacks::Endif(SourceLocation Loc, SourceLocation IfLoc) {
  PORTOLAN_FORWARD(Endif, Loc, IfLoc);
}

#undef PORTOLAN_FORWARD

} // namespace portolan
