//===- PortabilityAnalyzer.h - source hazards worth a porter's attention --===//
//
// Advisory findings, low weight: code that builds everywhere but may behave
// differently on AArch64 or LoongArch.
//   portability.char-sign       a plain char compared with a negative value
//                               or with 0 by < / >=: char is signed on x86
//                               and unsigned on AArch64 Linux;
//   portability.long-double     a declaration of long double: 80-bit x87 on
//                               x86, 128-bit IEEE quad (in software) on
//                               AArch64 and LoongArch Linux;
//   portability.unaligned-cast  a byte pointer plus an offset cast to a
//                               pointer to a wider type: fine on x86, slower
//                               or trapping for some AArch64 instructions
//                               (atomics, exclusive loads), and undefined
//                               behaviour the optimiser may exploit.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_PORTABILITYANALYZER_H
#define PORTOLAN_ANALYZERS_PORTABILITYANALYZER_H

#include "portolan/sdk/Analyzer.h"

namespace portolan::analyzers {

class PortabilityAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

} // namespace portolan::analyzers

#endif
