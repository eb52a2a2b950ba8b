//===- WindowsCodeAnalyzers.cpp -------------------------------------------===//
#include "WindowsCodeAnalyzers.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace portolan::analyzers {

using namespace clang;

bool isWindowsSdkHeaderPath(llvm::StringRef Path) {
  size_t At = Path.find("/include/");
  if (!Path.contains("mingw") || At == llvm::StringRef::npos)
    return false;
  llvm::StringRef Rel = Path.substr(At + 9);
  // The C runtime's headers: standard C and POSIX-like names, and the
  // runtime's own plumbing.
  if (Rel.starts_with("_") || Rel.starts_with("corecrt") || Rel.starts_with("crt") ||
      Rel.starts_with("sys/") || Rel.starts_with("sec_api/") || Rel.starts_with("c++/"))
    return false;
  return !llvm::StringSwitch<bool>(Rel)
              .Cases("assert.h", "ctype.h", "errno.h", "float.h", "limits.h", "locale.h", true)
              .Cases("math.h", "setjmp.h", "signal.h", "stdarg.h", "stddef.h", "stdio.h", true)
              .Cases("stdlib.h", "string.h", "time.h", "wchar.h", "wctype.h", "stdint.h", true)
              .Cases("inttypes.h", "io.h", "process.h", "malloc.h", "direct.h", "fcntl.h", true)
              .Cases("excpt.h", "mbstring.h", "memory.h", "search.h", "share.h", "vadefs.h", true)
              .Cases("stdbool.h", "stdalign.h", "stdnoreturn.h", "uchar.h", "fenv.h", true)
              .Cases("complex.h", "tgmath.h", "iso646.h", "dirent.h", "unistd.h", "mem.h", true)
              .Cases("pthread.h", "sched.h", "semaphore.h", "strings.h", "dos.h", true)
              .Cases("intrin.h", "x86intrin.h", "immintrin.h", "float.h", "limits.h", true)
              .Default(false);
}

bool looksLikeWindowsPath(llvm::StringRef T) {
  if (T.size() >= 3 && llvm::isAlpha(T[0]) && T[1] == ':' && T[2] == '\\')
    return true;
  if (T.starts_with("\\\\") && T.size() > 2 && llvm::isAlnum(T[2]))
    return true;
  if (T.starts_with(".\\") || T.starts_with("..\\"))
    return true;
  // name\name.ext: a separator between name characters, ending in a short
  // extension. Escapes the compiler already turned into characters (\n)
  // are not backslashes here.
  size_t Slash = T.find('\\');
  if (Slash == llvm::StringRef::npos || Slash == 0 || Slash + 1 >= T.size())
    return false;
  auto NameChar = [](char C) { return llvm::isAlnum(C) || C == '_' || C == '-'; };
  if (!NameChar(T[Slash - 1]) || !NameChar(T[Slash + 1]))
    return false;
  llvm::StringRef Ext = llvm::sys::path::extension(T.rsplit('\\').second);
  return Ext.size() >= 2 && Ext.size() <= 5 && llvm::all_of(Ext.drop_front(), NameChar) &&
         !T.contains(' ');
}

llvm::StringRef windowsLibraryOfHeader(llvm::StringRef Include) {
  // Header families from the Windows SDK, MFC/ATL and DirectX documentation.
  std::string Lower = llvm::StringRef(Include).lower();
  std::replace(Lower.begin(), Lower.end(), '\\', '/');
  llvm::StringRef Name = Lower;
  if (Name.starts_with("winrt/"))
    return "WinRT / C++/WinRT";
  Name = llvm::sys::path::filename(Name);
  if (Name.starts_with("afx"))
    return "MFC";
  if (Name.starts_with("atl"))
    return "ATL";
  if (Name.starts_with("wtl") || Name == "atlapp.h")
    return "WTL";
  if (Name.starts_with("d3d") || Name.starts_with("dxgi") || Name == "ddraw.h" ||
      Name.starts_with("d2d1") || Name.starts_with("dwrite"))
    return "DirectX (Direct3D)";
  if (Name == "dsound.h" || Name.starts_with("xaudio2"))
    return "DirectSound / XAudio2";
  if (Name == "dinput.h" || Name == "xinput.h")
    return "DirectInput / XInput";
  if (Name == "vcclr.h" || Name == "msclr/marshal.h")
    return "C++/CLI (.NET interop)";
  if (Name == "oledb.h" || Name == "adoint.h" || Name == "adoid.h" || Name == "msdasc.h")
    return "ADO / OLE DB";
  if (Name.starts_with("msxml"))
    return "MSXML";
  if (Name == "winhttp.h" || Name == "wininet.h")
    return "WinHTTP / WinINet";
  if (Name == "gdiplus.h")
    return "GDI+";
  if (Name == "objbase.h" || Name == "ole2.h" || Name == "combaseapi.h" || Name == "oleauto.h" ||
      Name == "comdef.h" || Name == "comutil.h" || Name == "comip.h" || Name == "unknwn.h")
    return "COM/OLE";
  return "";
}

