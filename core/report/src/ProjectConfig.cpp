//===- ProjectConfig.cpp --------------------------------------------------===//
#include "portolan/report/ProjectConfig.h"

#include "portolan/report/Baseline.h"
#include "SourceLines.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/Support/GlobPattern.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <toml++/toml.h>

#include <set>

namespace portolan {
namespace {

/// Keys that would make a scanned tree choose what the program loads.
bool namesCode(llvm::StringRef Key) {
  std::string K = Key.lower();
  return llvm::StringRef(K).contains("plugin") || K == "kb" || K == "knowledge-base" ||
         K == "knowledge_base" || K == "command" || K == "exec" || K == "run" || K == "db";
}

class Reader {
public:
  explicit Reader(llvm::StringRef Path) : Path(Path.str()) {}

  llvm::Error error(const toml::source_region &At, const llvm::Twine &What) const {
    return llvm::createStringError(std::errc::invalid_argument, "%s:%u:%u: error: %s",
                                   Path.c_str(), unsigned(At.begin.line),
                                   unsigned(At.begin.column), What.str().c_str());
  }
  std::string origin(const toml::source_region &At) const {
    return llvm::sys::path::filename(Path).str() + ":" + std::to_string(At.begin.line) + ":" +
           std::to_string(At.begin.column);
  }
  /// An unknown key, told with the keys the table takes.
  llvm::Error unknown(const toml::key &Key, llvm::StringRef Table, llvm::StringRef Known) const {
    if (namesCode(Key.str()))
      return error(Key.source(), "'" + std::string(Key.str()) +
                                     "': a configuration file cannot name plugins, a knowledge "
                                     "base or anything else that is loaded or run (a scanned "
                                     "tree is untrusted); give it on the command line");
    return error(Key.source(), "unknown key '" + std::string(Key.str()) + "' in " + Table + " (expected " +
                                   Known + ")");
  }
  llvm::Expected<std::string> string(const toml::node &N, llvm::StringRef Key) const {
    if (!N.is_string())
      return error(N.source(), "'" + Key + "' must be a string");
    return N.as_string()->get();
  }
  llvm::Expected<std::vector<std::string>> strings(const toml::node &N, llvm::StringRef Key) const {
    const toml::array *A = N.as_array();
    if (!A || (!A->empty() && !A->is_homogeneous(toml::node_type::string)))
      return error(N.source(), "'" + Key + "' must be an array of strings");
    std::vector<std::string> Out;
    for (const toml::node &I : *A)
      Out.push_back(I.as_string()->get());
    return Out;
  }
  llvm::Error glob(const toml::source_region &At, llvm::StringRef Key,
                   const std::string &Pattern) const {
    if (auto G = llvm::GlobPattern::create(Pattern); !G) {
      llvm::consumeError(G.takeError());
      return error(At, "'" + Key + "': '" + Pattern + "' is not a valid glob");
    }
    return llvm::Error::success();
  }

  std::string Path;
};

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  if (Pattern == "*")
    return true;
  auto G = llvm::GlobPattern::create(Pattern);
  if (!G) {
    llvm::consumeError(G.takeError());
    return false;
  }
  return G->match(Text);
}

/// The rule pattern and reason of a `portolan: ignore RULE REASON` comment
/// on Line, if it holds one; Malformed when it holds the words but no
/// reason.
struct IgnoreComment {
  std::string Rule, Reason;
  bool Malformed = false;
};
std::optional<IgnoreComment> ignoreComment(llvm::StringRef Line) {
  size_t At = Line.find("portolan: ignore");
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Rest = Line.substr(At + strlen("portolan: ignore")).trim();
  Rest.consume_back("*/");
  Rest = Rest.trim();
  auto [Rule, Reason] = Rest.split(' ');
  IgnoreComment C{Rule.str(), Reason.trim().str(), false};
  C.Malformed = C.Rule.empty() || C.Reason.empty();
  return C;
}

} // namespace

