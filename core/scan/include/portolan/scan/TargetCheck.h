//===- portolan/scan/TargetCheck.h - a second parse for the target ----------===//
#ifndef PORTOLAN_SCAN_TARGETCHECK_H
#define PORTOLAN_SCAN_TARGETCHECK_H

#include "portolan/base/Finding.h"
#include "portolan/scan/CompilePlan.h"

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan {

/// A second parse of units for the port's target (--verify-target).
struct TargetCheckOptions {
  std::string Name;    ///< "aarch64", as findings and reports name it.
  std::string Triple;  ///< "aarch64-linux-gnu".
  std::string Sysroot; ///< Empty for the compiler's default search.
};

/// Job as a parse for the target: its triple, its sysroot, and no flag
/// only an x86 target accepts (-mavx2, -march=haswell, -m32).
CompileJob jobForTarget(const CompileJob &Job, const TargetCheckOptions &Options);

/// Whether U has an active x86 finding, so that a target parse tells
/// something: Linux units only (a Windows unit fails on Linux anyway).
bool needsTargetCheck(const TUResult &U);

/// Gives U's active findings the outcome of the target parse: the first
/// error on their line, or none; errors on lines without a finding become
/// target.parse-error findings. An error inside a system header counts at
/// the project line that includes it; lines that failed in U's own parse
/// are left out.
void attachTargetErrors(TUResult &U, const std::vector<ParseError> &Errors,
                        llvm::StringRef Target);

/// Parses Job for the target and attaches the outcome to U.
void checkOnTarget(TUResult &U, const CompileJob &Job, llvm::StringRef Root,
                   const TargetCheckOptions &Options);

} // namespace portolan

#endif