namespace {

/// The file that declares D, by name.
llvm::StringRef declFile(const SourceManager &SM, const Decl *D) {
  SourceLocation Loc = SM.getSpellingLoc(D->getLocation());
  if (Loc.isInvalid())
    return "";
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  return File ? File->getName() : "";
}

class TypeVisitor final : public RecursiveASTVisitor<TypeVisitor> {
public:
  TypeVisitor(ASTContext &AST, sdk::AnalysisContext &Ctx) : AST(AST), Ctx(Ctx) {}

  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
    const TypedefNameDecl *TD = TL.getTypedefNameDecl();
    auto [It, New] = Sdk.try_emplace(TD->getCanonicalDecl(), false);
    if (New)
      It->second = fromSdk(TD);
    if (!It->second)
      return true;
    // Types the project spells; not those inside an SDK macro it uses
    // (MAKEWORD's casts to BYTE and WORD).
    SourceLocation Loc = TL.getNameLoc();
    if (Ctx.isProjectLocation(Loc))
      Ctx.report({"win32.type", TD->getNameAsString(), Ctx.projectLocation(Loc), ""});
    return true;
  }

private:
  /// Whether an SDK header declares TD, or at file scope a typedef of its
  /// name: a project's own typedef of an SDK type (for older SDKs) is the
  /// SDK's, whether or not Clang linked the two (it does not when the
  /// SDK's comes from a precompiled header).
  bool fromSdk(const TypedefNameDecl *TD) {
    const SourceManager &SM = AST.getSourceManager();
    if (isWindowsSdkHeaderPath(declFile(SM, TD->getCanonicalDecl())))
      return true;
    if (!TD->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return false;
    for (const NamedDecl *D : AST.getTranslationUnitDecl()->lookup(TD->getDeclName()))
      if (isa<TypedefNameDecl>(D) && isWindowsSdkHeaderPath(declFile(SM, D)))
        return true;
    return false;
  }

  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
  llvm::DenseMap<const Decl *, bool> Sdk;
};

class IncludeCallbacks final : public PPCallbacks {
public:
  IncludeCallbacks(Preprocessor &PP, sdk::AnalysisContext &Ctx) : PP(PP), Ctx(Ctx) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef FileName,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef File,
                          llvm::StringRef, llvm::StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (!Ctx.isProjectLocation(HashLoc))
      return;
    if (File) {
      if (isWindowsSdkHeaderPath(File->getName()))
        Ctx.report({"win32.include", FileName.str(), HashLoc, ""});
      // Found as Windows finds names (a Windows unit's parse looks them up
      // without regard to case, '\' as a separator); GCC and Clang on Linux
      // would not find it.
      else if (std::optional<std::string> Actual = caseOnDisk(FileName, File->getName()))
        Ctx.report({"win32.include-path", FileName.str(), HashLoc,
                    "resolves only on Windows; the file is " + *Actual});
      else if (FileName.contains('\\'))
        Ctx.report({"win32.include-path", FileName.str(), HashLoc,
                    "backslashes resolve only on Windows"});
      return;
    }
    if (IsAngled)
      return;
    // Not found: would it be with Windows' case-insensitive, backslash-
    // accepting file system?
    const SourceManager &SM = Ctx.sourceManager();
    OptionalFileEntryRef Includer = SM.getFileEntryRefForID(SM.getFileID(HashLoc));
    if (!Includer)
      return;
    std::string Wanted = FileName.str();
    std::replace(Wanted.begin(), Wanted.end(), '\\', '/');
    llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Includer->getName()));
    if (std::optional<std::string> Actual = findIgnoringCase(Dir, Wanted))
      Ctx.report({"win32.include-path", FileName.str(), HashLoc,
                  "resolves only on Windows; the file is " + *Actual});
  }

private:
  /// How Spelled is written on disk, when the file found for it (Found, its
  /// name on disk) differs from it in case: Spelled with each of its parts
  /// as Found has it.
  static std::optional<std::string> caseOnDisk(llvm::StringRef Spelled, llvm::StringRef Found) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Spelled.split(Parts, '/', -1, false);
    llvm::SmallVector<llvm::StringRef, 4> Split;
    for (llvm::StringRef P : Parts)
      P.split(Split, '\\', -1, false);
    std::vector<std::string> Tail; // Last part first.
    bool Differs = false;
    llvm::StringRef Rest = Found;
    unsigned Undone = 0; // Parts a ".." after them takes back.
    for (auto It = Split.rbegin(); It != Split.rend(); ++It) {
      if (*It == "." || *It == ".." || Undone) {
        if (*It == "..")
          ++Undone;
        else if (*It != ".")
          --Undone;
        Tail.push_back(It->str());
        continue;
      }
      llvm::StringRef Name = llvm::sys::path::filename(Rest);
      if (!Name.equals_insensitive(*It))
        return std::nullopt; // Another path altogether (a link, say).
      Differs |= Name != *It;
      Tail.push_back(Name.str());
      Rest = llvm::sys::path::parent_path(Rest);
    }
    if (!Differs)
      return std::nullopt;
    std::string Out;
    for (auto It = Tail.rbegin(); It != Tail.rend(); ++It)
      Out += (Out.empty() ? "" : "/") + *It;
    return Out;
  }

  /// Rel ('/'-separated) under Dir, matching each part without regard to
  /// case; the matched path relative to Dir, or nothing.
  static std::optional<std::string> findIgnoringCase(llvm::StringRef Dir, llvm::StringRef Rel) {
    llvm::SmallString<256> Current(Dir);
    std::string Matched;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Rel.split(Parts, '/', -1, false);
    for (llvm::StringRef Part : Parts) {
      if (Part == "." || Part == "..") {
        llvm::sys::path::append(Current, Part);
        Matched += (Matched.empty() ? "" : "/") + Part.str();
        continue;
      }
      std::error_code EC;
      std::optional<std::string> Found;
      for (llvm::sys::fs::directory_iterator It(Current, EC), End; It != End && !EC;
           It.increment(EC)) {
        llvm::StringRef Name = llvm::sys::path::filename(It->path());
        if (Name.equals_insensitive(Part)) {
          Found = Name.str();
          break;
        }
      }
      if (!Found)
        return std::nullopt;
      llvm::sys::path::append(Current, *Found);
      Matched += (Matched.empty() ? "" : "/") + *Found;
    }
    return Matched;
  }

  Preprocessor &PP;
  sdk::AnalysisContext &Ctx;
};

