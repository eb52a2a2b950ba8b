//===- KbCompiler.cpp -----------------------------------------------------===//
#include "portolan/kb/KbCompiler.h"

#include "portolan/base/Sqlite.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SHA256.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <set>

namespace portolan {
namespace {

std::string where(llvm::StringRef Path, const toml::source_region &R) {
  return Path.str() + ":" + std::to_string(R.begin.line) + ":" + std::to_string(R.begin.column);
}

std::string joinValues(const std::vector<std::string> &Values) {
  return llvm::join(Values, ", ");
}

const char *typeName(FieldType T) {
  switch (T) {
  case FieldType::String:
    return "a string";
  case FieldType::Integer:
    return "an integer";
  case FieldType::Float:
    return "a finite number";
  case FieldType::Boolean:
    return "a boolean";
  case FieldType::StringArray:
    return "an array of strings";
  }
  return "";
}

/// The SQL column names of a kind: its fields, then its origin.
std::string columnList(const KindSpec &K) {
  std::string Out;
  for (const FieldSpec &F : K.Fields)
    Out += F.Name + ", ";
  return Out + "origin";
}

} // namespace

void KbCompiler::error(const std::string &Origin, const std::string &Message) {
  Errors.push_back(Origin + ": error: " + Message);
}

void KbCompiler::addFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    error(Path.str(), "cannot read: " + Buf.getError().message());
    return;
  }
  addSource(Path, (*Buf)->getBuffer());
}

