// Microsoft-only C runtime calls in a Windows unit: each needs a POSIX or
// standard replacement (issue 12, kind 5). The standard runtime's own calls
// (fopen, printf, stdout, POSIX's _exit) are not findings.
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0
#include <io.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dump(const wchar_t *path, const char *name) {
  // EXPECT: win32.crt _wfopen @+1:13
  FILE *f = _wfopen(path, L"rb");
  if (!f)
    _exit(1);
  // EXPECT: win32.crt _setmode @+2:3
  // EXPECT: win32.crt _fileno @+1:12
  _setmode(_fileno(stdout), _O_BINARY);
  char copy[64];
  strcpy_s(copy, sizeof copy, name); // EXPECT: msvc.secure-crt strcpy_s @+0:3
  struct _finddata_t found;
  // EXPECT: win32.crt _findfirst @+1:19
  intptr_t find = _findfirst("*.log", &found);
  printf("%s %d\n", copy, (int)find);
  return _stricmp(copy, "x") + fclose(f); // EXPECT: win32.crt _stricmp @+0:10
}
