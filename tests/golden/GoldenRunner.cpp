//===- GoldenRunner.cpp - checks one golden source against its findings ---===//
//
// Usage: portolan_golden ROOT FILE PLUGIN_DIR KB_FILE
//
// Parses FILE (under ROOT) as `portolan scan ROOT` would, with the plugins in
// PLUGIN_DIR, and compares the findings with the expectations written in FILE
// and in the project headers it includes:
//
//   // EXPECT: <rule> <symbol> @+N[:COL] [guard=G] [inactive] [advisory]
//        (a symbol with spaces in single quotes: 'long double')
//   // EXPECT: <rule> <symbol> @LINE[:COL] ...  at an absolute line
//        N lines below this comment; the finding's guard context is G
//        (none when not given), and it is in skipped code or advisory
//        exactly when those words are given
//   // EXPECT-PARSE-ERRORS                    the unit may have errors
//   // EXPECT-IGNORE: <rule>                  findings of <rule> are not checked
//        (a file about API calls need not list every DWORD it declares)
//   // EXPECT-KB: <symbol> <target> <route> <cost>
//        the knowledge base enriches a finding of <symbol> with that
//        equivalent (target aarch64, loongarch64, sw_64 or portable)
//
// Every expectation must be met once and every finding must be expected.
//===----------------------------------------------------------------------===//
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/Discovery.h"
#include "portolan/scan/PluginHost.h"
#include "portolan/scan/UnitAnalysis.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include "portolan/kb/KnowledgeBase.h"

#include <array>
#include <optional>
#include <map>
#include <set>
#include <tuple>

using namespace portolan;