void KbCompiler::addSource(llvm::StringRef Path, llvm::StringRef Text) {
  Sources[Path.str()] = Text.str();
  toml::table Root;
  try {
    Root = toml::parse(std::string_view(Text.data(), Text.size()),
                       std::string_view(Path.data(), Path.size()));
  } catch (const toml::parse_error &E) {
    error(where(Path, E.source()), std::string(E.description()));
    return;
  }

  for (auto &&[Key, Node] : Root) {
    const KindSpec *Kind = kbKind(std::string(Key.str()));
    if (!Kind) {
      std::vector<std::string> Known;
      for (const KindSpec &K : kbKinds())
        Known.push_back(K.Key);
      error(where(Path, Key.source()), "unknown entry kind '" + std::string(Key.str()) +
                                           "' (expected one of " + joinValues(Known) + ")");
      continue;
    }
    const toml::array *Array = Node.as_array();
    if (!Array || !Array->is_array_of_tables()) {
      error(where(Path, Node.source()),
            "'" + Kind->Key + "' must be an array of tables, written [[" + Kind->Key + "]]");
      continue;
    }
    for (const toml::node &Element : *Array) {
      const toml::table &Table = *Element.as_table();
      KbEntry Entry;
      Entry.Kind = Kind;
      Entry.Origin = where(Path, Table.source());
      bool Ok = true;
      for (auto &&[FieldKey, Value] : Table) {
        std::string Name(FieldKey.str());
        const FieldSpec *F = Kind->field(Name);
        std::string At = where(Path, FieldKey.source());
        if (!F) {
          error(At, "unknown key '" + Name + "' in [[" + Kind->Key + "]]");
          Ok = false;
          continue;
        }
        // A structured binding is captured by a lambda only from C++20 on.
        const auto &Given = Value;
        auto BadEnum = [&](const std::string &V) {
          if (F->Values.empty() ||
              std::find(F->Values.begin(), F->Values.end(), V) != F->Values.end())
            return false;
          error(where(Path, Given.source()), "'" + Name + "' must be one of " +
                                                 joinValues(F->Values) + "; found '" + V + "'");
          return true;
        };
        bool TypeOk = true;
        switch (F->Type) {
        case FieldType::String:
          if ((TypeOk = Value.is_string())) {
            std::string V = Value.as_string()->get();
            Ok &= !BadEnum(V);
            Entry.Values[Name] = V;
          }
          break;
        case FieldType::Integer:
          if ((TypeOk = Value.is_integer()))
            Entry.Values[Name] = std::to_string(Value.as_integer()->get());
          break;
        case FieldType::Float:
          if ((TypeOk = Value.is_number() &&
                        std::isfinite(Value.value<double>().value_or(0)))) {
            char Buf[64];
            std::snprintf(Buf, sizeof Buf, "%.15g", Value.value<double>().value_or(0));
            Entry.Values[Name] = Buf;
          }
          break;
        case FieldType::Boolean:
          if ((TypeOk = Value.is_boolean()))
            Entry.Values[Name] = Value.as_boolean()->get() ? "1" : "0";
          break;
        case FieldType::StringArray: {
          const toml::array *A = Value.as_array();
          TypeOk = A && A->is_homogeneous(toml::node_type::string);
          if (!TypeOk && A && A->empty())
            TypeOk = true;
          if (TypeOk) {
            llvm::json::Array Items;
            for (const toml::node &Item : *A) {
              std::string V = Item.as_string()->get();
              Ok &= !BadEnum(V);
              Items.push_back(V);
            }
            Entry.Values[Name] = llvm::formatv("{0}", llvm::json::Value(std::move(Items))).str();
          }
          break;
        }
        }
        if (!TypeOk) {
          error(where(Path, Value.source()), "'" + Name + "' must be " + typeName(F->Type));
          Ok = false;
        }
      }
      for (const FieldSpec &F : Kind->Fields)
        if (F.Required && !Entry.Values.count(F.Name)) {
          error(Entry.Origin, "missing field '" + F.Name + "' in [[" + Kind->Key + "]]");
          Ok = false;
        }
      // The id: "symbol|isa|header" takes whichever one of them is present;
      // the first alternative goes in bare, the others prefixed by name.
      std::vector<std::string> IdParts;
      for (const std::string &IdField : Kind->IdFields) {
        llvm::SmallVector<llvm::StringRef, 3> Alternatives;
        llvm::StringRef(IdField).split(Alternatives, '|');
        std::vector<llvm::StringRef> Present;
        for (llvm::StringRef A : Alternatives)
          if (Entry.Values.count(A.str()))
            Present.push_back(A);
        if (Alternatives.size() > 1 && Present.size() != 1) {
          std::vector<std::string> Quoted;
          for (llvm::StringRef A : Alternatives)
            Quoted.push_back("'" + A.str() + "'");
          error(Entry.Origin,
                "[[" + Kind->Key + "]] needs exactly one of " + joinValues(Quoted));
          Ok = false;
          continue;
        }
        if (Present.empty())
          IdParts.push_back("");
        else if (Present.front() == Alternatives.front())
          IdParts.push_back(Entry.Values[Present.front().str()]);
        else
          IdParts.push_back(Present.front().str() + ":" + Entry.Values[Present.front().str()]);
      }
      if (!Ok)
        continue;
      Entry.Id = llvm::join(IdParts, " ");
      auto [It, Inserted] = Ids.try_emplace({Kind, Entry.Id}, Entry.Origin);
      if (!Inserted) {
        error(Entry.Origin, "duplicate " + Kind->Key + " '" + Entry.Id +
                                "'; first defined at " + It->second);
        continue;
      }
      Entries.push_back(std::move(Entry));
    }
  }
}

void KbCompiler::checkPolicyReferences(sqlite3 *Existing) {
  // Ids of a kind, from these sources and from Existing.
  std::map<std::string, std::set<std::string>> Ids;
  for (const KbEntry &E : Entries)
    Ids[E.Kind->Key].insert(E.Id);
  auto Known = [&](const std::string &Kind, const std::string &Id) {
    if (Ids[Kind].count(Id))
      return true;
    if (!Existing)
      return false;
    const KindSpec *K = kbKind(Kind);
    std::string SQL = "SELECT 1 FROM " + K->Table + " WHERE " + K->IdFields.front() + " = ?1";
    Statement S(Existing, SQL.c_str());
    return S && S.bind(1, Id).step() == SQLITE_ROW;
  };
  auto Check = [&](const KbEntry &E, const char *Field, const std::string &Kind) {
    auto It = E.Values.find(Field);
    if (It == E.Values.end())
      return;
    std::vector<std::string> Names;
    if (E.Kind->field(Field)->Type == FieldType::StringArray) {
      llvm::Expected<llvm::json::Value> V = llvm::json::parse(It->second);
      if (V && V->getAsArray())
        for (const llvm::json::Value &Item : *V->getAsArray())
          Names.push_back(Item.getAsString().value_or("").str());
      else
        llvm::consumeError(V.takeError());
    } else {
      Names.push_back(It->second);
    }
    for (const std::string &N : Names)
      if (!Known(Kind, N))
        error(E.Origin, "'" + std::string(Field) + "' names unknown " + Kind + " '" + N + "'");
  };
  for (const KbEntry &E : Entries) {
    if (E.Kind->Key == "tier") {
      Check(E, "cpus", "cpu");
      Check(E, "oses", "os");
    } else if (E.Kind->Key == "alternative") {
      Check(E, "dependency", "dependency");
      Check(E, "tiers", "tier");
    }
  }
}

