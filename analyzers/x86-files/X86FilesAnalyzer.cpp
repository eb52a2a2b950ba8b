//===- X86FilesAnalyzer.cpp -----------------------------------------------===//
#include "X86FilesAnalyzer.h"
#include "AsmSourceAnalyzer.h"
#include "BinaryAnalyzer.h"
#include "BuildFileAnalyzer.h"
#include "MsBuildAnalyzer.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/Path.h>

#include <algorithm>

namespace portolan::analyzers {

using namespace x86files;

namespace {

/// libfoo.so.1, libfoo.so.1.2.3: a versioned shared object.
bool isVersionedSharedObject(llvm::StringRef Name) {
  size_t At = Name.find(".so.");
  if (At == llvm::StringRef::npos)
    return false;
  llvm::StringRef Version = Name.substr(At + 4);
  return !Version.empty() &&
         std::all_of(Version.begin(), Version.end(), [](char C) { return llvm::isDigit(C) || C == '.'; });
}

} // namespace

X86FileKind classifyX86FileName(llvm::StringRef RelPath) {
  llvm::StringRef Name = llvm::sys::path::filename(RelPath, llvm::sys::path::Style::posix);
  if (Name == "CMakeLists.txt")
    return X86FileKind::CMake;
  if (Name == "meson.build")
    return X86FileKind::Meson;
  if (Name == "configure.ac" || Name == "configure.in" || Name == "acinclude.m4")
    return X86FileKind::Autoconf;
  if (Name == "Makefile" || Name == "makefile" || Name == "GNUmakefile" ||
      Name.starts_with("Makefile.") || Name.starts_with("makefile."))
    return X86FileKind::Make;
  if (Name.ends_with(".s") || Name.ends_with(".S"))
    return X86FileKind::Assembly;
  if (isVersionedSharedObject(Name))
    return X86FileKind::Binary;
  std::string Ext = llvm::sys::path::extension(Name).lower();
  return llvm::StringSwitch<X86FileKind>(Ext)
      .Cases(".asm", ".nasm", ".masm", X86FileKind::Assembly)
      .Case(".cmake", X86FileKind::CMake)
      .Cases(".mk", ".mak", X86FileKind::Make)
      .Cases(".vcxproj", ".props", ".targets", X86FileKind::MSBuild)
      .Case(".sln", X86FileKind::Solution)
      .Cases(".o", ".obj", ".a", ".lib", ".so", ".dll", ".exe", ".dylib", X86FileKind::Binary)
      .Default(X86FileKind::None);
}

bool X86FilesAnalyzer::wantsFile(llvm::StringRef RelPath) {
  return classifyX86FileName(RelPath) != X86FileKind::None;
}

void X86FilesAnalyzer::analyzeFile(llvm::StringRef RelPath, llvm::MemoryBufferRef Content,
                                   sdk::FileContext &Ctx) {
  llvm::StringRef Text = Content.getBuffer();
  switch (classifyX86FileName(RelPath)) {
  case X86FileKind::None:
    return;
  case X86FileKind::Assembly:
    AsmSourceAnalyzer().analyze(RelPath, Text, Ctx);
    return;
  case X86FileKind::CMake:
    BuildFileAnalyzer(BuildSyntax::CMake).analyze(Text, Ctx);
    return;
  case X86FileKind::Make: {
    // automake copies Makefile.am into the Makefile.in it generates.
    const std::vector<std::string> &Tree = Ctx.treeFiles();
    if (RelPath.ends_with("/Makefile.in") || RelPath == "Makefile.in") {
      std::string Am = RelPath.drop_back(3).str() + ".am";
      if (std::binary_search(Tree.begin(), Tree.end(), Am))
        return;
    }
    BuildFileAnalyzer(BuildSyntax::Make).analyze(Text, Ctx);
    return;
  }
  case X86FileKind::Meson:
    BuildFileAnalyzer(BuildSyntax::Meson).analyze(Text, Ctx);
    return;
  case X86FileKind::Autoconf:
    BuildFileAnalyzer(BuildSyntax::Autoconf).analyze(Text, Ctx);
    return;
  case X86FileKind::MSBuild:
    MsBuildAnalyzer(/*Solution=*/false).analyze(Text, Ctx);
    return;
  case X86FileKind::Solution:
    MsBuildAnalyzer(/*Solution=*/true).analyze(Text, Ctx);
    return;
  case X86FileKind::Binary:
    BinaryAnalyzer().analyze(RelPath, Content, Ctx);
    return;
  }
}

} // namespace portolan::analyzers
