//===- portolan/base/Hashing.h - content hashes and keys --------------------===//
#ifndef PORTOLAN_BASE_HASHING_H
#define PORTOLAN_BASE_HASHING_H

#include <llvm/ADT/StringRef.h>

#include <string>

namespace portolan {

/// xxh3 of Bytes as 16 lowercase hex digits: every hash and key the
/// results store keeps for rescans.
std::string hashText(llvm::StringRef Bytes);

/// The content hash of a file (hashText of its bytes), as stored for
/// rescans; empty if unreadable.
std::string contentHash(const std::string &Path);

} // namespace portolan

#endif
