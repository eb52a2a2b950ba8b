//===- UnitWire.cpp -------------------------------------------------------===//
#include "UnitWire.h"

#include <llvm/ADT/bit.h>
#include <llvm/Support/DataExtractor.h>
#include <llvm/Support/EndianStream.h>
#include <llvm/Support/raw_ostream.h>

namespace portolan {
namespace {

/// Marks the start of a result, and the format's version.
constexpr uint32_t Magic = 0x50525431; // "PRT1"

class Writer {
public:
  explicit Writer(std::string &Out) : OS(Out), W(OS, llvm::endianness::little) {}
  void u32(uint32_t V) { W.write<uint32_t>(V); }
  void flag(bool V) { W.write<uint8_t>(V ? 1 : 0); }
  void real(double V) { W.write<uint64_t>(llvm::bit_cast<uint64_t>(V)); }
  void text(llvm::StringRef S) {
    u32(static_cast<uint32_t>(S.size()));
    OS << S;
  }

private:
  llvm::raw_string_ostream OS;
  llvm::support::endian::Writer W;
};

class Reader {
public:
  explicit Reader(llvm::StringRef Bytes) : Data(Bytes, /*IsLittleEndian=*/true, 8), At(0) {}
  uint32_t u32() { return Data.getU32(At); }
  bool flag() { return Data.getU8(At) != 0; }
  double real() { return llvm::bit_cast<double>(Data.getU64(At)); }
  std::string text() {
    uint32_t Size = u32();
    return Data.getBytes(At, Size).str();
  }
  /// A count of items that each take at least one byte, checked against
  /// what is left, so that a damaged count cannot ask for gigabytes.
  uint32_t count() {
    uint32_t N = u32();
    if (At && N > Data.size() - At.tell()) {
      Damaged = "a count of " + std::to_string(N) + " past the end";
      return 0;
    }
    return N;
  }
  /// The first problem met, if any: the result is whole only without.
  llvm::Error finish() {
    if (llvm::Error E = At.takeError())
      return E;
    if (Damaged.empty() && At.tell() != Data.size())
      Damaged = std::to_string(Data.size() - At.tell()) + " bytes after the result";
    if (!Damaged.empty())
      return llvm::createStringError(std::errc::illegal_byte_sequence, "%s", Damaged.c_str());
    return llvm::Error::success();
  }
  void fail(std::string Why) { Damaged = std::move(Why); }

private:
  llvm::DataExtractor Data;
  llvm::DataExtractor::Cursor At;
  std::string Damaged;
};

} // namespace

std::string encodeResult(const TUResult &R) {
  std::string Out;
  Writer W(Out);
  W.u32(Magic);
  W.text(R.File);
  W.u32(static_cast<uint32_t>(R.Plat));
  W.text(R.CommandSource);
  W.flag(R.Parsed);
  W.real(R.ParseSeconds);
  W.real(R.TargetSeconds);
  W.text(R.ForeignArch);
  W.flag(R.MsvcVersionAssumed);
  W.u32(R.Findings.size());
  for (const Finding &F : R.Findings) {
    for (const std::string *S : {&F.Rule, &F.Symbol, &F.File, &F.Analyzer, &F.Note, &F.Snippet,
                                 &F.Guard, &F.TargetCheck})
      W.text(*S);
    W.u32(F.Line);
    W.u32(F.Column);
    W.flag(F.Inactive);
    W.flag(F.Advisory);
  }
  W.u32(R.Errors.size());
  for (const ParseError &E : R.Errors) {
    W.text(E.File);
    W.u32(E.Line);
    W.u32(E.Column);
    W.text(E.Message);
    W.text(E.ProjectFile);
    W.u32(E.ProjectLine);
    W.flag(E.Fatal);
  }
  W.u32(R.AnalyzerErrors.size());
  for (const AnalyzerError &E : R.AnalyzerErrors) {
    W.text(E.Analyzer);
    W.text(E.Message);
  }
  W.u32(R.FilesRead.size());
  for (const std::string &F : R.FilesRead)
    W.text(F);
  W.u32(R.SkippedWindowsLines.size());
  for (const auto &[First, Last] : R.SkippedWindowsLines) {
    W.u32(First);
    W.u32(Last);
  }
  return Out;
}

llvm::Expected<TUResult> decodeResult(llvm::StringRef Bytes) {
  Reader In(Bytes);
  TUResult R;
  if (In.u32() != Magic) {
    In.fail("not a unit result");
    return In.finish();
  }
  R.File = In.text();
  uint32_t Plat = In.u32();
  if (Plat > static_cast<uint32_t>(Platform::File)) {
    In.fail("unknown platform " + std::to_string(Plat));
    return In.finish();
  }
  R.Plat = static_cast<Platform>(Plat);
  R.CommandSource = In.text();
  R.Parsed = In.flag();
  R.ParseSeconds = In.real();
  R.TargetSeconds = In.real();
  R.ForeignArch = In.text();
  R.MsvcVersionAssumed = In.flag();
  R.Findings.resize(In.count());
  for (Finding &F : R.Findings) {
    for (std::string *S : {&F.Rule, &F.Symbol, &F.File, &F.Analyzer, &F.Note, &F.Snippet,
                           &F.Guard, &F.TargetCheck})
      *S = In.text();
    F.Line = In.u32();
    F.Column = In.u32();
    F.Inactive = In.flag();
    F.Advisory = In.flag();
  }
  R.Errors.resize(In.count());
  for (ParseError &E : R.Errors) {
    E.File = In.text();
    E.Line = In.u32();
    E.Column = In.u32();
    E.Message = In.text();
    E.ProjectFile = In.text();
    E.ProjectLine = In.u32();
    E.Fatal = In.flag();
  }
  R.AnalyzerErrors.resize(In.count());
  for (AnalyzerError &E : R.AnalyzerErrors) {
    E.Analyzer = In.text();
    E.Message = In.text();
  }
  R.FilesRead.resize(In.count());
  for (std::string &F : R.FilesRead)
    F = In.text();
  R.SkippedWindowsLines.resize(In.count());
  for (auto &[First, Last] : R.SkippedWindowsLines) {
    First = In.u32();
    Last = In.u32();
  }
  if (llvm::Error E = In.finish())
    return E;
  return R;
}

} // namespace portolan
