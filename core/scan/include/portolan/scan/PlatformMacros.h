//===- portolan/scan/PlatformMacros.h - which macros name a platform --------===//
//
// The predefined macros by which C and C++ code tells architectures and
// operating systems apart, as sdk::PlatformTest bits. Sources: the GCC and
// Clang predefined-macro lists (`clang -dM -E` per target), Microsoft's
// "Predefined macros" page for _M_* and _MSC_VER, and the Arm C Language
// Extensions for __ARM_*.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_PLATFORMMACROS_H
#define PORTOLAN_SCAN_PLATFORMMACROS_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

#include <cctype>

namespace portolan {

/// The sdk::PlatformTest bits a predefined macro name carries, 0 for none.
unsigned platformTestsOfMacro(llvm::StringRef Name);

/// Calls F(Identifier, Negated) for every identifier of a preprocessor
/// condition's text; Negated when a '!' applies to it directly
/// (!X, !defined(X), !defined X).
template <typename Fn> void forEachConditionIdentifier(llvm::StringRef Text, Fn &&F) {
  bool Bang = false;
  while (!Text.empty()) {
    char C = Text.front();
    if (C == '!' && !Text.starts_with("!=")) {
      Bang = true;
      Text = Text.drop_front();
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(C)) || C == '_') {
      llvm::StringRef Word = Text.take_while(
          [](char D) { return std::isalnum(static_cast<unsigned char>(D)) || D == '_'; });
      Text = Text.drop_front(Word.size());
      if (Word == "defined")
        continue; // Keeps a pending '!' for the macro it applies to.
      F(Word, Bang);
      Bang = false;
      continue;
    }
    if (C != ' ' && C != '\t' && C != '(' && C != '\\' && C != '\n' && C != '\r')
      Bang = false;
    Text = Text.drop_front();
  }
}

} // namespace portolan

#endif
