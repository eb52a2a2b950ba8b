//===- portolan/kb/Enrich.h - what the knowledge base says of findings ----===//
//
// A scan gathers the symbols its units found and asks the knowledge base
// about each once, at the end; the planner asks again for one finding's
// entry (the area of a Windows API).
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_KB_ENRICH_H
#define PORTOLAN_KB_ENRICH_H

#include "portolan/base/Enrichment.h"
#include "portolan/base/Finding.h"
#include "portolan/kb/KnowledgeBase.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// Where a found symbol came from: the rule that found it, and the header
/// a Windows finding names in its note ("declared in winuser.h").
struct SymbolOrigin {
  std::string Rule;
  std::string Header;
};
/// Each symbol found once, by name.
using SymbolOrigins = std::map<std::string, SymbolOrigin>;

/// Adds the symbols of U's findings to Symbols.
void collectSymbols(const TUResult &U, SymbolOrigins &Symbols);

/// The knowledge base's entry for a finding's symbol: its own; for a
/// Windows API without one, its header's rule; for a construct (inline asm,
/// an x86 guard, __declspec(dllexport)), the entry of its rule.
std::optional<KbSymbol> kbEntryFor(const KnowledgeBase &KB, const Finding &F);

/// What the knowledge base says of each of Symbols, in name order.
std::vector<Enrichment> enrich(const KnowledgeBase &KB, const SymbolOrigins &Symbols);

} // namespace portolan

#endif
