//===- MergeCommand.cpp - portolan merge ----------------------------------===//
//
// Puts the results files of `scan --shard I/N` (or of `plan --shard I/N`)
// into one: each tree's shards become the run one process would have
// written, and what the knowledge base says of its symbols is recorded
// again from the merged findings.
//
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "Plugins.h"

#include "portolan/scan/Scan.h"

#include <llvm/Support/FileSystem.h>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

cl::list<std::string> Inputs(cl::Positional, cl::desc("<results files>"), cl::OneOrMore,
                             cl::sub(mergeCommand()), cl::cat(category()));
cl::opt<std::string> DbPath("db",
                            cl::desc("The results file to merge into (created when missing; "
                                     "its own runs are kept)"),
                            cl::value_desc("path"), cl::Required, cl::sub(mergeCommand()),
                            cl::cat(category()));

} // namespace

int runMerge(const char *Argv0) {
  PluginHost Host;
  loadPlugins(Host, Argv0);
  auto KB = openKnowledgeBase(Argv0, Host);
  if (!KB)
    return fail(llvm::toString(KB.takeError()) +
                    "; the merged runs need it for their symbols' equivalents",
                ExitInput);
  // The file merged into is no input (not even through a link): it is
  // opened, and may be upgraded, only after that is known.
  std::vector<std::string> Files(Inputs.begin(), Inputs.end());
  for (const std::string &In : Files) {
    bool Same = false;
    if (!llvm::sys::fs::equivalent(In, DbPath, Same) && Same)
      return fail(In + ": is the results file merged into; give another --db; nothing merged",
                  ExitInput);
  }
  const bool Existed = llvm::sys::fs::exists(DbPath);
  auto Store = ResultsStore::open(DbPath);
  if (!Store)
    return fail(llvm::toString(Store.takeError()), ExitInput);
  if (!(*Store)->recovered().empty())
    warn((*Store)->recovered());
  std::vector<std::string> Empty;
  llvm::Expected<std::vector<MergedRun>> Merged = (*Store)->mergeFrom(
      Files, (*KB)->version(),
      [&](int64_t Run) { return recordKnowledge(**Store, Run, **KB); }, &Empty);
  for (const std::string &E : Empty)
    warn(E + ": holds no complete run; nothing taken from it");
  if (!Merged) {
    std::string Why = llvm::toString(Merged.takeError());
    // A file this merge created holds nothing of use: it goes.
    if (!Existed) {
      Store->reset();
      for (const char *Suffix : {"", "-wal", "-shm"})
        llvm::sys::fs::remove(DbPath + Suffix);
    }
    return fail(Why + "; nothing merged", ExitInput);
  }
  for (const MergedRun &M : *Merged) {
    llvm::outs() << M.Root << ": "
                 << (M.Shards ? std::to_string(M.Shards) + (M.Shards == 1 ? " shard" : " shards") +
                                    " merged"
                              : std::string("copied"))
                 << " into run " << M.Run << " of " << DbPath << ": " << M.Units << " units, "
                 << M.Findings << " findings";
    if (M.Shards)
      llvm::outs() << " (headers and sources run as candidates: " << M.CandidatesKept
                   << " kept, " << M.CandidatesDropped << " read by units of other shards)";
    llvm::outs() << "\n";
  }
  return ExitOk;
}

} // namespace portolan::cli
