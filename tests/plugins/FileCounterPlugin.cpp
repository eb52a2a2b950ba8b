// A file analyzer: reports the number of lines of every *.fixture file and
// throws on one named throw.fixture.
#include "portolan/sdk/Analyzer.h"

#include <stdexcept>

namespace {

class LineCounter final : public portolan::sdk::FileAnalyzer {
public:
  bool wantsFile(llvm::StringRef RelPath) override { return RelPath.ends_with(".fixture"); }
  void analyzeFile(llvm::StringRef RelPath, llvm::MemoryBufferRef Content,
                   portolan::sdk::FileContext &Ctx) override {
    if (RelPath.ends_with("throw.fixture"))
      throw std::runtime_error("file hook failed");
    unsigned Lines = unsigned(Content.getBuffer().count('\n'));
    bool HasSibling = false;
    for (const std::string &F : Ctx.treeFiles())
      HasSibling |= F != RelPath && llvm::StringRef(F).ends_with(".fixture");
    Ctx.report({"fixture.lines", std::to_string(Lines), Lines, 1,
                HasSibling ? "has a sibling" : "alone", /*Advisory=*/true});
  }
};

const char *const Rules[] = {"fixture.lines"};

} // namespace

PORTOLAN_FILE_PLUGIN("fixture-file-counter", "1.0", LineCounter, Rules, nullptr);
