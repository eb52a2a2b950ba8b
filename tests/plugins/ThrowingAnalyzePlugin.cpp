// A plugin that loads fine and then throws while analyzing: from a
// preprocessor callback in units that define FIXTURE_THROW_IN_PP, from the
// AST hook otherwise.
#include "FixturePlugins.h"

#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Token.h>

namespace {
class ThrowingCallbacks : public clang::PPCallbacks {
public:
  void MacroDefined(const clang::Token &Name, const clang::MacroDirective *) override {
    if (Name.getIdentifierInfo()->getName() == "FIXTURE_THROW_IN_PP")
      throw std::runtime_error("preprocessor hook failed");
  }
};

class Thrower : public portolan::sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks>
  createPPCallbacks(clang::Preprocessor &, portolan::sdk::AnalysisContext &) override {
    return std::make_unique<ThrowingCallbacks>();
  }
  void analyzeAST(clang::ASTContext &, portolan::sdk::AnalysisContext &) override {
    throw std::runtime_error("AST hook failed");
  }
};
const char *const Rules[] = {"fixture.never"};
} // namespace
PORTOLAN_PLUGIN("fixture-throws-in-analysis", "1.0", Thrower, Rules, nullptr);
