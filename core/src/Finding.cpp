//===- Finding.cpp --------------------------------------------------------===//
#include "portolan/Finding.h"

#include <tuple>

namespace portolan {

const char *platformName(Platform P) {
  return P == Platform::WindowsX86_64 ? "windows-x86_64" : "linux-x86_64";
}

static auto key(const Finding &F) {
  return std::tie(F.File, F.Line, F.Column, F.Rule, F.Symbol);
}

bool Finding::operator<(const Finding &O) const { return key(*this) < key(O); }
bool Finding::operator==(const Finding &O) const { return key(*this) == key(O); }

} // namespace portolan