void KbCompiler::checkReferences(sqlite3 *Existing) {
  std::set<std::string> Symbols, Isas, Headers;
  for (const KbEntry &E : Entries) {
    for (const auto &[Kind, Field] : kbSymbolKinds())
      if (E.Kind == Kind)
        Symbols.insert(E.Values.at(Field));
    if (E.Kind->Key == "intrinsic") {
      if (auto H = E.Values.find("header"); H != E.Values.end())
        Headers.insert(H->second);
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      llvm::StringRef(E.Values.at("isa")).split(Parts, '+');
      for (llvm::StringRef P : Parts) {
        llvm::SmallVector<llvm::StringRef, 2> Alternatives;
        P.split(Alternatives, '/');
        for (llvm::StringRef A : Alternatives)
          Isas.insert(A.str());
      }
    }
  }
  auto KnownInDb = [&](const std::string &Symbol) {
    if (!Existing)
      return false;
    for (const auto &[Kind, Field] : kbSymbolKinds()) {
      std::string SQL = "SELECT 1 FROM " + Kind->Table + " WHERE " + Field + " = ?1";
      Statement S(Existing, SQL.c_str());
      if (S && S.bind(1, Symbol).step() == SQLITE_ROW)
        return true;
    }
    return false;
  };
  checkPolicyReferences(Existing);
  for (const KbEntry &E : Entries) {
    if (E.Kind->Key != "equivalent")
      continue;
    if (auto It = E.Values.find("symbol"); It != E.Values.end()) {
      if (!Symbols.count(It->second) && !KnownInDb(It->second))
        error(E.Origin, "equivalent for unknown symbol '" + It->second +
                            "' (define it as an intrinsic, api, win32_type, construct or library)");
    } else if (auto Header = E.Values.find("header"); Header != E.Values.end()) {
      if (!Headers.count(Header->second) && !Existing)
        error(E.Origin, "equivalent for unknown header '" + Header->second + "'");
    } else if (auto Isa = E.Values.find("isa"); Isa != E.Values.end()) {
      if (Isa->second != "*" && !Isas.count(Isa->second) && !Existing)
        error(E.Origin, "equivalent for unknown ISA '" + Isa->second + "'");
    }
  }
}

llvm::Error createKbTables(sqlite3 *DB) {
  std::string SQL = "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);";
  for (const KindSpec &K : kbKinds()) {
    SQL += "CREATE TABLE IF NOT EXISTS " + K.Table + "(";
    for (const FieldSpec &F : K.Fields)
      SQL += F.Name + (F.Type == FieldType::Integer || F.Type == FieldType::Boolean ? " INTEGER, "
                       : F.Type == FieldType::Float                                  ? " REAL, "
                                                                                     : " TEXT, ");
    SQL += "origin TEXT NOT NULL);";
    for (const std::string &IdField : K.IdFields) {
      llvm::SmallVector<llvm::StringRef, 2> Names;
      llvm::StringRef(IdField).split(Names, '|');
      for (llvm::StringRef N : Names)
        SQL += "CREATE INDEX IF NOT EXISTS " + K.Table + "_" + N.str() + " ON " + K.Table +
               "(" + N.str() + ");";
    }
  }
  char *Message = nullptr;
  if (sqlite3_exec(DB, SQL.c_str(), nullptr, nullptr, &Message) != SQLITE_OK) {
    std::string Text = Message ? Message : "unknown error";
    sqlite3_free(Message);
    return llvm::createStringError(std::errc::io_error, "cannot create tables: %s",
                                   Text.c_str());
  }
  return llvm::Error::success();
}

