// Win32 API calls in a Windows unit, beside C runtime calls that are not
// Win32 (mingw-w64 declares both).
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0
#include <winsock2.h> // EXPECT: win32.include winsock2.h @+0
#include <stdio.h>
#include <string.h>

DWORD elapsed_ms(void) {
  LARGE_INTEGER freq, now;
  // EXPECT: win32.api QueryPerformanceFrequency @+1
  QueryPerformanceFrequency(&freq);
  // EXPECT: win32.api QueryPerformanceCounter @+1
  QueryPerformanceCounter(&now);
  printf("%lld\n", (long long)now.QuadPart);
  // EXPECT: win32.api GetTickCount @+1
  return GetTickCount() + (DWORD)strlen("x");
}

HANDLE open_log(const char *path) {
  // EXPECT: win32.api CreateFileA @+1
  return CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
}

int connect_to(const char *host) {
  WSADATA data;
  // EXPECT: win32.api WSAStartup @+1
  WSAStartup(MAKEWORD(2, 2), &data);
  // EXPECT: win32.api socket @+1
  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
  // EXPECT: win32.api closesocket @+1
  closesocket(s);
  HKEY key;
  // EXPECT: win32.api RegOpenKeyExA @+1
  RegOpenKeyExA(HKEY_CURRENT_USER, "Software", 0, KEY_READ, &key);
  // EXPECT: win32.api MessageBoxA @+1
  MessageBoxA(NULL, host, "connect", MB_OK);
  // EXPECT: win32.api CoInitializeEx @+1
  return (int)CoInitializeEx(NULL, 0);
}
