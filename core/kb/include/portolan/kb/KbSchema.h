//===- portolan/kb/KbSchema.h - the knowledge base's entry kinds ------------===//
//
// The one description of what a knowledge-base source may hold. The
// compiler validates TOML against it and creates one SQLite table per kind
// from it; knowledge-base/SCHEMA.md documents it for people.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_KB_KBSCHEMA_H
#define PORTOLAN_KB_KBSCHEMA_H

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan {

/// The version of the knowledge base's SQLite schema (2: crt_functions,
/// 3: crt_functions.builtin, 4: fixes).
inline constexpr int KbSchemaVersion = 4;

/// Float accepts an integer too (1 reads as 1.0).
enum class FieldType { String, Integer, Float, Boolean, StringArray };

struct FieldSpec {
  std::string Name;
  FieldType Type;
  bool Required;
  /// Allowed values for a String (or each item of a StringArray); empty for any.
  std::vector<std::string> Values;
};

/// One kind of entry: a TOML array of tables ([[Key]]) and its SQL table.
struct KindSpec {
  std::string Key;   ///< TOML array name, e.g. "intrinsic".
  std::string Table; ///< SQL table, e.g. "intrinsics".
  std::vector<FieldSpec> Fields;
  /// Fields whose values together identify an entry; "symbol|isa|header"
  /// means whichever one of them is present.
  std::vector<std::string> IdFields;

  const FieldSpec *field(llvm::StringRef Name) const;
};

/// The cost classes of an equivalent, cheapest first: direct, sequence,
/// emulated, redesign, none.
const std::vector<std::string> &kbCostClasses();
/// The effort classes of Windows, MSVC and construct entries and of
/// dependency alternatives, cheapest first: trivial, moderate, hard,
/// redesign.
const std::vector<std::string> &kbEffortClasses();

/// Every kind, in the order tables are created.
const std::vector<KindSpec> &kbKinds();
const KindSpec *kbKind(llvm::StringRef Key);

/// The kinds whose entries are symbols findings can resolve to, with the
/// field naming the symbol: intrinsic.name, api.name, win32_type.name,
/// construct.id, library.name.
std::vector<std::pair<const KindSpec *, std::string>> kbSymbolKinds();

} // namespace portolan

#endif
