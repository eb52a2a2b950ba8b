//===- InactiveScan.cpp ---------------------------------------------------===//
#include "InactiveScan.h"

#include "portolan/scan/Discovery.h"
#include "portolan/scan/PlatformMacros.h"

#include <clang/Lex/Lexer.h>
#include <llvm/ADT/StringMap.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace portolan {

using namespace clang;

namespace {

/// Skipped code is not parsed, so an asm statement there counts as x86 only
/// when its text names an x86 register or an instruction only x86 has;
/// NEON, POWER or MIPS asm in a nested branch does not.
bool looksLikeX86Asm(llvm::StringRef Statement) {
  std::string Lower = Statement.take_until([](char C) { return C == ';' || C == '}'; }).lower();
  llvm::StringRef Text = Lower;
  static const char *const Words[] = {
      "eax",   "ebx",   "ecx",    "edx",   "esi",   "edi",    "esp",   "ebp",   "rax",
      "rbx",   "rcx",   "rdx",    "rsi",   "rdi",   "rsp",    "rbp",   "xmm",   "ymm",
      "zmm",   "rdtsc", "cpuid",  "bswap", "pause", "lfence", "mfence", "sfence", "xchg",
      "cmpxchg", "movl", "movq",  "movdqa", "movdqu", "pxor", "popcnt", "bsf",   "bsr",
      "xgetbv", "leal", "leaq",   "pushq", "popq",  "int3",   "rdrand", "pushf", "popf"};
  for (const char *W : Words) {
    size_t At = Text.find(W);
    while (At != llvm::StringRef::npos) {
      bool Start = At == 0 || !std::isalnum(static_cast<unsigned char>(Text[At - 1]));
      size_t End = At + std::strlen(W);
      bool Stop = End >= Text.size() || !std::isalpha(static_cast<unsigned char>(Text[End]));
      if (Start && Stop)
        return true;
      At = Text.find(W, At + 1);
    }
  }
  return false;
}

/// Rules whose names are functions: intrinsics (Microsoft's too, such as
/// the runtime's builtins _byteswap_ulong), builtins, APIs, the C runtime's.
bool isFunctionRule(llvm::StringRef Rule) {
  return llvm::is_contained({"x86.intrinsic", "x86.builtin", "msvc.intrinsic", "win32.api",
                             "win32.crt", "msvc.secure-crt", "msvc.alloca"},
                            Rule);
}

/// What a unit's source file holds: how often each identifier occurs
/// there (none counted when the main file is a header or pastes tokens),
/// and the offset of its last #include "...".
struct SourceFacts {
  llvm::StringMap<unsigned> Identifiers;
  unsigned LastProjectInclude = 0;
};

class RangeScanner {
public:
  RangeScanner(const ConditionalTracker &Tracker, const SourceManager &SM,
               const LangOptions &LangOpts, const LexicalNames &Names,
               std::vector<InactiveHit> &Hits)
      : Tracker(Tracker), SM(SM), LangOpts(LangOpts), Names(Names), Hits(Hits) {}

