// The knowledge-base compiler on one TOML source, and the merge of what it
// accepted into SQLite.
#include "FuzzInput.h"

#include "portolan/kb/KbCompiler.h"

#include <llvm/Support/Error.h>
#include <sqlite3.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  portolan::KbCompiler C;
  C.addSource("fuzz.toml", portolan_fuzz::bytes(Data, Size));
  C.checkReferences();
  if (!C.errors().empty())
    return 0;
  sqlite3 *DB = nullptr;
  if (sqlite3_open(":memory:", &DB) == SQLITE_OK)
    llvm::consumeError(C.mergeInto(DB));
  sqlite3_close(DB);
  return 0;
}
