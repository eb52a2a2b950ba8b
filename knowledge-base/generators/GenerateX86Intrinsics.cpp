//===- GenerateX86Intrinsics.cpp - the x86 intrinsic universe from Clang --===//
//
// Usage: portolan-kb-gen-x86 OUTPUT.toml
//
// Parses Clang's own x86 umbrella headers (x86intrin.h, which includes
// immintrin.h and the AMD extensions, plus cpuid.h and mm_malloc.h) for
// x86_64 and writes every intrinsic they declare, with its ISA extension:
//   - a function takes the features of its target attribute
//     (__DEFAULT_FN_ATTRS carries __target__("avx2") and the like);
//   - a macro takes the required features of the first x86 builtin or
//     intrinsic function its body names, followed through other macros;
//   - a builtin Clang declares for an x86 header or MSVC's intrin.h
//     (_mm_pause, _BitScanForward) takes its required features, and so
//     does every other x86 target builtin (__builtin_ia32_*, __rdtsc);
//   - a public vector type (__m128i), and what names neither, take the
//     most common ISA of its header's functions, marked isa_inferred.
// The output begins with a line naming this generator and its input, and is
// checked against the committed knowledge-base/x86/intrinsics.toml by a test.
//
//===----------------------------------------------------------------------===//
#include "X86IntrinsicsAnalyzer.h"
#include "portolan/scan/UnitAnalysis.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/Builtins.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Basic/TargetBuiltins.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <map>

using namespace clang;

namespace {

// The same recognition the x86-intrinsics analyzer uses.
bool isX86Header(llvm::StringRef Name) {
  return portolan::analyzers::isX86IntrinsicHeaderName(Name);
}

/// Reserved upper-case names (__DEFAULT_FN_ATTRS, __XMMINTRIN_H) and
/// double-underscore-underscore names are the headers' plumbing.
bool isPlumbingName(llvm::StringRef N) {
  return N.starts_with("__") && N.size() > 2 && (isupper(N[2]) || N[2] == '_');
}

struct Entry {
  std::string Header;
  std::string Kind; ///< function | macro | constant
  std::string Isa;
  bool Inferred = false;
};

/// "avx512vl,avx512bw" -> "AVX512VL+AVX512BW"; drops the EVEX width markers.
std::string normalizeFeatures(llvm::StringRef Features) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Features.split(Parts, ',', -1, false);
  std::string Out;
  for (llvm::StringRef P : Parts) {
    P = P.trim().trim("()");
    if (P.empty() || P == "evex512" || P == "no-evex512" || P.starts_with("no-"))
      continue;
    std::string Upper = P.upper();
    std::replace(Upper.begin(), Upper.end(), '|', '/');
    if (!Out.empty())
      Out += "+";
    Out += Upper;
  }
  return Out.empty() ? "BASELINE" : Out;
}

struct Collector {
  std::map<std::string, Entry> Entries;
  std::map<std::string, const MacroInfo *> Macros;
  SourceManager *SM = nullptr;

  std::string headerOf(SourceLocation Loc) {
    OptionalFileEntryRef F = SM->getFileEntryRefForID(SM->getFileID(SM->getSpellingLoc(Loc)));
    return F ? llvm::sys::path::filename(F->getName()).str() : "";
  }
};

class MacroCollector : public PPCallbacks {
public:
  explicit MacroCollector(Collector &C) : C(C) {}
  void MacroDefined(const Token &Name, const MacroDirective *MD) override {
    const MacroInfo *MI = MD->getMacroInfo();
    std::string Header = C.headerOf(MI->getDefinitionLoc());
    llvm::StringRef N = Name.getIdentifierInfo()->getName();
    // Reserved upper-case names are the headers' plumbing: include guards
    // and attribute bundles, never written by users.
    if (Header.empty() || !isX86Header(Header) || isPlumbingName(N))
      return;
    // A macro that only re-spells a keyword or attribute is plumbing too.
    if (!MI->isFunctionLike() && MI->getNumTokens() == 0)
      return;
    C.Macros[N.str()] = MI;
    // An object-like macro whose body is one name aliases another intrinsic
    // (#define _blsr_u64 __blsr_u64); other object-like macros are constants.
    bool Alias = !MI->isFunctionLike() && MI->getNumTokens() == 1 &&
                 MI->getReplacementToken(0).is(tok::identifier);
    C.Entries[N.str()] = {Header,
                          MI->isFunctionLike() ? "macro" : Alias ? "alias" : "constant", "",
                          false};
  }

private:
  Collector &C;
};

