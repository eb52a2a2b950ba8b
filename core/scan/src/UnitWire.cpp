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

/// Writes what transfer() hands it.
class Writer {
public:
  explicit Writer(std::string &Out) : OS(Out), W(OS, llvm::endianness::little) {}
  void value(const uint32_t &V) { W.write<uint32_t>(V); }
  void value(const bool &V) { W.write<uint8_t>(V ? 1 : 0); }
  void value(const double &V) { W.write<uint64_t>(llvm::bit_cast<uint64_t>(V)); }
  void value(const std::string &S) {
    value(static_cast<uint32_t>(S.size()));
    OS << S;
  }
  void value(const Platform &P) { value(static_cast<uint32_t>(P)); }
  template <class T, class Each> void list(const std::vector<T> &Items, Each Item) {
    value(static_cast<uint32_t>(Items.size()));
    for (const T &I : Items)
      Item(const_cast<T &>(I)); // transfer() takes the items by reference.
  }

private:
  llvm::raw_string_ostream OS;
  llvm::support::endian::Writer W;
};

/// Reads what transfer() hands it, until the first problem.
class Reader {
public:
  explicit Reader(llvm::StringRef Bytes) : Data(Bytes, /*IsLittleEndian=*/true, 8), At(0) {}
  void value(uint32_t &V) { V = Data.getU32(At); }
  void value(bool &V) { V = Data.getU8(At) != 0; }
  void value(double &V) { V = llvm::bit_cast<double>(Data.getU64(At)); }
  void value(std::string &S) {
    uint32_t Size = 0;
    value(Size);
    S = Data.getBytes(At, Size).str();
  }
  void value(Platform &P) {
    uint32_t V = 0;
    value(V);
    if (V > static_cast<uint32_t>(Platform::File) && Damaged.empty())
      Damaged = "unknown platform " + std::to_string(V);
    P = Damaged.empty() ? static_cast<Platform>(V) : Platform::LinuxX86_64;
  }
  /// A count of items that each take at least one byte is checked against
  /// what is left, so that a damaged count cannot ask for gigabytes.
  template <class T, class Each> void list(std::vector<T> &Items, Each Item) {
    uint32_t N = 0;
    value(N);
    if (At && N > Data.size() - At.tell()) {
      if (Damaged.empty())
        Damaged = "a count of " + std::to_string(N) + " past the end";
      N = 0;
    }
    Items.resize(N);
    for (T &I : Items)
      Item(I);
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

/// Every field of R that crosses, in order: one list for both directions,
/// so that what is written and what is read cannot drift apart.
template <class IO> void transfer(IO &IOs, TUResult &R) {
  IOs.value(R.File);
  IOs.value(R.Plat);
  IOs.value(R.CommandSource);
  IOs.value(R.Parsed);
  IOs.value(R.ParseSeconds);
  IOs.value(R.TargetSeconds);
  IOs.value(R.ForeignArch);
  IOs.value(R.MsvcVersionAssumed);
  IOs.value(R.OverSharedPrefix);
  IOs.list(R.Findings, [&](Finding &F) {
    for (std::string *S : {&F.Rule, &F.Symbol, &F.File, &F.Analyzer, &F.Note, &F.Snippet,
                           &F.Guard, &F.TargetCheck})
      IOs.value(*S);
    IOs.value(F.Line);
    IOs.value(F.Column);
    IOs.value(F.Inactive);
    IOs.value(F.Advisory);
  });
  IOs.list(R.Errors, [&](ParseError &E) {
    IOs.value(E.File);
    IOs.value(E.Line);
    IOs.value(E.Column);
    IOs.value(E.Message);
    IOs.value(E.ProjectFile);
    IOs.value(E.ProjectLine);
    IOs.value(E.Fatal);
  });
  IOs.list(R.AnalyzerErrors, [&](AnalyzerError &E) {
    IOs.value(E.Analyzer);
    IOs.value(E.Message);
  });
  IOs.list(R.FilesRead, [&](std::string &F) { IOs.value(F); });
  IOs.list(R.SkippedWindowsLines, [&](std::pair<unsigned, unsigned> &Lines) {
    IOs.value(Lines.first);
    IOs.value(Lines.second);
  });
}

} // namespace

std::string encodeResult(const TUResult &R) {
  std::string Out;
  Writer W(Out);
  W.value(Magic);
  transfer(W, const_cast<TUResult &>(R)); // Writer only reads.
  return Out;
}

llvm::Expected<TUResult> decodeResult(llvm::StringRef Bytes) {
  Reader In(Bytes);
  uint32_t Start = 0;
  In.value(Start);
  if (Start != Magic) {
    In.fail("not a unit result");
    return In.finish();
  }
  TUResult R;
  transfer(In, R);
  if (llvm::Error E = In.finish())
    return E;
  return R;
}

} // namespace portolan
