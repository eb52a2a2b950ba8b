// The Visual Studio readers: the same bytes as a project and as a solution.
#include "FuzzInput.h"

#include "portolan/msbuild/MsBuild.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  for (const char *Name : {"app.vcxproj", "app.sln"}) {
    std::string Path = portolan_fuzz::writeInput(Name, portolan_fuzz::bytes(Data, Size));
    auto Set = portolan::msbuild::loadProjects(Path);
    if (!Set)
      llvm::consumeError(Set.takeError());
  }
  return 0;
}
