//===- X86CodeAnalyzers.h - x86 ties beyond intrinsics ---------------------===//
//
// Three small analyzers, run as one plugin:
//   InlineAsmAnalyzer   x86.inline-asm        GCC asm/__asm__ statements and
//                                             file-scope asm, MSVC __asm blocks,
//                                             with their instruction count;
//                       x86.compiler-barrier  asm("" ::: "memory"): advisory,
//                                             x86's strong ordering hides
//                                             missing fences that ARM exposes.
//   ArchGuardAnalyzer   x86.arch-guard        every conditional directive that
//                                             tests an x86 macro, directly or
//                                             through a project macro;
//                       x86.error-guard       (found by the host's scan of
//                                             skipped code) an #error that
//                                             builds on other architectures
//                                             reach.
//   DispatchAnalyzer    x86.target-attribute  target("avx2"), target_clones,
//                                             cpu_specific / cpu_dispatch;
//                       x86.cpu-dispatch      __builtin_cpu_supports("avx2"),
//                                             __builtin_cpu_is, _init.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86CODEANALYZERS_H
#define PORTOLAN_ANALYZERS_X86CODEANALYZERS_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace portolan::analyzers {

/// The instructions of an inline assembly template: its statements split at
/// newlines and ';', without blanks, labels, comments and directives.
std::vector<std::string> asmInstructions(llvm::StringRef Template);

enum class AsmArch { X86, Other, Unknown };

/// Which architecture an inline assembly template is written for, by the
/// mnemonics and registers only one side has; Unknown for templates such as
/// "nop" or ".p2align 4".
AsmArch asmArchitecture(llvm::StringRef Template);

class InlineAsmAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

class ArchGuardAnalyzer final : public sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks> createPPCallbacks(clang::Preprocessor &PP,
                                                        sdk::AnalysisContext &Ctx) override;
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;

private:
  std::vector<clang::SourceLocation> Directives;
};

class DispatchAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

} // namespace portolan::analyzers

#endif
