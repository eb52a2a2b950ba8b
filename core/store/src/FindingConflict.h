//===- FindingConflict.h - one row for a place several units saw ----------===//
#ifndef PORTOLAN_STORE_FINDINGCONFLICT_H
#define PORTOLAN_STORE_FINDINGCONFLICT_H

/// The clause every insert into findings ends with. A place (rule, symbol,
/// file, line, column) seen by several units of a run keeps one row: the
/// sighting that is active before one that is not, then the one whose guard
/// blocks (none, x86-only, windows-only) before one with another branch
/// (has-alternative, has-fallback), then the least by guard, analyzer,
/// note, snippet, advisory and target check. That is the least of all
/// sightings, so the row does not depend on the order units finish in: two
/// scans of one tree, and shards merged (ResultsMerge.h), store the same.
#define PORTOLAN_FINDING_RANK(T)                                                               \
  "(" T ".inactive, CASE WHEN " T ".guard IN ('has-alternative', 'has-fallback') THEN 1 "      \
  "ELSE 0 END, " T ".guard, " T ".analyzer, " T ".note, " T ".snippet, " T ".advisory, " T     \
  ".target_check)"
#define PORTOLAN_FINDING_CONFLICT                                                              \
  " ON CONFLICT(run_id, rule, symbol, file, line, col) DO UPDATE SET "                        \
  "analyzer=excluded.analyzer, note=excluded.note, snippet=excluded.snippet, "                 \
  "guard=excluded.guard, inactive=excluded.inactive, advisory=excluded.advisory, "             \
  "target_check=excluded.target_check WHERE " PORTOLAN_FINDING_RANK(                          \
      "excluded") " < " PORTOLAN_FINDING_RANK("findings")

/// A unit's own sighting of a place, read through its link (finding_units
/// fu) to the run's row (findings f): guard, inactive, advisory and target
/// check, in that order. Links written before schema 4 kept none (inactive
/// -1): the row's then. Rule, symbol, place, analyzer, note and snippet are
/// the place's own.
#define UNIT_SIGHTING                                                                          \
  "CASE WHEN fu.inactive < 0 THEN f.guard ELSE fu.guard END, "                                 \
  "CASE WHEN fu.inactive < 0 THEN f.inactive ELSE fu.inactive END, f.advisory, "               \
  "CASE WHEN fu.inactive < 0 THEN f.target_check ELSE fu.target_check END"

#endif
