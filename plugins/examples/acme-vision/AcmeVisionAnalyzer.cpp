//===- AcmeVisionAnalyzer.cpp - an example vendor plugin ------------------===//
//
// What a vendor ships: an analyzer for its own SDK and a knowledge-base
// fragment saying what replaces it. "AcmeVision" is a made-up imaging SDK
// whose headers live under <acme/...>; including one ties the code to the
// SDK's x86-only builds.
//
//===----------------------------------------------------------------------===//
#include "portolan/sdk/Analyzer.h"

#include <clang/Lex/PPCallbacks.h>

namespace {

class IncludeCallbacks : public clang::PPCallbacks {
public:
  explicit IncludeCallbacks(portolan::sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}
  void InclusionDirective(clang::SourceLocation HashLoc, const clang::Token &,
                          llvm::StringRef FileName, bool, clang::CharSourceRange,
                          clang::OptionalFileEntryRef, llvm::StringRef, llvm::StringRef,
                          const clang::Module *, bool,
                          clang::SrcMgr::CharacteristicKind) override {
    if (FileName.starts_with("acme/") && Ctx.isProjectLocation(HashLoc))
      Ctx.report({"acme.sdk-include", "AcmeVision SDK", HashLoc, FileName.str()});
  }

private:
  portolan::sdk::AnalysisContext &Ctx;
};

class AcmeVisionAnalyzer : public portolan::sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks>
  createPPCallbacks(clang::Preprocessor &, portolan::sdk::AnalysisContext &Ctx) override {
    return std::make_unique<IncludeCallbacks>(Ctx);
  }
};

const char *const Rules[] = {"acme.sdk-include"};
// What the analyzer looks for, so that the host's prefilter parses the
// units that may use the SDK: <acme/...> includes and acme_* calls.
const char *const PrefilterWords[] = {"acme", "acme_*"};

} // namespace

PORTOLAN_PLUGIN_WITH_WORDS("acme-vision", "1.0.0", AcmeVisionAnalyzer, Rules, "acme-vision-kb.toml",
                           PrefilterWords);
