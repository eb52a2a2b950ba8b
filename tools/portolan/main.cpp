//===- main.cpp - the portolan command line -------------------------------===//
//
// Thin: parses the command line and hands over to the command. The commands
// live beside this file; everything they build on lives in core/.
//
//===----------------------------------------------------------------------===//
#include "Cli.h"

#include "portolan/sdk/Analyzer.h"

#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/InitLLVM.h>

namespace cl = llvm::cl;
using namespace portolan::cli;

namespace {

const char *const Overview = R"(Portolan: what ties C/C++ code to x86 and Windows.

  portolan scan DIR [options]      scan a source tree and report its findings
  portolan plugins [options]       list the analyzer plugins and why any was refused
  portolan plan INVENTORY [options]
                                   scan every system of an inventory.toml and plan the
                                   migration: tiers, targets, person-days, waves
  portolan report DIR --db FILE    report the latest stored run of DIR, without scanning
  portolan merge A.db B.db ... --db ALL.db
                                   merge results files (the shards of scan or plan
                                   --shard I/N) into one
  portolan kb show SYMBOL [--target T] | search PATTERN | stats
                                   query the knowledge base

Each command takes --help. Exit codes: 0 the command did its work (findings
do not change it); 1 wrong command line; 2 an input or output could not be
used (missing folder, unusable results or knowledge-base file, unwritable
output); 3 no analyzer plugin could be loaded; 4 kb show found no such symbol;
5 scan --fail-on: the findings fail the gate.
)";

void printVersion(llvm::raw_ostream &OS) {
  OS << "portolan " << PORTOLAN_VERSION << " (LLVM " << LLVM_VERSION_STRING << ", plugin ABI "
     << portolan::sdk::PluginAbiVersion << ")\n";
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  llvm::CrashRecoveryContext::Enable();
  cl::HideUnrelatedOptions(category());
  cl::SetVersionPrinter(printVersion);
  // Touch the subcommands so that they are registered before parsing.
  cl::SubCommand *Commands[] = {&scanCommand(), &pluginsCommand(), &kbCommand(),
                                &planCommand(), &mergeCommand(),
                                &reportCommand()};
  (void)Commands;
  if (!cl::ParseCommandLineOptions(Argc, Argv, Overview, &llvm::errs()))
    return ExitUsage;
  if (scanCommand() || reportCommand())
    return runScan(Argv[0]);
  if (pluginsCommand())
    return runPlugins(Argv[0]);
  if (kbCommand())
    return runKb(Argv[0]);
  if (planCommand())
    return runPlan(Argv[0]);
  if (mergeCommand())
    return runMerge(Argv[0]);
  llvm::errs() << Overview;
  return ExitUsage;
}