llvm::Expected<ProjectConfig> loadProjectConfig(llvm::StringRef Path) {
  ProjectConfig C;
  C.Path = Path.str();
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  Reader In(Path);
  toml::table Root;
  try {
    Root = toml::parse(std::string_view((*Buf)->getBufferStart(), (*Buf)->getBufferSize()),
                       std::string_view(Path.data(), Path.size()));
  } catch (const toml::parse_error &E) {
    return In.error(E.source(), std::string(E.description()));
  }
  // toml++ orders a table's keys by name; the first rule that matches wins,
  // so they are put back in the file's order.
  std::vector<unsigned> RuleLines;
  for (auto &&[Key, Value] : Root) {
    llvm::StringRef K(Key.str());
    if (K == "scan") {
      const toml::table *Scan = Value.as_table();
      if (!Scan)
        return In.error(Value.source(), "'scan' must be a table ([scan])");
      for (auto &&[SK, SV] : *Scan) {
        llvm::StringRef Name(SK.str());
        if (Name == "exclude" || Name == "define" || Name == "targets") {
          auto L = In.strings(SV, Name);
          if (!L)
            return L.takeError();
          if (Name == "exclude")
            C.Excludes = std::move(*L);
          else if (Name == "define")
            C.Defines = std::move(*L);
          else
            C.Targets = std::move(*L);
          for (const std::string &T : C.Targets)
            if (!llvm::is_contained({"aarch64", "loongarch64", "sw_64", "x86_64"}, T))
              return In.error(SV.source(), "'targets': '" + T +
                                               "' is not a target (expected aarch64, "
                                               "loongarch64, sw_64 or x86_64)");
        } else if (Name == "platform") {
          auto P = In.string(SV, Name);
          if (!P)
            return P.takeError();
          if (!llvm::is_contained({"auto", "linux", "windows"}, *P))
            return In.error(SV.source(),
                            "'platform': '" + *P + "' (expected auto, linux or windows)");
          C.Platform = *P;
        } else {
          return In.unknown(SK, "[scan]", "exclude, define, platform, targets");
        }
      }
    } else if (K == "rules") {
      const toml::table *Rules = Value.as_table();
      if (!Rules)
        return In.error(Value.source(), "'rules' must be a table ([rules])");
      for (auto &&[RK, RV] : *Rules) {
        auto Sev = In.string(RV, llvm::StringRef(RK.str()));
        if (!Sev)
          return Sev.takeError();
        if (!llvm::is_contained({"off", "note", "warning", "error"}, *Sev))
          return In.error(RV.source(), "rule '" + std::string(RK.str()) + "': '" + *Sev +
                                           "' (expected off, note, warning or error)");
        if (llvm::Error E = In.glob(RK.source(), "rules", std::string(RK.str())))
          return E;
        C.Rules.emplace_back(std::string(RK.str()), *Sev);
        RuleLines.push_back(RK.source().begin.line);
      }
    } else if (K == "suppress") {
      const toml::array *List = Value.as_array();
      if (!List || !List->is_array_of_tables())
        return In.error(Value.source(), "write each suppression as a [[suppress]] table");
      for (const toml::node &N : *List) {
        const toml::table &T = *N.as_table();
        ConfigSuppression S;
        S.Origin = In.origin(T.source());
        for (auto &&[SK, SV] : T) {
          llvm::StringRef Name(SK.str());
          std::string *Field = Name == "rule"     ? &S.Rule
                               : Name == "path"   ? &S.Path
                               : Name == "symbol" ? &S.Symbol
                               : Name == "reason" ? &S.Reason
                                                  : nullptr;
          if (!Field)
            return In.unknown(SK, "[[suppress]]", "rule, path, symbol, reason");
          auto V = In.string(SV, Name);
          if (!V)
            return V.takeError();
          *Field = *V;
          if (Name != "reason")
            if (llvm::Error E = In.glob(SV.source(), Name, *Field))
              return E;
        }
        if (llvm::StringRef(S.Reason).trim().empty())
          return In.error(T.source(), "a [[suppress]] entry needs a 'reason'");
        if (S.Rule == "*" && S.Path == "*" && S.Symbol == "*")
          return In.error(T.source(),
                          "a [[suppress]] entry needs a 'rule', 'path' or 'symbol' to match");
        C.Suppressions.push_back(std::move(S));
      }
    } else {
      return In.unknown(Key, "the file", "[scan], [rules], [[suppress]]");
    }
  }
  std::vector<size_t> Order(C.Rules.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::pair(RuleLines[A], A) < std::pair(RuleLines[B], B);
  });
  std::vector<std::pair<std::string, std::string>> Rules;
  for (size_t I : Order)
    Rules.push_back(C.Rules[I]);
  C.Rules = std::move(Rules);
  return C;
}

