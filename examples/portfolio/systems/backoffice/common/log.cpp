// Log to the debugger and to a daily file next to the executable.
#define BACKOFFICE_EXPORTS  // part of BoData.dll
#include "bo_common.h"

#include <stdarg.h>
#include <stdio.h>

static CRITICAL_SECTION g_log_lock;
static LONG g_log_ready = 0;

static void ensure_lock() {
  if (InterlockedCompareExchange(&g_log_ready, 1, 0) == 0)
    InitializeCriticalSection(&g_log_lock);
}

void __cdecl bo_log(const char *fmt, ...) {
  ensure_lock();
  char text[BO_MAX_TEXT];
  va_list args;
  va_start(args, fmt);
  vsprintf_s(text, sizeof text, fmt, args);
  va_end(args);

  SYSTEMTIME now;
  GetLocalTime(&now);
  char line[BO_MAX_TEXT + 64];
  sprintf_s(line, sizeof line, "%04u-%02u-%02u %02u:%02u:%02u [%lu] %s\r\n", now.wYear,
            now.wMonth, now.wDay, now.wHour, now.wMinute, now.wSecond, GetCurrentThreadId(), text);
  OutputDebugStringA(line);

  char path[MAX_PATH];
  sprintf_s(path, sizeof path, "C:\\ProgramData\\BackOffice\\logs\\bo-%04u%02u%02u.log", now.wYear,
            now.wMonth, now.wDay);
  EnterCriticalSection(&g_log_lock);
  HANDLE f = CreateFileA(path, FILE_APPEND_DATA, FILE_SHARE_READ, NULL, OPEN_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, NULL);
  if (f != INVALID_HANDLE_VALUE) {
    DWORD written = 0;
    WriteFile(f, line, (DWORD)strlen(line), &written, NULL);
    CloseHandle(f);
  }
  LeaveCriticalSection(&g_log_lock);
}
