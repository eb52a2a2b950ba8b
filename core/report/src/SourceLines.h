//===- SourceLines.h - project files read again by reports -----*- C++ -*-===//
//
// Reports look at the source again: suppression comments near a finding,
// the code-point column SARIF wants, the byte offset a fix replaces at.
// Each file is read once, as bytes (not necessarily UTF-8).
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_SOURCELINES_H
#define PORTOLAN_REPORT_SOURCELINES_H

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <memory>
#include <string>
#include <vector>

namespace portolan {

class SourceLines {
public:
  /// Files are named relative to Root, as findings name them.
  explicit SourceLines(std::string Root) : Root(std::move(Root)) {}

  /// Line N (from 1) of File without its line break; empty when the file
  /// cannot be read or has no such line.
  llvm::StringRef line(const std::string &File, unsigned N) {
    size_t Start = lineStart(File, N);
    if (Start == llvm::StringRef::npos)
      return "";
    llvm::StringRef Line = Files[File].Text.substr(Start);
    return Line.take_until([](char C) { return C == '\n'; }).rtrim('\r');
  }

  /// The byte offset where line N (from 1) of File starts; npos when the
  /// file cannot be read or has no such line.
  size_t lineStart(const std::string &File, unsigned N) {
    const Entry &E = entry(File);
    return N >= 1 && N <= E.Starts.size() ? E.Starts[N - 1] : llvm::StringRef::npos;
  }

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    llvm::StringRef Text;
    std::vector<size_t> Starts;
  };

  const Entry &entry(const std::string &File) {
    auto [It, New] = Files.try_emplace(File);
    if (!New)
      return It->second;
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, File);
    if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                               /*RequiresNullTerminator=*/false)) {
      Entry &E = It->second;
      E.Buffer = std::move(*Buf);
      E.Text = E.Buffer->getBuffer();
      E.Starts.push_back(0);
      for (size_t I = 0; I < E.Text.size(); ++I)
        if (E.Text[I] == '\n' && I + 1 < E.Text.size())
          E.Starts.push_back(I + 1);
    }
    return It->second;
  }

  std::string Root;
  llvm::StringMap<Entry> Files;
};

} // namespace portolan

#endif
