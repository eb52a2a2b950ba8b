//===- BinaryAnalyzer.cpp -------------------------------------------------===//
#include "BinaryAnalyzer.h"
#include "Counterparts.h"

#include <llvm/BinaryFormat/COFF.h>
#include <llvm/BinaryFormat/ELF.h>
#include <llvm/BinaryFormat/Magic.h>
#include <llvm/BinaryFormat/MachO.h>
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/COFF.h>
#include <llvm/Object/COFFImportFile.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/MachO.h>
#include <llvm/Object/MachOUniversal.h>
#include <llvm/Object/WindowsMachineFlag.h>
#include <llvm/TargetParser/Triple.h>

#include <optional>
#include <set>
#include <string>

namespace portolan::analyzers::x86files {
namespace {

namespace obj = llvm::object;
using llvm::Triple;

bool isX86(Triple::ArchType A) { return A == Triple::x86 || A == Triple::x86_64; }

/// "i386", "x86_64", "aarch64" ...
std::string archName(Triple::ArchType A) { return Triple::getArchTypeName(A).str(); }

/// What a binary is: the finding's symbol and more for its note.
struct Description {
  std::string Symbol;
  std::string Detail;
};

/// The architecture of an LLVM bitcode file, from its triple.
Triple::ArchType bitcodeArch(llvm::MemoryBufferRef Buffer) {
  llvm::Expected<std::string> T = llvm::getBitcodeTargetTriple(Buffer);
  if (!T) {
    llvm::consumeError(T.takeError());
    return Triple::UnknownArch;
  }
  return Triple(*T).getArch();
}

std::optional<Description> describeObject(const obj::ObjectFile &O) {
  Triple::ArchType Arch = O.getArch();
  if (!isX86(Arch))
    return std::nullopt;
  std::string A = archName(Arch);
  if (const auto *E = llvm::dyn_cast<obj::ELFObjectFileBase>(&O)) {
    switch (E->getEType()) {
    case llvm::ELF::ET_REL:
      return Description{"ELF " + A + " relocatable object", ""};
    case llvm::ELF::ET_DYN:
      return Description{"ELF " + A + " shared object", ""};
    case llvm::ELF::ET_EXEC:
      return Description{"ELF " + A + " executable", ""};
    default:
      return Description{"ELF " + A + " file", ""};
    }
  }
  if (const auto *C = llvm::dyn_cast<obj::COFFObjectFile>(&O)) {
    if (!C->getPE32Header() && !C->getPE32PlusHeader())
      return Description{"COFF " + A + " object", ""};
    bool Dll = C->getCharacteristics() & llvm::COFF::IMAGE_FILE_DLL;
    const llvm::object::data_directory *Clr =
        C->getDataDirectory(llvm::COFF::CLR_RUNTIME_HEADER);
    std::string Detail = Clr && Clr->RelativeVirtualAddress
                             ? "a .NET assembly: not tied to x86 if it is IL-only (AnyCPU)"
                             : "";
    return Description{"PE " + A + (Dll ? " DLL" : " executable"), Detail};
  }
  if (const auto *M = llvm::dyn_cast<obj::MachOObjectFile>(&O)) {
    switch (M->getHeader().filetype) {
    case llvm::MachO::MH_OBJECT:
      return Description{"Mach-O " + A + " object", ""};
    case llvm::MachO::MH_EXECUTE:
      return Description{"Mach-O " + A + " executable", ""};
    case llvm::MachO::MH_DYLIB:
      return Description{"Mach-O " + A + " dynamic library", ""};
    default:
      return Description{"Mach-O " + A + " file", ""};
    }
  }
  return Description{O.getFileFormatName().str() + " " + A, ""};
}

std::optional<Description> describeArchive(const obj::Archive &Ar) {
  if (Ar.isThin())
    return std::nullopt;
  std::set<std::string> X86Archs;
  unsigned X86Members = 0, OtherMembers = 0, Unreadable = 0;
  bool Imports = false;
  llvm::Error Err = llvm::Error::success();
  for (const obj::Archive::Child &C : Ar.children(Err)) {
    Triple::ArchType Arch = Triple::UnknownArch;
    llvm::Expected<llvm::MemoryBufferRef> Buffer = C.getMemoryBufferRef();
    if (Buffer && llvm::identify_magic(Buffer->getBuffer()) == llvm::file_magic::bitcode) {
      Arch = bitcodeArch(*Buffer);
    } else if (llvm::Expected<std::unique_ptr<obj::Binary>> M = C.getAsBinary()) {
      if (const auto *I = llvm::dyn_cast<obj::COFFImportFile>(M->get())) {
        Arch = llvm::getMachineArchType(I->getMachine());
        Imports = true;
      } else if (const auto *O = llvm::dyn_cast<obj::ObjectFile>(M->get())) {
        Arch = O->getArch();
      }
    } else {
      llvm::consumeError(M.takeError());
      ++Unreadable;
    }
    if (!Buffer)
      llvm::consumeError(Buffer.takeError());
    if (isX86(Arch)) {
      ++X86Members;
      X86Archs.insert(archName(Arch));
    } else if (Arch != Triple::UnknownArch) {
      ++OtherMembers;
    }
  }
  std::string Detail;
  if (Err) {
    Detail = "the member list is damaged: " + llvm::toString(std::move(Err));
  }
  if (X86Members == 0)
    return std::nullopt;
  std::string Archs;
  for (const std::string &A : X86Archs)
    Archs += (Archs.empty() ? "" : "+") + A;
  auto Add = [&Detail](const std::string &S) { Detail += (Detail.empty() ? "" : "; ") + S; };
  if (OtherMembers)
    Add("also " + std::to_string(OtherMembers) + " non-x86 members");
  if (Unreadable)
    Add(std::to_string(Unreadable) + " members are not objects LLVM reads");
  if (Imports)
    return Description{"COFF " + Archs + " import library", Detail};
  return Description{"archive " + Archs + " (" + std::to_string(X86Members) +
                         (X86Members == 1 ? " object)" : " objects)"),
                     Detail};
}

std::optional<Description> describeUniversal(const obj::MachOUniversalBinary &U) {
  std::string X86Archs, OtherArchs;
  for (const obj::MachOUniversalBinary::ObjectForArch &O : U.objects()) {
    Triple::ArchType Arch = O.getTriple().getArch();
    std::string &List = isX86(Arch) ? X86Archs : OtherArchs;
    List += (List.empty() ? "" : "+") + archName(Arch);
  }
  if (X86Archs.empty())
    return std::nullopt;
  return Description{"Mach-O universal " + X86Archs,
                     OtherArchs.empty() ? "" : "also holds " + OtherArchs};
}

std::optional<Description> describe(const obj::Binary &B) {
  if (const auto *Ar = llvm::dyn_cast<obj::Archive>(&B))
    return describeArchive(*Ar);
  if (const auto *U = llvm::dyn_cast<obj::MachOUniversalBinary>(&B))
    return describeUniversal(*U);
  if (const auto *I = llvm::dyn_cast<obj::COFFImportFile>(&B)) {
    Triple::ArchType Arch = llvm::getMachineArchType(I->getMachine());
    if (!isX86(Arch))
      return std::nullopt;
    return Description{"COFF " + archName(Arch) + " import object", ""};
  }
  if (const auto *O = llvm::dyn_cast<obj::ObjectFile>(&B))
    return describeObject(*O);
  return std::nullopt;
}

} // namespace

void BinaryAnalyzer::analyze(llvm::StringRef RelPath, llvm::MemoryBufferRef Content,
                             sdk::FileContext &Ctx) {
  std::optional<Description> D;
  if (llvm::identify_magic(Content.getBuffer()) == llvm::file_magic::bitcode) {
    Triple::ArchType Arch = bitcodeArch(Content);
    if (isX86(Arch))
      D = Description{"LLVM bitcode " + archName(Arch), ""};
  } else {
    llvm::Expected<std::unique_ptr<obj::Binary>> B = obj::createBinary(Content);
    if (!B) {
      std::string Why = llvm::toString(B.takeError());
      if (Content.getBuffer().take_front(4096).contains('\0'))
        Ctx.report({"x86.binary", "unreadable binary", 0, 0,
                    "LLVM cannot read it (" + Why + "); its architecture is unknown",
                    /*Advisory=*/true});
      return;
    }
    D = describe(**B);
  }
  if (!D)
    return;
  std::string Counterpart = findBinaryCounterpart(RelPath, Ctx.treeFiles());
  std::string Note = Counterpart.empty() ? "no non-x86 build of it in the tree"
                                         : "non-x86 build: " + Counterpart;
  if (!D->Detail.empty())
    Note += "; " + D->Detail;
  Ctx.report({"x86.binary", D->Symbol, 0, 0, Note});
}

} // namespace portolan::analyzers::x86files
