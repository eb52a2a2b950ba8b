//===- BuildFileAnalyzer.cpp ----------------------------------------------===//
#include "BuildFileAnalyzer.h"
#include "ArchNames.h"
#include "BuildFlags.h"
#include "TextLines.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Regex.h>

#include <optional>
#include <string>
#include <vector>

namespace portolan::analyzers::x86files {
namespace {

/// Line without its comment in Syntax: '#' outside strings (CMake, meson);
/// any unescaped '#' (make); '#' or dnl starting a word outside quotes and
/// m4 brackets (autoconf).
llvm::StringRef codeOf(llvm::StringRef Line, BuildSyntax Syntax) {
  char Quote = 0;
  int Brackets = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (C == '\\') {
      ++I;
      continue;
    }
    if (Syntax == BuildSyntax::Make) {
      if (C == '#')
        return Line.take_front(I);
      continue;
    }
    if (Quote) {
      Quote = C == Quote ? 0 : Quote;
      continue;
    }
    bool QuoteChar = C == '"' || (C == '\'' && Syntax != BuildSyntax::CMake);
    if (QuoteChar) {
      Quote = C;
      continue;
    }
    bool WordStart = I == 0 || Line[I - 1] == ' ' || Line[I - 1] == '\t';
    if (Syntax == BuildSyntax::Autoconf) {
      Brackets += C == '[' ? 1 : C == ']' ? -1 : 0;
      if (Brackets > 0 || !WordStart)
        continue;
      if (C == '#' || (Line.substr(I).starts_with("dnl") &&
                       (I + 3 == Line.size() || !isWordChar(Line[I + 3]))))
        return Line.take_front(I);
      continue;
    }
    if (C == '#')
      return Line.take_front(I);
  }
  return Line;
}

/// A place in a line that names the architecture being built for.
struct ArchRef {
  std::string Symbol; ///< What is checked: CMAKE_SYSTEM_PROCESSOR, host_cpu ...
  std::string Alias;  ///< The project variable it was copied to, if any.
  size_t Offset = 0, End = 0;
};

constexpr llvm::StringLiteral CMakeVariables[] = {
    "CMAKE_SYSTEM_PROCESSOR",         "CMAKE_HOST_SYSTEM_PROCESSOR",
    "CMAKE_GENERATOR_PLATFORM",       "CMAKE_VS_PLATFORM_NAME",
    "CMAKE_C_COMPILER_ARCHITECTURE_ID", "CMAKE_CXX_COMPILER_ARCHITECTURE_ID",
    "CMAKE_OSX_ARCHITECTURES"};
// Autoconf's canonical system variables (AC_CANONICAL_HOST/TARGET/BUILD).
constexpr llvm::StringLiteral AutoconfVariables[] = {"host_cpu", "target_cpu", "build_cpu",
                                                     "host",     "target",     "build"};
constexpr llvm::StringLiteral UnameCalls[] = {"uname -m", "uname -p"};

/// Finds the comparisons of the target architecture with x86 names in one
/// build file; see BuildFileAnalyzer.h.
class ArchCheckFinder {
public:
  explicit ArchCheckFinder(BuildSyntax Syntax) : Syntax(Syntax) {}
  void line(unsigned Number, llvm::StringRef Code);
  void report(sdk::FileContext &Ctx) const;

private:
  struct Check {
    std::string Symbol, Alias;
    unsigned Line, Column;
    std::vector<std::string> Names;
  };

  std::optional<ArchRef> findRef(llvm::StringRef Code) const;
  bool compares(llvm::StringRef Code) const;
  void learnAlias(llvm::StringRef Code, const ArchRef &Ref);
  void shellCase(unsigned Number, llvm::StringRef Code);
  /// Records the x86 names of Text (which starts at Code offset Base).
  void record(unsigned Number, llvm::StringRef Text, size_t Base, const ArchRef &Ref);

