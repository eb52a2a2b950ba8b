//===- portolan/report/RuleCatalog.h - rule descriptions from docs/rules.md ===//
//
// docs/rules.md is the one place a rule is described. It is compiled into
// the program, and reports that describe rules (SARIF's tool.driver.rules)
// read it from here, so the two cannot disagree.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_RULECATALOG_H
#define PORTOLAN_REPORT_RULECATALOG_H

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan {

/// One section of docs/rules.md that documents a rule id ("x86.intrinsic")
/// or a family of them ("msvc.*").
struct RuleDoc {
  std::string Id;        ///< As written in the heading, "msvc.*" for a family.
  std::string Anchor;    ///< The heading's anchor, as Markdown viewers derive it.
  std::string Summary;   ///< The section's first sentence, as plain text.
  std::string Text;      ///< Its first paragraph, as plain text.
  std::string Markdown;  ///< The whole section.
  bool Advisory = false; ///< The heading says "(advisory)".
};

/// The rule sections of Markdown written as docs/rules.md is: level-2
/// headings whose backquoted words look like rule ids (a dot inside).
std::vector<RuleDoc> parseRuleDocs(llvm::StringRef Markdown);

/// The sections of the docs/rules.md this program was built with.
const std::vector<RuleDoc> &builtinRuleDocs();

/// The section that documents Rule: its own, else its family's ("msvc.*"
/// for "msvc.declspec"); null when none does.
const RuleDoc *findRuleDoc(const std::vector<RuleDoc> &Docs, llvm::StringRef Rule);

} // namespace portolan

#endif
