//===- MsBuildAnalyzer.cpp ------------------------------------------------===//
#include "MsBuildAnalyzer.h"
#include "BuildFlags.h"
#include "TextLines.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace portolan::analyzers::x86files {
namespace {

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
std::string conditionName(llvm::StringRef Cond) {
  size_t Eq = Cond.find("==");
  if (Eq != llvm::StringRef::npos)
    Cond = Cond.substr(Eq + 2);
  return Cond.trim(" '").str();
}

/// Line and column (1-based) of byte offsets into one text.
class LineIndex {
public:
  explicit LineIndex(llvm::StringRef Text) {
    Starts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  std::pair<unsigned, unsigned> at(size_t Offset) const {
    auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
    size_t Line = size_t(It - Starts.begin());
    return {unsigned(Line), unsigned(Offset - Starts[Line - 1] + 1)};
  }

private:
  std::vector<size_t> Starts;
};

/// What a file configures, gathered as it is read and reported at the end.
class Collected {
public:
  explicit Collected(sdk::FileContext &Ctx) : Ctx(Ctx) {}

  void platform(unsigned Line, unsigned Column, llvm::StringRef Name) {
    HasArm |= isArmPlatform(Name);
    if (x86PlatformMeaning(Name) && !findByName(Platforms, Name))
      Platforms.push_back({Name.str(), Line, Column, {}, {}});
  }

  /// One item of <AdditionalDependencies>, linked in Group ("" for every
  /// configuration).
  void library(unsigned Line, unsigned Column, llvm::StringRef Item, llvm::StringRef Group) {
    if (Item.empty() || Item.starts_with("%(") || !Item.ends_with_insensitive(".lib"))
      return;
    // x86\ZlibDllDebug\zlibwapi.lib is the library zlibwapi.lib.
    llvm::StringRef Name = Item.substr(Item.find_last_of("\\/") + 1);
    Occurrence *O = findByName(Libraries, Name);
    if (!O) {
      Libraries.push_back({Name.str(), Line, Column, {}, {}});
      O = &Libraries.back();
    }
    addOnce(O->Conditions, Group.empty() ? "every configuration" : Group.str());
    if (Name.size() != Item.size())
      addOnce(O->Paths, Item.str());
  }

  void finish() {
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

private:
  sdk::FileContext &Ctx;
  std::vector<Occurrence> Platforms, Libraries;
  bool HasArm = false;
};

llvm::StringRef wordAt(llvm::StringRef Text) {
  return Text.take_while([](char C) { return isWordChar(C); });
}

/// A .vcxproj, .props or .targets file, read as XML (pugixml): positions
/// come from the parser's offsets into the text, comments are none of its
/// nodes, and x86 options are looked for in element text only.
class ProjectReader {
public:
  ProjectReader(llvm::StringRef Text, sdk::FileContext &Ctx)
      : Text(Text), Lines(Text), Ctx(Ctx), Found(Ctx), Masked(Text.size(), ' ') {
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Masked[I] = '\n';
  }

  /// False with Error when the XML is not well-formed; what comes before
  /// the error is read all the same.
  bool read(std::string &Error) {
    pugi::xml_document Doc;
    pugi::xml_parse_result R =
        Doc.load_buffer(Text.data(), Text.size(), pugi::parse_default, pugi::encoding_utf8);
    element(Doc, "");
    forEachLine(llvm::StringRef(Masked), [&](unsigned Number, llvm::StringRef Line) {
      reportX86Flags(Line, Number, Ctx);
    });
    Found.finish();
    if (R)
      return true;
    auto [Line, Column] = Lines.at(size_t(std::max<ptrdiff_t>(R.offset, 0)));
    Error = "not well-formed XML at line " + std::to_string(Line) + ", column " +
            std::to_string(Column) + ": " + R.description();
    return false;
  }

private:
  /// Where Node starts: its '<'.
  size_t offsetOf(pugi::xml_node Node) const {
    ptrdiff_t Off = Node.offset_debug();
    if (Off < 0)
      return 0;
    size_t Open = Text.rfind('<', size_t(Off));
    return Open == llvm::StringRef::npos ? size_t(Off) : Open;
  }

  /// Node's own text and where it starts, or none.
  std::optional<std::pair<size_t, llvm::StringRef>> textOf(pugi::xml_node Node) const {
    pugi::xml_node Data = Node.first_child();
    if (!Data || (Data.type() != pugi::node_pcdata && Data.type() != pugi::node_cdata))
      return std::nullopt;
    ptrdiff_t Off = Data.offset_debug();
    if (Off < 0 || size_t(Off) >= Text.size())
      return std::nullopt;
    // The text as written (entities not expanded), up to the next tag.
    llvm::StringRef Raw = Text.substr(size_t(Off));
    return std::make_pair(size_t(Off), Raw.take_until([](char C) { return C == '<'; }));
  }

