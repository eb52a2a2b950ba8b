//===- X86IntrinsicsAnalyzer.h - x86 intrinsics, vector types, builtins ---===//
//
// Reports, in the project's own files:
//   x86.intrinsic        a call to (or use of) a function declared in one of
//                        Clang's x86 intrinsic headers, or an expansion of a
//                        function-like macro those headers define
//                        (_mm_shuffle_epi32, _mm_blend_ps, ...);
//   x86.intrinsic-constant  an object-like macro from those headers
//                        (_MM_HINT_T0, _MM_FROUND_TO_ZERO, ...);
//   x86.vector-type      a spelled use of a vector type they declare
//                        (__m128, __m256i, ...);
//   x86.builtin          a direct use of an x86 target builtin
//                        (__builtin_ia32_*, __rdtsc, ...).
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86INTRINSICSANALYZER_H
#define PORTOLAN_ANALYZERS_X86INTRINSICSANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace clang {
class IdentifierInfo;
}

namespace portolan::analyzers {

/// True for the file name of one of Clang's x86 intrinsic headers
/// (immintrin.h, avx2intrin.h, cpuid.h, ...), given relative to Clang's
/// resource include directory.
bool isX86IntrinsicHeaderName(llvm::StringRef RelativeName);

class X86IntrinsicsAnalyzer final : public sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks>
  createPPCallbacks(clang::Preprocessor &PP, sdk::AnalysisContext &Ctx) override;
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;

  /// An object-like macro aliasing a name that is not a macro: a function
  /// (an intrinsic) or an enumerator (a constant), known once the AST is.
  struct PendingAlias {
    std::string Name;
    clang::SourceLocation Loc;
    clang::IdentifierInfo *Target;
  };

private:
  std::vector<PendingAlias> Pending;
};

} // namespace portolan::analyzers

#endif
