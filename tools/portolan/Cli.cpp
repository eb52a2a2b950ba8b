//===- Cli.cpp ------------------------------------------------------------===//
#include "Cli.h"

#include "portolan/base/Printable.h"
#include "portolan/kb/KnowledgeBase.h"
#include "portolan/report/Sarif.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/WithColor.h>

namespace portolan::cli {
namespace cl = llvm::cl;

cl::OptionCategory &category() {
  static cl::OptionCategory C("Portolan options");
  return C;
}
cl::SubCommand &scanCommand() {
  static cl::SubCommand C("scan", "Scan a source tree for x86 and Windows ties");
  return C;
}
cl::SubCommand &pluginsCommand() {
  static cl::SubCommand C("plugins", "List analyzer plugins, loaded and refused");
  return C;
}
cl::SubCommand &kbCommand() {
  static cl::SubCommand C("kb", "Query the knowledge base: show SYMBOL, search PATTERN, stats");
  return C;
}

cl::SubCommand &planCommand() {
  static cl::SubCommand C("plan", "Scan the systems of an inventory and plan their migration");
  return C;
}

cl::SubCommand &reportCommand() {
  static cl::SubCommand C("report", "Report the latest complete run of a tree stored in a "
                                    "results file, without scanning");
  return C;
}

cl::SubCommand &mergeCommand() {
  static cl::SubCommand C("merge", "Merge results files (the shards of scan or plan --shard) "
                                   "into one");
  return C;
}

namespace {
cl::opt<std::string> ShardOpt(
    "shard",
    cl::desc("Do only the I-th (from 0) of N disjoint parts of the work, the same split in "
             "every process: for scan, units and files; for plan, systems. Each part writes "
             "its own results file; portolan merge puts them together"),
    cl::value_desc("I/N"), cl::sub(scanCommand()), cl::sub(planCommand()), cl::cat(category()));
cl::opt<Format, false, NamedValueParser<Format>> FormatOpt("format", cl::desc("Report format"),
                          cl::values(clEnumValN(Format::Text, "text", "readable summary"),
                                     clEnumValN(Format::Json, "json", "structured JSON")),
                          cl::init(Format::Text), cl::sub(pluginsCommand()), cl::sub(kbCommand()), cl::cat(category()));
cl::opt<std::string> OutputOpt("o", cl::desc("Write the report here (default stdout)"),
                               cl::value_desc("file"), cl::sub(scanCommand()),
                               cl::sub(pluginsCommand()), cl::sub(kbCommand()),
                               cl::sub(planCommand()), cl::sub(reportCommand()),
                               cl::cat(category()));
cl::alias OutputLong("output", cl::desc("Alias for -o"), cl::aliasopt(OutputOpt),
                     cl::cat(category()));
cl::opt<std::string> KbOpt("kb", cl::desc("Knowledge base file (default: share/portolan/"
                                          "kb.sqlite next to the executable, or $PORTOLAN_KB)"),
                           cl::value_desc("file"), cl::sub(scanCommand()),
                           cl::sub(kbCommand()), cl::sub(planCommand()),
                           cl::sub(mergeCommand()), cl::sub(reportCommand()),
                           cl::cat(category()));
cl::list<std::string> PluginDirsOpt(
    "plugin-dir",
    cl::desc("Also load plugins from this folder (repeatable; PORTOLAN_PLUGIN_PATH adds more). "
             "Trusted code: a library with the plugin descriptor runs in this process"),
    cl::value_desc("dir"), cl::sub(scanCommand()), cl::sub(pluginsCommand()),
    cl::sub(kbCommand()), cl::sub(planCommand()), cl::sub(mergeCommand()),
    cl::sub(reportCommand()), cl::cat(category()));
cl::opt<unsigned> UnitTimeoutOpt(
    "unit-timeout",
    cl::desc("Stop a unit's parse after this many seconds and record it as the unit's error "
             "(0: no limit)"),
    cl::value_desc("seconds"), cl::init(DefaultUnitSeconds), cl::sub(scanCommand()),
    cl::sub(planCommand()), cl::cat(category()));
cl::opt<unsigned> UnitMemoryOpt(
    "unit-memory",
    cl::desc("Stop a unit's parse when its worker needs more memory than this, in MB, and "
             "record it as the unit's error (0: no limit)"),
    cl::value_desc("MB"), cl::init(DefaultUnitMemoryMB), cl::sub(scanCommand()),
    cl::sub(planCommand()), cl::cat(category()));
cl::opt<bool> InProcessOpt(
    "in-process",
    cl::desc("Parse in threads of this process instead of worker processes: a crash in one "
             "unit ends the scan, and --unit-timeout and --unit-memory do not apply (for "
             "debuggers and sanitizers)"),
    cl::sub(scanCommand()), cl::sub(planCommand()), cl::cat(category()));
} // namespace

Format format() { return FormatOpt; }

UnitLimits unitLimits() {
  UnitLimits Limits;
  Limits.Isolate = !InProcessOpt;
  Limits.Seconds = UnitTimeoutOpt;
  Limits.MemoryMB = UnitMemoryOpt;
  return Limits;
}
const std::string &outputPath() { return OutputOpt; }
llvm::Expected<Shard> shard() {
  if (ShardOpt.empty())
    return Shard{};
  return parseShard(ShardOpt);
}
const std::vector<std::string> &pluginDirs() { return PluginDirsOpt; }

std::string kbPath(const char *Argv0) {
  static int Anchor;
  return KbOpt.empty() ? KnowledgeBase::defaultPath(Argv0, &Anchor) : KbOpt.getValue();
}

std::string rulesDocUri(const char *Argv0) {
  static int Anchor;
  llvm::SmallString<256> Doc(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(llvm::sys::fs::getMainExecutable(Argv0, &Anchor))));
  llvm::sys::path::append(Doc, "share", "doc", "portolan", "rules.md");
  return llvm::sys::fs::exists(Doc) ? fileUri(Doc) : "";
}

