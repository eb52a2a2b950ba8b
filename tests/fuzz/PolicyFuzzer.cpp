// An organisation's tiers and weights files (portolan plan's tiers_file
// and weights_file) over the shipped knowledge base: the same bytes as
// each.
#include "FuzzInput.h"

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/plan/Planner.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const portolan::KnowledgeBase *KB = [] {
    auto Opened = portolan::KnowledgeBase::open(PORTOLAN_KB_FILE);
    if (!Opened)
      std::abort();
    return Opened->release();
  }();
  std::string File = portolan_fuzz::writeInput("policy.toml", portolan_fuzz::bytes(Data, Size));
  for (auto [Tiers, Weights] : {std::pair<std::string, std::string>{File, ""}, {"", File}}) {
    llvm::Expected<portolan::Policy> P = portolan::Policy::load(*KB, Tiers, Weights);
    if (!P)
      llvm::consumeError(P.takeError());
  }
  return 0;
}
