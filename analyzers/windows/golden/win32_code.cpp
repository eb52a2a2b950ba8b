// Windows types, includes, UTF-16 literals and Windows paths.
#include <windows.h> // EXPECT: win32.include windows.h @+0

// EXPECT: win32.type DWORD @+2:1
// EXPECT: win32.type HANDLE @+1:16
DWORD wait_for(HANDLE h) {
  return WaitForSingleObject(h, INFINITE); // EXPECT: win32.api WaitForSingleObject @+0
}

// The types inside the SDK's MAKEWORD are the SDK's, not the project's.
WORD version(void) { return MAKEWORD(2, 2); } // EXPECT: win32.type WORD @+0:1

void say(void) {
  // EXPECT: win32.api MessageBoxW @+3:3
  // EXPECT: win32.wide-string L"..." @+2:21
  // EXPECT: win32.wide-string L"..." @+1:31
  MessageBoxW(NULL, L"hello", L"title", MB_OK);
}

const char *config = "..\\conf\\app.ini"; // EXPECT: win32.path-separator ..\conf\app.ini @+0 advisory
const char *escaped = "one\ntwo";      // An escape, not a path.

// Found only on a case-insensitive file system: a Windows unit's parse
// looks names up as Windows does, and says the include resolves only there.
#include "sub/Helper.h" // EXPECT: win32.include-path sub/Helper.h @+0
// The same through a folder the path then leaves: the parts it takes back
// are not compared.
#include "sys/../SUB/helper.h" // EXPECT: win32.include-path sys/../SUB/helper.h @+0
