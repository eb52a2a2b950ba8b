//===- portolan/kb/KbCompiler.h - TOML knowledge-base sources to SQLite -----===//
#ifndef PORTOLAN_KB_KBCOMPILER_H
#define PORTOLAN_KB_KBCOMPILER_H

#include "portolan/kb/KbSchema.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <map>
#include <string>
#include <vector>

struct sqlite3;

namespace portolan {

/// One validated entry of a source.
struct KbEntry {
  const KindSpec *Kind = nullptr;
  /// Field values as stored: strings as is, booleans "0"/"1", integers in
  /// decimal, string arrays as JSON arrays.
  std::map<std::string, std::string> Values;
  std::string Origin; ///< "file:line:col" of the entry's table.
  std::string Id;     ///< The id fields' values joined by spaces.
};

/// Reads knowledge-base sources, validates them against kbKinds(), and
/// merges them into a SQLite database. Every problem becomes one line
/// "file:line:col: error: what" in errors(); nothing is written while there
/// are errors.
class KbCompiler {
public:
  /// Parses and validates one source; Path is the name errors give.
  void addSource(llvm::StringRef Path, llvm::StringRef Text);
  /// Reads and adds a file; an unreadable file is an error.
  void addFile(llvm::StringRef Path);
  /// Checks that every equivalent names a symbol defined by these sources
  /// or by Existing (a knowledge base being extended), and that every
  /// ISA-wide equivalent names an ISA some intrinsic has.
  void checkReferences(sqlite3 *Existing = nullptr);
  /// Creates the tables if needed and inserts every entry in one
  /// transaction. An entry whose id DB already holds is an error naming
  /// both places, and then nothing is inserted.
  llvm::Error mergeInto(sqlite3 *DB);

  const std::vector<std::string> &errors() const { return Errors; }
  const std::vector<KbEntry> &entries() const { return Entries; }
  /// A hash of every source's path and text, in path order.
  std::string sourcesHash() const;

private:
  /// Tiers name known CPUs and OSes; alternatives a known dependency and
  /// known tiers.
  void checkPolicyReferences(sqlite3 *Existing);
  void error(const std::string &Origin, const std::string &Message);

  std::vector<KbEntry> Entries;
  std::map<std::pair<const KindSpec *, std::string>, std::string> Ids;
  std::vector<std::string> Errors;
  std::map<std::string, std::string> Sources;
};

/// Creates the meta and entry tables of an empty knowledge base.
llvm::Error createKbTables(sqlite3 *DB);

} // namespace portolan

#endif
