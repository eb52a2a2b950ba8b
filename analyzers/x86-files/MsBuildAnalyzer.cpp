//===- MsBuildAnalyzer.cpp ------------------------------------------------===//
#include "MsBuildAnalyzer.h"
#include "BuildFlags.h"
#include "TextLines.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace portolan::analyzers::x86files {
namespace {

/// Line with <!-- comments --> blanked out (columns kept); InComment carries
/// a comment over line ends.
std::string withoutXmlComments(llvm::StringRef Line, bool &InComment) {
  std::string Out = Line.str();
  size_t At = 0;
  while (At < Out.size()) {
    if (!InComment) {
      size_t Open = Out.find("<!--", At);
      if (Open == std::string::npos)
        break;
      InComment = true;
      At = Open;
    }
    size_t Close = Out.find("-->", At);
    size_t End = Close == std::string::npos ? Out.size() : Close + 3;
    std::fill(Out.begin() + At, Out.begin() + End, ' ');
    At = End;
    InComment = Close == std::string::npos;
  }
  return Out;
}

/// The text of <Tag>...</Tag> on one line and the offset where it starts.
std::optional<std::pair<size_t, llvm::StringRef>> elementText(llvm::StringRef Line,
                                                              llvm::StringRef Tag) {
  std::string Open = "<" + Tag.str() + ">", Close = "</" + Tag.str() + ">";
  size_t Start = Line.find(Open);
  if (Start == llvm::StringRef::npos)
    return std::nullopt;
  Start += Open.size();
  size_t End = Line.find(Close, Start);
  if (End == llvm::StringRef::npos)
    End = Line.size();
  return std::make_pair(Start, Line.slice(Start, End));
}

const char *x86PlatformMeaning(llvm::StringRef Platform) {
  if (Platform.equals_insensitive("Win32"))
    return "32-bit x86 Windows";
  if (Platform.equals_insensitive("x64"))
    return "x86-64 Windows";
  if (Platform.equals_insensitive("x86"))
    return "32-bit x86";
  return nullptr;
}

bool isArmPlatform(llvm::StringRef Platform) {
  return Platform.equals_insensitive("ARM64") || Platform.equals_insensitive("ARM64EC") ||
         Platform.equals_insensitive("ARM");
}

/// MSVC's /arch: option for a value of EnableEnhancedInstructionSet
/// (Microsoft.Cpp's CL rule; NotSet adds no option).
llvm::StringRef archOptionFor(llvm::StringRef Value) {
  return llvm::StringSwitch<llvm::StringRef>(Value)
      .Case("NoExtensions", "/arch:IA32")
      .Case("StreamingSIMDExtensions", "/arch:SSE")
      .Case("StreamingSIMDExtensions2", "/arch:SSE2")
      .Case("AdvancedVectorExtensions", "/arch:AVX")
      .Case("AdvancedVectorExtensions2", "/arch:AVX2")
      .Case("AdvancedVectorExtensions512", "/arch:AVX512")
      .Default("");
}

struct Occurrence {
  std::string Name;
  unsigned Line, Column;
  std::vector<std::string> Conditions; ///< Configurations it appears in.
  std::vector<std::string> Paths;      ///< How it was written, when with a folder.
};

void addOnce(std::vector<std::string> &List, std::string Item) {
  if (std::find(List.begin(), List.end(), Item) == List.end())
    List.push_back(std::move(Item));
}

Occurrence *findByName(std::vector<Occurrence> &All, llvm::StringRef Name) {
  for (Occurrence &O : All)
    if (llvm::StringRef(O.Name).equals_insensitive(Name))
      return &O;
  return nullptr;
}

/// The configuration an MSBuild condition selects: the right side of its
/// '==' ("Debug|Win32"), or the whole condition.
std::string conditionName(llvm::StringRef Line) {
  size_t At = Line.find("Condition=\"");
  if (At == llvm::StringRef::npos)
    return "";
  llvm::StringRef Cond = Line.substr(At + 11).take_until([](char C) { return C == '"'; });
  size_t Eq = Cond.find("==");
  if (Eq != llvm::StringRef::npos)
    Cond = Cond.substr(Eq + 2);
  return Cond.trim(" '").str();
}

/// Reads one file; see MsBuildAnalyzer.h.
class MsBuildReader {
public:
  MsBuildReader(bool Solution, sdk::FileContext &Ctx) : Solution(Solution), Ctx(Ctx) {}
  void line(unsigned Number, llvm::StringRef Code);
  void finish();

private:
  void platform(unsigned Number, llvm::StringRef Code, size_t At, llvm::StringRef Name);
  void instructionSet(unsigned Number, llvm::StringRef Code);
  void dependencies(unsigned Number, llvm::StringRef Code);

