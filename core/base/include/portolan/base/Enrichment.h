//===- portolan/base/Enrichment.h - what the KB says of a found symbol ----===//
//
// Plain values: the knowledge base answers with them, the results store
// keeps them beside a run's findings, and the planner and reports read them
// back. They live below both the knowledge base and the store so that
// neither needs the other.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_BASE_ENRICHMENT_H
#define PORTOLAN_BASE_ENRICHMENT_H

#include <string>
#include <vector>

namespace portolan {

/// One way to replace a symbol on one target.
struct KbEquivalent {
  std::string Target; ///< aarch64, loongarch64, sw_64, x86_64 or portable.
  std::string Route;
  std::string Replacement;
  std::string Cost;
  std::string Note;
  std::string Source;
  bool Verified = false;
  /// Set when the entry is a rule for many symbols rather than one naming
  /// the symbol: an ISA ("AVX2", "*" for every ISA) or "header cpuid.h".
  std::string ByIsa;
};

/// What the knowledge base said of one symbol found in a run.
struct Enrichment {
  std::string Symbol;
  bool Known = false;
  std::string Kind; ///< The KB entry kind: intrinsic, api, ...
  std::string Isa;  ///< For intrinsics.
  /// For Windows entries (APIs, types, constructs, libraries): the porting
  /// effort class and what replaces the symbol.
  std::string Effort;
  std::string Replacement;
  std::vector<KbEquivalent> Equivalents;
  /// For Windows APIs: the area of the API's entry or of its header's rule
  /// (GUI/USER32, COM/OLE, ...). Filled in by the planner, not stored.
  std::string Area;
};

} // namespace portolan

#endif
