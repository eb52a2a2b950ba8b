//===- portolan/base/Printable.h - text from a scanned tree, made safe ----===//
//
// File names, symbols and messages come from the scanned tree, which is
// untrusted: a name may hold an escape sequence or a newline. Text meant
// for a terminal (the text report, warnings) shows such bytes escaped.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_BASE_PRINTABLE_H
#define PORTOLAN_BASE_PRINTABLE_H

#include <llvm/ADT/StringRef.h>

#include <string>

namespace portolan {

/// S with each control character (below 0x20, and 0x7f) written as \xNN;
/// every other byte, UTF-8 included, as it is.
inline std::string printable(llvm::StringRef S) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    auto B = static_cast<unsigned char>(C);
    if (B < 0x20 || B == 0x7f) {
      Out += "\\x";
      Out += Hex[B >> 4];
      Out += Hex[B & 15];
    } else {
      Out += C;
    }
  }
  return Out;
}

} // namespace portolan

#endif
