//===- PrefixConditions.cpp - #if values the shared-prefix walk can know -===//
#include "PrefixConditions.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <limits>

namespace portolan {

namespace {

/// Lexes its input and keeps the macros defined at its end (with
/// FromFilesOnly, those a file defined: not the predefined ones).
class MacroTableAction final : public clang::PreprocessorFrontendAction {
public:
  MacroTableAction(MacroTable &Out, bool FromFilesOnly) : Out(Out), FromFilesOnly(FromFilesOnly) {}

private:
  void ExecuteAction() override {
    clang::Preprocessor &PP = getCompilerInstance().getPreprocessor();
    PP.EnterMainSourceFile();
    clang::Token T;
    do
      PP.Lex(T);
    while (T.isNot(clang::tok::eof));
    for (const auto &Entry : PP.macros()) {
      const clang::MacroInfo *MI = PP.getMacroInfo(Entry.first);
      if (!MI)
        continue;
      if (FromFilesOnly) {
        const clang::SourceManager &SM = PP.getSourceManager();
        clang::SourceLocation Loc = MI->getDefinitionLoc();
        if (MI->isBuiltinMacro() || Loc.isInvalid() || SM.isWrittenInBuiltinFile(Loc) ||
            SM.isWrittenInCommandLineFile(Loc))
          continue;
        clang::OptionalFileEntryRef File =
            SM.getFileEntryRefForID(SM.getFileID(SM.getSpellingLoc(Loc)));
        if (!File)
          continue;
        Out[Entry.first->getName()].File = SM.getFileManager().getCanonicalName(*File).str();
      }
      KnownMacro &M = Out[Entry.first->getName()];
      M.FunctionLike = MI->isFunctionLike();
      M.Builtin = MI->isBuiltinMacro();
      for (const clang::Token &Body : MI->tokens()) {
        if (!M.Body.empty())
          M.Body += ' ';
        M.Body += PP.getSpelling(Body);
      }
    }
  }
  MacroTable &Out;
  bool FromFilesOnly;
};

/// Runs MacroTableAction over Text with Invocation's command.
std::optional<MacroTable> macrosAfter(const clang::CompilerInvocation &Invocation,
                                      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                                      llvm::StringRef Text, bool FromFilesOnly) {
  using namespace clang;
  auto Copy = std::make_shared<CompilerInvocation>(Invocation);
  FrontendOptions &Front = Copy->getFrontendOpts();
  if (Front.Inputs.empty())
    return std::nullopt;
  InputKind Kind = Front.Inputs.front().getKind();
  std::unique_ptr<llvm::MemoryBuffer> Input =
      llvm::MemoryBuffer::getMemBuffer(Text, "<portolan-macros>");
  Front.Inputs.clear();
  Front.Inputs.emplace_back(Input->getMemBufferRef(), Kind);
  PreprocessorOptions &PPOpts = Copy->getPreprocessorOpts();
  PPOpts.Includes.clear();
  PPOpts.MacroIncludes.clear();
  PPOpts.ImplicitPCHInclude.clear();
  CompilerInstance Instance;
  Instance.setInvocation(std::move(Copy));
  Instance.createDiagnostics(new IgnoringDiagConsumer, /*ShouldOwnClient=*/true);
  Instance.createFileManager(std::move(FS));
  MacroTable Out;
  MacroTableAction Action(Out, FromFilesOnly);
  if (!Instance.ExecuteAction(Action) || Instance.getDiagnostics().hasErrorOccurred())
    return std::nullopt;
  return Out;
}

struct Tok {
  enum Kind { Number, Name, Punct } K;
  llvm::StringRef Text;
  int64_t Value = 0;
};

/// Text as preprocessing tokens; false on what #if cannot hold or the walk
/// does not evaluate (a string or character literal, a stray character).
bool tokenize(llvm::StringRef Text, std::vector<Tok> &Out) {
  static const char *const Two[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>"};
  size_t I = 0;
  while (I < Text.size()) {
    char C = Text[I];
    if (llvm::isSpace(C)) {
      ++I;
      continue;
    }
    if (llvm::isAlpha(C) || C == '_') {
      size_t J = I;
      while (J < Text.size() && (llvm::isAlnum(Text[J]) || Text[J] == '_'))
        ++J;
      Out.push_back({Tok::Name, Text.slice(I, J)});
      I = J;
      continue;
    }
    if (llvm::isDigit(C) || (C == '.' && I + 1 < Text.size() && llvm::isDigit(Text[I + 1]))) {
      size_t J = I;
      while (J < Text.size()) {
        char D = Text[J];
        if ((D == '+' || D == '-') && llvm::StringRef("eEpP").contains(Text[J - 1])) {
          ++J;
          continue;
        }
        if (!llvm::isAlnum(D) && D != '_' && D != '.' && D != '\'')
          break;
        ++J;
      }
      llvm::StringRef Spelled = Text.slice(I, J);
      llvm::StringRef Digits = Spelled.rtrim("lL");
      if (Digits.ends_with_insensitive("u"))
        return false; // Unsigned arithmetic is not modelled.
      unsigned long long V = 0;
      if (Digits.getAsInteger(0, V) || V > uint64_t(std::numeric_limits<int64_t>::max()))
        return false;
      Out.push_back({Tok::Number, Spelled, int64_t(V)});
      I = J;
      continue;
    }
    bool Matched = false;
    for (const char *P : Two)
      if (Text.substr(I).starts_with(P)) {
        Out.push_back({Tok::Punct, Text.substr(I, 2)});
        I += 2;
        Matched = true;
        break;
      }
    if (Matched)
      continue;
    if (llvm::StringRef("!~*/%+-<>&^|?:()").contains(C)) {
      Out.push_back({Tok::Punct, Text.substr(I, 1)});
      ++I;
      continue;
    }
    return false;
  }
  return true;
}

class Evaluator {
public:
  Evaluator(const MacroTable &Macros, bool Cxx, std::vector<std::string> &Read)
      : Macros(Macros), Cxx(Cxx), Read(Read) {}

  std::optional<bool> run(llvm::StringRef Text) {
    std::vector<Tok> Toks;
    if (!tokenize(Text, Toks))
      return std::nullopt;
    expand(Toks, 0);
    if (Bad || Flat.empty())
      return std::nullopt;
    int64_t V = conditional();
    if (Bad || Pos != Flat.size())
      return std::nullopt;
    return V != 0;
  }

private:
  static Tok number(int64_t V) { return {Tok::Number, "", V}; }

  /// Flat: Toks with macros replaced and defined() evaluated.
  void expand(const std::vector<Tok> &Toks, unsigned Depth) {
    if (Depth > 64) {
      Bad = true;
      return;
    }
    for (size_t I = 0; I < Toks.size() && !Bad; ++I) {
      const Tok &T = Toks[I];
      if (T.K != Tok::Name) {
        Flat.push_back(T);
        continue;
      }
      bool CallFollows = I + 1 < Toks.size() && Toks[I + 1].Text == "(";
      if (T.Text == "defined") {
        // From a macro's replacement its meaning is not portable.
        size_t J = I + 1 + (CallFollows ? 1 : 0);
        if (Depth > 0 || J >= Toks.size() || Toks[J].K != Tok::Name) {
          Bad = true;
          return;
        }
        Read.push_back(Toks[J].Text.str());
        if (CallFollows && (J + 1 >= Toks.size() || Toks[J + 1].Text != ")")) {
          Bad = true;
          return;
        }
        Flat.push_back(number(Macros.count(Toks[J].Text) ? 1 : 0));
        I = J + (CallFollows ? 1 : 0);
        continue;
      }
      Read.push_back(T.Text.str());
      auto It = Macros.find(T.Text);
      if (It == Macros.end() || llvm::is_contained(Expanding, T.Text)) {
        // __has_include(...), __has_builtin(...) and the like; C++'s
        // alternative operator names.
        static const char *const Alternative[] = {"and",   "or",  "not",   "bitand",
                                                  "bitor", "xor", "compl", "not_eq"};
        bool Boolean = T.Text == "true" || T.Text == "false";
        if (CallFollows || (Cxx && llvm::is_contained(Alternative, T.Text)) || (Boolean && !Cxx)) {
          Bad = true;
          return;
        }
        Flat.push_back(number(Cxx && T.Text == "true" ? 1 : 0));
        continue;
      }
      if (It->second.FunctionLike || It->second.Builtin) {
        Bad = true;
        return;
      }
      std::vector<Tok> Body;
      if (!tokenize(It->second.Body, Body)) {
        Bad = true;
        return;
      }
      Expanding.push_back(T.Text);
      expand(Body, Depth + 1);
      Expanding.pop_back();
    }
  }

  bool next(llvm::StringRef P) {
    if (Pos < Flat.size() && Flat[Pos].K == Tok::Punct && Flat[Pos].Text == P) {
      ++Pos;
      return true;
    }
    return false;
  }

  int64_t conditional() {
    int64_t C = binary(1);
    if (!next("?"))
      return C;
    int64_t A = conditional();
    if (!next(":")) {
      Bad = true;
      return 0;
    }
    int64_t B = conditional();
    return C ? A : B;
  }

  static int precedence(llvm::StringRef Op) {
    return llvm::StringSwitch<int>(Op)
        .Case("||", 1)
        .Case("&&", 2)
        .Case("|", 3)
        .Case("^", 4)
        .Case("&", 5)
        .Cases("==", "!=", 6)
        .Cases("<", ">", "<=", ">=", 7)
        .Cases("<<", ">>", 8)
        .Cases("+", "-", 9)
        .Cases("*", "/", "%", 10)
        .Default(0);
  }

  int64_t binary(int Min) {
    int64_t L = unary();
    while (!Bad && Pos < Flat.size() && Flat[Pos].K == Tok::Punct) {
      llvm::StringRef Op = Flat[Pos].Text;
      int P = precedence(Op);
      if (P == 0 || P < Min)
        break;
      ++Pos;
      int64_t R = binary(P + 1);
      L = apply(Op, L, R);
    }
    return L;
  }

  int64_t apply(llvm::StringRef Op, int64_t L, int64_t R) {
    auto U = [](int64_t V) { return uint64_t(V); };
    if (Op == "||")
      return L || R;
    if (Op == "&&")
      return L && R;
    if (Op == "|")
      return L | R;
    if (Op == "^")
      return L ^ R;
    if (Op == "&")
      return L & R;
    if (Op == "==")
      return L == R;
    if (Op == "!=")
      return L != R;
    if (Op == "<")
      return L < R;
    if (Op == ">")
      return L > R;
    if (Op == "<=")
      return L <= R;
    if (Op == ">=")
      return L >= R;
    if (Op == "+")
      return int64_t(U(L) + U(R));
    if (Op == "-")
      return int64_t(U(L) - U(R));
    if (Op == "*")
      return int64_t(U(L) * U(R));
    if (Op == "<<" || Op == ">>") {
      if (R < 0 || R > 62 || L < 0) {
        Bad = true;
        return 0;
      }
      return Op == "<<" ? int64_t(U(L) << R) : L >> R;
    }
    // "/" and "%".
    if (R == 0 || (L == std::numeric_limits<int64_t>::min() && R == -1)) {
      Bad = true;
      return 0;
    }
    return Op == "/" ? L / R : L % R;
  }

  int64_t unary() {
    if (Pos >= Flat.size()) {
      Bad = true;
      return 0;
    }
    if (next("!"))
      return !unary();
    if (next("~"))
      return ~unary();
    if (next("-"))
      return int64_t(0 - uint64_t(unary()));
    if (next("+"))
      return unary();
    if (next("(")) {
      int64_t V = conditional();
      if (!next(")"))
        Bad = true;
      return V;
    }
    if (Flat[Pos].K == Tok::Number)
      return Flat[Pos++].Value;
    Bad = true;
    return 0;
  }

  const MacroTable &Macros;
  bool Cxx;
  std::vector<std::string> &Read;
  std::vector<Tok> Flat;
  std::vector<llvm::StringRef> Expanding;
  size_t Pos = 0;
  bool Bad = false;
};

} // namespace

std::optional<MacroTable> predefinedMacros(const clang::CompilerInvocation &Invocation,
                                           llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  std::optional<MacroTable> Out = macrosAfter(Invocation, std::move(FS), "", false);
  if (Out && Out->empty())
    return std::nullopt;
  return Out;
}

std::optional<MacroTable> headerMacros(const clang::CompilerInvocation &Invocation,
                                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                                       llvm::StringRef Include) {
  return macrosAfter(Invocation, std::move(FS), ("#include " + Include + "\n").str(), true);
}

std::optional<bool> evaluateCondition(llvm::StringRef Directive, llvm::StringRef Args,
                                      const MacroTable &Macros, bool Cxx,
                                      std::vector<std::string> &Read) {
  if (Directive == "if" || Directive == "elif")
    return Evaluator(Macros, Cxx, Read).run(Args);
  bool Negate = Directive == "ifndef" || Directive == "elifndef";
  if (!Negate && Directive != "ifdef" && Directive != "elifdef")
    return std::nullopt;
  std::vector<Tok> Toks;
  if (!tokenize(Args, Toks) || Toks.size() != 1 || Toks[0].K != Tok::Name)
    return std::nullopt;
  Read.push_back(Toks[0].Text.str());
  return (Macros.count(Toks[0].Text) != 0) != Negate;
}

} // namespace portolan
