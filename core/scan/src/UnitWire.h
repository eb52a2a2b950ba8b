//===- UnitWire.h - a unit's result as bytes, between processes ----------===//
//
// A worker process (UnitWorkers.h) sends each TUResult it produced to the
// scan as bytes. Strings go as they are, byte for byte: file names and
// source lines need not be UTF-8, so JSON, which must be, would change them.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_UNITWIRE_H
#define PORTOLAN_SCAN_UNITWIRE_H

#include "portolan/base/Finding.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <string>

namespace portolan {

/// R without its CacheKey, FileHashes and reuse fields (the scan adds
/// those itself).
std::string encodeResult(const TUResult &R);

/// The result encodeResult wrote, or an error when Bytes are not one.
llvm::Expected<TUResult> decodeResult(llvm::StringRef Bytes);

} // namespace portolan

#endif
