//===- Counterparts.cpp ---------------------------------------------------===//
#include "Counterparts.h"
#include "ArchNames.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/Path.h>

namespace portolan::analyzers::x86files {
namespace {

namespace path = llvm::sys::path;

/// A path seen with its architecture pieces set aside.
struct PathShape {
  std::string Dir;     ///< The folder, as written.
  std::string DirKey;  ///< The folder, lowercased, architecture pieces as '*'.
  std::string Base;    ///< The stem without architecture pieces, lowercased.
  std::string Ext;     ///< What follows the stem (".S", ".so.1"), lowercased.
  bool NamesX86 = false, NamesOther = false;
  bool NamesTarget = false; ///< Names ARM, LoongArch or Sunway in particular.
  bool LastDirIsX86 = false, LastDirIsOther = false;
};

/// Splits Name at '-', '_' and '.', joining "x86"/"sw" with a following
/// "64" (x86_64, x86-64, sw_64).
llvm::SmallVector<llvm::StringRef, 8> piecesOf(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 8> Pieces;
  size_t Start = 0;
  for (size_t I = 0; I <= Name.size(); ++I) {
    if (I < Name.size() && Name[I] != '-' && Name[I] != '_' && Name[I] != '.')
      continue;
    llvm::StringRef Piece = Name.slice(Start, I);
    if (Piece == "64" && !Pieces.empty() &&
        (Pieces.back().equals_insensitive("x86") || Pieces.back().equals_insensitive("sw")))
      Pieces.back() = Name.slice(Pieces.back().data() - Name.data(), I);
    else if (!Piece.empty())
      Pieces.push_back(Piece);
    Start = I + 1;
  }
  return Pieces;
}

/// Reads the pieces of one name into S's flags; returns the others joined
/// with '-', architecture pieces as Wildcard (or dropped when it is empty).
std::string keyOf(llvm::StringRef Name, llvm::StringRef Wildcard, PathShape &S, bool &X86,
                  bool &Other) {
  std::string Key;
  for (llvm::StringRef Piece : piecesOf(Name)) {
    ArchPiece A = classifyPathPiece(Piece);
    X86 |= A == ArchPiece::X86;
    Other |= A == ArchPiece::Other;
    S.NamesTarget |= isTargetArchPiece(Piece);
    llvm::StringRef Part = A == ArchPiece::None ? Piece : Wildcard;
    if (Part.empty())
      continue;
    if (!Key.empty())
      Key += '-';
    Key += Part.lower();
  }
  return Key;
}

PathShape shapeOf(llvm::StringRef RelPath) {
  PathShape S;
  S.Dir = path::parent_path(RelPath, path::Style::posix).str();
  for (auto It = path::begin(S.Dir, path::Style::posix), E = path::end(S.Dir); It != E; ++It) {
    bool X86 = false, Other = false;
    std::string Key = keyOf(*It, "*", S, X86, Other);
    S.NamesX86 |= X86;
    S.NamesOther |= Other;
    // Nested architecture folders (arm/aarch64/) count as one.
    bool Nested = Key == "*" && (S.LastDirIsX86 || S.LastDirIsOther);
    S.LastDirIsX86 = X86 && Key == "*";
    S.LastDirIsOther = Other && Key == "*";
    if (!Nested)
      S.DirKey += (S.DirKey.empty() ? "" : "/") + Key;
  }
  llvm::StringRef Name = path::filename(RelPath, path::Style::posix);
  // libfoo.so.1.2: the version belongs to the extension.
  size_t Dot = Name.find(".so.");
  if (Dot == llvm::StringRef::npos)
    Dot = Name.rfind('.');
  if (Dot == llvm::StringRef::npos || Dot == 0)
    Dot = Name.size();
  S.Ext = Name.substr(Dot).lower();
  S.Base = keyOf(Name.take_front(Dot), "", S, S.NamesX86, S.NamesOther);
  return S;
}

bool isCOrCxxSource(llvm::StringRef Ext) {
  return llvm::StringSwitch<bool>(Ext)
      .Cases(".c", ".cc", ".cpp", ".cxx", true)
      .Default(false);
}

bool isAsmSource(llvm::StringRef Ext) {
  return llvm::StringSwitch<bool>(Ext)
      .Cases(".s", ".asm", ".nasm", ".masm", true)
      .Default(false);
}

/// Whether Cand sits where a non-x86 version of Of would: a folder of the
/// same shape, or an architecture folder inside Of's folder.
bool placedAsVersionOf(const PathShape &Cand, const PathShape &Of) {
  if (Cand.DirKey == Of.DirKey)
    return true;
  return Cand.LastDirIsOther &&
         path::parent_path(Cand.Dir, path::Style::posix) == llvm::StringRef(Of.Dir);
}

/// The best of the candidates: one for ARM, LoongArch or Sunway, else one
/// for another architecture, else a generic one.
struct Ranked {
  std::string Target, Other, Generic;
  void offer(const std::string &F, const PathShape &C, bool IsGeneric) {
    std::string &Slot = IsGeneric ? Generic : C.NamesTarget ? Target : Other;
    if (Slot.empty())
      Slot = F;
  }
  std::string best() const {
    return !Target.empty() ? Target : !Other.empty() ? Other : Generic;
  }
};

} // namespace

ArchPiece architectureOfPath(llvm::StringRef RelPath) {
  PathShape S = shapeOf(RelPath);
  bool Other = S.NamesOther;
  llvm::StringRef Dir = S.Dir;
  for (auto It = path::begin(Dir, path::Style::posix), E = path::end(Dir); It != E; ++It)
    Other |= isOtherArchFolderName(*It);
  if (S.NamesX86 == Other)
    return ArchPiece::None;
  return S.NamesX86 ? ArchPiece::X86 : ArchPiece::Other;
}

std::string findSourceCounterpart(llvm::StringRef RelPath, const std::vector<std::string> &Tree) {
  PathShape Of = shapeOf(RelPath);
  Ranked Found;
  for (const std::string &F : Tree) {
    if (F == RelPath)
      continue;
    PathShape C = shapeOf(F);
    if (C.Base != Of.Base || !(isAsmSource(C.Ext) || isCOrCxxSource(C.Ext)))
      continue;
    if (C.NamesOther && !C.NamesX86 && placedAsVersionOf(C, Of))
      Found.offer(F, C, /*Generic=*/false);
    else if (isCOrCxxSource(C.Ext) && !C.NamesX86 && !C.NamesOther &&
             (C.Dir == Of.Dir ||
              (Of.LastDirIsX86 && C.Dir == path::parent_path(Of.Dir, path::Style::posix))))
      Found.offer(F, C, /*Generic=*/true);
  }
  return Found.best();
}

std::string findBinaryCounterpart(llvm::StringRef RelPath, const std::vector<std::string> &Tree) {
  PathShape Of = shapeOf(RelPath);
  Ranked Found;
  for (const std::string &F : Tree) {
    if (F == RelPath)
      continue;
    PathShape C = shapeOf(F);
    if (C.Base == Of.Base && C.Ext == Of.Ext && C.NamesOther && !C.NamesX86 &&
        placedAsVersionOf(C, Of))
      Found.offer(F, C, /*Generic=*/false);
  }
  return Found.best();
}

} // namespace portolan::analyzers::x86files
