//===- NeededLibraries.cpp ------------------------------------------------===//
#include "NeededLibraries.h"

#include <llvm/Object/ELFObjectFile.h>

#include <cstring>

namespace portolan {

std::vector<std::string> neededLibraries(llvm::StringRef Path) {
  std::vector<std::string> Needed;
  auto Bin = llvm::object::ObjectFile::createObjectFile(Path);
  if (!Bin) {
    llvm::consumeError(Bin.takeError());
    return Needed;
  }
  const auto *Elf = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(Bin->getBinary());
  if (!Elf)
    return Needed;
  const auto &File = Elf->getELFFile();
  auto Dynamic = File.dynamicEntries();
  if (!Dynamic) {
    llvm::consumeError(Dynamic.takeError());
    return Needed;
  }
  uint64_t StrTab = 0;
  for (const auto &D : *Dynamic)
    if (D.d_tag == llvm::ELF::DT_STRTAB)
      StrTab = D.getPtr();
  auto Strings = File.toMappedAddr(StrTab);
  if (!StrTab || !Strings) {
    if (!Strings)
      llvm::consumeError(Strings.takeError());
    return Needed;
  }
  const char *Base = reinterpret_cast<const char *>(*Strings);
  const char *End = reinterpret_cast<const char *>(File.end());
  for (const auto &D : *Dynamic)
    if (D.d_tag == llvm::ELF::DT_NEEDED && Base + D.getVal() < End)
      Needed.emplace_back(Base + D.getVal(), strnlen(Base + D.getVal(), End - Base - D.getVal()));
  return Needed;
}

bool definesDynamicSymbol(llvm::StringRef Path, llvm::StringRef Name) {
  auto Bin = llvm::object::ObjectFile::createObjectFile(Path);
  if (!Bin) {
    llvm::consumeError(Bin.takeError());
    return false;
  }
  const auto *Elf = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(Bin->getBinary());
  if (!Elf)
    return false;
  for (const llvm::object::ELFSymbolRef &Symbol : Elf->getDynamicSymbolIterators()) {
    llvm::Expected<llvm::StringRef> SymbolName = Symbol.getName();
    if (!SymbolName) {
      llvm::consumeError(SymbolName.takeError());
      continue;
    }
    llvm::Expected<uint32_t> Flags = Symbol.getFlags();
    if (!Flags) {
      llvm::consumeError(Flags.takeError());
      continue;
    }
    if (*SymbolName == Name && !(*Flags & llvm::object::SymbolRef::SF_Undefined) &&
        (*Flags & llvm::object::SymbolRef::SF_Global))
      return true;
  }
  return false;
}

} // namespace portolan
