//===- TextLines.h - lines of a text file, 1-based ------------------------===//
//
// File analyzers report 1-based lines and columns; columns count bytes, so a
// tab is one column. These helpers walk a buffer line by line without
// copying it.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_TEXTLINES_H
#define PORTOLAN_ANALYZERS_X86FILES_TEXTLINES_H

#include <llvm/ADT/StringRef.h>

#include <cctype>

namespace portolan::analyzers::x86files {

/// Calls Fn(LineNumber, Text) for every line of Content, numbered from 1,
/// without its line break ("\n" or "\r\n").
template <typename Callback> void forEachLine(llvm::StringRef Content, Callback &&Fn) {
  unsigned Number = 0;
  while (!Content.empty()) {
    auto [Line, Rest] = Content.split('\n');
    if (Line.ends_with("\r"))
      Line = Line.drop_back();
    Fn(++Number, Line);
    Content = Rest;
  }
}

/// The number of lines forEachLine visits.
inline unsigned countLines(llvm::StringRef Content) {
  unsigned N = unsigned(Content.count('\n'));
  return N + (!Content.empty() && !Content.ends_with("\n"));
}

/// Letters, digits and '_': the characters of an identifier.
inline bool isWordChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}

/// Offsets of Word in Line where it stands as a whole identifier, from From.
inline size_t findWord(llvm::StringRef Line, llvm::StringRef Word, size_t From = 0) {
  for (size_t At = Line.find(Word, From); At != llvm::StringRef::npos;
       At = Line.find(Word, At + 1)) {
    bool Before = At == 0 || !isWordChar(Line[At - 1]);
    size_t End = At + Word.size();
    bool After = End == Line.size() || !isWordChar(Line[End]);
    if (Before && After)
      return At;
  }
  return llvm::StringRef::npos;
}

} // namespace portolan::analyzers::x86files

#endif