  /// Lexes Buffer[Begin, End) of FID. Skipped ranges begin with the
  /// directive that began skipping; active code (ActiveCode) does not, and
  /// only names are looked for there (an asm statement is the AST's).
  void scan(FileID FID, unsigned Begin, unsigned End, bool ActiveCode = false) {
    llvm::StringRef Buffer = SM.getBufferData(FID);
    End = std::min<unsigned>(End, Buffer.size());
    Lexer Raw(SM.getLocForStartOfFile(FID), LangOpts, Buffer.begin(), Buffer.begin() + Begin,
              Buffer.end());
    Raw.SetCommentRetentionState(false);
    Token Tok;
    // The first line is the directive that began skipping (#ifdef __AVX2__
    // or #else): it is not skipped code.
    bool InDirective = !ActiveCode;
    bool First = !ActiveCode;
    AsmStatementEnd = 0;
    bool AfterMemberAccess = false;
    while (true) {
      Raw.LexFromRawLexer(Tok);
      if (Tok.is(tok::eof))
        break;
      unsigned Offset = SM.getFileOffset(Tok.getLocation());
      if (Offset >= End)
        break;
      if (Tok.isAtStartOfLine() || First) {
        bool WasFirst = First;
        First = false;
        InDirective = Tok.is(tok::hash);
        if (InDirective) {
          if (!WasFirst && (ActiveCode ? defineBody(Raw, FID, Offset, Buffer)
                                       : directive(Raw, FID, Offset, Buffer)))
            InDirective = false; // A #define's body is code too.
          continue;
        }
      }
      bool Member = AfterMemberAccess;
      AfterMemberAccess = Tok.isOneOf(tok::period, tok::arrow);
      if (InDirective || Tok.isNot(tok::raw_identifier) || Member)
        continue; // A member (s->_read, evt.SetEvent) is the project's own.
      llvm::StringRef Name = Tok.getRawIdentifier();
      auto It = Names.Rules.find(Name);
      if (It != Names.Rules.end() && ActiveCode && isFunctionRule(It->second) &&
          !Buffer.substr(Offset + Name.size()).ltrim().starts_with("("))
        continue; // In active code, a function's name counts where it is called.
      if (It != Names.Rules.end())
        hit(It->second, Name, FID, Offset, ActiveCode ? "seen without its declaration" : "");
      else if (!ActiveCode && (Name == "asm" || Name == "__asm__" || Name == "__asm") &&
               Offset >= AsmStatementEnd) {
        unsigned KeywordEnd = Offset + unsigned(Name.size());
        AsmStatementEnd = msvcAsmEnd(Buffer, KeywordEnd);
        if (AsmStatementEnd > KeywordEnd ? looksLikeMsvcX86Asm(Buffer.slice(KeywordEnd,
                                                                            AsmStatementEnd))
                                         : looksLikeX86Asm(Buffer.substr(Offset, 400)))
          hit("x86.inline-asm", Name, FID, Offset, "");
      }
    }
  }

private:
  /// Where a Visual C++ asm statement whose keyword ends at From ends: a
  /// block `__asm { ... }` (its brace on the same line or the next) at its
  /// closing brace, one without braces at the end of its logical line
  /// (`__asm mov eax, 1 __asm _emit 0x90` is one statement, as Clang reads
  /// it). The __asm inside are not statements of their own. GNU's asm(...)
  /// ends where it begins (From).
  static unsigned msvcAsmEnd(llvm::StringRef Buffer, unsigned From) {
    llvm::StringRef Rest = Buffer.substr(From);
    llvm::StringRef Next = Rest.ltrim(" \t");
    for (const char *Gnu : {"(", "volatile", "__volatile", "goto", "inline", "__inline"})
      if (Next.starts_with(Gnu))
        return From; // __volatile__ and __inline__ begin as these do.
    llvm::StringRef Block = Rest.ltrim(" \t\r\n\\");
    if (Block.starts_with("{")) {
      unsigned Depth = 0;
      for (size_t I = Rest.size() - Block.size(); I < Rest.size(); ++I) {
        char C = Rest[I];
        if (C == ';' || (C == '/' && Rest.substr(I).starts_with("//"))) {
          I = std::min(Rest.find('\n', I), Rest.size()) - 1; // A comment.
        } else if (C == '{') {
          ++Depth;
        } else if (C == '}' && --Depth == 0) {
          return From + unsigned(I) + 1;
        }
      }
      return From; // Never closed: not a block after all.
    }
    // The logical line: continued lines (a macro's body) are one.
    size_t End = 0;
    while (true) {
      End = std::min(Rest.find('\n', End), Rest.size());
      if (End == Rest.size() || !Rest.substr(0, End).rtrim(" \t\r").ends_with("\\"))
        break;
      ++End;
    }
    return From + unsigned(End);
  }

  /// A Visual C++ asm statement's text (after its __asm) names an x86
  /// register or instruction; ';' begins a comment there.
  static bool looksLikeMsvcX86Asm(llvm::StringRef Text) {
    while (!Text.empty()) {
      auto [Line, Rest] = Text.split('\n');
      std::string Code = Line.split(';').first.str();
      std::replace_if(Code.begin(), Code.end(), [](char C) { return C == '{' || C == '}'; },
                      ' ');
      if (looksLikeX86Asm(Code))
        return true;
      Text = Rest;
    }
    return false;
  }

  /// True for a #define (its name is passed over), whose body is scanned
  /// as code. Not for one that the unit's source file makes and that
  /// nothing names again: a macro nothing expands is compiled in no
  /// configuration (libyuv's row_win.cc defines READYUV444 and uses it
  /// nowhere).
  bool defineBody(Lexer &Raw, FileID FID, unsigned HashOffset, llvm::StringRef Buffer) {
    if (!Buffer.substr(HashOffset + 1).ltrim(" \t").starts_with("define"))
      return false;
    Token Name;
    Raw.LexFromRawLexer(Name); // "define"
    Raw.LexFromRawLexer(Name); // The macro's name.
    return !(Name.is(tok::raw_identifier) &&
             unusedInUnitSource(FID, HashOffset, Name.getRawIdentifier()));
  }