llvm::Error KbCompiler::mergeInto(sqlite3 *DB) {
  if (llvm::Error E = createKbTables(DB))
    return E;
  sqlite3_exec(DB, "BEGIN", nullptr, nullptr, nullptr);
  std::vector<std::string> Conflicts;
  for (const KindSpec &K : kbKinds()) {
    // The id lookup: each id field equal, or absent for the alternatives of
    // a "symbol|isa|header" group that the entry does not use.
    auto Parameter = [&](llvm::StringRef N) {
      return "?" + std::to_string(K.field(N) - K.Fields.data() + 1);
    };
    std::string Where;
    for (const std::string &IdField : K.IdFields) {
      llvm::SmallVector<llvm::StringRef, 3> Alternatives;
      llvm::StringRef(IdField).split(Alternatives, '|');
      for (llvm::StringRef N : Alternatives)
        Where += std::string(Where.empty() ? "" : " AND ") + N.str() + " IS " + Parameter(N);
    }
    std::string Find = "SELECT origin FROM " + K.Table + " WHERE " + Where;
    std::string Insert = "INSERT INTO " + K.Table + "(" + columnList(K) + ") VALUES(";
    for (size_t I = 0; I <= K.Fields.size(); ++I)
      Insert += (I ? ", ?" : "?") + std::to_string(I + 1);
    Insert += ")";
    Statement FindS(DB, Find.c_str()), InsertS(DB, Insert.c_str());
    if (!FindS || !InsertS) {
      sqlite3_exec(DB, "ROLLBACK", nullptr, nullptr, nullptr);
      return llvm::createStringError(std::errc::io_error, "cannot prepare %s: %s",
                                     K.Table.c_str(), sqlite3_errmsg(DB));
    }
    for (const KbEntry &E : Entries) {
      if (E.Kind != &K)
        continue;
      for (size_t I = 0; I < K.Fields.size(); ++I) {
        auto It = E.Values.find(K.Fields[I].Name);
        if (It == E.Values.end())
          FindS.bindNull(int(I + 1)), InsertS.bindNull(int(I + 1));
        else if (K.Fields[I].Type == FieldType::Integer || K.Fields[I].Type == FieldType::Boolean)
          FindS.bind(int(I + 1), int64_t(std::stoll(It->second))),
              InsertS.bind(int(I + 1), int64_t(std::stoll(It->second)));
        else if (K.Fields[I].Type == FieldType::Float)
          FindS.bind(int(I + 1), std::stod(It->second)),
              InsertS.bind(int(I + 1), std::stod(It->second));
        else
          FindS.bind(int(I + 1), It->second), InsertS.bind(int(I + 1), It->second);
      }
      if (FindS.step() == SQLITE_ROW)
        Conflicts.push_back(E.Origin + ": error: " + K.Key + " '" + E.Id +
                            "' is already defined at " + FindS.text(0));
      FindS.reset();
      InsertS.bind(int(K.Fields.size() + 1), E.Origin);
      if (InsertS.step() != SQLITE_DONE) {
        sqlite3_exec(DB, "ROLLBACK", nullptr, nullptr, nullptr);
        return llvm::createStringError(std::errc::io_error, "%s: cannot insert: %s",
                                       E.Origin.c_str(), sqlite3_errmsg(DB));
      }
      InsertS.reset();
    }
  }
  if (!Conflicts.empty()) {
    sqlite3_exec(DB, "ROLLBACK", nullptr, nullptr, nullptr);
    Errors.insert(Errors.end(), Conflicts.begin(), Conflicts.end());
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   llvm::join(Conflicts, "\n").c_str());
  }
  if (sqlite3_exec(DB, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return llvm::createStringError(std::errc::io_error, "cannot commit: %s", sqlite3_errmsg(DB));
  return llvm::Error::success();
}

std::string KbCompiler::sourcesHash() const {
  llvm::SHA256 Hash;
  for (const auto &[Path, Text] : Sources) {
    Hash.update(Path);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(Text);
    Hash.update(llvm::StringRef("\0", 1));
  }
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 8), /*LowerCase=*/true);
}

} // namespace portolan
