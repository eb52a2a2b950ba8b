//===- Cli.h - what the portolan commands share ---------------------------===//
#ifndef PORTOLAN_TOOLS_CLI_H
#define PORTOLAN_TOOLS_CLI_H

#include "portolan/scan/ScanDriver.h"

#include <llvm/ADT/Twine.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <functional>
#include <string>

namespace portolan::cli {

/// Exit codes, as documented in --help and the README.
enum ExitCode {
  ExitOk = 0,         ///< The command did its work (findings do not change this).
  ExitUsage = 1,      ///< The command line was wrong.
  ExitInput = 2,      ///< An input or output could not be used.
  ExitNoAnalyzer = 3, ///< No analyzer plugin could be loaded.
  ExitNotFound = 4,   ///< kb show: the symbol is not in the knowledge base.
  ExitGate = 5,       ///< scan --fail-on: the findings fail the gate.
};

enum class Format { Text, Json };

/// Parses an option of named values, as cl::parser does, but a wrong value
/// is told with the values it may take ("--format xml: expected text or
/// json"), not only "Cannot find option named 'xml'!".
template <typename T> class NamedValueParser : public llvm::cl::parser<T> {
public:
  using llvm::cl::parser<T>::parser;
  bool parse(llvm::cl::Option &O, llvm::StringRef ArgName, llvm::StringRef Arg, T &Value) {
    std::string Names;
    for (size_t I = 0, E = this->getNumOptions(); I < E; ++I) {
      llvm::StringRef Name = this->getOption(unsigned(I));
      if (Name == Arg) {
        Value = this->Values[I].V.getValue();
        return false;
      }
      Names += (I == 0 ? "" : I + 1 == E ? " or " : ", ") + Name.str();
    }
    return O.error("'" + Arg + "': expected " + Names, ArgName);
  }
};

/// The most workers -j may ask for; more is a wrong command line (a pool
/// of 2^31 threads starts none and waits for ever).
constexpr unsigned MaxJobs = 1024;

// Subcommands and the options several of them share. They are function-
// local statics so that options in other files can name them safely during
// static initialisation.
llvm::cl::OptionCategory &category();
llvm::cl::SubCommand &scanCommand();
llvm::cl::SubCommand &pluginsCommand();
llvm::cl::SubCommand &kbCommand();
llvm::cl::SubCommand &planCommand();
llvm::cl::SubCommand &mergeCommand();
llvm::cl::SubCommand &reportCommand();
Format format();
/// --unit-timeout, --unit-memory and --in-process.
UnitLimits unitLimits();
const std::string &outputPath();
/// --shard I/N of scan and plan: the whole work when not given.
llvm::Expected<Shard> shard();
/// The knowledge base to use: --kb, else the default next to the executable.
std::string kbPath(const char *Argv0);
const std::vector<std::string> &pluginDirs();

/// One-line messages on stderr.
void warn(const llvm::Twine &Message);
int fail(const llvm::Twine &Message, int Code);
/// A progress line on stderr ("[3/40] src/a.c"), rewritten as each unit
/// finishes, when stderr is a terminal; else nothing.
std::function<void(size_t Done, size_t Total, const std::string &File)> progressLine();
/// Clears the line progressLine draws (whether or not it drew one) when
/// stderr is a terminal.
void endProgressLine();
/// The rules document the program ships (share/doc/portolan/rules.md
/// beside bin/) as a file: URI, or empty when it is not there.
std::string rulesDocUri(const char *Argv0);
/// Writes through Write to -o, or to stdout without -o.
int emit(const std::function<void(llvm::raw_ostream &)> &Write);
/// Writes through Write to Path ("-" for stdout); ExitInput after one line
/// when it cannot.
int writeOutput(const std::string &Path, const std::function<void(llvm::raw_ostream &)> &Write);

int runScan(const char *Argv0);
int runPlugins(const char *Argv0);
int runKb(const char *Argv0);
int runPlan(const char *Argv0);
int runMerge(const char *Argv0);

} // namespace portolan::cli

#endif
