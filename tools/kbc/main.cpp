//===- main.cpp - portolan-kbc: compiles the knowledge base ---------------===//
//
// Usage: portolan-kbc -o OUT.sqlite [--base DIR] SOURCE.toml...
//
// Validates every source against the schema and writes one SQLite file with
// a meta table (schema_version, kb_version = hash of the sources,
// content_hash = kbContentHash of the rows written). Every
// problem is one line "file:line:col: error: ..."; on any error nothing is
// written and an existing OUT stays as it was. Exit codes: 0 written,
// 1 invalid sources, 2 usage or I/O error.
//
//===----------------------------------------------------------------------===//
#include "portolan/kb/KbCompiler.h"
#include "portolan/kb/KbSchema.h"
#include "portolan/kb/KnowledgeBase.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <sqlite3.h>

namespace cl = llvm::cl;

static cl::opt<std::string> Output("o", cl::desc("Knowledge base to write"), cl::Required,
                                   cl::value_desc("file"));
static cl::opt<std::string> Base("base", cl::desc("Name sources relative to this folder"),
                                 cl::value_desc("dir"));
static cl::list<std::string> Sources(cl::Positional, cl::desc("<source.toml>..."),
                                     cl::OneOrMore);

int main(int Argc, char **Argv) {
  cl::ParseCommandLineOptions(Argc, Argv, "Portolan knowledge-base compiler\n");
  portolan::KbCompiler C;
  for (const std::string &S : Sources) {
    auto Buf = llvm::MemoryBuffer::getFile(S, /*IsText=*/true);
    // Sources are named relative to --base, so that the KB version does not
    // depend on where the checkout lives.
    llvm::StringRef Name(S);
    if (!Base.empty() && Name.consume_front(Base))
      Name.consume_front("/");
    if (!Buf) {
      llvm::errs() << S << ": error: cannot read: " << Buf.getError().message() << "\n";
      return 2;
    }
    C.addSource(Name, (*Buf)->getBuffer());
  }
  C.checkReferences();
  for (const std::string &E : C.errors())
    llvm::errs() << E << "\n";
  if (!C.errors().empty())
    return 1;

  std::string Temp = Output + ".tmp";
  llvm::sys::fs::remove(Temp);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Output));
  sqlite3 *DB = nullptr;
  if (sqlite3_open(Temp.c_str(), &DB) != SQLITE_OK) {
    llvm::errs() << Temp << ": error: cannot create: " << sqlite3_errmsg(DB) << "\n";
    return 2;
  }
  int Code = 0;
  if (llvm::Error E = C.mergeInto(DB)) {
    llvm::errs() << llvm::toString(std::move(E)) << "\n";
    Code = 1;
  }
  std::string Meta = "INSERT INTO meta VALUES('schema_version', '" +
                     std::to_string(portolan::KbSchemaVersion) + "'), ('kb_version', '" +
                     C.sourcesHash() + "'), ('entries', '" +
                     std::to_string(C.entries().size()) + "');";
  if (!Code && sqlite3_exec(DB, Meta.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    llvm::errs() << Temp << ": error: " << sqlite3_errmsg(DB) << "\n";
    Code = 2;
  }
  sqlite3_exec(DB, "VACUUM", nullptr, nullptr, nullptr);
  // Of the rows as they are stored, after VACUUM: KnowledgeBase::open
  // checks it.
  if (!Code) {
    std::string Hash = portolan::kbContentHash(DB);
    std::string Record = "INSERT INTO meta VALUES('content_hash', '" + Hash + "');";
    if (Hash.empty() || sqlite3_exec(DB, Record.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      llvm::errs() << Temp << ": error: cannot record the content hash: " << sqlite3_errmsg(DB)
                   << "\n";
      Code = 2;
    }
  }
  sqlite3_close(DB);
  if (Code) {
    llvm::sys::fs::remove(Temp);
    return Code;
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Output)) {
    llvm::errs() << Output << ": error: cannot write: " << EC.message() << "\n";
    return 2;
  }
  llvm::outs() << Output << ": " << C.entries().size() << " entries, version "
               << C.sourcesHash() << "\n";
  return 0;
}
