//===- MsvcAnalyzers.h - constructs only MSVC (and clang-cl) accept -------===//
//
// Two small analyzers, run as one plugin, for what GCC and Clang on Linux
// reject or read differently:
//   MsvcSyntaxAnalyzer (AST)
//     msvc.seh            __try / __except / __finally
//     msvc.declspec       __declspec(x) on a project declaration; symbol x
//                         (dllexport, thread, align, ...), and __uuidof
//     msvc.int-types      __int8 ... __int64 spelled by the project
//     msvc.intrinsic      MSVC's own intrinsics (_InterlockedIncrement,
//                         _ReadWriteBarrier, __popcnt, ...), the builtins
//                         Clang offers only in Microsoft mode
//     msvc.assume, msvc.debugbreak, msvc.noop, msvc.alloca,
//     msvc.secure-crt     calls to those, and to the CRT's *_s functions
//   MsvcPreprocessorAnalyzer (preprocessor)
//     msvc.pragma-comment-lib  #pragma comment(lib, "x.lib") / (linker, ...)
//     msvc.msc-ver-guard  a conditional on _MSC_VER
//     msvc.forceinline, msvc.callconv  __forceinline, __stdcall, __cdecl,
//                         __fastcall, __vectorcall written by the project
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_MSVCANALYZERS_H
#define PORTOLAN_ANALYZERS_MSVCANALYZERS_H

#include "portolan/sdk/Analyzer.h"

#include <vector>

namespace portolan::analyzers {

class MsvcSyntaxAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

class MsvcPreprocessorAnalyzer final : public sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks> createPPCallbacks(clang::Preprocessor &PP,
                                                        sdk::AnalysisContext &Ctx) override;
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;

private:
  std::vector<clang::SourceLocation> Directives;
};

} // namespace portolan::analyzers

#endif
