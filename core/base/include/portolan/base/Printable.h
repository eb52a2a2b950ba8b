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
#include <llvm/Support/ConvertUTF.h>

#include <string>

namespace portolan {

/// S with each control character (below 0x20, and 0x7f) and each byte
/// that is not part of a valid UTF-8 sequence (a Latin-1 file name) written
/// as \xNN; every other byte, UTF-8 included, as it is.
inline std::string printable(llvm::StringRef S) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  Out.reserve(S.size());
  auto Escape = [&](unsigned char B) {
    Out += "\\x";
    Out += Hex[B >> 4];
    Out += Hex[B & 15];
  };
  const auto *At = reinterpret_cast<const llvm::UTF8 *>(S.data());
  const auto *End = At + S.size();
  while (At < End) {
    unsigned char B = *At;
    if (B < 0x80) {
      if (B < 0x20 || B == 0x7f)
        Escape(B);
      else
        Out += char(B);
      ++At;
      continue;
    }
    unsigned Size = llvm::getUTF8SequenceSize(At, End);
    if (!Size) {
      Escape(B);
      ++At;
      continue;
    }
    Out.append(reinterpret_cast<const char *>(At), Size);
    At += Size;
  }
  return Out;
}

} // namespace portolan

#endif
