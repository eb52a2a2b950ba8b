//===- WindowsApiAnalyzer.h - calls into the Win32 API --------------------===//
//
// Reports, in the project's own files:
//   win32.api   a call to (or use of) a function the Windows SDK headers
//               declare as a Windows API: its declaration in a mingw-w64
//               header opens with one of the SDK's linkage macros (WINBASEAPI,
//               WINUSERAPI, WINADVAPI, WINSOCK_API_LINKAGE, WINOLEAPI, ...).
//               The C runtime's functions, also declared by mingw-w64's
//               headers (printf, _fileno), open with other macros and are
//               not reported.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_WINDOWSAPIANALYZER_H
#define PORTOLAN_ANALYZERS_WINDOWSAPIANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers {

/// True for the name of a Windows SDK linkage macro: the SDK names them
/// *API (WINBASEAPI), *API_ (WINOLEAPI_), *API_LINKAGE
/// (WINSOCK_API_LINKAGE), or DECLSPEC_IMPORT.
bool isWindowsApiLinkageMacro(llvm::StringRef Name);
/// True for the SDK's calling-convention macros (WINAPI, APIENTRY, ...);
/// the C runtime spells __cdecl instead.
bool isWindowsCallingConventionMacro(llvm::StringRef Name);
/// True for a name of Microsoft's own C runtime: an underscore and a
/// lower-case letter (_fileno, _wfopen; not POSIX's _exit), which no POSIX
/// C library provides. Annex K (*_s) and _alloca are the msvc plugin's.
bool isMicrosoftCrtName(llvm::StringRef Name);

class WindowsApiAnalyzer : public sdk::Analyzer {
public:
  void analyzeAST(clang::ASTContext &AST, sdk::AnalysisContext &Ctx) override;
};

} // namespace portolan::analyzers

#endif