  /// Whether Macro, defined at Offset of FID, is one that nothing can
  /// expand: FID is the unit's own source file (not a header, which other
  /// files include), names it only there, pastes no tokens (LOAD_##isa
  /// makes names the text does not hold), includes no project file after
  /// it (which may use it), and no other file the parse read names it.
  bool unusedInUnitSource(FileID FID, unsigned Offset, llvm::StringRef Macro) {
    if (FID != SM.getMainFileID())
      return false;
    if (!Source) {
      Source.emplace();
      OptionalFileEntryRef File = SM.getFileEntryRefForID(FID);
      llvm::StringRef Buffer = SM.getBufferData(FID);
      if (!File || !isSourceFileName(File->getName()) || Buffer.contains("##"))
        return false; // Empty: nothing is counted as unused.
      Lexer Raw(SM.getLocForStartOfFile(FID), LangOpts, Buffer.begin(), Buffer.begin(),
                Buffer.end());
      Raw.SetCommentRetentionState(false);
      Token Tok;
      bool LineStart = false;
      for (Raw.LexFromRawLexer(Tok); Tok.isNot(tok::eof); Raw.LexFromRawLexer(Tok)) {
        if (Tok.is(tok::raw_identifier))
          ++Source->Identifiers[Tok.getRawIdentifier()];
        // #include "..." (a quoted name: the project's own).
        if (LineStart && Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == "include" &&
            Buffer.substr(SM.getFileOffset(Tok.getLocation()) + 7).ltrim(" \t").starts_with("\""))
          Source->LastProjectInclude = SM.getFileOffset(Tok.getLocation());
        LineStart = Tok.is(tok::hash) && Tok.isAtStartOfLine();
      }
    }
    auto It = Source->Identifiers.find(Macro);
    if (It == Source->Identifiers.end() || It->second != 1 || Offset < Source->LastProjectInclude)
      return false;
    for (auto File = SM.fileinfo_begin(); File != SM.fileinfo_end(); ++File) {
      std::optional<llvm::StringRef> Text = File->second->getBufferDataIfLoaded();
      if (Text && Text->data() != SM.getBufferData(FID).data() && namesWord(*Text, Macro))
        return false;
    }
    return true;
  }

  /// Whether Text holds Word as a whole identifier.
  static bool namesWord(llvm::StringRef Text, llvm::StringRef Word) {
    auto IsIdent = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
    for (size_t At = Text.find(Word); At != llvm::StringRef::npos; At = Text.find(Word, At + 1))
      if ((At == 0 || !IsIdent(Text[At - 1])) &&
          (At + Word.size() == Text.size() || !IsIdent(Text[At + Word.size()])))
        return true;
    return false;
  }

  /// A directive inside skipped code: #include of a Windows header, or an
  /// #error that the non-x86 side of a chain reaches. True for a #define,
  /// whose body (after its name) is scanned as code.
  bool directive(Lexer &Raw, FileID FID, unsigned HashOffset, llvm::StringRef Buffer) {
    if (defineBody(Raw, FID, HashOffset, Buffer))
      return true;
    llvm::StringRef Line = Buffer.substr(HashOffset).split('\n').first;
    llvm::StringRef Rest = Line.drop_front().ltrim();
    if (Rest.consume_front("include")) {
      Rest = Rest.ltrim();
      if (Rest.empty() || (Rest.front() != '<' && Rest.front() != '"'))
        return false;
      char Close = Rest.front() == '<' ? '>' : '"';
      llvm::StringRef Header = Rest.drop_front().split(Close).first;
      if (Names.WindowsHeaders.contains(Header.lower()))
        hit("win32.include", Header, FID, HashOffset, "");
      return false;
    }
    if (Rest.consume_front("error")) {
      auto [Chain, Own] = Tracker.innermost(FID, HashOffset);
      if (!Chain || (Own->Positive & (sdk::TestsX86 | sdk::TestsOtherArch)))
        return false;
      // Reached on other architectures: the #error's branch denies x86
      // (#if !defined(__x86_64__)), or another branch of the chain is the
      // x86 one and this is what everything else gets.
      // Only a chain that tests an x86 macro itself: one on project macros
      // derived from x86 (PuTTY's BIGNUM_INT_BITS_BITS == 6) may end in an
      // "out of options" #error that no architecture reaches.
      auto Predefined = [](const CondBranch &B) {
        return (platformTestsOfMacro(B.Info.X86Macro) & sdk::TestsX86) != 0;
      };
      bool X86Elsewhere = false;
      for (const CondBranch &B : Chain->Branches)
        X86Elsewhere |= &B != Own && (B.Positive & sdk::TestsX86) && Predefined(B);
      if (X86Elsewhere || ((Own->Negative & sdk::TestsX86) && Predefined(*Own)))
        Hits.push_back({"x86.error-guard", "#error", SM.getComposedLoc(FID, HashOffset),
                        Rest.trim().str()});
    }
    return false;
  }

