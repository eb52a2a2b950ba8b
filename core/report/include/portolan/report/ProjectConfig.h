//===- portolan/report/ProjectConfig.h - portolan.toml and suppressions ---===//
//
// A project says once how it wants to be scanned: what to leave out, the
// macros its build defines, its platform and targets, how severe each rule
// is, and which findings it accepts, with a reason. The file sits at the
// scanned root (portolan.toml) or is given with --config. A scanned tree is
// untrusted: nothing in it can name a plugin, a knowledge base or anything
// else that runs or is loaded. docs/configuration.md is the reference.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_PROJECTCONFIG_H
#define PORTOLAN_REPORT_PROJECTCONFIG_H

#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// The file name looked for at the scanned root.
inline constexpr const char *ProjectConfigName = "portolan.toml";

struct ConfigSuppression {
  std::string Rule = "*";   ///< A glob over rule ids ("msvc.*").
  std::string Path = "*";   ///< A glob over paths relative to the root.
  std::string Symbol = "*"; ///< A glob over symbols.
  std::string Reason;
  std::string Origin; ///< "portolan.toml:12:1".
};

struct ProjectConfig {
  std::string Path;
  std::vector<std::string> Excludes, Defines;
  std::optional<std::string> Platform; ///< "auto", "linux" or "windows".
  std::vector<std::string> Targets;    ///< Empty: every target.
  /// Rule glob -> "off", "note", "warning" or "error", in file order.
  std::vector<std::pair<std::string, std::string>> Rules;
  std::vector<ConfigSuppression> Suppressions;
};

/// Reads a configuration file. Any key it does not know is an error naming
/// the file, line and column; so is one that would name code or data to
/// load (plugins, a knowledge base).
llvm::Expected<ProjectConfig> loadProjectConfig(llvm::StringRef Path);

/// Applies Config to a run read from the store: findings of rules turned
/// off, those a [[suppress]] entry matches, and those an in-code comment
/// `portolan: ignore <rule> <reason>` on their line or the line above
/// accepts move to R.Suppressed; equivalents keep only Config's targets
/// (and portable ones). Problems (a comment without a reason) are told
/// through Warn, once each.
void applyProjectConfig(RunReport &R, const ProjectConfig &Config,
                        const std::function<void(const std::string &)> &Warn);

/// The configured severity of Rule ("note", "warning", "error"), if any.
std::optional<std::string> configuredSeverity(const RunReport &R, llvm::StringRef Rule);

} // namespace portolan

#endif
