//===- portolan/kb/LexicalNames.h - what a scan of skipped code looks for ---===//
#ifndef PORTOLAN_KB_LEXICALNAMES_H
#define PORTOLAN_KB_LEXICALNAMES_H

#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <string>

namespace portolan {

/// Names a lexical scan of code the parse skipped (#ifdef __AVX2__ paths,
/// #ifdef _WIN32 blocks on Linux) recognizes, each with the rule a finding
/// of it takes, from the knowledge base.
struct LexicalNames {
  llvm::StringMap<std::string> Rules;
  /// Windows SDK headers (lower case) whose #include is win32.include.
  llvm::StringSet<> WindowsHeaders;
  /// Names that are Windows findings only in a unit parsed as Windows: the
  /// Windows types (HWND, DWORD) and the APIs spelled in lower case (send,
  /// select), which are POSIX names elsewhere.
  llvm::StringSet<> WindowsUnitNames;
};

} // namespace portolan

#endif
