//===- Conditions.h - MSBuild's Condition attributes ------------------------===//
#ifndef PORTOLAN_MSBUILD_CONDITIONS_H
#define PORTOLAN_MSBUILD_CONDITIONS_H

#include <llvm/ADT/StringRef.h>

#include <functional>
#include <optional>
#include <string>

namespace portolan::msbuild {

/// The value of an MSBuild condition ("'$(Configuration)|$(Platform)' ==
/// 'Release|x64' and Exists('x.props')"): string comparisons (== and !=,
/// case-insensitive; <, >, <= and >= on numbers), and, or, !, parentheses,
/// Exists() and HasTrailingSlash(). Expand gives a string's value with its
/// properties expanded; Exists answers Exists(). Nothing else is run. None
/// when the condition cannot be read.
std::optional<bool> evaluateCondition(llvm::StringRef Condition,
                                      const std::function<std::string(llvm::StringRef)> &Expand,
                                      const std::function<bool(llvm::StringRef)> &Exists);

} // namespace portolan::msbuild

#endif
