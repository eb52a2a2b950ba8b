//===- PlanMemo.h - the plan of an unchanged tree, kept between runs ------===//
//
// Planning and prefiltering a large tree reads every file's includes and
// lexes every file a unit reaches. Their answer depends only on the files'
// contents, the options and the builds of the host, the plugins and the
// knowledge base, so the store keeps it under a key of all of those, and
// a rescan of an unchanged tree does neither again.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_PLANMEMO_H
#define PORTOLAN_SCAN_PLANMEMO_H

#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/Discovery.h"
#include "portolan/scan/FileHashes.h"
#include "portolan/scan/Scan.h"

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>

namespace portolan {

/// The plan and the prefilter's answer, as the store keeps them between
/// runs (see planMemoKey).
struct FilteredPlan {
  CompilePlan Plan;
  size_t NoCandidates = 0, Covered = 0;
};

/// The plan as the store keeps it (JSON).
std::string planToText(const FilteredPlan &P);

/// Nothing when the text is not a plan this build wrote.
std::optional<FilteredPlan> planFromText(llvm::StringRef Text);

/// What the plan and the prefilter read: the salt (host, plugins and
/// knowledge base, whose names the prefilter looks for), the options, and
/// the path and content of every source and header and of the compilation
/// database. Equal keys mean an equal plan, so an unchanged tree is neither
/// planned nor lexed again. (System headers are not in the key: the plan
/// asks only whether an angled include names one, as reuse of a unit does
/// not look at them either.)
std::string planMemoKey(const ScanRequest &Request, const SourceTree &Tree,
                        const std::string &Salt, FileHashes &Hashes);

} // namespace portolan

#endif
