//===- portolan/kb/KnowledgeBase.h - read access to the compiled KB ---------===//
#ifndef PORTOLAN_KB_KNOWLEDGEBASE_H
#define PORTOLAN_KB_KNOWLEDGEBASE_H

#include "portolan/base/Enrichment.h"
#include "portolan/kb/LexicalNames.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace portolan {

class Statement;

/// What the knowledge base says a symbol is.
struct KbSymbol {
  std::string Kind; ///< "intrinsic", "api", "win32_type", "construct", "library".
  std::string Name; ///< The entry's name (an API's base name for FooA/FooW).
  std::map<std::string, std::string> Fields;
  std::string Origin;
};

/// A target operating system of the knowledge base.
struct KbOs {
  std::string Id, Name, Release;
  std::vector<std::string> Arches;
};

/// The items of a string-array field as the knowledge base stores it (a
/// JSON array); empty for anything else.
std::vector<std::string> kbList(llvm::StringRef Stored);

/// A target CPU of the knowledge base.
struct KbCpu {
  std::string Id, Vendor, Product, Arch;
  std::vector<std::string> Features;
};

/// Counts for `portolan kb stats`.
struct KbStats {
  std::vector<std::pair<std::string, int64_t>> Tables;
  std::vector<std::pair<std::string, int64_t>> IntrinsicsByIsa;
  std::vector<std::pair<std::string, int64_t>> IntrinsicsByKind;
  /// Per target: intrinsics with an equivalent naming them, and with one
  /// through an ISA-wide rule.
  std::vector<std::tuple<std::string, int64_t, int64_t>> Coverage;
  /// SSE-family intrinsic names (not raw target builtins), and how many
  /// of them have an ARM64 entry of their own.
  int64_t SseFamily = 0;
  int64_t SseFamilyWithArm64 = 0;
};

/// A hash of every row of every table of a knowledge base but meta, in
/// each table's stored order: portolan-kbc records it in meta as
/// content_hash, and KnowledgeBase::open checks it. Empty when a table
/// cannot be read.
std::string kbContentHash(sqlite3 *DB);

/// The knowledge base: the core file opened read-only and copied into
/// memory, plus the fragments plugins ship, merged on top. Queries reuse
/// prepared statements, so one object serves one thread at a time.
class KnowledgeBase {
public:
  /// Opens Path read-only; refuses a schema version this build does not
  /// know, and a file that is damaged: SQLite's quick_check, and its rows
  /// against the content_hash portolan-kbc recorded.
  static llvm::Expected<std::unique_ptr<KnowledgeBase>> open(llvm::StringRef Path);
  /// <exe dir>/../share/portolan/kb.sqlite, or $PORTOLAN_KB when set.
  static std::string defaultPath(const char *Argv0, void *MainAddr);
  ~KnowledgeBase();

  /// Merges a plugin's TOML fragment. A fragment that redefines an entry of
  /// the core or of another fragment is refused whole, with one line per
  /// conflict naming both places.
  llvm::Error mergeFragment(llvm::StringRef Path);

  const std::string &version() const { return Version; }
  const std::string &path() const { return Path; }

  /// The entry a symbol resolves to. FooA and FooW resolve to a Win32 API
  /// entry named Foo when no entry has their exact name.
  std::optional<KbSymbol> lookup(llvm::StringRef Symbol) const;
  /// The rule for Windows APIs declared in Header (winuser.h) that have no
  /// entry of their own.
  std::optional<KbSymbol> lookupWin32Header(llvm::StringRef Header) const;
  /// Equivalents for Symbol, those naming it first, then ISA-wide rules for
  /// targets that have none of their own. Target empty means every target.
  std::vector<KbEquivalent> equivalents(llvm::StringRef Symbol,
                                        llvm::StringRef Target = "") const;
  /// Symbols whose name matches a glob pattern (* and ?), at most Limit.
  std::vector<std::pair<std::string, std::string>> search(llvm::StringRef Pattern,
                                                          size_t Limit) const;
  /// The names a lexical scan of skipped code looks for (see LexicalNames):
  /// x86 intrinsics under the rule of their kind; Windows APIs that have an
  /// upper-case letter (lower-case ones such as send or select are POSIX
  /// names too), with their A and W forms; Windows SDK headers.
  LexicalNames lexicalNames() const;
  std::vector<KbCpu> cpus() const;
  std::optional<KbCpu> cpu(llvm::StringRef Id) const;
  std::vector<KbOs> oses() const;
  /// Every entry of a kind ("weight", "tier", ...) in source order, its
  /// fields as stored (numbers as text, arrays as JSON).
  std::vector<KbSymbol> entries(llvm::StringRef Kind) const;
  /// Reads and validates a TOML file in knowledge-base form (an
  /// organisation's own tiers or weights) against this knowledge base,
  /// without merging it: its entries, or every problem, one per line.
  llvm::Expected<std::vector<KbSymbol>> readSource(llvm::StringRef Path) const;
  KbStats stats() const;

private:
  KnowledgeBase(sqlite3 *DB, std::string Path);
  /// A prepared statement for SQL, reset and ready for new bindings.
  Statement &query(const std::string &SQL) const;
  /// The row of Table whose Field is Name, as an entry of Kind.
  std::optional<KbSymbol> findEntry(const std::string &Table, const std::string &Field,
                                    llvm::StringRef Name, llvm::StringRef Kind) const;

  sqlite3 *DB;
  mutable std::map<std::string, std::unique_ptr<Statement>> Statements;
  std::string Path;
  std::string Version;
};

} // namespace portolan

#endif
