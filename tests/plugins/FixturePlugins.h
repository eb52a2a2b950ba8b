//===- FixturePlugins.h - small analyzers for testing the host ------------===//
#ifndef PORTOLAN_TESTS_FIXTUREPLUGINS_H
#define PORTOLAN_TESTS_FIXTUREPLUGINS_H

#include "portolan/sdk/Analyzer.h"

#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>

#include <stdexcept>

namespace fixture {

/// Reports the main file of every unit as "fixture.main-file".
class MainFileAnalyzer : public portolan::sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, portolan::sdk::AnalysisContext &Ctx) override {
    const clang::SourceManager &SM = AST.getSourceManager();
    Ctx.report({"fixture.main-file", "main",
                SM.getLocForStartOfFile(SM.getMainFileID()), ""});
  }
};

} // namespace fixture

#endif
