//===- KnowledgeBase.cpp --------------------------------------------------===//
#include "portolan/kb/KnowledgeBase.h"

#include "portolan/base/Hashing.h"
#include "portolan/base/Sqlite.h"
#include "portolan/kb/KbCompiler.h"
#include "portolan/kb/KbSchema.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

namespace portolan {
namespace {

const char *const SseFamily[] = {"MMX",    "SSE", "SSE2",   "SSE3",  "SSSE3", "SSE4.1",
                                 "SSE4.2", "AES", "PCLMUL", "CRC32", "POPCNT", "SSE4A"};

std::vector<std::string> isaParts(llvm::StringRef Isa) {
  std::vector<std::string> Parts;
  llvm::SmallVector<llvm::StringRef, 4> Split;
  Isa.split(Split, '+');
  for (llvm::StringRef P : Split) {
    llvm::SmallVector<llvm::StringRef, 2> Alternatives;
    P.split(Alternatives, '/');
    for (llvm::StringRef A : Alternatives)
      Parts.push_back(A.str());
  }
  return Parts;
}

bool isSseFamily(llvm::StringRef Isa) {
  bool Any = false;
  for (const std::string &P : isaParts(Isa)) {
    if (P == "BASELINE")
      continue;
    if (std::find(std::begin(SseFamily), std::end(SseFamily), P) == std::end(SseFamily))
      return false;
    Any = true;
  }
  return Any;
}

/// The current row of S as an entry of Kind: its columns as fields (NULL
/// ones left out), origin apart.
KbSymbol rowEntry(Statement &S, llvm::StringRef Kind) {
  KbSymbol R;
  R.Kind = Kind.str();
  for (int I = 0, N = S.columns(); I < N; ++I) {
    std::string Column = S.columnName(I);
    if (Column == "origin")
      R.Origin = S.text(I);
    else if (!S.isNull(I))
      R.Fields[Column] = S.text(I);
  }
  return R;
}

std::vector<std::string> jsonStrings(llvm::StringRef Text) {
  std::vector<std::string> Out;
  if (llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text)) {
    if (const llvm::json::Array *A = V->getAsArray())
      for (const llvm::json::Value &Item : *A)
        if (auto S = Item.getAsString())
          Out.push_back(S->str());
  } else {
    llvm::consumeError(V.takeError());
  }
  return Out;
}

KbEquivalent readEquivalent(Statement &S) {
  KbEquivalent E;
  E.Target = S.text(0);
  E.Route = S.text(1);
  E.Replacement = S.text(2);
  E.Cost = S.text(3);
  E.Note = S.text(4);
  E.Source = S.text(5);
  E.Verified = S.integer(6) != 0;
  E.ByIsa = S.text(7);
  return E;
}

} // namespace

std::string kbContentHash(sqlite3 *DB) {
  std::vector<std::string> Tables;
  {
    Statement S(DB, "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
                    "ORDER BY name");
    while (S && S.step() == SQLITE_ROW)
      Tables.push_back(S.text(0));
  }
  std::string Bytes;
  for (const std::string &Table : Tables) {
    Bytes += Table;
    Bytes += '\0';
    Statement S(DB, ("SELECT * FROM \"" + Table + "\"").c_str());
    if (!S)
      return "";
    int RC;
    while ((RC = S.step()) == SQLITE_ROW) {
      // Every value as text (integers and reals too), its size first.
      for (int C = 0, N = S.columns(); C < N; ++C) {
        if (S.isNull(C)) {
          Bytes += "-;";
          continue;
        }
        std::string Value = S.text(C);
        Bytes += std::to_string(Value.size()) + ":" + Value;
      }
      Bytes += '\n';
    }
    if (RC != SQLITE_DONE)
      return "";
  }
  return hashText(Bytes);
}