  bool Solution;
  sdk::FileContext &Ctx;
  std::vector<Occurrence> Platforms, Libraries;
  bool HasArm = false;
  std::string Group; ///< Condition of the enclosing ItemDefinitionGroup.
};

void MsBuildReader::platform(unsigned Number, llvm::StringRef Code, size_t At,
                             llvm::StringRef Name) {
  HasArm |= isArmPlatform(Name);
  if (x86PlatformMeaning(Name) && !findByName(Platforms, Name))
    Platforms.push_back({Name.str(), Number, unsigned(At + 1), {}, {}});
}

void MsBuildReader::line(unsigned Number, llvm::StringRef Code) {
  auto NameAt = [&](size_t At) {
    return Code.substr(At).take_while([](char C) { return isWordChar(C); });
  };
  if (Solution) {
    // "Debug|x64 = Debug|x64", "{GUID}.Release|Win32.ActiveCfg = ..."
    for (size_t Bar = Code.find('|'); Bar != llvm::StringRef::npos; Bar = Code.find('|', Bar + 1))
      platform(Number, Code, Bar + 1, NameAt(Bar + 1));
    return;
  }
  size_t Config = Code.find("<ProjectConfiguration Include=\"");
  if (Config != llvm::StringRef::npos) {
    size_t Bar = Code.find('|', Config);
    if (Bar != llvm::StringRef::npos)
      platform(Number, Code, Bar + 1, NameAt(Bar + 1));
  }
  if (auto P = elementText(Code, "Platform"))
    platform(Number, Code, P->first, NameAt(P->first));
  if (Code.contains("<ItemDefinitionGroup"))
    Group = conditionName(Code);
  if (Code.contains("</ItemDefinitionGroup>"))
    Group.clear();
  reportX86Flags(Code, Number, Ctx);
  instructionSet(Number, Code);
  dependencies(Number, Code);
}

void MsBuildReader::instructionSet(unsigned Number, llvm::StringRef Code) {
  auto E = elementText(Code, "EnableEnhancedInstructionSet");
  if (!E)
    return;
  llvm::StringRef Value = E->second.trim();
  if (Value.empty() || Value == "NotSet" || Value.starts_with("$(") || Value.starts_with("%("))
    return;
  llvm::StringRef Option = archOptionFor(Value);
  std::string Note = Option.empty() ? "an x86 instruction set for MSVC"
                                    : "MSVC " + Option.str() + ": x86/x64 code generation";
  size_t Tag = Code.find("<EnableEnhancedInstructionSet>");
  Ctx.report({"x86.build-flag", "EnableEnhancedInstructionSet=" + Value.str(), Number,
              unsigned(Tag + 1), Note});
}

void MsBuildReader::dependencies(unsigned Number, llvm::StringRef Code) {
  auto E = elementText(Code, "AdditionalDependencies");
  if (!E)
    return;
  size_t At = E->first;
  for (llvm::StringRef Item : llvm::split(E->second, ';')) {
    size_t ItemAt = At + (Item.size() - Item.ltrim().size());
    At += Item.size() + 1;
    Item = Item.trim();
    if (Item.empty() || Item.starts_with("%(") || !Item.ends_with_insensitive(".lib"))
      continue;
    // x86\ZlibDllDebug\zlibwapi.lib is the library zlibwapi.lib.
    llvm::StringRef Name = Item.substr(Item.find_last_of("\\/") + 1);
    Occurrence *O = findByName(Libraries, Name);
    if (!O) {
      Libraries.push_back({Name.str(), Number, unsigned(ItemAt + 1), {}, {}});
      O = &Libraries.back();
    }
    addOnce(O->Conditions, Group.empty() ? "every configuration" : Group);
    if (Name.size() != Item.size())
      addOnce(O->Paths, Item.str());
  }
}

void MsBuildReader::finish() {
  for (const Occurrence &P : Platforms)
    Ctx.report({"win32.build-platform", P.Name, P.Line, P.Column,
                std::string(x86PlatformMeaning(P.Name)) +
                    (HasArm ? "; the file also configures an ARM platform"
                            : "; the file configures no ARM platform")});
  for (const Occurrence &L : Libraries)
    Ctx.report({"win32.build-library", L.Name, L.Line, L.Column,
                "a Windows library, linked in " + llvm::join(L.Conditions, ", ") +
                    (L.Paths.empty() ? "" : "; written as " + llvm::join(L.Paths, ", "))});
}

} // namespace

void MsBuildAnalyzer::analyze(llvm::StringRef Content, sdk::FileContext &Ctx) {
  MsBuildReader Reader(Solution, Ctx);
  bool InComment = false;
  forEachLine(Content, [&](unsigned Number, llvm::StringRef Line) {
    std::string Code = withoutXmlComments(Line, InComment);
    Reader.line(Number, Code);
  });
  Reader.finish();
}

} // namespace portolan::analyzers::x86files
