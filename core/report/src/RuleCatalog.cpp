//===- RuleCatalog.cpp ----------------------------------------------------===//
#include "portolan/report/RuleCatalog.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringExtras.h>

namespace portolan {
namespace {

/// The anchor a Markdown viewer (GitHub, GitLab) gives a heading: lower
/// case, spaces as '-', every character but letters, digits, '-' and '_'
/// dropped.
std::string headingAnchor(llvm::StringRef Heading) {
  std::string A;
  for (char C : Heading) {
    if (llvm::isAlnum(C) || C == '-' || C == '_')
      A += llvm::toLower(C);
    else if (C == ' ')
      A += '-';
  }
  return A;
}

/// Markdown emphasis and code marks dropped, lines joined.
std::string plainText(llvm::StringRef Markdown) {
  std::string T;
  for (size_t I = 0; I < Markdown.size(); ++I) {
    char C = Markdown[I];
    if (C == '`' || (C == '*' && I + 1 < Markdown.size() && Markdown[I + 1] == '*')) {
      I += C == '*';
      continue;
    }
    if (C == '\n' || C == '\r')
      C = ' ';
    if (C == ' ' && !T.empty() && T.back() == ' ')
      continue;
    T += C;
  }
  return llvm::StringRef(T).trim().str();
}

/// Up to and including the first full stop that ends a sentence.
std::string firstSentence(llvm::StringRef Text) {
  for (size_t I = 0; I + 1 < Text.size(); ++I)
    if (Text[I] == '.' && Text[I + 1] == ' ' && !Text.substr(0, I + 1).ends_with("e.g.") &&
        !Text.substr(0, I + 1).ends_with("i.e."))
      return Text.substr(0, I + 1).str();
  return Text.str();
}

} // namespace

std::vector<RuleDoc> parseRuleDocs(llvm::StringRef Markdown) {
  std::vector<RuleDoc> Docs;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Markdown.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Heading = Lines[I].rtrim();
    if (!Heading.consume_front("## "))
      continue;
    // The rule ids of the heading: its backquoted words with a dot inside
    // and no space (`--verify-target` is an option, not a rule).
    std::vector<std::string> Ids;
    for (llvm::StringRef Rest = Heading;;) {
      size_t Open = Rest.find('`');
      if (Open == llvm::StringRef::npos)
        break;
      size_t Close = Rest.find('`', Open + 1);
      if (Close == llvm::StringRef::npos)
        break;
      llvm::StringRef Word = Rest.slice(Open + 1, Close);
      if (Word.contains('.') && !Word.contains(' ') && !Word.starts_with("-"))
        Ids.push_back(Word.str());
      Rest = Rest.substr(Close + 1);
    }
    if (Ids.empty())
      continue;
    size_t End = I + 1;
    while (End < Lines.size() && !Lines[End].starts_with("## ") && !Lines[End].starts_with("# "))
      ++End;
    std::string Section;
    for (size_t J = I + 1; J < End; ++J)
      Section += Lines[J].str() + "\n";
    llvm::StringRef Body = llvm::StringRef(Section).trim();
    llvm::StringRef Paragraph = Body.substr(0, Body.find("\n\n"));
    std::string Text = plainText(Paragraph);
    if (llvm::StringRef(Text).starts_with("What: "))
      Text.erase(0, 6);
    if (!Text.empty())
      Text[0] = llvm::toUpper(Text[0]);
    for (std::string &Id : Ids) {
      RuleDoc D;
      D.Id = std::move(Id);
      D.Anchor = headingAnchor(Heading);
      D.Text = Text;
      D.Summary = firstSentence(Text);
      D.Markdown = Body.str();
      D.Advisory = Heading.contains("(advisory)");
      Docs.push_back(std::move(D));
    }
  }
  return Docs;
}

const std::vector<RuleDoc> &builtinRuleDocs() {
  static const std::vector<RuleDoc> Docs = parseRuleDocs(
#include "RulesMarkdown.inc"
  );
  return Docs;
}

const RuleDoc *findRuleDoc(const std::vector<RuleDoc> &Docs, llvm::StringRef Rule) {
  const RuleDoc *Family = nullptr;
  for (const RuleDoc &D : Docs) {
    if (D.Id == Rule)
      return &D;
    llvm::StringRef Id = D.Id;
    if (Id.consume_back("*") && Rule.starts_with(Id))
      Family = &D;
  }
  return Family;
}

} // namespace portolan
