// Daily export of settled payments for the provincial treasury, as a
// fixed-width text file. Exported from BoData.dll for the old VB6 tools.
#define BACKOFFICE_EXPORTS  // part of BoData.dll
#include "../common/bo_common.h"

#include <stdio.h>
#include <string.h>

#if defined(_MSC_VER) && _MSC_VER < 1900
#define snprintf _snprintf
#endif

#pragma pack(push, 1)
struct ExportHeader {
  char tag[4];          // "BOEX"
  unsigned __int64 office;
  __int64 total_fen;
  DWORD records;
  WORD version;
};
#pragma pack(pop)

static void format_amount(char *out, size_t size, __int64 fen) {
  const char *sign = fen < 0 ? "-" : "";
  unsigned __int64 v = fen < 0 ? (unsigned __int64)(-fen) : (unsigned __int64)fen;
  sprintf_s(out, size, "%s%I64u.%02u", sign, v / 100, (unsigned)(v % 100));
}

extern "C" BO_API int __stdcall bo_export_day(const wchar_t *folder, bo_id office,
                                               bo_amount total) {
  SYSTEMTIME today;
  GetLocalTime(&today);
  wchar_t path[MAX_PATH];
  swprintf_s(path, MAX_PATH, L"%ls\\%04u%02u%02u_%06I64u.dat", folder, today.wYear,
             today.wMonth, today.wDay, office);

  FILE *f = NULL;
  if (_wfopen_s(&f, path, L"wb") != 0 || !f) {
    bo_log("export: cannot create file (error %lu)", GetLastError());
    return -1;
  }
  ExportHeader h;
  memcpy(h.tag, "BOEX", 4);
  h.office = office;
  h.total_fen = total;
  h.records = 1;
  h.version = 3;
  fwrite(&h, sizeof h, 1, f);

  char amount[32];
  format_amount(amount, sizeof amount, total);
  char line[128];
  int n = sprintf_s(line, sizeof line, "%06I64u%-20s%18s\r\n", office, "DAILY-TOTAL", amount);
  fwrite(line, 1, (size_t)n, f);
  fclose(f);

  // Tell the archiver (a separate process) that a new file is there.
  HANDLE ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, L"Global\\BoExportReady");
  if (ready) {
    SetEvent(ready);
    CloseHandle(ready);
  }
  return 0;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID) {
  if (reason == DLL_PROCESS_ATTACH)
    DisableThreadLibraryCalls(instance);
  return TRUE;
}
