//===- Prefilter.cpp ------------------------------------------------------===//
#include "portolan/scan/Prefilter.h"

#include "portolan/scan/PlatformMacros.h"

#include <clang/Basic/LangOptions.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <map>
#include <set>

namespace portolan {

namespace {

/// Words that analyzers look for besides the knowledge base's names.
bool isAnalyzerKeyword(llvm::StringRef W) {
  return llvm::StringSwitch<bool>(W)
      .Cases("asm", "__asm", "__asm__", "__declspec", "__try", "__except", "__finally", true)
      .Cases("__int8", "__int16", "__int32", "__int64", "__forceinline", "__stdcall", true)
      .Cases("__cdecl", "__fastcall", "__vectorcall", "__assume", "__debugbreak", "__noop", true)
      .Cases("_alloca", "_malloca", "__uuidof", "__builtin_cpu_supports", "__builtin_cpu_is", true)
      .Cases("__builtin_cpu_init", "target_clones", "cpu_specific", true)
      .Cases("cpu_dispatch", "IUnknown", true)
      .Default(false);
}

} // namespace

namespace {

/// What the prefilter needs of one file, from one raw lexing pass.
struct FileSummary {
  /// Every identifier of the file, directives included.
  llvm::StringSet<> Identifiers;
  /// The identifiers of its #if, #ifdef and #elif conditions.
  llvm::StringSet<> Tested;
  /// The identifiers of its code and of its macros' bodies.
  llvm::StringSet<> InCode;
  /// Whether it includes a test framework (gtest, benchmark, Catch2, ...).
  bool TestFramework = false;
  /// Whether a Special candidate sits in code or a macro's body (all but
  /// the #include of a Windows header), or a #pragma other than once.
  bool SpecialInCode = false;
  /// An #include of a macro's name (#include HEADER).
  bool ComputedInclude = false;
  /// A #define before the last #include: the headers may see the file's
  /// own macros (#define USE_SSE, then a header's #ifdef USE_SSE).
  bool DefineBeforeInclude = false;
  /// A candidate that is not an identifier: a wide string literal, a
  /// backslash path, an #include of a Windows or MSVC header, target("..."),
  /// #pragma comment (or a __pragma or _Pragma, which may hold one).
  bool Special = false;
  /// Each #define: its name, and the identifiers of the conditions around it
  /// and of its body, from which it may stand for a platform macro.
  struct Define {
    std::string Name;
    std::vector<std::string> Related;
    /// Where the body's identifiers begin in Related.
    size_t BodyFrom = 0;
    /// The Windows macros that the branches around it require (_WIN32 of
    /// #ifdef _WIN32, _MSC_VER of #if defined(_MSC_VER) && !defined(X)):
    /// Linux parses enter it only if the project defines one of them.
    std::vector<std::string> WindowsBy;
    /// Its body holds a Special candidate: its expansion may be one.
    bool Special = false;
    /// The identifiers its body pastes (_mm_ of _mm_##name).
    std::vector<std::string> Pasted;
  };
  std::vector<Define> Defines;
  /// The file's size: what its parse costs, roughly.
  size_t Bytes = 0;
};

/// Whether Name, as an #include writes it, is a test framework's header.
bool isTestFrameworkHeader(llvm::StringRef Name) {
  Name = Name.trim().trim("<>\"");
  for (llvm::StringRef Folder : {"gtest/", "gmock/", "benchmark/", "catch2/", "doctest/",
                                 "boost/test/", "CppUTest/", "cppunit/", "criterion/"})
    if (Name.starts_with(Folder))
      return true;
  return llvm::is_contained({"catch.hpp", "doctest.h", "cmocka.h"}, Name);
}

/// Text must be followed by a NUL byte, as a MemoryBuffer's is: Clang's
/// raw lexer reads up to it.
FileSummary summarize(llvm::StringRef Text, const LexicalNames &Names) {
  FileSummary Out;
  clang::LangOptions Opts;
  Opts.CPlusPlus = Opts.CPlusPlus11 = true;
  Opts.MicrosoftExt = true;
  clang::Lexer Raw(clang::SourceLocation(), Opts, Text.begin(), Text.begin(), Text.end());
  clang::Token Tok;
  // The identifiers of each open conditional's directives.
  std::vector<std::vector<std::string>> Conditions;
  enum { None, Include, If, Elif, Else, Endif, Define, DefineBody, Pragma, Other } Directive = None;
  bool AfterHash = false;
  clang::Token Previous; // Of the current directive or line of code.
  Previous.startToken();
  unsigned DirectiveTokens = 0; // Since the directive's name.
  bool SawDefine = false;
  // Of each open conditional's current branch, the Windows macros it
  // requires when it holds only where they are defined: a condition of
  // defined() tests, names, ! and && only, naming Windows macros not
  // negated. Anything else (||, or, not, a comparison: _MSC_VER < 1900
  // holds where it is undefined, !(...)) may hold on Linux: none. The
  // caller trusts a macro only if no project file defines it
  // (_WIN32_WINNT often is).
  std::vector<std::vector<std::string>> WindowsBranch;
  struct {
    std::vector<std::string> Windows;
    bool Other = false, Negate = false, AfterExclaim = false;
  } Cond;
  auto EndCondition = [&] {
    if ((Directive == If || Directive == Elif) && !WindowsBranch.empty())
      WindowsBranch.back() = Cond.Other ? std::vector<std::string>() : Cond.Windows;
  };
  // Code, or a macro's body, which code may expand.
  auto InCode = [&] { return Directive == None || Directive == DefineBody; };
  auto MarkSpecial = [&] {
    Out.Special = true;
    Out.SpecialInCode |= InCode();
    if (Directive == DefineBody)
      Out.Defines.back().Special = true;
  };
  auto HeaderIsCandidate = [&](llvm::StringRef Name) {
    std::string Lower = llvm::sys::path::filename(Name).lower();
    return Names.WindowsHeaders.contains(Lower) || Lower == "intrin.h";
  };
  while (true) {
    Raw.LexFromRawLexer(Tok);
    if (Tok.is(clang::tok::eof))
      break;
    if (Tok.isAtStartOfLine()) {
      EndCondition();
      if (Directive == Endif && !Conditions.empty()) {
        Conditions.pop_back();
        WindowsBranch.pop_back();
      }
      Directive = None;
      AfterHash = false;
      if (Tok.is(clang::tok::hash)) {
        AfterHash = true;
        continue;
      }
    }
    if (AfterHash) {
      AfterHash = false;
      llvm::StringRef W = Tok.is(clang::tok::raw_identifier) ? Tok.getRawIdentifier() : "";
      Directive = llvm::StringSwitch<decltype(Directive)>(W)
                      .Case("include", Include)
                      .Cases("if", "ifdef", "ifndef", If)
                      .Cases("elif", "elifdef", "elifndef", Elif)
                      .Case("else", Else)
                      .Case("endif", Endif)
                      .Case("define", Define)
                      .Case("pragma", Pragma)
                      .Default(Other);
      DirectiveTokens = 0;
      SawDefine |= Directive == Define;
      if (Directive == Include)
        Out.DefineBeforeInclude |= SawDefine; // Also for <...>, split by the raw lexer.
      if (Directive == If) {
        Conditions.emplace_back();
        WindowsBranch.emplace_back();
      }
      if (Directive == If || Directive == Elif)
        Cond = {{}, false, W == "ifndef" || W == "elifndef", false};
      else if (Directive == Else && !WindowsBranch.empty())
        WindowsBranch.back().clear();
      continue;
    }
    if (Directive == If || Directive == Elif) {
      bool Exclaim = Tok.is(clang::tok::exclaim);
      if (Tok.is(clang::tok::raw_identifier)) {
        llvm::StringRef W = Tok.getRawIdentifier();
        // C++'s alternative spellings of operators are names to the raw
        // lexer.
        if (llvm::is_contained({"or", "not", "bitor", "xor", "compl", "not_eq", "and_eq",
                                "or_eq", "xor_eq", "bitand"},
                               W)) {
          Cond.Other = true;
        } else if (W != "defined") {
          if (!Cond.Negate && (platformTestsOfMacro(W) & sdk::TestsWindows))
            Cond.Windows.push_back(W.str());
          Cond.Negate = false;
        }
      } else if (Exclaim) {
        Cond.Negate = true;
      } else if (Tok.is(clang::tok::l_paren)) {
        Cond.Other |= Cond.AfterExclaim;
      } else if (!Tok.isOneOf(clang::tok::r_paren, clang::tok::ampamp)) {
        Cond.Other = true;
      }
      Cond.AfterExclaim = Exclaim;
    }
    ++DirectiveTokens;
    clang::Token Before = Previous;
    Previous = Tok;
    bool PasteNext = Before.is(clang::tok::hashhash);
    switch (Tok.getKind()) {
    case clang::tok::raw_identifier: {
      llvm::StringRef W = Tok.getRawIdentifier();
      Out.Identifiers.insert(W);
      if (InCode())
        Out.InCode.insert(W);
      if (W == "__pragma" || W == "_Pragma")
        MarkSpecial();
      if (W == "target" || W == "__target__") {
        // target("avx2"), not any variable named target.
        llvm::StringRef After(W.end(), Text.end() - W.end());
        After = After.ltrim();
        if (After.consume_front("(") && After.ltrim().starts_with("\""))
          MarkSpecial();
      }
      if ((Directive == If || Directive == Elif) && !Conditions.empty()) {
        Conditions.back().push_back(W.str());
        Out.Tested.insert(W);
      } else if (Directive == Pragma) {
        if (W == "comment")
          Out.Special = true;
        // Clang's parser, not its preprocessor, handles #pragma comment and
        // #pragma clang attribute (target("avx2")): a unit with a pragma is
        // parsed.
        if (W != "once")
          Out.SpecialInCode = true;
        Directive = Other;
      } else if (Directive == Define) {
        FileSummary::Define D;
        D.Name = W.str();
        for (const auto &C : Conditions)
          D.Related.insert(D.Related.end(), C.begin(), C.end());
        D.BodyFrom = D.Related.size();
        for (const std::vector<std::string> &Branch : WindowsBranch)
          D.WindowsBy.insert(D.WindowsBy.end(), Branch.begin(), Branch.end());
        Out.Defines.push_back(std::move(D));
        Directive = DefineBody;
      } else if (Directive == DefineBody) {
        Out.Defines.back().Related.push_back(W.str());
        if (PasteNext)
          Out.Defines.back().Pasted.push_back(W.str());
      } else if (Directive == Include) {
        // <windows.h>: the raw lexer splits the name.
        llvm::StringRef Rest(W.data(), Text.end() - W.data());
        llvm::StringRef Name = Rest.take_until([](char C) { return C == '>' || C == '\n'; });
        if (HeaderIsCandidate(Name))
          Out.Special = true;
        Out.TestFramework |= isTestFrameworkHeader(Name);
        // #include NAME: a header its closure may not hold.
        Out.ComputedInclude |= DirectiveTokens == 1;
        Directive = Other;
      }
      break;
    }
    case clang::tok::wide_string_literal:
      MarkSpecial();
      break;
    case clang::tok::string_literal: {
      llvm::StringRef S(Tok.getLiteralData(), Tok.getLength());
      // A Windows path ("C:\\app"), or a quoted include with '\' ("sub\util.h").
      if (S.contains("\\\\") ||
          (Directive == Include && (S.contains('\\') || HeaderIsCandidate(S.trim('"')))))
        MarkSpecial();
      if (Directive == Include)
        Out.TestFramework |= isTestFrameworkHeader(S);
      break;
    }
    case clang::tok::hashhash:
      if (Directive == DefineBody && Before.is(clang::tok::raw_identifier))
        Out.Defines.back().Pasted.push_back(Before.getRawIdentifier().str());
      break;
    default:
      break;
    }
  }
  return Out;
}

/// Whether W is a platform macro that counts as a candidate. In a unit
/// parsed as Linux, a macro that tests only the operating system (_WIN32,
/// __linux__) gives no finding of its own: it only frames the findings of
/// other tokens in its branches, which are candidates themselves. (_MSC_VER
/// tests the compiler too; x86 macros give x86.arch-guard.) In a Windows
/// unit every call of the SDK is a finding, most of them under no name the
/// knowledge base lists, so there OS macros still count.
bool isCandidateMacro(llvm::StringRef W, bool Windows) {
  unsigned Tests = platformTestsOfMacro(W);
  if (!Windows)
    Tests &= ~unsigned(sdk::TestsWindows | sdk::TestsOtherOS);
  return Tests != 0;
}

/// Whether W can lead to a finding on its own (project macros that stand
/// for a platform macro aside); Windows: in a unit parsed as Windows.
bool isCandidateWord(llvm::StringRef W, const LexicalNames &Names, const PluginWords &Words,
                     bool Windows = true) {
  return Names.Rules.count(W) || isAnalyzerKeyword(W) || isCandidateMacro(W, Windows) ||
         Words.matches(W) || (Windows && Names.WindowsUnitNames.contains(W));
}

} // namespace

bool PluginWords::matches(llvm::StringRef W) const {
  return Exact.contains(W) ||
         llvm::any_of(Prefixes, [&](const std::string &P) { return W.starts_with(P); });
}

std::optional<PluginWords> pluginPrefilterWords(const PluginHost &Host, std::string &Who) {
  PluginWords Words;
  for (const LoadedPlugin &P : Host.loaded()) {
    const sdk::PluginDescriptor &D = *P.Descriptor;
    if (!D.Create)
      continue; // File analyzers see every file anyway.
    if (!D.PrefilterWords) {
      Who = D.Name;
      return std::nullopt;
    }
    for (size_t I = 0; I < D.PrefilterWordCount; ++I) {
      llvm::StringRef W = D.PrefilterWords[I] ? D.PrefilterWords[I] : "";
      if (W.empty())
        continue;
      if (W.consume_back("*"))
        Words.Prefixes.push_back(W.str());
      else
        Words.Exact.insert(W);
    }
  }
  return Words;
}

bool hasCandidateToken(llvm::StringRef Text, const LexicalNames &Names,
                       const PluginWords &Words) {
  // A copy ends in NUL, which the lexer needs; a caller's text need not
  // (the lexical fuzzer's does not: the lexer read past its end).
  std::string Terminated = Text.str();
  FileSummary S = summarize(Terminated, Names);
  if (S.Special)
    return true;
  for (const auto &Entry : S.Identifiers)
    if (isCandidateWord(Entry.getKey(), Names, Words))
      return true;
  return false;
}

PrefilterResult prefilter(const CompilePlan &Plan, llvm::StringRef Root,
                          const LexicalNames &Names, const PluginWords &Words) {
  PrefilterResult Out;
  Out.Plan.Problems = Plan.Problems;
  // Lex every file the units reach, once.
  llvm::StringMap<FileSummary> Summaries;
  auto AddFile = [&](const std::string &Rel) {
    if (Summaries.count(Rel))
      return;
    ++Out.FilesLexed;
    auto Buffer = llvm::MemoryBuffer::getFile(Root + "/" + Rel);
    FileSummary S;
    S.Special = !Buffer; // An unreadable file is parsed, so that its error is reported.
    if (Buffer) {
      S = summarize((*Buffer)->getBuffer(), Names);
      S.Bytes = (*Buffer)->getBufferSize();
    }
    Summaries[Rel] = std::move(S);
  };
  for (const std::vector<CompileJob> *Jobs : {&Plan.Jobs, &Plan.Deferred, &Plan.Headers})
    for (const CompileJob &J : *Jobs) {
      AddFile(J.RelFile);
      for (const std::string &F : J.Closure)
        AddFile(F);
    }
  // Project macros that may stand for a platform macro: defined from one,
  // or inside a conditional that names one; to a fixed point, since they
  // chain (ZSTD_TRACE from ZSTD_HAVE_WEAK_SYMBOLS from __x86_64__).
  // Two sets: for Windows units, from any platform macro; for Linux units,
  // from an architecture macro only: a Linux unit's conditional on a macro
  // derived from _WIN32 or _MSC_VER gives no finding of its own (the
  // parse's tracker derives Windows from _MSC_VER, not MSVC), and its
  // skipped branch holds candidates of its own when it holds a finding.
  auto DeriveFrom = [&](bool Windows) {
    auto Counts = [&](llvm::StringRef W) {
      return Windows ? platformTestsOfMacro(W) != 0
                     : (platformTestsOfMacro(W) & (sdk::TestsX86 | sdk::TestsOtherArch)) != 0;
    };
    llvm::StringSet<> Derived;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &Entry : Summaries)
        for (const FileSummary::Define &D : Entry.getValue().Defines)
          if (!Derived.contains(D.Name) && !platformTestsOfMacro(D.Name) &&
              llvm::any_of(D.Related, [&](const std::string &W) {
                return W != D.Name && (Counts(W) || Derived.contains(W));
              }))
            Changed |= Derived.insert(D.Name).second;
    }
    return Derived;
  };
  const llvm::StringSet<> DerivedForWindows = DeriveFrom(true), DerivedForLinux = DeriveFrom(false);
  // Whether a piece of a name can begin a candidate: three characters or
  // more, the start of a knowledge-base name or a plugin's word (_mm_,
  // __builtin_ia32_; not the _ of TEST's a##_##b).
  std::vector<llvm::StringRef> Sorted;
  for (const auto &Entry : Names.Rules)
    Sorted.push_back(Entry.getKey());
  llvm::sort(Sorted);
  auto BeginsACandidate = [&](llvm::StringRef Piece) {
    if (Piece.size() < 3)
      return false;
    auto It = llvm::lower_bound(Sorted, Piece);
    auto Begins = [&](llvm::StringRef Word) { return Word.starts_with(Piece); };
    return (It != Sorted.end() && It->starts_with(Piece)) || Words.matches(Piece) ||
           llvm::any_of(Words.Prefixes, Begins) ||
           llvm::any_of(Words.Exact, [&](const auto &E) { return Begins(E.getKey()); });
  };
  // A word of code or of a macro's body that can give a finding: a
  // candidate, or a piece ending in '_' that begins one (the _mm_ of
  // CAT(_mm_, popcnt_u32)).
  auto IsCandidateInCode = [&](llvm::StringRef W, bool Windows) {
    return isCandidateWord(W, Names, Words, Windows) ||
           (W.ends_with("_") && BeginsACandidate(W));
  };
  // Every #define of the project, the names the project defines itself (a
  // branch that requires one of them may hold on Linux), and, by macro
  // name, the defines whose body names it.
  std::vector<const FileSummary::Define *> AllDefines;
  llvm::StringSet<> ProjectDefined;
  llvm::StringMap<std::vector<const FileSummary::Define *>> NamedBy;
  for (const auto &Entry : Summaries)
    for (const FileSummary::Define &D : Entry.getValue().Defines) {
      AllDefines.push_back(&D);
      ProjectDefined.insert(D.Name);
      for (size_t I = D.BodyFrom; I < D.Related.size(); ++I)
        if (D.Related[I] != D.Name)
          NamedBy[D.Related[I]].push_back(&D);
    }
  auto WindowsOnly = [&](const FileSummary::Define &D) {
    return llvm::any_of(D.WindowsBy,
                        [&](const std::string &M) { return !ProjectDefined.contains(M); });
  };
  // The project macros whose body (in some definition the unit's platform
  // can enter: for Linux, not one under #ifdef _WIN32) holds a candidate
  // word, a Special token or a paste of a piece that begins a candidate
  // (_mm_##name), or names such a macro: where the project uses one in code
  // (`LOAD(p)` for _mm_loadu_si128), its expansion may be a finding. A
  // derived macro that is none of these (`native_crc32` for crc32_avx2,
  // `inline` for __inline under _MSC_VER) gives a finding only where a
  // conditional tests it. A worklist over the macros each body names.
  auto ExpandingOn = [&](bool Windows) {
    llvm::StringSet<> Expanding;
    std::vector<llvm::StringRef> Work;
    auto Enters = [&](const FileSummary::Define &D) { return Windows || !WindowsOnly(D); };
    auto Add = [&](const FileSummary::Define &D) {
      if (Expanding.insert(D.Name).second)
        Work.push_back(D.Name);
    };
    for (const FileSummary::Define *D : AllDefines)
      if (Enters(*D) && (D->Special || llvm::any_of(D->Pasted, BeginsACandidate) ||
                         std::any_of(D->Related.begin() + D->BodyFrom, D->Related.end(),
                                     [&](const std::string &W) {
                                       return W != D->Name && IsCandidateInCode(W, Windows);
                                     })))
        Add(*D);
    while (!Work.empty()) {
      llvm::StringRef Name = Work.back();
      Work.pop_back();
      auto It = NamedBy.find(Name);
      if (It != NamedBy.end())
        for (const FileSummary::Define *D : It->second)
          if (Enters(*D))
            Add(*D);
    }
    return Expanding;
  };
  const llvm::StringSet<> ExpandingForWindows = ExpandingOn(true),
                          ExpandingForLinux = ExpandingOn(false);
  std::map<std::pair<bool, std::string>, bool> Candidate; // By platform and project file.
  std::set<std::string> CandidateAnywhere;
  auto IsCandidate = [&](const std::string &Rel, Platform Plat) {
    bool Windows = Plat == Platform::WindowsX86_64;
    auto [It, New] = Candidate.try_emplace({Windows, Rel}, false);
    if (New) {
      const FileSummary &S = Summaries[Rel];
      const llvm::StringSet<> &Derived = Windows ? DerivedForWindows : DerivedForLinux;
      const llvm::StringSet<> &Expanding = Windows ? ExpandingForWindows : ExpandingForLinux;
      It->second =
          S.Special || llvm::any_of(S.Identifiers, [&](const auto &Entry) {
            llvm::StringRef W = Entry.getKey();
            return IsCandidateInCode(W, Windows) ||
                   (Derived.contains(W) && (S.Tested.contains(W) || Expanding.contains(W)));
          });
      if (It->second && CandidateAnywhere.insert(Rel).second)
        ++Out.CandidateFiles;
    }
    return It->second;
  };
  // Whether a Linux unit's own file, a candidate, is one only in its
  // directives, and the unit includes a test framework (its own file, or a
  // project header it reaches): a test's code gives no finding then, and
  // its directives (x86.arch-guard, skipped branches) are the
  // preprocessor's, so only the preprocessor runs (libyuv's gtest units: 12
  // s of parse for arch-guards alone). Not a Windows unit: there every call
  // of the SDK is a finding, under whatever name.
  // The unit must read no header its closure lacks (#include NAME, a
  // forced -include), and its own file define nothing before an #include
  // (the headers would see it): the headers' findings of such a run are
  // dropped, each candidate header being parsed in full by another unit.
  auto OnlyDirectives = [&](const CompileJob &J, const std::vector<std::string> &Files) {
    const FileSummary &S = Summaries[Files.front()];
    if (J.Plat != Platform::LinuxX86_64 || S.SpecialInCode || S.ComputedInclude ||
        S.DefineBeforeInclude ||
        llvm::none_of(Files, [&](const std::string &F) { return Summaries[F].TestFramework; }) ||
        llvm::any_of(J.Args, [](llvm::StringRef A) {
          return A.starts_with("-include") || A.starts_with("-imacros") ||
                 A.starts_with("/FI") || A.starts_with("--include");
        }))
      return false;
    return llvm::none_of(S.InCode, [&](const auto &Entry) {
      llvm::StringRef W = Entry.getKey();
      return IsCandidateInCode(W, /*Windows=*/false) || ExpandingForLinux.contains(W);
    });
  };

  // A unit is parsed when its own file is a candidate; a unit that only
  // reaches candidate headers is parsed when it covers one that no parsed
  // unit of its platform covers yet, most uncovered headers first and, of
  // units that cover as many, the one with the fewest bytes to read (zstd:
  // test/RoundTrip.h is covered by RoundTripTest.cpp, not by PzstdTest.cpp,
  // which also parses gtest, 1.3 s of the 4.1 s of parsing). A unit that
  // only its directives make a candidate runs the preprocessor alone and
  // covers no header, unless the cover picks it: then it is parsed.
  using Key = std::pair<int, std::string>; // Platform, header.
  std::set<Key> Covered;
  auto Select = [&](const std::vector<CompileJob> &Jobs, std::vector<CompileJob> &Kept) {
    struct PendingUnit {
      const CompileJob *Job;
      std::vector<Key> Headers;
      size_t Bytes;
      /// Of a unit kept for its directives alone: its place in Kept.
      std::optional<size_t> Kept;
    };
    std::vector<PendingUnit> Pending;
    for (const CompileJob &J : Jobs) {
      std::vector<std::string> Files = J.Closure;
      if (Files.empty())
        Files.push_back(J.RelFile);
      std::vector<Key> Headers;
      bool Own = IsCandidate(Files.front(), J.Plat);
      for (size_t I = 1; I < Files.size(); ++I)
        if (IsCandidate(Files[I], J.Plat))
          Headers.push_back({int(J.Plat), Files[I]});
      std::optional<size_t> DirectivesOnly;
      if (Own && OnlyDirectives(J, Files)) {
        DirectivesOnly = Kept.size();
        Kept.push_back(J);
        Kept.back().DirectivesOnly = true;
      } else if (Own) {
        Covered.insert(Headers.begin(), Headers.end());
        Kept.push_back(J);
        continue;
      }
      if (Headers.empty() && !DirectivesOnly) {
        ++Out.NoCandidates;
      } else if (!Headers.empty()) {
        size_t Bytes = 0;
        for (const std::string &F : Files)
          Bytes += Summaries[F].Bytes;
        Pending.push_back({&J, std::move(Headers), Bytes, DirectivesOnly});
      }
    }
    // Greedy set cover.
    while (true) {
      size_t Best = Pending.size(), BestGain = 0;
      for (size_t I = 0; I < Pending.size(); ++I) {
        if (!Pending[I].Job)
          continue;
        size_t Gain = 0;
        for (const Key &K : Pending[I].Headers)
          Gain += !Covered.count(K);
        if (Gain > BestGain || (Gain && Gain == BestGain && Pending[I].Bytes < Pending[Best].Bytes))
          Best = I, BestGain = Gain;
      }
      if (Best == Pending.size())
        break;
      Covered.insert(Pending[Best].Headers.begin(), Pending[Best].Headers.end());
      if (Pending[Best].Kept)
        Kept[*Pending[Best].Kept].DirectivesOnly = false;
      else
        Kept.push_back(*Pending[Best].Job);
      Pending[Best].Job = nullptr;
    }
    for (const PendingUnit &P : Pending)
      Out.Covered += P.Job != nullptr && !P.Kept;
  };
  Select(Plan.Jobs, Out.Plan.Jobs);
  Select(Plan.Deferred, Out.Plan.Deferred);
  // A header that no unit's parse reads is parsed alone only if it can hold
  // a finding itself.
  for (const CompileJob &H : Plan.Headers)
    if (IsCandidate(H.RelFile, H.Plat))
      Out.Plan.Headers.push_back(H);
  return Out;
}

} // namespace portolan
