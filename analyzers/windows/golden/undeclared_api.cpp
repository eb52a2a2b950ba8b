// A Windows source reached without <windows.h> (a project wrapper that
// includes it only under _WIN32, or a precompiled header), parsed as
// Linux: the Windows names it uses are still findings (issue 12, kind 8).
// EXPECT-PARSE-ERRORS

// EXPECT: win32.type HANDLE @+1:8
static HANDLE open_log(const wchar_t *path) {
  // EXPECT: win32.api CreateFileW @+1:10
  return CreateFileW(path, 0, 0, nullptr, 3, 0, nullptr);
}

// EXPECT: win32.type DWORD @+1:1
DWORD ticks() { return GetTickCount(); } // EXPECT: win32.api GetTickCount @+0:24

int plain(int x) { return helper(x); }
