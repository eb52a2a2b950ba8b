// Settings live under HKLM\SOFTWARE\ProvinceBureau\BackOffice, written by
// the installer and edited from the settings dialog.
#define BACKOFFICE_EXPORTS  // part of BoData.dll
#include "../common/bo_common.h"

#include <wchar.h>

static bool read_string(HKEY key, const wchar_t *name, wchar_t *out, DWORD chars,
                        const wchar_t *fallback) {
  DWORD type = 0, bytes = chars * sizeof(wchar_t);
  LONG rc = RegQueryValueExW(key, name, NULL, &type, (LPBYTE)out, &bytes);
  if (rc != ERROR_SUCCESS || type != REG_SZ) {
    wcsncpy_s(out, chars, fallback, _TRUNCATE);
    return false;
  }
  out[chars - 1] = L'\0';
  return true;
}

static DWORD read_dword(HKEY key, const wchar_t *name, DWORD fallback) {
  DWORD value = 0, type = 0, bytes = sizeof value;
  if (RegQueryValueExW(key, name, NULL, &type, (LPBYTE)&value, &bytes) != ERROR_SUCCESS ||
      type != REG_DWORD)
    return fallback;
  return value;
}

bool bo_load_settings(BoSettings *out) {
  HKEY key;
  LONG rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, BO_REG_ROOT, 0, KEY_READ | KEY_WOW64_32KEY, &key);
  if (rc != ERROR_SUCCESS) {
    bo_log("settings: RegOpenKeyEx failed (%ld), using defaults", rc);
    wcscpy_s(out->sql_server, L"BO-SQL01\\BACKOFFICE");
    wcscpy_s(out->sql_database, L"BoMain");
    wcscpy_s(out->export_folder, L"D:\\Exports\\Daily");
    out->batch_hour = 2;
    out->worker_threads = 4;
    out->audit_enabled = 1;
    return false;
  }
  read_string(key, L"SqlServer", out->sql_server, 128, L"BO-SQL01\\BACKOFFICE");
  read_string(key, L"SqlDatabase", out->sql_database, 64, L"BoMain");
  read_string(key, L"ExportFolder", out->export_folder, MAX_PATH, L"D:\\Exports\\Daily");
  out->batch_hour = read_dword(key, L"BatchHour", 2);
  out->worker_threads = read_dword(key, L"WorkerThreads", 4);
  out->audit_enabled = read_dword(key, L"AuditEnabled", 1);
  RegCloseKey(key);
  if (out->worker_threads < 1 || out->worker_threads > 8)
    out->worker_threads = 4;
  return true;
}

bool bo_save_settings(const BoSettings *in) {
  HKEY key;
  DWORD disposition = 0;
  LONG rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, BO_REG_ROOT, 0, NULL, REG_OPTION_NON_VOLATILE,
                            KEY_WRITE | KEY_WOW64_32KEY, NULL, &key, &disposition);
  if (rc != ERROR_SUCCESS)
    return false;
  RegSetValueExW(key, L"SqlServer", 0, REG_SZ, (const BYTE *)in->sql_server,
                 (DWORD)((wcslen(in->sql_server) + 1) * sizeof(wchar_t)));
  RegSetValueExW(key, L"SqlDatabase", 0, REG_SZ, (const BYTE *)in->sql_database,
                 (DWORD)((wcslen(in->sql_database) + 1) * sizeof(wchar_t)));
  RegSetValueExW(key, L"ExportFolder", 0, REG_SZ, (const BYTE *)in->export_folder,
                 (DWORD)((wcslen(in->export_folder) + 1) * sizeof(wchar_t)));
  RegSetValueExW(key, L"BatchHour", 0, REG_DWORD, (const BYTE *)&in->batch_hour, sizeof(DWORD));
  RegSetValueExW(key, L"WorkerThreads", 0, REG_DWORD, (const BYTE *)&in->worker_threads,
                 sizeof(DWORD));
  RegCloseKey(key);
  return true;
}
