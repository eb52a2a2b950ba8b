//===- InactiveScan.h - findings in code the parse skipped ----------------===//
//
// A parse for x86-64 Linux skips the #ifdef __AVX2__ paths a build without
// -mavx2 leaves out, the #ifdef _WIN32 blocks, and the #else branches that
// #error on other architectures. Those ranges are lexed raw (no
// preprocessing) and their identifiers matched against the knowledge base.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_INACTIVESCAN_H
#define PORTOLAN_SCAN_INACTIVESCAN_H

#include "Conditionals.h"

#include "portolan/kb/LexicalNames.h"

#include <functional>

namespace portolan {

struct InactiveHit {
  std::string Rule;
  std::string Symbol;
  clang::SourceLocation Loc;
  std::string Note;
};

/// Hits in the skipped ranges of project files. A name inside a branch
/// that asserts another platform (the __aarch64__ side of a chain, which
/// may define _mm_* emulations) is not a hit.
std::vector<InactiveHit> scanSkippedRanges(const ConditionalTracker &Tracker,
                                           const clang::SourceManager &SM,
                                           const clang::LangOptions &LangOpts,
                                           const LexicalNames &Names,
                                           const std::function<bool(clang::FileID)> &IsProject);

} // namespace portolan

#endif
