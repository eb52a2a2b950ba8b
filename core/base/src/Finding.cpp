//===- Finding.cpp --------------------------------------------------------===//
#include "portolan/base/Finding.h"

#include <tuple>

namespace portolan {

const char *platformName(Platform P) {
  switch (P) {
  case Platform::LinuxX86_64:
    return "linux-x86_64";
  case Platform::WindowsX86_64:
    return "windows-x86_64";
  case Platform::File:
    return "file";
  }
  return "unknown";
}

std::optional<Platform> platformFromName(const std::string &Name) {
  for (Platform P : {Platform::LinuxX86_64, Platform::WindowsX86_64, Platform::File})
    if (Name == platformName(P))
      return P;
  return std::nullopt;
}

static auto key(const Finding &F) {
  return std::tie(F.File, F.Line, F.Column, F.Rule, F.Symbol);
}

bool Finding::operator<(const Finding &O) const { return key(*this) < key(O); }
bool Finding::operator==(const Finding &O) const { return key(*this) == key(O); }

} // namespace portolan
