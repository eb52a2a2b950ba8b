//===- portolan/report/Fixes.h - mechanical rewrites as replacements -------===//
//
// Some findings have a rewrite that means exactly the same on GCC and Clang
// for every target (__popcnt -> __builtin_popcount): the knowledge base's
// [[fix]] entries. --export-fixes writes them as clang-tidy does, in the
// YAML clang-apply-replacements reads, so that a developer reviews and
// applies them with the tool they know. docs/fixes.md.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_FIXES_H
#define PORTOLAN_REPORT_FIXES_H

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace portolan {

/// A knowledge-base [[fix]] entry: the symbol's spelling is replaced.
struct MechanicalFix {
  std::string Symbol, Rule, Replacement, Note;
  /// In C (and headers that may be C), only on a line that says static.
  bool StaticInC = false;
};

/// The knowledge base's fixes.
std::vector<MechanicalFix> mechanicalFixes(const KnowledgeBase &KB);

struct FixExport {
  size_t Written = 0; ///< Replacements written.
  size_t Files = 0;   ///< Files they change.
  /// Findings a fix names that were left alone: guarded (another branch or
  /// a platform test already decides where the code builds), in skipped
  /// code, or not spelled at their position (a macro expands to them).
  size_t Guarded = 0, NotSpelled = 0;
  /// Not static in C, where the rewrite would change the linkage.
  size_t NotStatic = 0;
};

/// Writes, for each active and unguarded finding of R that a fix names, a
/// replacement of its spelling, as one clang-apply-replacements YAML
/// document. File paths are absolute (the run's root joined with each
/// finding's file).
FixExport writeFixes(const RunReport &R, const std::vector<MechanicalFix> &Fixes,
                     llvm::raw_ostream &OS);

} // namespace portolan

#endif
