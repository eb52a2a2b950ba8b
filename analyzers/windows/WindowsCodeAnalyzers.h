//===- WindowsCodeAnalyzers.h - Windows ties beyond API calls -------------===//
//
//   WindowsTypeAnalyzer     win32.type           a spelled use of a type the
//                                                Windows SDK declares (DWORD,
//                                                HANDLE, LPCWSTR, ...)
//   WindowsIncludeAnalyzer  win32.include        #include of a Windows SDK
//                                                header;
//                           win32.include-path   an #include that resolves only
//                                                on Windows: other letter case
//                                                or backslashes
//   WindowsLibraryAnalyzer  win32.library        a Windows-only library or
//                                                framework: its headers (afx*.h
//                                                for MFC, d3d11.h, gdiplus.h,
//                                                ...) or a project class that
//                                                implements a COM interface
//   WindowsTextAnalyzer     win32.wide-string    L"..." passed to an SDK
//                                                function (wchar_t is 4 bytes
//                                                on Linux, WCHAR stays 2);
//                           win32.path-separator a string literal holding a
//                                                Windows path (advisory)
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_WINDOWSCODEANALYZERS_H
#define PORTOLAN_ANALYZERS_WINDOWSCODEANALYZERS_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers {

/// True for a file of a Windows SDK (a mingw-w64 header) that is not part
/// of the C runtime (stdio.h, corecrt*.h, _mingw.h, sys/types.h, ...).
bool isWindowsSdkHeaderPath(llvm::StringRef Path);

/// True when Text (a string literal's value) looks like a Windows path:
/// a drive letter (C:\), a UNC share (\\server\), or name\name.ext.
bool looksLikeWindowsPath(llvm::StringRef Text);

class WindowsTypeAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

class WindowsIncludeAnalyzer final : public sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks> createPPCallbacks(clang::Preprocessor &PP,
                                                        sdk::AnalysisContext &Ctx) override;
};

/// The Windows-only library an #include names (the knowledge base's
/// library name: "MFC", "DirectX (Direct3D)", ...), or empty.
llvm::StringRef windowsLibraryOfHeader(llvm::StringRef Include);

class WindowsLibraryAnalyzer final : public sdk::Analyzer {
public:
  std::unique_ptr<clang::PPCallbacks> createPPCallbacks(clang::Preprocessor &PP,
                                                        sdk::AnalysisContext &Ctx) override;
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

class WindowsTextAnalyzer final : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

} // namespace portolan::analyzers

#endif