llvm::Expected<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path))
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "%s: knowledge base not found", Path.str().c_str());
  // Work on a copy in memory: the shipped file stays untouched, and plugin
  // fragments merge into the copy. The file's bytes are handed to SQLite as
  // they are (sqlite3_deserialize): copying it page by page through
  // sqlite3_backup took 21 ms of every run for a 2.3 MB file.
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "%s: cannot read: %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  llvm::StringRef Bytes = (*Buffer)->getBuffer();
  sqlite3 *Memory = nullptr;
  if (sqlite3_open(":memory:", &Memory) != SQLITE_OK) {
    sqlite3_close(Memory);
    return llvm::createStringError(std::errc::not_enough_memory, "%s: cannot open: out of memory",
                                   Path.str().c_str());
  }
  auto *Copy = static_cast<unsigned char *>(sqlite3_malloc64(Bytes.size() ? Bytes.size() : 1));
  if (!Copy) {
    sqlite3_close(Memory);
    return llvm::createStringError(std::errc::not_enough_memory, "%s: cannot read: out of memory",
                                   Path.str().c_str());
  }
  std::memcpy(Copy, Bytes.data(), Bytes.size());
  int RC = sqlite3_deserialize(Memory, "main", Copy, Bytes.size(), Bytes.size(),
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (RC != SQLITE_OK) {
    sqlite3_close(Memory);
    return llvm::createStringError(std::errc::io_error, "%s: cannot read: %s",
                                   Path.str().c_str(), sqlite3_errstr(RC));
  }
  std::optional<std::string> Found;
  {
    Statement S(Memory, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (S && S.step() == SQLITE_ROW)
      Found = S.text(0);
  }
  if (!Found) {
    sqlite3_close(Memory);
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: not a Portolan knowledge base", Path.str().c_str());
  }
  if (*Found != std::to_string(KbSchemaVersion)) {
    sqlite3_close(Memory);
    return llvm::createStringError(
        std::errc::invalid_argument,
        "%s: knowledge base schema version %s, this build reads version %d",
        Path.str().c_str(), Found->c_str(), KbSchemaVersion);
  }
  // Checked before it is trusted: a damaged page would otherwise only
  // make symbols unknown, without a word.
  std::string Damage;
  {
    Statement Check(Memory, "PRAGMA quick_check(1)");
    if (!Check || Check.step() != SQLITE_ROW) {
      Damage = sqlite3_errmsg(Memory);
    } else if (Check.text(0) != "ok") {
      std::string Text = Check.text(0);
      Damage = Text.substr(Text.rfind('\n') + 1);
    }
  }
  if (Damage.empty()) {
    Statement Recorded(Memory, "SELECT value FROM meta WHERE key = 'content_hash'");
    if (Recorded && Recorded.step() == SQLITE_ROW && kbContentHash(Memory) != Recorded.text(0))
      Damage = "its rows do not match the content hash portolan-kbc recorded";
  }
  if (!Damage.empty()) {
    sqlite3_close(Memory);
    return llvm::createStringError(std::errc::illegal_byte_sequence,
                                   "%s: knowledge base damaged (%s); rebuild it with portolan-kbc",
                                   Path.str().c_str(), Damage.c_str());
  }
  std::unique_ptr<KnowledgeBase> KB(new KnowledgeBase(Memory, Path.str()));
  Statement V(Memory, "SELECT value FROM meta WHERE key = 'kb_version'");
  if (V && V.step() == SQLITE_ROW)
    KB->Version = V.text(0);
  return KB;
}

KnowledgeBase::KnowledgeBase(sqlite3 *DB, std::string Path) : DB(DB), Path(std::move(Path)) {}

KnowledgeBase::~KnowledgeBase() {
  Statements.clear(); // Finalize before closing.
  sqlite3_close(DB);
}

Statement &KnowledgeBase::query(const std::string &SQL) const {
  std::unique_ptr<Statement> &S = Statements[SQL];
  if (!S)
    S = std::make_unique<Statement>(DB, SQL.c_str());
  S->reset();
  return *S;
}

std::string KnowledgeBase::defaultPath(const char *Argv0, void *MainAddr) {
  if (const char *Env = std::getenv("PORTOLAN_KB"))
    if (*Env)
      return Env;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  llvm::SmallString<256> P(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(P, "..", "share", "portolan", "kb.sqlite");
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

llvm::Error KnowledgeBase::mergeFragment(llvm::StringRef FragmentPath) {
  KbCompiler C;
  C.addFile(FragmentPath);
  C.checkReferences(DB);
  if (C.errors().empty())
    llvm::consumeError(C.mergeInto(DB));
  if (!C.errors().empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   llvm::join(C.errors(), "\n").c_str());
  return llvm::Error::success();
}

std::optional<KbSymbol> KnowledgeBase::findEntry(const std::string &Table,
                                                 const std::string &Field,
                                                 llvm::StringRef Name,
                                                 llvm::StringRef Kind) const {
  Statement &S = query("SELECT * FROM " + Table + " WHERE " + Field + " = ?1");
  if (!S || S.bind(1, Name).step() != SQLITE_ROW)
    return std::nullopt;
  KbSymbol R = rowEntry(S, Kind);
  R.Name = Name.str();
  return R;
}

std::optional<KbSymbol> KnowledgeBase::lookup(llvm::StringRef Symbol) const {
  auto Find = [&](llvm::StringRef Name) -> std::optional<KbSymbol> {
    for (const auto &[Kind, Field] : kbSymbolKinds())
      if (auto R = findEntry(Kind->Table, Field, Name, Kind->Key))
        return R;
    return std::nullopt;
  };
  if (auto R = Find(Symbol))
    return R;
  // Win32's ANSI and wide variants share one entry.
  if (Symbol.size() > 1 && (Symbol.ends_with("A") || Symbol.ends_with("W")))
    if (auto R = Find(Symbol.drop_back()); R && R->Kind == "api")
      return R;
  return std::nullopt;
}

std::optional<KbSymbol> KnowledgeBase::lookupWin32Header(llvm::StringRef Header) const {
  return findEntry("win32_headers", "header", Header, "win32_header");
}

std::vector<KbEquivalent> KnowledgeBase::equivalents(llvm::StringRef Symbol,
                                                     llvm::StringRef Target) const {
  const char *Columns = "target, route, coalesce(replacement, ''), cost, coalesce(note, ''), "
                        "source, coalesce(verified, 0), coalesce(isa, '')";
  std::vector<KbEquivalent> Out;
  std::set<std::string> Covered;
  {
    Statement &S = query(std::string("SELECT ") + Columns +
                         " FROM equivalents WHERE symbol = ?1 AND (?2 = '' OR target = ?2) "
                         "ORDER BY target, rowid");
    S.bind(1, Symbol).bind(2, Target);
    while (S.step() == SQLITE_ROW) {
      Out.push_back(readEquivalent(S));
      Covered.insert(Out.back().Target);
    }
  }
  std::optional<KbSymbol> Sym = lookup(Symbol);
  if (!Sym || Sym->Kind != "intrinsic")
    return Out;
  // Rules for the intrinsic's header (cpuid.h: feature detection), then for
  // its ISA parts, then for every ISA, fill the targets the symbol has
  // nothing of its own for; the portable routes are never filled that way.
  // Each rule set is read once for all targets; the first row per target wins.
  const llvm::StringRef RuleTargets[] = {"aarch64", "loongarch64", "sw_64"};
  std::map<std::string, KbEquivalent> Filled;
  auto Fill = [&](Statement &S, llvm::StringRef Key, llvm::StringRef RuleName) {
    S.reset();
    S.bind(1, Key);
    while (S.step() == SQLITE_ROW) {
      std::string T = S.text(0);
      if (Covered.count(T) || Filled.count(T) || (!Target.empty() && Target != T) ||
          !llvm::is_contained(RuleTargets, T))
        continue;
      KbEquivalent E = readEquivalent(S);
      if (!RuleName.empty())
        E.ByIsa = RuleName.str();
      Filled.emplace(T, std::move(E));
    }
  };
  const std::string Header = Sym->Fields["header"];
  if (!Header.empty())
    Fill(query(std::string("SELECT ") + Columns +
               " FROM equivalents WHERE header = ?1 ORDER BY rowid"),
         Header, "header " + Header);
  Statement &ByIsa =
      query(std::string("SELECT ") + Columns + " FROM equivalents WHERE isa = ?1 ORDER BY rowid");
  std::vector<std::string> Parts = isaParts(Sym->Fields["isa"]);
  Parts.push_back("*");
  for (const std::string &Isa : Parts)
    Fill(ByIsa, Isa, "");
  for (llvm::StringRef T : RuleTargets)
    if (auto It = Filled.find(T.str()); It != Filled.end())
      Out.push_back(std::move(It->second));
  return Out;
}

std::vector<std::pair<std::string, std::string>>
KnowledgeBase::search(llvm::StringRef Pattern, size_t Limit) const {
  std::vector<std::pair<std::string, std::string>> Out;
  for (const auto &[Kind, Field] : kbSymbolKinds()) {
    std::string SQL = "SELECT " + Field + " FROM " + Kind->Table + " WHERE " + Field +
                      " GLOB ?1 ORDER BY " + Field + " LIMIT ?2";
    Statement S(DB, SQL.c_str());
    S.bind(1, Pattern).bind(2, int64_t(Limit - Out.size()));
    while (Out.size() < Limit && S.step() == SQLITE_ROW)
      Out.emplace_back(Kind->Key, S.text(0));
  }
  return Out;
}

std::vector<KbCpu> KnowledgeBase::cpus() const {
  std::vector<KbCpu> Out;
  Statement S(DB, "SELECT id, vendor, product, arch, features FROM cpus ORDER BY rowid");
  while (S.step() == SQLITE_ROW)
    Out.push_back({S.text(0), S.text(1), S.text(2), S.text(3), jsonStrings(S.text(4))});
  return Out;
}

std::vector<KbOs> KnowledgeBase::oses() const {
  std::vector<KbOs> Out;
  Statement S(DB, "SELECT id, name, release, arches FROM oses ORDER BY rowid");
  while (S.step() == SQLITE_ROW)
    Out.push_back({S.text(0), S.text(1), S.text(2), jsonStrings(S.text(3))});
  return Out;
}

std::vector<std::string> kbList(llvm::StringRef Stored) { return jsonStrings(Stored.str()); }

std::vector<KbSymbol> KnowledgeBase::entries(llvm::StringRef Kind) const {
  std::vector<KbSymbol> Out;
  const KindSpec *K = kbKind(Kind);
  if (!K)
    return Out;
  Statement S(DB, ("SELECT * FROM " + K->Table + " ORDER BY rowid").c_str());
  while (S.step() == SQLITE_ROW) {
    KbSymbol R = rowEntry(S, K->Key);
    R.Name = R.Fields[K->IdFields.front()];
    Out.push_back(std::move(R));
  }
  return Out;
}

llvm::Expected<std::vector<KbSymbol>> KnowledgeBase::readSource(llvm::StringRef SourcePath) const {
  KbCompiler C;
  C.addFile(SourcePath);
  C.checkReferences(DB);
  if (!C.errors().empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   llvm::join(C.errors(), "\n").c_str());
  std::vector<KbSymbol> Out;
  for (const KbEntry &E : C.entries()) {
    KbSymbol R;
    R.Kind = E.Kind->Key;
    R.Name = E.Id;
    R.Fields = E.Values;
    R.Origin = E.Origin;
    Out.push_back(std::move(R));
  }
  return Out;
}

std::optional<KbCpu> KnowledgeBase::cpu(llvm::StringRef Id) const {
  for (KbCpu &C : cpus())
    if (C.Id == Id)
      return C;
  return std::nullopt;
}

LexicalNames KnowledgeBase::lexicalNames() const {
  LexicalNames N;
  {
    Statement S(DB, "SELECT name, kind FROM intrinsics");
    while (S.step() == SQLITE_ROW) {
      std::string Kind = S.text(1);
      const char *Rule = Kind == "constant"         ? "x86.intrinsic-constant"
                         : Kind == "type"           ? "x86.vector-type"
                         : Kind == "target-builtin" ? "x86.builtin"
                                                    : "x86.intrinsic";
      N.Rules[S.text(0)] = Rule;
    }
  }
  {
    Statement S(DB, "SELECT name, header FROM apis");
    while (S.step() == SQLITE_ROW) {
      std::string Name = S.text(0);
      if (llvm::any_of(Name, llvm::isUpper) && !N.Rules.count(Name))
        for (const std::string &Form : {Name, Name + "A", Name + "W"})
          N.Rules.try_emplace(Form, "win32.api");
      else
        N.WindowsUnitNames.insert(Name);
      std::string Header = llvm::StringRef(S.text(1)).lower();
      if (llvm::StringRef(Header).ends_with(".h") && Header != "intrin.h")
        N.WindowsHeaders.insert(Header);
    }
  }
  {
    // Names no POSIX system declares: a finding in any unit, under the rule
    // a Windows parse reports them with (Annex K's, _alloca and the
    // compiler's builtins, _byteswap_ulong, are the msvc plugin's).
    Statement S(DB, "SELECT name, builtin FROM crt_functions");
    while (S.step() == SQLITE_ROW) {
      std::string Name = S.text(0);
      N.Rules.try_emplace(Name, llvm::StringRef(Name).ends_with("_s") ? "msvc.secure-crt"
                                : Name == "_alloca"                  ? "msvc.alloca"
                                : S.integer(1)                       ? "msvc.intrinsic"
                                                                     : "win32.crt");
    }
  }
  {
    Statement S(DB, "SELECT name FROM win32_types");
    while (S.step() == SQLITE_ROW)
      N.WindowsUnitNames.insert(S.text(0));
  }
  {
    Statement S(DB, "SELECT header FROM win32_headers");
    while (S.step() == SQLITE_ROW)
      N.WindowsHeaders.insert(llvm::StringRef(S.text(0)).lower());
  }
  // The umbrella headers, which declare nothing themselves.
  for (const char *H : {"windows.h", "windef.h", "winsock.h", "tchar.h", "objbase.h", "ole2.h",
                        "shlobj.h", "commctrl.h", "windowsx.h", "wtypes.h", "minwindef.h"})
    N.WindowsHeaders.insert(H);
  return N;
}

KbStats KnowledgeBase::stats() const {
  KbStats St;
  for (const KindSpec &K : kbKinds()) {
    std::string SQL = "SELECT count(*) FROM " + K.Table;
    Statement S(DB, SQL.c_str());
    St.Tables.emplace_back(K.Table, S.step() == SQLITE_ROW ? S.integer(0) : 0);
  }
  {
    Statement S(DB, "SELECT isa, count(*) FROM intrinsics GROUP BY isa ORDER BY 2 DESC, 1");
    while (S.step() == SQLITE_ROW)
      St.IntrinsicsByIsa.emplace_back(S.text(0), S.integer(1));
  }
  {
    Statement S(DB, "SELECT t.target, "
                    " (SELECT count(DISTINCT e.symbol) FROM equivalents e JOIN intrinsics i "
                    "   ON i.name = e.symbol WHERE e.target = t.target), "
                    " (SELECT count(*) FROM equivalents e WHERE e.target = t.target "
                    "   AND (e.isa IS NOT NULL OR e.header IS NOT NULL)) "
                    "FROM (SELECT DISTINCT target FROM equivalents) t ORDER BY t.target");
    while (S.step() == SQLITE_ROW)
      St.Coverage.emplace_back(S.text(0), S.integer(1), S.integer(2));
  }
  {
    Statement S(DB, "SELECT kind, count(*) FROM intrinsics GROUP BY kind ORDER BY 2 DESC");
    while (S.step() == SQLITE_ROW)
      St.IntrinsicsByKind.emplace_back(S.text(0), S.integer(1));
  }
  // Intrinsic names only: the raw __builtin_ia32_* builtins behind them are
  // counted apart.
  Statement S(DB, "SELECT i.isa, EXISTS (SELECT 1 FROM equivalents e WHERE e.symbol = i.name "
                  "AND e.target = 'aarch64') FROM intrinsics i WHERE i.kind != 'target-builtin'");
  while (S.step() == SQLITE_ROW)
    if (isSseFamily(S.text(0))) {
      ++St.SseFamily;
      St.SseFamilyWithArm64 += S.integer(1) != 0;
    }
  return St;
}

} // namespace portolan