void warn(const llvm::Twine &Message) {
  llvm::WithColor::warning(llvm::errs(), "portolan") << printable(Message.str()) << "\n";
}

int fail(const llvm::Twine &Message, int Code) {
  llvm::WithColor::error(llvm::errs(), "portolan") << printable(Message.str()) << "\n";
  return Code;
}

std::function<void(size_t, size_t, const std::string &)> progressLine() {
  if (!llvm::sys::Process::StandardErrIsDisplayed())
    return nullptr;
  return [](size_t Done, size_t Total, const std::string &File) {
    llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << printable(File);
  };
}

void endProgressLine() {
  if (llvm::sys::Process::StandardErrIsDisplayed())
    llvm::errs() << "\r\x1b[K";
}

int emit(const std::function<void(llvm::raw_ostream &)> &Write) {
  return writeOutput(OutputOpt.empty() ? "-" : OutputOpt.getValue(), Write);
}

int writeOutput(const std::string &Path, const std::function<void(llvm::raw_ostream &)> &Write) {
  // An error the stream keeps would end the process with "LLVM ERROR: IO
  // failure" (exit 1) when it goes: take it, and say it in one line.
  auto Failed = [&](llvm::raw_fd_ostream &OS, llvm::StringRef Name) {
    OS.flush();
    if (!OS.has_error())
      return false;
    std::error_code EC = OS.error();
    OS.clear_error();
    fail(Name + ": cannot write: " + EC.message(), ExitInput);
    return true;
  };
  if (Path == "-") {
    Write(llvm::outs());
    return Failed(llvm::outs(), "standard output") ? int(ExitInput) : int(ExitOk);
  }
  // A device or a pipe (/dev/stdout, /dev/full) is written as it is.
  llvm::sys::fs::file_status Status;
  bool Special = !llvm::sys::fs::status(Path, Status) &&
                 Status.type() != llvm::sys::fs::file_type::regular_file;
  if (Special) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
    if (EC)
      return fail(Path + ": cannot write: " + EC.message(), ExitInput);
    Write(OS);
    return Failed(OS, Path) ? int(ExitInput) : int(ExitOk);
  }
  // A file is written beside itself and renamed over the old one only when
  // whole: a full disk leaves the previous report as it was.
  llvm::SmallString<256> Temp;
  int FD = -1;
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  std::string Model = (Dir.empty() ? std::string(".") : Dir.str()) + "/." +
                      llvm::sys::path::filename(Path).str() + "-%%%%%%.tmp";
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp))
    return fail(Path + ": cannot write: " + EC.message(), ExitInput);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close(); // Flushes: a write error, or close's own, is kept for Failed.
    if (Failed(OS, Path)) {
      llvm::sys::fs::remove(Temp);
      return ExitInput;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return fail(Path + ": cannot write: " + EC.message(), ExitInput);
  }
  return ExitOk;
}

} // namespace portolan::cli
