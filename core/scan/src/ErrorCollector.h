//===- ErrorCollector.h - a unit's diagnostics as data --------------------===//
#ifndef PORTOLAN_SCAN_ERRORCOLLECTOR_H
#define PORTOLAN_SCAN_ERRORCOLLECTOR_H

#include "portolan/base/Finding.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/StringRef.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace portolan {

/// Keeps the unit's errors as data instead of printing them.
class ErrorCollector final : public clang::DiagnosticConsumer {
public:
  ErrorCollector(TUResult &Out, llvm::StringRef Root) : Out(Out), Root(Root) {}
  /// Called with the name and place of each identifier the parse could not
  /// resolve (a call to an undeclared function, an unknown type name).
  std::function<void(llvm::StringRef, clang::SourceLocation)> OnUndeclared;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

private:
  /// The identifier a diagnostic says is undeclared, if it is one of those.
  static std::optional<std::string> undeclaredName(const clang::Diagnostic &Info);

  TUResult &Out;
  std::string Root;
  std::set<std::pair<std::string, unsigned>> SystemErrorLines;
};

} // namespace portolan

#endif
