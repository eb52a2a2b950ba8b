// The lexical passes over a file's text: the #include scanner of the plan,
// the prefilter's candidate tokens (with the shipped knowledge base's
// names), and the escaping of text for the terminal.
#include "FuzzInput.h"

#include "portolan/base/Printable.h"
#include "portolan/kb/KnowledgeBase.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/Prefilter.h"

#include <cstdlib>

namespace {
const portolan::LexicalNames &names() {
  static const portolan::LexicalNames Names = [] {
    auto KB = portolan::KnowledgeBase::open(PORTOLAN_KB_FILE);
    if (!KB)
      std::abort();
    return (*KB)->lexicalNames();
  }();
  return Names;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text = portolan_fuzz::bytes(Data, Size);
  (void)portolan::scanIncludeDirectives(Text);
  (void)portolan::scanIncludes(Text);
  (void)portolan::hasCandidateToken(Text, names());
  (void)portolan::printable(Text);
  return 0;
}
