//===- portolan/scan/Prefilter.h - parse only what can hold a finding -------===//
//
// Before any parse, every project file a unit's #include lines reach is
// lexed raw (Clang's raw lexer: no preprocessing, comments and strings are
// tokens of their own) for candidate tokens: the knowledge base's names,
// the platform macros, MSVC keywords, asm, target attributes, wide string
// literals, backslash paths, and #include of Windows SDK or intrin.h
// headers. A unit none of whose files holds one is not parsed. Of the units
// that only reach candidate headers, the fewest that cover every such
// header once per platform are parsed.
//
// A unit that includes a test framework and whose own file is a candidate
// only in its directives (#if defined(__x86_64__) around tests) runs the
// preprocessor alone: its directives' findings, none of its code's.
//
// What this loses, by design: the advisory portability.* findings of the
// units left out (those rules have no token to look for) and of the code of
// units run through the preprocessor alone, and the parse errors of those
// units. --no-prefilter parses everything.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_PREFILTER_H
#define PORTOLAN_SCAN_PREFILTER_H

#include "portolan/scan/CompilePlan.h"
#include "portolan/kb/LexicalNames.h"
#include "portolan/scan/PluginHost.h"

#include <llvm/ADT/StringSet.h>

#include <optional>

#include <string>
#include <vector>

namespace portolan {

struct PrefilterResult {
  CompilePlan Plan;        ///< The jobs still to parse.
  size_t NoCandidates = 0; ///< Units whose files hold no candidate token.
  size_t Covered = 0;      ///< Units whose candidate headers others cover.
  size_t CandidateFiles = 0;
  size_t FilesLexed = 0;
};

/// Identifiers plugins look for beyond the host's candidates; a word
/// ending in '*' is a prefix.
struct PluginWords {
  llvm::StringSet<> Exact;
  std::vector<std::string> Prefixes;
  bool matches(llvm::StringRef W) const;
};

/// The words of the loaded plugins, or nothing when one of them needs
/// every unit parsed (its descriptor names no words); Who then names it.
std::optional<PluginWords> pluginPrefilterWords(const PluginHost &Host, std::string &Who);

/// True when Text (a file's content) holds a candidate token.
bool hasCandidateToken(llvm::StringRef Text, const LexicalNames &Names,
                       const PluginWords &Words = {});

/// Plan without the jobs that cannot add a finding (see above).
PrefilterResult prefilter(const CompilePlan &Plan, llvm::StringRef Root,
                          const LexicalNames &Names, const PluginWords &Words = {});

} // namespace portolan

#endif