namespace {

/// rule, symbol, file, line, column, attributes ("guard=G[ inactive][ advisory]").
using Key = std::tuple<std::string, std::string, std::string, unsigned, unsigned, std::string>;

std::string attributes(const std::string &Guard, bool Inactive, bool Advisory) {
  return "guard=" + Guard + (Inactive ? " inactive" : "") + (Advisory ? " advisory" : "");
}

struct Expectations {
  std::multiset<Key> Expected; ///< Column 0 = any column.
  bool AllowErrors = false;
  std::vector<std::array<std::string, 4>> Kb; ///< symbol, target, route, cost
  std::vector<std::string> KbOrigins;
  std::vector<std::string> Malformed;
  std::set<std::string> IgnoredRules;
};

void readExpectations(const std::string &Root, const std::string &Rel,
                      Expectations &E, std::set<std::string> &Seen) {
  if (!Seen.insert(Rel).second)
    return;
  auto Buf = llvm::MemoryBuffer::getFile(Root + "/" + Rel);
  if (!Buf)
    return;
  llvm::StringRef Text = (*Buf)->getBuffer();
  unsigned LineNo = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    ++LineNo;
    if (Line.contains("EXPECT-PARSE-ERRORS"))
      E.AllowErrors = true;
    if (size_t IgnoreAt = Line.find("// EXPECT-IGNORE: "); IgnoreAt != llvm::StringRef::npos) {
      E.IgnoredRules.insert(Line.substr(IgnoreAt + 18).trim().str());
      continue;
    }
    if (size_t KbAt = Line.find("// EXPECT-KB: "); KbAt != llvm::StringRef::npos) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Line.substr(KbAt + 14).trim().split(Parts, ' ', -1, false);
      if (Parts.size() != 4) {
        E.Malformed.push_back(Rel + ":" + std::to_string(LineNo) + ": " + Line.trim().str());
        continue;
      }
      E.Kb.push_back({Parts[0].str(), Parts[1].str(), Parts[2].str(), Parts[3].str()});
      E.KbOrigins.push_back(Rel + ":" + std::to_string(LineNo));
      continue;
    }
    size_t At = Line.find("// EXPECT: ");
    if (At == llvm::StringRef::npos)
      continue;
    // Words split at spaces; a symbol with spaces is written in single
    // quotes ('long double').
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    for (llvm::StringRef Rest = Line.substr(At + 11).trim(); !Rest.empty(); Rest = Rest.ltrim()) {
      if (Rest.consume_front("'")) {
        auto [Quoted, After] = Rest.split('\'');
        Parts.push_back(Quoted);
        Rest = After;
        continue;
      }
      auto [Word, After] = Rest.split(' ');
      Parts.push_back(Word);
      Rest = After;
    }
    unsigned Target = 0, Col = 0;
    bool Ok = Parts.size() >= 3 && Parts[2].consume_front("@");
    std::string Guard = "none";
    bool Inactive = false, Advisory = false;
    for (size_t I = 3; Ok && I < Parts.size(); ++I) {
      llvm::StringRef P = Parts[I];
      if (P.consume_front("guard="))
        Guard = P.str();
      else if (P == "inactive")
        Inactive = true;
      else if (P == "advisory")
        Advisory = true;
      else
        Ok = false;
    }
    if (Ok) {
      auto [Where, ColText] = Parts[2].split(':');
      int Offset = 0;
      if (Where.starts_with("+") || Where.starts_with("-")) {
        Ok = !Where.drop_front().getAsInteger(10, Offset);
        Offset = Where.starts_with("-") ? -Offset : Offset;
        Target = LineNo + Offset;
      } else {
        Ok = !Where.getAsInteger(10, Target);
      }
      if (!ColText.empty())
        Ok = Ok && !ColText.getAsInteger(10, Col);
    }
    if (!Ok) {
      E.Malformed.push_back(Rel + ":" + std::to_string(LineNo) + ": " + Line.trim().str());
      continue;
    }
    E.Expected.insert({Parts[0].str(), Parts[1].str(), Rel, Target, Col,
                       attributes(Guard, Inactive, Advisory)});
  }
  // Quoted includes are project headers whose expectations count too.
  for (const std::string &Inc : scanIncludes((*Buf)->getBuffer())) {
    llvm::SmallString<128> Candidate(llvm::sys::path::parent_path(Rel));
    llvm::sys::path::append(Candidate, Inc);
    llvm::sys::path::remove_dots(Candidate, true);
    if (llvm::sys::fs::exists(Root + "/" + std::string(Candidate)))
      readExpectations(Root, std::string(Candidate), E, Seen);
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 5) {
    llvm::errs() << "usage: portolan_golden ROOT FILE PLUGIN_DIR KB_FILE\n";
    return 2;
  }
  llvm::SmallString<256> Root, File;
  if (llvm::sys::fs::real_path(Argv[1], Root) || llvm::sys::fs::real_path(Argv[2], File)) {
    llvm::errs() << "cannot resolve " << Argv[1] << " or " << Argv[2] << "\n";
    return 2;
  }
  std::string Rel = File.substr(Root.size() + 1).str();

  PluginHost Host;
  Host.loadDirectory(Argv[3]);
  for (const RefusedPlugin &P : Host.refused())
    llvm::errs() << "refused plugin " << P.Path << ": " << P.Reason << "\n";
  if (Host.loaded().empty())
    return 2;

  auto Tree = discoverSources(Root, {});
  if (!Tree) {
    llvm::errs() << llvm::toString(Tree.takeError()) << "\n";
    return 2;
  }
  CompilePlan Plan = planCompilation(*Tree, {});
  const CompileJob *Job = nullptr;
  for (const CompileJob &J : Plan.Jobs)
    if (J.RelFile == Rel)
      Job = &J;
  if (!Job) {
    llvm::errs() << Rel << ": not planned as a unit\n";
    return 2;
  }
  // Skipped code is scanned for the knowledge base's names, as a scan does.
  std::optional<LexicalNames> Names;
  if (auto KB = KnowledgeBase::open(Argv[4]))
    Names = (*KB)->lexicalNames();
  else
    llvm::consumeError(KB.takeError());
  TUResult U = analyzeUnit(*Job, std::string(Root), Host, Names ? &*Names : nullptr);

  Expectations E;
  std::set<std::string> Seen;
  readExpectations(std::string(Root), Rel, E, Seen);
  int Failures = 0;
  for (const std::string &M : E.Malformed) {
    llvm::errs() << "malformed expectation: " << M << "\n";
    ++Failures;
  }
  if (!U.Parsed || (!E.AllowErrors && !U.Errors.empty())) {
    for (const ParseError &PE : U.Errors)
      llvm::errs() << "parse error: " << PE.File << ":" << PE.Line << ":" << PE.Column
                   << ": " << PE.Message << "\n";
    ++Failures;
  }
  for (const AnalyzerError &AE : U.AnalyzerErrors) {
    llvm::errs() << "analyzer error: " << AE.Analyzer << ": " << AE.Message << "\n";
    ++Failures;
  }
  for (const Finding &F : U.Findings) {
    if (E.IgnoredRules.count(F.Rule))
      continue;
    std::string Attrs = attributes(F.Guard, F.Inactive, F.Advisory);
    auto Exact = E.Expected.find({F.Rule, F.Symbol, F.File, F.Line, F.Column, Attrs});
    if (Exact == E.Expected.end())
      Exact = E.Expected.find({F.Rule, F.Symbol, F.File, F.Line, 0, Attrs});
    if (Exact != E.Expected.end()) {
      E.Expected.erase(Exact);
      continue;
    }
    llvm::errs() << "unexpected: " << F.File << ":" << F.Line << ":" << F.Column << ": "
                 << F.Rule << " " << F.Symbol << " " << Attrs << "\n";
    ++Failures;
  }
  for (const Key &K : E.Expected) {
    llvm::errs() << "missing: " << std::get<2>(K) << ":" << std::get<3>(K);
    if (std::get<4>(K))
      llvm::errs() << ":" << std::get<4>(K);
    llvm::errs() << ": " << std::get<0>(K) << " " << std::get<1>(K) << " " << std::get<5>(K)
                 << "\n";
    ++Failures;
  }
  if (!E.Kb.empty()) {
    auto KB = KnowledgeBase::open(Argv[4]);
    if (!KB) {
      llvm::errs() << llvm::toString(KB.takeError()) << "\n";
      return 2;
    }
    for (size_t I = 0; I < E.Kb.size(); ++I) {
      const auto &[Symbol, Target, Route, Cost] = E.Kb[I];
      bool Found = false;
      for (const Finding &F : U.Findings)
        Found |= F.Symbol == Symbol;
      bool Enriched = false;
      for (const KbEquivalent &Q : (*KB)->equivalents(Symbol, Target))
        Enriched |= Q.Target == Target && Q.Route == Route && Q.Cost == Cost;
      if (!Found || !Enriched) {
        llvm::errs() << E.KbOrigins[I] << ": " << (Found ? "" : "no finding of " + Symbol + "; ")
                     << (Enriched ? "" : "no " + Target + " " + Route + " " + Cost +
                                             " equivalent of " + Symbol)
                     << "\n";
        ++Failures;
      }
    }
  }
  llvm::outs() << Rel << " (" << platformName(U.Plat) << "): " << U.Findings.size()
               << " findings, " << Failures << " problems\n";
  return Failures ? 1 : 0;
}
