// Windows API declarations that open with other SDK macros (WINOLEAPI_,
// SHSTDAPI_, WINIMPM) or with none, but carry the WINAPI calling convention.
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0
#include <imm.h> // EXPECT: win32.include imm.h @+0
#include <psapi.h> // EXPECT: win32.include psapi.h @+0
#include <shellapi.h> // EXPECT: win32.include shellapi.h @+0
#include <wincrypt.h> // EXPECT: win32.include wincrypt.h @+0

void misc(HWND w) {
  // EXPECT: win32.api ImmGetContext @+1
  HIMC ctx = ImmGetContext(w);
  (void)ctx;
  DWORD ids[16], n;
  // psapi.h maps EnumProcesses to the function K32EnumProcesses.
  // EXPECT: win32.api K32EnumProcesses @+1
  EnumProcesses(ids, sizeof ids, &n);
  // EXPECT: win32.api ShellExecuteA @+1
  ShellExecuteA(w, "open", "x.txt", NULL, NULL, SW_SHOW);
  HCRYPTPROV prov;
  // EXPECT: win32.api CryptAcquireContextA @+1
  CryptAcquireContextA(&prov, NULL, NULL, PROV_RSA_FULL, 0);
  // EXPECT: win32.api CoUninitialize @+1
  CoUninitialize();
}