  BuildSyntax Syntax;
  std::vector<std::pair<std::string, std::string>> Aliases; ///< name, symbol
  std::vector<std::optional<ArchRef>> Cases;                ///< open shell case blocks
  std::optional<ArchRef> AsCase;                            ///< open AS_CASE
  int AsCaseDepth = 0;
  std::vector<Check> Checks;
  std::optional<std::pair<std::string, unsigned>> Alternative;
};

std::optional<ArchRef> ArchCheckFinder::findRef(llvm::StringRef Code) const {
  std::optional<ArchRef> Best;
  auto Consider = [&](size_t At, size_t Len, llvm::StringRef Symbol, llvm::StringRef Alias) {
    if (At != llvm::StringRef::npos && (!Best || At < Best->Offset))
      Best = ArchRef{Symbol.str(), Alias.str(), At, At + Len};
  };
  switch (Syntax) {
  case BuildSyntax::CMake:
    for (llvm::StringRef V : CMakeVariables)
      Consider(findWord(Code, V), V.size(), V, "");
    break;
  case BuildSyntax::Meson: {
    static const llvm::Regex Machine("(host|build|target)_machine\\.cpu(_family)?\\(\\)");
    llvm::SmallVector<llvm::StringRef, 3> M;
    if (Machine.match(Code, &M))
      Consider(M[0].data() - Code.data(), M[0].size(), M[0], "");
    break;
  }
  case BuildSyntax::Autoconf:
    for (llvm::StringRef V : AutoconfVariables)
      for (size_t At = findWord(Code, V); At != llvm::StringRef::npos;
           At = findWord(Code, V, At + 1))
        if (At > 0 && (Code[At - 1] == '$' || (Code[At - 1] == '{' && At > 1 && Code[At - 2] == '$'))) {
          Consider(At, V.size(), V, "");
          break;
        }
    [[fallthrough]];
  case BuildSyntax::Make:
    for (llvm::StringRef U : UnameCalls)
      Consider(Code.find(U), U.size(), U, "");
    break;
  }
  for (const auto &[Name, Symbol] : Aliases)
    Consider(findWord(Code, Name), Name.size(), Symbol, Name);
  return Best;
}

bool ArchCheckFinder::compares(llvm::StringRef Code) const {
  switch (Syntax) {
  case BuildSyntax::CMake:
    return Code.contains("MATCHES") || Code.contains("EQUAL") || Code.contains("IN_LIST");
  case BuildSyntax::Meson:
    return Code.contains("==") || Code.contains("!=") || findWord(Code, "in") != llvm::StringRef::npos;
  case BuildSyntax::Make:
    return Code.contains("ifeq") || Code.contains("ifneq") || Code.contains("filter") ||
           Code.contains("findstring") || Code.contains('=');
  case BuildSyntax::Autoconf:
    return Code.contains('=');
  }
  return false;
}

void ArchCheckFinder::learnAlias(llvm::StringRef Code, const ArchRef &Ref) {
  static const llvm::Regex CMakeSet("^[[:space:]]*set[[:space:]]*\\([[:space:]]*"
                                    "([A-Za-z_][A-Za-z0-9_]*)[[:space:]]",
                                    llvm::Regex::IgnoreCase);
  static const llvm::Regex CMakeCase("string[[:space:]]*\\([[:space:]]*(TOLOWER|TOUPPER)"
                                     "[[:space:]]+[^[:space:]]+[[:space:]]+"
                                     "([A-Za-z_][A-Za-z0-9_]*)",
                                     llvm::Regex::IgnoreCase);
  static const llvm::Regex Assign("^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*[:?+!]?=[^=]");
  static const llvm::Regex ShellAssign("^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=");
  llvm::SmallVector<llvm::StringRef, 3> M;
  llvm::StringRef Name;
  // string(TOLOWER <input> <output>) names its output last; the other forms
  // name the variable first, before the value that refers to the check.
  if (Syntax == BuildSyntax::CMake && CMakeCase.match(Code, &M))
    Name = M[2];
  else if (Syntax == BuildSyntax::CMake ? CMakeSet.match(Code, &M)
           : Syntax == BuildSyntax::Autoconf ? ShellAssign.match(Code, &M)
                                             : Assign.match(Code, &M))
    if (size_t(M[1].end() - Code.begin()) <= Ref.Offset)
      Name = M[1];
  if (Name.empty() || Name == Ref.Symbol)
    return;
  for (const auto &A : Aliases)
    if (A.first == Name)
      return;
  Aliases.emplace_back(Name.str(), Ref.Symbol);
}

void ArchCheckFinder::record(unsigned Number, llvm::StringRef Text, size_t Base,
                             const ArchRef &Ref) {
  // Visual Studio platform names are compared in any case (win32, WIN32).
  bool Platform = Ref.Symbol == "CMAKE_GENERATOR_PLATFORM" || Ref.Symbol == "CMAKE_VS_PLATFORM_NAME";
  std::vector<NameMatch> Names = findX86Names(Text, Syntax == BuildSyntax::Autoconf, Platform);
  if (Names.empty())
    return;
  for (const Check &C : Checks)
    if (C.Line == Number && C.Symbol == Ref.Symbol)
      return;
  Check C{Ref.Symbol, Ref.Alias, Number, unsigned(Base + Names[0].Offset + 1), {}};
  for (const NameMatch &N : Names)
    C.Names.push_back(N.Text.str());
  Checks.push_back(std::move(C));
}

void ArchCheckFinder::shellCase(unsigned Number, llvm::StringRef Code) {
  static const llvm::Regex CaseStart(
      "(^|[[:space:];])case[[:space:]]+(.*[^[:space:]])[[:space:]]+in([[:space:];]|$)");
  llvm::SmallVector<llvm::StringRef, 4> M;
  if (CaseStart.match(Code, &M)) {
    Cases.push_back(findRef(M[2]));
    return;
  }
  if (findWord(Code, "esac") != llvm::StringRef::npos) {
    if (!Cases.empty())
      Cases.pop_back();
    return;
  }
  // An arm's pattern: what comes before its ')' (x86_64*|i?86*) ...).
  if (!Cases.empty() && Cases.back()) {
    size_t Paren = Code.find(')');
    llvm::StringRef Pattern = Code.take_front(Paren);
    if (Paren != llvm::StringRef::npos && !Pattern.contains('=') && !Pattern.contains("$("))
      record(Number, Pattern, 0, *Cases.back());
  }
}

void ArchCheckFinder::line(unsigned Number, llvm::StringRef Code) {
  if (!Alternative)
    if (std::optional<NameMatch> Other = findOtherArchName(Code))
      Alternative = {Other->Text.str(), Number};
  if (Syntax == BuildSyntax::Autoconf) {
    if (AsCase) {
      record(Number, Code, 0, *AsCase);
      AsCaseDepth += int(Code.count('(')) - int(Code.count(')'));
      if (AsCaseDepth <= 0)
        AsCase.reset();
      return;
    }
    shellCase(Number, Code);
  }
  std::optional<ArchRef> Ref = findRef(Code);
  if (!Ref)
    return;
  learnAlias(Code, *Ref);
  size_t AsCaseAt = Code.find("AS_CASE(");
  if (Syntax == BuildSyntax::Autoconf && AsCaseAt != llvm::StringRef::npos &&
      AsCaseAt < Ref->Offset) {
    llvm::StringRef Rest = Code.substr(AsCaseAt);
    AsCaseDepth = int(Rest.count('(')) - int(Rest.count(')'));
    if (AsCaseDepth > 0)
      AsCase = Ref;
    record(Number, Code.substr(Ref->End), Ref->End, *Ref);
    return;
  }
  if (compares(Code))
    record(Number, Code, 0, *Ref);
}

void ArchCheckFinder::report(sdk::FileContext &Ctx) const {
  for (const Check &C : Checks) {
    std::string Note = "matches " + llvm::join(C.Names, ", ");
    if (!C.Alias.empty())
      Note += " (through " + C.Alias + ")";
    if (Alternative)
      Note += "; the file also checks " + Alternative->first + " (line " +
              std::to_string(Alternative->second) + "): the check has an alternative";
    else
      Note += "; the file checks no non-x86 architecture";
    Ctx.report({"x86.build-arch-check", C.Symbol, C.Line, C.Column, Note});
  }
}

} // namespace

void BuildFileAnalyzer::analyze(llvm::StringRef Content, sdk::FileContext &Ctx) {
  ArchCheckFinder Checks(Syntax);
  forEachLine(Content, [&](unsigned Number, llvm::StringRef Line) {
    llvm::StringRef Code = codeOf(Line, Syntax);
    reportX86Flags(Code, Number, Ctx);
    Checks.line(Number, Code);
  });
  Checks.report(Ctx);
}

} // namespace portolan::analyzers::x86files
