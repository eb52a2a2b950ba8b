//===- portolan/base/Sqlite.h - a small RAII layer over SQLite statements ---===//
#ifndef PORTOLAN_BASE_SQLITE_H
#define PORTOLAN_BASE_SQLITE_H

#include <llvm/ADT/StringRef.h>

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace portolan {

/// A prepared statement that finalizes itself.
class Statement {
public:
  Statement(sqlite3 *DB, const char *SQL) {
    if (sqlite3_prepare_v2(DB, SQL, -1, &S, nullptr) != SQLITE_OK)
      S = nullptr;
  }
  ~Statement() { sqlite3_finalize(S); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  explicit operator bool() const { return S != nullptr; }

  Statement &bind(int I, llvm::StringRef V) {
    sqlite3_bind_text(S, I, V.data(), static_cast<int>(V.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement &bind(int I, int64_t V) {
    sqlite3_bind_int64(S, I, V);
    return *this;
  }
  Statement &bind(int I, double V) {
    sqlite3_bind_double(S, I, V);
    return *this;
  }
  Statement &bindNull(int I) {
    sqlite3_bind_null(S, I);
    return *this;
  }
  int columns() { return sqlite3_column_count(S); }
  std::string columnName(int I) {
    const char *N = sqlite3_column_name(S, I);
    return N ? N : "";
  }
  bool isNull(int I) { return sqlite3_column_type(S, I) == SQLITE_NULL; }
  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(S); }
  void reset() {
    sqlite3_reset(S);
    sqlite3_clear_bindings(S);
  }
  int64_t integer(int I) { return sqlite3_column_int64(S, I); }
  double real(int I) { return sqlite3_column_double(S, I); }
  std::string text(int I) {
    const unsigned char *T = sqlite3_column_text(S, I);
    return T ? reinterpret_cast<const char *>(T) : "";
  }

private:
  sqlite3_stmt *S = nullptr;
};

/// A statement lent out by a cache of prepared statements: ready for
/// bindings, and reset when the borrower is done with it, so that no read
/// stays open and no binding lingers until the next use.
class BorrowedStatement {
public:
  explicit BorrowedStatement(Statement &S) : S(S) { S.reset(); }
  ~BorrowedStatement() { S.reset(); }
  BorrowedStatement(const BorrowedStatement &) = delete;
  BorrowedStatement &operator=(const BorrowedStatement &) = delete;
  Statement *operator->() { return &S; }

private:
  Statement &S;
};

} // namespace portolan

#endif
