//===- portolan/scan/FileAnalysis.h - files that are not units --------------===//
#ifndef PORTOLAN_SCAN_FILEANALYSIS_H
#define PORTOLAN_SCAN_FILEANALYSIS_H

#include "portolan/base/Finding.h"
#include "portolan/scan/PluginHost.h"
#include "portolan/scan/ScanDriver.h"

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// Every interested file analyzer over the file Rel (relative to Root), or
/// nothing when no plugin's file analyzer wants it.
std::optional<TUResult> analyzeFile(llvm::StringRef Rel, llvm::StringRef Root,
                                    const PluginHost &Plugins,
                                    const std::vector<std::string> &TreeFiles);

/// analyzeFile over Files on a pool of Workers; the results of wanted files
/// are handed to OnFile one at a time.
/// With Settings.CacheSalt, each result gets a key (the salt and the list of
/// TreeFiles, which file analyzers see) and its file's hash; with
/// Settings.Reuse too, an unchanged file is not analyzed again. Settings'
/// Names and Target are not used.
void runFileScan(const std::vector<std::string> &Files, llvm::StringRef Root,
                 const PluginHost &Plugins, const std::vector<std::string> &TreeFiles,
                 const ScanSettings &Settings, const UnitCallback &OnFile);

} // namespace portolan

#endif