  void hit(llvm::StringRef Rule, llvm::StringRef Symbol, FileID FID, unsigned Offset,
           llvm::StringRef Note) {
    auto [Family, Other] = familyOfRule(Rule);
    auto [Chain, Own] = Tracker.innermost(FID, Offset);
    // The other platform's side of a chain: an aarch64 branch that
    // emulates _mm_* names, a POSIX branch that names send(). A branch
    // that asserts the finding's own platform is that platform's side,
    // whatever else it denies: `!defined(LIB_DISABLE_X86) &&
    // defined(_M_X64)` denies a macro defined under x86 conditions, yet
    // holds x86 code.
    if (Own && !(Own->Positive & Family) &&
        ((Own->Positive & Other) || (Own->Negative & Family)))
      return;
    Hits.push_back({Rule.str(), Symbol.str(), SM.getComposedLoc(FID, Offset), Note.str()});
  }

  const ConditionalTracker &Tracker;
  const SourceManager &SM;
  const LangOptions &LangOpts;
  const LexicalNames &Names;
  std::vector<InactiveHit> &Hits;
  /// The unit's source file, read when first needed.
  std::optional<SourceFacts> Source;
  /// The end of the last asm statement seen (see msvcAsmEnd).
  unsigned AsmStatementEnd = 0;
};

} // namespace

std::vector<InactiveHit> scanSkippedRanges(const ConditionalTracker &Tracker,
                                           const SourceManager &SM, const LangOptions &LangOpts,
                                           const LexicalNames &Names,
                                           const std::function<bool(FileID)> &IsProject) {
  std::vector<InactiveHit> Hits;
  RangeScanner Scanner(Tracker, SM, LangOpts, Names, Hits);
  for (SourceRange R : Tracker.skipped()) {
    SourceLocation B = SM.getExpansionLoc(R.getBegin());
    SourceLocation E = SM.getExpansionLoc(R.getEnd());
    auto [FID, BeginOffset] = SM.getDecomposedLoc(B);
    auto [EndFID, EndOffset] = SM.getDecomposedLoc(E);
    if (FID != EndFID || !IsProject(FID))
      continue;
    // A file in a folder for another architecture (simd/mips64/) may name
    // its own _mm_* functions: not x86 code.
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(FID))
      if (sdk::isOtherArchitecturePath(File->getName()))
        continue;
    // Code no configuration compiles is passed over; each live part after
    // a dead one begins with the chain's next directive (#else, #endif).
    for (auto [LiveBegin, LiveEnd] : Tracker.liveParts(FID, BeginOffset, EndOffset))
      Scanner.scan(FID, LiveBegin, LiveEnd);
  }
  return Hits;
}

std::vector<InactiveHit> scanUnresolvedNames(const ConditionalTracker &Tracker,
                                             const SourceManager &SM,
                                             const LangOptions &LangOpts,
                                             const LexicalNames &Names,
                                             const std::vector<FileID> &Files) {
  std::vector<InactiveHit> Hits;
  RangeScanner Scanner(Tracker, SM, LangOpts, Names, Hits);
  for (FileID FID : Files) {
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(FID))
      if (sdk::isOtherArchitecturePath(File->getName()))
        continue;
    // The file's text between the ranges the parse skipped.
    std::vector<std::pair<unsigned, unsigned>> Skips;
    for (SourceRange R : Tracker.skipped()) {
      auto [B, BeginOffset] = SM.getDecomposedLoc(SM.getExpansionLoc(R.getBegin()));
      auto [E, EndOffset] = SM.getDecomposedLoc(SM.getExpansionLoc(R.getEnd()));
      if (B == FID && E == FID && BeginOffset < EndOffset)
        Skips.emplace_back(BeginOffset, EndOffset);
    }
    std::sort(Skips.begin(), Skips.end());
    unsigned At = 0;
    for (auto [Begin, End] : Skips) {
      if (Begin > At)
        Scanner.scan(FID, At, Begin, /*ActiveCode=*/true);
      At = std::max(At, End);
    }
    Scanner.scan(FID, At, SM.getBufferData(FID).size(), /*ActiveCode=*/true);
  }
  return Hits;
}

} // namespace portolan
