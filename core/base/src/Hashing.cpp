//===- Hashing.cpp --------------------------------------------------------===//
#include "portolan/base/Hashing.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/xxhash.h>

namespace portolan {

std::string hashText(llvm::StringRef Bytes) {
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::ArrayRef<uint8_t>(
                             reinterpret_cast<const uint8_t *>(Bytes.data()), Bytes.size())),
                         /*LowerCase=*/true, /*Width=*/16);
}

std::string contentHash(const std::string &Path) {
  // Read, not mapped (IsVolatile): most files are small, and mapping each
  // cost more in page faults than the copy.
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false,
                                            /*IsVolatile=*/true);
  if (!Buffer)
    return "";
  return hashText((*Buffer)->getBuffer());
}

} // namespace portolan
