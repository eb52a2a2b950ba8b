// The inventory reader (portolan plan INVENTORY).
#include "FuzzInput.h"

#include "portolan/plan/Planner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = portolan_fuzz::writeInput("inventory.toml", portolan_fuzz::bytes(Data, Size));
  llvm::Expected<portolan::Inventory> Inv = portolan::loadInventory(Path);
  if (!Inv)
    llvm::consumeError(Inv.takeError());
  return 0;
}
