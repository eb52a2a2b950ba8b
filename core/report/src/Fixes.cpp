//===- Fixes.cpp ----------------------------------------------------------===//
#include "portolan/report/Fixes.h"

#include "SourceLines.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/YAMLTraits.h>

#include <map>
#include <set>

namespace portolan {
namespace {

// The YAML of clang::tooling::TranslationUnitDiagnostics (clang-tidy's
// --export-fixes), written from plain structs: the report library does not
// link Clang. Keys and nesting as clang/Tooling/DiagnosticsYaml.h reads them.
struct YamlReplacement {
  std::string FilePath;
  unsigned Offset = 0, Length = 0;
  std::string ReplacementText;
};
struct YamlMessage {
  std::string Message, FilePath;
  unsigned FileOffset = 0;
  std::vector<YamlReplacement> Replacements;
};
struct YamlDiagnostic {
  std::string Name;
  YamlMessage Message;
  std::string Level = "Warning";
};
struct YamlDocument {
  std::string MainSourceFile;
  std::vector<YamlDiagnostic> Diagnostics;
};

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_' || C == '$'; }

/// A file only a C++ compiler reads (a .c file or a .h header may be C).
bool isCxxFile(llvm::StringRef File) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return llvm::is_contained({".cpp", ".cc", ".cxx", ".c++", ".C", ".hpp", ".hh", ".hxx", ".h++",
                             ".ipp", ".inl", ".tcc"},
                            Ext);
}

/// The identifiers of a line.
std::vector<llvm::StringRef> words(llvm::StringRef Line) {
  std::vector<llvm::StringRef> Words;
  for (size_t I = 0; I < Line.size();) {
    if (!isIdentifierChar(Line[I])) {
      ++I;
      continue;
    }
    size_t J = I;
    while (J < Line.size() && isIdentifierChar(Line[J]))
      ++J;
    Words.push_back(Line.slice(I, J));
    I = J;
  }
  return Words;
}

} // namespace
} // namespace portolan

LLVM_YAML_IS_SEQUENCE_VECTOR(portolan::YamlReplacement)
LLVM_YAML_IS_SEQUENCE_VECTOR(portolan::YamlDiagnostic)

namespace llvm::yaml {
template <> struct MappingTraits<portolan::YamlReplacement> {
  static void mapping(IO &Io, portolan::YamlReplacement &R) {
    Io.mapRequired("FilePath", R.FilePath);
    Io.mapRequired("Offset", R.Offset);
    Io.mapRequired("Length", R.Length);
    Io.mapRequired("ReplacementText", R.ReplacementText);
  }
};
template <> struct MappingTraits<portolan::YamlMessage> {
  static void mapping(IO &Io, portolan::YamlMessage &M) {
    Io.mapRequired("Message", M.Message);
    Io.mapRequired("FilePath", M.FilePath);
    Io.mapRequired("FileOffset", M.FileOffset);
    Io.mapRequired("Replacements", M.Replacements);
  }
};
template <> struct MappingTraits<portolan::YamlDiagnostic> {
  static void mapping(IO &Io, portolan::YamlDiagnostic &D) {
    Io.mapRequired("DiagnosticName", D.Name);
    Io.mapRequired("DiagnosticMessage", D.Message);
    Io.mapRequired("Level", D.Level);
  }
};
template <> struct MappingTraits<portolan::YamlDocument> {
  static void mapping(IO &Io, portolan::YamlDocument &Doc) {
    Io.mapRequired("MainSourceFile", Doc.MainSourceFile);
    Io.mapRequired("Diagnostics", Doc.Diagnostics);
  }
};
} // namespace llvm::yaml

namespace portolan {

std::vector<MechanicalFix> mechanicalFixes(const KnowledgeBase &KB) {
  std::vector<MechanicalFix> Fixes;
  for (const KbSymbol &E : KB.entries("fix")) {
    auto Field = [&](const char *Name) {
      auto It = E.Fields.find(Name);
      return It == E.Fields.end() ? std::string() : It->second;
    };
    Fixes.push_back({Field("symbol"), Field("rule"), Field("replacement"), Field("note"),
                     Field("static_in_c") == "1"});
  }
  return Fixes;
}

FixExport writeFixes(const RunReport &R, const std::vector<MechanicalFix> &Fixes,
                     llvm::raw_ostream &OS) {
  std::map<std::pair<std::string, std::string>, const MechanicalFix *> ByRuleAndSymbol;
  for (const MechanicalFix &F : Fixes)
    ByRuleAndSymbol[{F.Rule, F.Symbol}] = &F;

  FixExport Out;
  YamlDocument Doc;
  SourceLines Sources(R.Root);
  std::set<std::string> Changed;
  for (const StoredFinding &SF : R.Findings) {
    const Finding &F = SF.F;
    auto It = ByRuleAndSymbol.find({F.Rule, F.Symbol});
    if (It == ByRuleAndSymbol.end())
      continue;
    // Code under a platform test, or with another branch, builds where it
    // should already; rewriting it could break the build it is there for.
    if (F.Inactive || F.Guard != "none") {
      ++Out.Guarded;
      continue;
    }
    llvm::SmallString<256> Path(R.Root);
    llvm::sys::path::append(Path, F.File);
    // Clang's columns count bytes from 1.
    size_t Offset = Sources.lineStart(F.File, F.Line);
    if (Offset == llvm::StringRef::npos || F.Column == 0) {
      ++Out.NotSpelled;
      continue;
    }
    // The symbol itself, not a longer name that starts with it.
    llvm::StringRef At = Sources.line(F.File, F.Line).substr(F.Column - 1);
    if (!At.starts_with(F.Symbol) ||
        (At.size() > F.Symbol.size() && isIdentifierChar(At[F.Symbol.size()]))) {
      ++Out.NotSpelled;
      continue;
    }
    const MechanicalFix &Fix = *It->second;
    if (Fix.StaticInC && !isCxxFile(F.File) &&
        !llvm::is_contained(words(Sources.line(F.File, F.Line)), "static")) {
      ++Out.NotStatic;
      continue;
    }
    Offset += F.Column - 1;
    YamlDiagnostic D;
    D.Name = "portolan-" + F.Rule;
    D.Message.Message =
        F.Symbol + " -> " + Fix.Replacement + (Fix.Note.empty() ? "" : " (" + Fix.Note + ")");
    D.Message.FilePath = std::string(Path);
    D.Message.FileOffset = unsigned(Offset);
    D.Message.Replacements.push_back(
        {std::string(Path), unsigned(Offset), unsigned(F.Symbol.size()), Fix.Replacement});
    Doc.Diagnostics.push_back(std::move(D));
    Changed.insert(std::string(Path));
    ++Out.Written;
  }
  Out.Files = Changed.size();
  llvm::yaml::Output Yaml(OS);
  Yaml << Doc;
  return Out;
}

} // namespace portolan
