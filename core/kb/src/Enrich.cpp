//===- Enrich.cpp ---------------------------------------------------------===//
#include "portolan/kb/Enrich.h"

#include <llvm/ADT/StringRef.h>

namespace portolan {
namespace {

/// The knowledge base's entry for a symbol: its own; for a Windows API
/// without one, its header's rule; for a construct (inline asm, an x86
/// guard, __declspec(dllexport)), the entry of its rule, with the symbol
/// (msvc.declspec.dllexport) or without (x86.inline-asm).
std::optional<KbSymbol> entryFor(const KnowledgeBase &KB, const std::string &Symbol,
                                 const SymbolOrigin &Origin) {
  if (auto Sym = KB.lookup(Symbol))
    return Sym;
  if (!Origin.Header.empty())
    if (auto Sym = KB.lookupWin32Header(Origin.Header))
      return Sym;
  if (Origin.Rule == "win32.include")
    if (auto Sym = KB.lookupWin32Header(llvm::StringRef(Symbol).lower()))
      return Sym;
  if (auto Sym = KB.lookup(Origin.Rule + "." + Symbol); Sym && Sym->Kind == "construct")
    return Sym;
  if (auto Sym = KB.lookup(Origin.Rule); Sym && Sym->Kind == "construct")
    return Sym;
  return std::nullopt;
}

SymbolOrigin originOf(const Finding &F) {
  llvm::StringRef Note(F.Note);
  return {F.Rule, Note.consume_front("declared in ") ? Note.str() : std::string()};
}

} // namespace

void collectSymbols(const TUResult &U, SymbolOrigins &Symbols) {
  for (const Finding &F : U.Findings)
    Symbols[F.Symbol] = originOf(F);
}

std::optional<KbSymbol> kbEntryFor(const KnowledgeBase &KB, const Finding &F) {
  return entryFor(KB, F.Symbol, originOf(F));
}

std::vector<Enrichment> enrich(const KnowledgeBase &KB, const SymbolOrigins &Symbols) {
  std::vector<Enrichment> Out;
  for (const auto &[S, Origin] : Symbols) {
    Enrichment E;
    E.Symbol = S;
    if (std::optional<KbSymbol> Sym = entryFor(KB, S, Origin)) {
      E.Known = true;
      E.Kind = Sym->Kind;
      E.Isa = Sym->Fields["isa"];
      E.Effort = Sym->Fields["effort"];
      // Entries without an effort class of their own (Windows types) take
      // their rule's.
      if (E.Effort.empty() && Sym->Kind != "intrinsic")
        if (auto Rule = KB.lookup(Origin.Rule); Rule && Rule->Kind == "construct")
          E.Effort = Rule->Fields["effort"];
      // What replaces a Windows entry is one of its own fields.
      E.Replacement = Sym->Fields.count("equivalent") ? Sym->Fields["equivalent"]
                                                      : Sym->Fields["alternatives"];
      E.Equivalents = KB.equivalents(S);
    }
    Out.push_back(std::move(E));
  }
  return Out;
}

} // namespace portolan
