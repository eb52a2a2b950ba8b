// Shared declarations of the back-office suite (BOSUITE 4.x).
#pragma once

#include <windows.h>

#ifdef _MSC_VER
#pragma warning(disable : 4996)  // the 2009 code still calls strcpy here and there
#pragma comment(lib, "advapi32.lib")
#endif

#ifdef BACKOFFICE_EXPORTS
#define BO_API __declspec(dllexport)
#else
#define BO_API __declspec(dllimport)
#endif

// Amounts are kept in fen (1/100 yuan) in 64-bit integers, as in the
// SQL Server schema (DECIMAL(18,0)).
typedef __int64 bo_amount;
typedef unsigned __int64 bo_id;

#define BO_REG_ROOT L"SOFTWARE\\ProvinceBureau\\BackOffice"
#define BO_SERVICE_NAME L"BoBatchService"
#define BO_MAX_TEXT 512

struct BoSettings {
  wchar_t sql_server[128];
  wchar_t sql_database[64];
  wchar_t export_folder[MAX_PATH];
  DWORD batch_hour;       // local hour of the nightly batch
  DWORD worker_threads;   // 1..8
  DWORD audit_enabled;
};

// common/log.cpp
BO_API void __cdecl bo_log(const char *fmt, ...);

// data/registry_config.cpp
BO_API bool bo_load_settings(BoSettings *out);
BO_API bool bo_save_settings(const BoSettings *in);

// data/ado_session.cpp
struct BoSession;
BO_API BoSession *bo_open_session(const BoSettings *s);
BO_API long bo_execute(BoSession *session, const wchar_t *sql);
BO_API void bo_close_session(BoSession *session);

// data/export.cpp
extern "C" BO_API int __stdcall bo_export_day(const wchar_t *folder, bo_id office, bo_amount total);