class LibraryCallbacks final : public PPCallbacks {
public:
  explicit LibraryCallbacks(sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef FileName,
                          bool, CharSourceRange, OptionalFileEntryRef, llvm::StringRef,
                          llvm::StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (!Ctx.isProjectLocation(HashLoc))
      return;
    llvm::StringRef Library = windowsLibraryOfHeader(FileName);
    if (!Library.empty())
      Ctx.report({"win32.library", Library.str(), HashLoc, "#include <" + FileName.str() + ">"});
  }

private:
  sdk::AnalysisContext &Ctx;
};

/// Project classes that implement a COM interface (derive from IUnknown).
class ComVisitor final : public RecursiveASTVisitor<ComVisitor> {
public:
  explicit ComVisitor(sdk::AnalysisContext &Ctx) : Ctx(Ctx) {}
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || !RD->hasDefinition() ||
        !Ctx.isProjectLocation(RD->getLocation()) || RD->getIdentifier() == nullptr)
      return true;
    const CXXRecordDecl *Interface = nullptr;
    RD->forallBases([&](const CXXRecordDecl *Base) {
      if (Base->getName() == "IUnknown" && !Interface)
        Interface = Base;
      return true;
    });
    if (Interface)
      Ctx.report({"win32.library", "COM/OLE", Ctx.projectLocation(RD->getLocation()),
                  RD->getName().str() + " implements a COM interface"});
    return true;
  }

private:
  sdk::AnalysisContext &Ctx;
};

class TextVisitor final : public RecursiveASTVisitor<TextVisitor> {
public:
  TextVisitor(ASTContext &AST, sdk::AnalysisContext &Ctx) : AST(AST), Ctx(Ctx) {}

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *FD = E->getDirectCallee();
    if (!FD || !isWindowsSdkHeaderPath(declFile(AST.getSourceManager(), FD)))
      return true;
    for (const Expr *Arg : E->arguments()) {
      const auto *S = dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts());
      if (!S || !S->isWide())
        continue;
      SourceLocation Loc = Ctx.projectLocation(S->getBeginLoc());
      if (Loc.isValid())
        Ctx.report({"win32.wide-string", "L\"...\"", Loc,
                    "passed to " + FD->getNameAsString() +
                        ": UTF-16 for Windows, UTF-32 (wchar_t) on Linux"});
    }
    return true;
  }

  bool VisitStringLiteral(StringLiteral *S) {
    if (S->getCharByteWidth() != 1 || !looksLikeWindowsPath(S->getString()))
      return true;
    SourceLocation Loc = Ctx.projectLocation(S->getBeginLoc());
    if (Loc.isValid())
      Ctx.report({"win32.path-separator", S->getString().take_front(40).str(), Loc,
                  "a Windows path: '/' works on both", /*Advisory=*/true});
    return true;
  }

private:
  ASTContext &AST;
  sdk::AnalysisContext &Ctx;
};

} // namespace

void WindowsTypeAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  TypeVisitor(AST, Ctx).TraverseAST(AST);
}

std::unique_ptr<PPCallbacks> WindowsIncludeAnalyzer::createPPCallbacks(Preprocessor &PP,
                                                                       sdk::AnalysisContext &Ctx) {
  return std::make_unique<IncludeCallbacks>(PP, Ctx);
}

std::unique_ptr<PPCallbacks> WindowsLibraryAnalyzer::createPPCallbacks(Preprocessor &,
                                                                       sdk::AnalysisContext &Ctx) {
  return std::make_unique<LibraryCallbacks>(Ctx);
}

void WindowsLibraryAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  ComVisitor(Ctx).TraverseAST(AST);
}

void WindowsTextAnalyzer::analyzeAST(ASTContext &AST, sdk::AnalysisContext &Ctx) {
  TextVisitor(AST, Ctx).TraverseAST(AST);
}

} // namespace portolan::analyzers