  void element(pugi::xml_node Node, const std::string &Group) {
    for (pugi::xml_node Child : Node.children()) {
      if (Child.type() == pugi::node_pcdata || Child.type() == pugi::node_cdata) {
        // Every element text is looked at for x86 options.
        ptrdiff_t Off = Child.offset_debug();
        if (Off >= 0 && size_t(Off) < Text.size()) {
          llvm::StringRef Raw =
              Text.substr(size_t(Off)).take_until([](char C) { return C == '<'; });
          std::copy(Raw.begin(), Raw.end(), Masked.begin() + Off);
        }
        continue;
      }
      if (Child.type() != pugi::node_element)
        continue;
      llvm::StringRef Name = Child.name();
      std::string Inner = Group;
      if (Name == "ItemDefinitionGroup")
        Inner = conditionName(Child.attribute("Condition").value());
      else if (Name == "ProjectConfiguration")
        configuration(Child);
      else if (Name == "Platform")
        platformText(Child);
      else if (Name == "EnableEnhancedInstructionSet")
        instructionSet(Child);
      else if (Name == "AdditionalDependencies")
        dependencies(Child, Group);
      element(Child, Inner);
    }
  }

  /// <ProjectConfiguration Include="Debug|Win32">: Win32, where written.
  void configuration(pugi::xml_node Node) {
    llvm::StringRef Include = Node.attribute("Include").value();
    size_t Bar = Include.find('|');
    if (Bar == llvm::StringRef::npos)
      return;
    size_t At = offsetOf(Node);
    size_t Attr = Text.find("Include", At);
    size_t Written = Attr == llvm::StringRef::npos ? llvm::StringRef::npos : Text.find('|', Attr);
    if (Written == llvm::StringRef::npos)
      return;
    auto [Line, Column] = Lines.at(Written + 1);
    Found.platform(Line, Column, wordAt(Include.substr(Bar + 1)));
  }

  void platformText(pugi::xml_node Node) {
    if (auto T = textOf(Node)) {
      auto [Line, Column] = Lines.at(T->first);
      Found.platform(Line, Column, wordAt(T->second));
    }
  }

  void instructionSet(pugi::xml_node Node) {
    auto T = textOf(Node);
    if (!T)
      return;
    llvm::StringRef Value = T->second.trim();
    if (Value.empty() || Value == "NotSet" || Value.starts_with("$(") || Value.starts_with("%("))
      return;
    llvm::StringRef Option = archOptionFor(Value);
    std::string Note = Option.empty() ? "an x86 instruction set for MSVC"
                                      : "MSVC " + Option.str() + ": x86/x64 code generation";
    auto [Line, Column] = Lines.at(offsetOf(Node));
    Ctx.report({"x86.build-flag", "EnableEnhancedInstructionSet=" + Value.str(), Line, Column,
                Note});
  }

  void dependencies(pugi::xml_node Node, const std::string &Group) {
    auto T = textOf(Node);
    if (!T)
      return;
    size_t At = T->first;
    for (llvm::StringRef Item : llvm::split(T->second, ';')) {
      size_t ItemAt = At + (Item.size() - Item.ltrim().size());
      At += Item.size() + 1;
      auto [Line, Column] = Lines.at(ItemAt);
      Found.library(Line, Column, Item.trim(), Group);
    }
  }

  llvm::StringRef Text;
  LineIndex Lines;
  sdk::FileContext &Ctx;
  Collected Found;
  std::string Masked; ///< Text with all but element text blanked, lines kept.
};

/// A solution is not XML: its lines name configurations
/// ("Debug|x64 = Debug|x64", "{GUID}.Release|Win32.ActiveCfg = ...").
void readSolution(llvm::StringRef Text, sdk::FileContext &Ctx) {
  Collected Found(Ctx);
  forEachLine(Text, [&](unsigned Number, llvm::StringRef Code) {
    for (size_t Bar = Code.find('|'); Bar != llvm::StringRef::npos; Bar = Code.find('|', Bar + 1))
      Found.platform(Number, unsigned(Bar + 2), wordAt(Code.substr(Bar + 1)));
  });
  Found.finish();
}

} // namespace

void MsBuildAnalyzer::analyze(llvm::StringRef Content, sdk::FileContext &Ctx) {
  if (Solution)
    return readSolution(Content, Ctx);
  // Not XML at all (a .props of another tool's, such as Lexilla's lexer
  // property files): not an MSBuild file, and nothing to say of it.
  llvm::StringRef Start = Content;
  Start.consume_front("\xEF\xBB\xBF");
  if (!Start.ltrim().starts_with("<"))
    return;
  std::string Error;
  if (!ProjectReader(Content, Ctx).read(Error))
    throw std::runtime_error(Error);
}

} // namespace portolan::analyzers::x86files