class Consumer : public ASTConsumer {
public:
  explicit Consumer(Collector &C) : C(C) {}
  void HandleTranslationUnit(ASTContext &AST) override {
    std::map<std::string, std::map<std::string, int>> HeaderIsas;
    for (Decl *D : AST.getTranslationUnitDecl()->decls()) {
      // Public vector and mask types (__m128, __m256i, __mmask16); the
      // __v* typedefs are the headers' internals.
      if (auto *TD = dyn_cast<TypedefNameDecl>(D)) {
        std::string Header = C.headerOf(TD->getLocation());
        if (!Header.empty() && isX86Header(Header) && TD->getName().starts_with("__m"))
          C.Entries[TD->getName().str()] = {Header, "type", "", false};
        continue;
      }
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->getIdentifier() || FD->getBuiltinID())
        continue;
      std::string Header = C.headerOf(FD->getLocation());
      llvm::StringRef Name = FD->getName();
      if (Header.empty() || !isX86Header(Header) || isPlumbingName(Name))
        continue;
      std::string Isa = "BASELINE";
      if (const auto *TA = FD->getAttr<TargetAttr>())
        Isa = normalizeFeatures(TA->getFeaturesStr());
      C.Entries[Name.str()] = {Header, "function", Isa, false};
      ++HeaderIsas[Header][Isa];
    }
    // Intrinsics that Clang declares itself as builtins of an x86 header
    // (_mm_pause, _mm_sfence, ...) or of MSVC's intrin.h (_BitScanForward).
    for (unsigned ID = Builtin::FirstTSBuiltin; ID < X86::LastTSBuiltin; ++ID) {
      const char *Header = AST.BuiltinInfo.getHeaderName(ID);
      const char *Req = AST.BuiltinInfo.getRequiredFeatures(ID);
      if (!Header) {
        // A builtin code may call directly (__builtin_ia32_*, __rdtsc).
        C.Entries.try_emplace(AST.BuiltinInfo.getName(ID).str(),
                              Entry{"", "target-builtin", normalizeFeatures(Req ? Req : ""), false});
        continue;
      }
      if (!(isX86Header(Header) || llvm::StringRef(Header) == "intrin.h"))
        continue;
      // cpuid.h's GNU __cpuid macro keeps its entry over intrin.h's builtin.
      C.Entries.try_emplace(AST.BuiltinInfo.getName(ID).str(),
                            Entry{Header, "builtin", normalizeFeatures(Req ? Req : ""), false});
    }
    // An alias of a constant (a macro or an enumerator) is a constant.
    for (auto &[Name, E] : C.Entries) {
      std::string Target = Name;
      for (int Depth = 0; Depth < 8 && C.Entries.count(Target) &&
                          C.Entries[Target].Kind == "alias";
           ++Depth)
        Target = C.Macros[Target]->getReplacementToken(0).getIdentifierInfo()->getName().str();
      auto It = C.Entries.find(Target);
      if (E.Kind == "alias" && (It == C.Entries.end() || It->second.Kind == "constant" ||
                                It->second.Kind == "alias"))
        E.Kind = "constant";
    }
    // Macros: follow the body to a builtin or a function of known ISA.
    for (auto &[Name, MI] : C.Macros)
      resolveMacro(AST, Name, 0);
    for (auto &[Name, E] : C.Entries) {
      if (!E.Isa.empty())
        continue;
      const auto &Counts = HeaderIsas[E.Header];
      std::string Best = "BASELINE";
      int BestCount = 0;
      for (const auto &[Isa, N] : Counts)
        if (N > BestCount)
          Best = Isa, BestCount = N;
      E.Isa = Best;
      E.Inferred = true;
    }
  }

