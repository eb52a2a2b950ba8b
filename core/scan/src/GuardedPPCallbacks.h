//===- GuardedPPCallbacks.h - an exception wall around a plugin's hooks ---===//
//
// Clang is built without exceptions, so an exception must never travel
// through the preprocessor. Each plugin's callbacks are wrapped in this
// forwarder, which catches whatever the plugin throws, records it, and
// stops delivering events to that plugin for the rest of the unit.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_GUARDEDPPCALLBACKS_H
#define PORTOLAN_SCAN_GUARDEDPPCALLBACKS_H

#include <clang/Lex/PPCallbacks.h>

#include <functional>
#include <memory>
#include <string>

namespace portolan {

/// The state of one plugin within one unit: whether it has failed already,
/// and how to record a failure.
struct PluginGuard {
  bool Failed = false;
  std::function<void(const std::string &)> OnFailure;

  /// Runs F unless the plugin failed before; records and latches a throw.
  template <typename Fn> void run(const char *Hook, Fn &&F) {
    if (Failed)
      return;
    try {
      F();
    } catch (const std::exception &E) {
      fail(std::string(Hook) + " threw: " + E.what());
    } catch (...) {
      fail(std::string(Hook) + " threw a non-standard exception");
    }
  }

private:
  void fail(const std::string &Message) {
    Failed = true;
    if (OnFailure)
      OnFailure(Message);
  }
};

/// Forwards the documented subset of preprocessor events to a plugin.
class GuardedPPCallbacks final : public clang::PPCallbacks {
public:
  GuardedPPCallbacks(std::unique_ptr<clang::PPCallbacks> Inner, PluginGuard &Guard)
      : Inner(std::move(Inner)), Guard(Guard) {}

  void FileChanged(clang::SourceLocation Loc, FileChangeReason Reason,
                   clang::SrcMgr::CharacteristicKind FileType,
                   clang::FileID PrevFID) override;
  void InclusionDirective(clang::SourceLocation HashLoc,
                          const clang::Token &IncludeTok, llvm::StringRef FileName,
                          bool IsAngled, clang::CharSourceRange FilenameRange,
                          clang::OptionalFileEntryRef File,
                          llvm::StringRef SearchPath, llvm::StringRef RelativePath,
                          const clang::Module *SuggestedModule, bool ModuleImported,
                          clang::SrcMgr::CharacteristicKind FileType) override;
  void EndOfMainFile() override;
  void PragmaDirective(clang::SourceLocation Loc,
                       clang::PragmaIntroducerKind Introducer) override;
  void PragmaComment(clang::SourceLocation Loc, const clang::IdentifierInfo *Kind,
                     llvm::StringRef Str) override;
  void MacroExpands(const clang::Token &MacroNameTok,
                    const clang::MacroDefinition &MD, clang::SourceRange Range,
                    const clang::MacroArgs *Args) override;
  void MacroDefined(const clang::Token &MacroNameTok,
                    const clang::MacroDirective *MD) override;
  void MacroUndefined(const clang::Token &MacroNameTok,
                      const clang::MacroDefinition &MD,
                      const clang::MacroDirective *Undef) override;
  void Defined(const clang::Token &MacroNameTok, const clang::MacroDefinition &MD,
               clang::SourceRange Range) override;
  void SourceRangeSkipped(clang::SourceRange Range,
                          clang::SourceLocation EndifLoc) override;
  void If(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
          ConditionValueKind ConditionValue) override;
  void Elif(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
            ConditionValueKind ConditionValue, clang::SourceLocation IfLoc) override;
  void Ifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
             const clang::MacroDefinition &MD) override;
  void Ifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
              const clang::MacroDefinition &MD) override;
  void Elifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
               const clang::MacroDefinition &MD) override;
  void Elifdef(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
               clang::SourceLocation IfLoc) override;
  void Elifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
                const clang::MacroDefinition &MD) override;
  void Elifndef(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
                clang::SourceLocation IfLoc) override;
  void Else(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void Endif(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;

private:
  std::unique_ptr<clang::PPCallbacks> Inner;
  PluginGuard &Guard;
};

} // namespace portolan

#endif
