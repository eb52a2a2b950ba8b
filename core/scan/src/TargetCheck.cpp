//===- TargetCheck.cpp - a second parse of a unit for the port's target ---===//
//
// The first parse says what ties a unit to x86; a second parse for the
// target (aarch64-linux-gnu, with Debian's arm64 cross headers) says what
// actually breaks there. Its errors are attached to the findings on the same
// line; an error on a line with no finding becomes a finding of its own
// (target.parse-error). No plugin runs in the second parse.
//
//===----------------------------------------------------------------------===//
#include "portolan/scan/TargetCheck.h"
#include "portolan/scan/UnitAnalysis.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>

#include <map>
#include <set>

namespace portolan {

namespace {

/// True for a driver flag that only an x86 target accepts: -msse4.2,
/// -mavx2, -march=haswell, -mtune=..., -m32, -mfpmath=sse.
bool isX86OnlyFlag(llvm::StringRef A) {
  static const char *const Prefixes[] = {"-msse", "-mssse", "-mavx", "-mfma", "-mbmi", "-mf16c",
                                         "-mpclmul", "-maes", "-mpopcnt", "-mlzcnt", "-msha",
                                         "-mcx16", "-mmovbe", "-mxsave", "-mrdrnd", "-mrdseed",
                                         "-mno-sse", "-mno-avx", "-march=", "-mtune=", "-mfpmath=",
                                         "-mstackrealign", "-mx32", "-mabm", "-mtbm", "-mxop",
                                         "-mgfni", "-mvaes", "-mvpclmulqdq", "-madx", "-mprfchw"};
  if (A == "-m32" || A == "-m64" || A == "-mmmx" || A == "-m3dnow")
    return true;
  for (const char *P : Prefixes)
    if (A.starts_with(P))
      return true;
  return false;
}

} // namespace

CompileJob jobForTarget(const CompileJob &Job, const TargetCheckOptions &Options) {
  CompileJob Out = Job;
  Out.Args.clear();
  for (size_t I = 0; I < Job.Args.size(); ++I) {
    llvm::StringRef A = Job.Args[I];
    if (A.starts_with("--target=") || A.starts_with("-target=") || isX86OnlyFlag(A) ||
        A == "-fms-extensions")
      continue;
    if ((A == "-target" || A == "--target" || A == "-arch") && I + 1 < Job.Args.size()) {
      ++I;
      continue;
    }
    Out.Args.push_back(Job.Args[I]);
  }
  // After argv[0], so that the file stays last.
  std::vector<std::string> Extra = {"--target=" + Options.Triple};
  if (!Options.Sysroot.empty())
    Extra.push_back("--sysroot=" + Options.Sysroot);
  Out.Args.insert(Out.Args.begin() + (Out.Args.empty() ? 0 : 1), Extra.begin(), Extra.end());
  return Out;
}

bool needsTargetCheck(const TUResult &U) {
  if (U.Plat != Platform::LinuxX86_64 || !U.Parsed)
    return false;
  for (const Finding &F : U.Findings)
    if (!F.Inactive && !F.Advisory && llvm::StringRef(F.Rule).starts_with("x86."))
      return true;
  return false;
}

void attachTargetErrors(TUResult &U, const std::vector<ParseError> &Errors,
                        llvm::StringRef Target) {
  std::map<std::pair<std::string, unsigned>, std::vector<Finding *>> ByLine;
  for (Finding &F : U.Findings) {
    if (F.Inactive)
      continue;
    F.TargetCheck = "no error on " + Target.str();
    ByLine[{F.File, F.Line}].push_back(&F);
  }
  // A fatal error (a missing header) ends the target parse: lines after it
  // are not checked. A header the host has for x86 but not for the target
  // (curl/curl.h without its arm64 -dev package) is a gap of this machine,
  // not of the port.
  std::string Stopped;
  bool MachineGap = false;
  for (const ParseError &E : Errors)
    if (E.Fatal) {
      Stopped = E.File + ":" + std::to_string(E.Line) + ": " + E.Message;
      llvm::StringRef Msg(E.Message);
      if (Msg.consume_front("'") && Msg.contains("' file not found")) {
        std::string Header = Msg.split('\'').first.str();
        MachineGap = llvm::sys::fs::exists("/usr/include/" + Header) ||
                     llvm::sys::fs::exists("/usr/include/x86_64-linux-gnu/" + Header);
      }
      break;
    }
  if (!Stopped.empty())
    for (Finding &F : U.Findings)
      if (!F.Inactive)
        F.TargetCheck = "not checked on " + Target.str() + ": the parse stopped at " + Stopped;
  std::vector<Finding> Extra;
  // Lines that failed in the x86 parse already (a missing header, kernel
  // code) say nothing about the target.
  std::set<std::pair<std::string, unsigned>> Seen;
  for (const ParseError &E : U.Errors)
    if (!E.ProjectFile.empty())
      Seen.insert({E.ProjectFile, E.ProjectLine});
  for (const ParseError &E : Errors) {
    // An error inside a system header counts at the project's #include of
    // it (immintrin.h's "only meant to be used on x86"), once per line.
    if (E.ProjectFile.empty() || !Seen.insert({E.ProjectFile, E.ProjectLine}).second)
      continue;
    if (E.Fatal && MachineGap)
      continue;
    auto It = ByLine.find({E.ProjectFile, E.ProjectLine});
    if (It != ByLine.end()) {
      for (Finding *F : It->second)
        if (!llvm::StringRef(F->TargetCheck).starts_with("fails"))
          F->TargetCheck = "fails on " + Target.str() + ": " + E.Message;
      continue;
    }
    Finding F;
    F.Rule = "target.parse-error";
    F.Symbol = Target.str();
    F.File = E.ProjectFile;
    F.Line = E.ProjectLine;
    F.Column = E.ProjectFile == E.File ? E.Column : 1;
    F.Analyzer = "target-check";
    F.Note = E.Message;
    F.TargetCheck = "fails on " + Target.str() + ": " + E.Message;
    Extra.push_back(std::move(F));
  }
  for (Finding &F : Extra) {
    bool Duplicate = llvm::any_of(U.Findings, [&](const Finding &G) { return G == F; });
    if (!Duplicate)
      U.Findings.push_back(std::move(F));
  }
  std::sort(U.Findings.begin(), U.Findings.end());
}

void checkOnTarget(TUResult &U, const CompileJob &Job, llvm::StringRef Root,
                   const TargetCheckOptions &Options) {
  static const PluginHost NoPlugins;
  TUResult Second = analyzeUnit(jobForTarget(Job, Options), Root, NoPlugins);
  U.TargetSeconds = Second.ParseSeconds;
  attachTargetErrors(U, Second.Errors, Options.Name);
}

} // namespace portolan
