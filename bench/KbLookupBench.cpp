//===- KbLookupBench.cpp - knowledge-base lookups per second --------------===//
//
// Usage: portolan-bench-kb [KB_FILE] [ROUNDS]
//
// Times, in one run and side by side: symbol lookups (lookup), equivalents
// per symbol (equivalents, with ISA-wide fallbacks), over every intrinsic
// name of the knowledge base plus as many unknown names, in shuffled order.
// Prints lookups per second for each; the figures go into bench/README.md.
//
//===----------------------------------------------------------------------===//
#include "portolan/kb/KnowledgeBase.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <chrono>
#include <random>

using namespace portolan;

int main(int Argc, char **Argv) {
  static int Anchor;
  std::string Path = Argc > 1 ? Argv[1] : KnowledgeBase::defaultPath(Argv[0], &Anchor);
  int Rounds = Argc > 2 ? std::atoi(Argv[2]) : 3;
  auto Open0 = std::chrono::steady_clock::now();
  auto KB = KnowledgeBase::open(Path);
  if (!KB) {
    llvm::errs() << llvm::toString(KB.takeError()) << "\n";
    return 2;
  }
  double OpenMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - Open0).count();
  std::vector<std::string> Names;
  for (const auto &[Kind, Name] : (*KB)->search("*", 1000000))
    Names.push_back(Name);
  size_t Known = Names.size();
  for (size_t I = 0; I < Known; ++I)
    Names.push_back(Names[I] + "_unknown");
  std::mt19937 Rng(42);
  std::shuffle(Names.begin(), Names.end(), Rng);

  auto Time = [&](const char *What, auto &&Fn) {
    std::vector<double> Rates;
    size_t Hits = 0;
    for (int R = 0; R < Rounds; ++R) {
      auto T0 = std::chrono::steady_clock::now();
      Hits = 0;
      for (const std::string &N : Names)
        Hits += Fn(N);
      double S = std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();
      Rates.push_back(Names.size() / S);
    }
    std::sort(Rates.begin(), Rates.end());
    llvm::outs() << llvm::format("%-12s %9zu queries  %9zu hits  median %10.0f /s  (min %.0f, max %.0f)\n",
                                 What, Names.size(), Hits, Rates[Rates.size() / 2], Rates.front(),
                                 Rates.back());
  };
  llvm::outs() << "knowledge base " << Path << " (version " << (*KB)->version() << "), opened in "
               << llvm::format("%.1f", OpenMs) << " ms; " << Known << " known names, " << Rounds
               << " rounds\n";
  Time("lookup", [&](const std::string &N) { return (*KB)->lookup(N).has_value(); });
  Time("equivalents", [&](const std::string &N) { return !(*KB)->equivalents(N).empty(); });
  return 0;
}