void applyProjectConfig(RunReport &R, const ProjectConfig &Config,
                        const std::function<void(const std::string &)> &Warn) {
  assignFingerprints(R);
  R.ConfigPath = Config.Path;
  R.RuleSeverity.clear();
  for (const auto &[Rule, Severity] : Config.Rules)
    if (Severity != "off")
      R.RuleSeverity.emplace_back(Rule, Severity);

  // The source lines of the files that hold findings, read once each.
  SourceLines Sources(R.Root);
  std::set<std::pair<std::string, unsigned>> Told;
  std::vector<StoredFinding> Kept;
  for (StoredFinding &SF : R.Findings) {
    const Finding &F = SF.F;
    std::optional<SuppressedFinding> S;
    // The first entry that matches the rule decides.
    for (const auto &[Rule, Severity] : Config.Rules) {
      if (!globMatch(Rule, F.Rule))
        continue;
      if (Severity == "off")
        S = SuppressedFinding{SF, "external", "rule " + Rule + " is off",
                              llvm::sys::path::filename(Config.Path).str()};
      break;
    }
    for (size_t I = 0; !S && I < Config.Suppressions.size(); ++I) {
      const ConfigSuppression &C = Config.Suppressions[I];
      if (globMatch(C.Rule, F.Rule) && globMatch(C.Path, F.File) && globMatch(C.Symbol, F.Symbol))
        S = SuppressedFinding{SF, "external", C.Reason, C.Origin};
    }
    // A comment on the finding's line, or one alone on the line above.
    for (unsigned Line : {F.Line, F.Line - 1}) {
      if (S || F.Line == 0 || Line == 0)
        break;
      llvm::StringRef Text = Sources.line(F.File, Line);
      std::optional<IgnoreComment> C = ignoreComment(Text);
      if (!C || (Line != F.Line && !Text.ltrim().starts_with("//") &&
                 !Text.ltrim().starts_with("/*")))
        continue;
      if (C->Malformed) {
        if (Told.insert({F.File, Line}).second)
          Warn(F.File + ":" + std::to_string(Line) +
               ": 'portolan: ignore' needs a rule and a reason ('portolan: ignore " +
               (C->Rule.empty() ? "RULE" : C->Rule) + " REASON'); not applied");
        continue;
      }
      if (globMatch(C->Rule, F.Rule))
        S = SuppressedFinding{SF, "inSource", C->Reason, F.File + ":" + std::to_string(Line)};
    }
    if (S)
      R.Suppressed.push_back(std::move(*S));
    else
      Kept.push_back(std::move(SF));
  }
  R.Findings = std::move(Kept);

  if (!Config.Targets.empty())
    for (auto &[Symbol, E] : R.Enrichments)
      llvm::erase_if(E.Equivalents, [&](const KbEquivalent &Q) {
        return Q.Target != "portable" && !llvm::is_contained(Config.Targets, Q.Target);
      });
}

std::optional<std::string> configuredSeverity(const RunReport &R, llvm::StringRef Rule) {
  for (const auto &[Pattern, Severity] : R.RuleSeverity)
    if (globMatch(Pattern, Rule))
      return Severity;
  return std::nullopt;
}

} // namespace portolan