private:
  /// The union of the features of every x86 builtin and intrinsic function
  /// the macro's body names, followed through other macros, in first-seen
  /// order: a masked AVX-512 macro needs its select builtin's features and
  /// its operation's.
  std::string resolveMacro(ASTContext &AST, const std::string &Name, int Depth) {
    Entry &E = C.Entries[Name];
    if (!E.Isa.empty() || Depth > 8)
      return E.Isa;
    std::vector<std::string> Features;
    auto Add = [&](llvm::StringRef Isa) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Isa.split(Parts, '+');
      for (llvm::StringRef P : Parts)
        if (P != "BASELINE" && std::find(Features.begin(), Features.end(), P) == Features.end())
          Features.push_back(P.str());
    };
    bool Found = false;
    for (const Token &T : C.Macros[Name]->tokens()) {
      const IdentifierInfo *II = T.getIdentifierInfo();
      if (!II)
        continue;
      if (unsigned ID = II->getBuiltinID(); ID && AST.BuiltinInfo.isTSBuiltin(ID)) {
        const char *Req = AST.BuiltinInfo.getRequiredFeatures(ID);
        Add(normalizeFeatures(Req ? Req : ""));
        Found = true;
        continue;
      }
      auto It = C.Entries.find(II->getName().str());
      if (It == C.Entries.end() || It->first == Name)
        continue;
      if (It->second.Kind == "function") {
        Add(It->second.Isa);
        Found = true;
      } else if (C.Macros.count(It->first)) {
        std::string Isa = resolveMacro(AST, It->first, Depth + 1);
        if (!Isa.empty() && !C.Entries[It->first].Inferred) {
          Add(Isa);
          Found = true;
        }
      }
    }
    if (!Found)
      return "";
    std::string Joined;
    for (const std::string &F : Features)
      Joined += (Joined.empty() ? "" : "+") + F;
    return E.Isa = Joined.empty() ? "BASELINE" : Joined;
  }

  Collector &C;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(Collector &C) : C(C) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    C.SM = &CI.getSourceManager();
    CI.getPreprocessor().addPPCallbacks(std::make_unique<MacroCollector>(C));
    return std::make_unique<Consumer>(C);
  }

private:
  Collector &C;
};

std::string tomlString(llvm::StringRef S) {
  std::string Out = "\"";
  for (char Ch : S) {
    if (Ch == '"' || Ch == '\\')
      Out += '\\';
    Out += Ch;
  }
  return Out + "\"";
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 2) {
    llvm::errs() << "usage: portolan-kb-gen-x86 OUTPUT.toml\n";
    return 2;
  }
  Collector C;
  std::string Resource = portolan::clangResourceDir();
  std::vector<std::string> Args = {"-x", "c", "--target=x86_64-linux-gnu",
                                   "-resource-dir=" + Resource, "-w"};
  const char *Code = "#include <x86intrin.h>\n#include <cpuid.h>\n#include <mm_malloc.h>\n";
  if (!tooling::runToolOnCodeWithArgs(std::make_unique<Action>(C), Code, Args,
                                      "x86-universe.c", "clang")) {
    llvm::errs() << "portolan-kb-gen-x86: parsing Clang's x86 headers failed\n";
    return 1;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Argv[1], EC);
  if (EC) {
    llvm::errs() << Argv[1] << ": cannot write: " << EC.message() << "\n";
    return 1;
  }
  OS << "# Generated by knowledge-base/generators/GenerateX86Intrinsics.cpp from the x86 "
        "headers of Clang "
     << LLVM_VERSION_STRING << " (" << Resource << "/include); do not edit.\n"
     << "# " << C.Entries.size() << " intrinsics. Source: Clang " << LLVM_VERSION_MAJOR
     << " lib/Headers.\n";
  for (const auto &[Name, E] : C.Entries) {
    OS << "\n[[intrinsic]]\nname = " << tomlString(Name) << "\nisa = " << tomlString(E.Isa)
       << "\n";
    if (!E.Header.empty())
      OS << "header = " << tomlString(E.Header) << "\n";
    OS << "kind = " << tomlString(E.Kind) << "\n";
    if (E.Inferred)
      OS << "isa_inferred = true\n";
  }
  return 0;
}
