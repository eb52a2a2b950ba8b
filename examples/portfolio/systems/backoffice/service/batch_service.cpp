// BoBatchService: the Windows service that runs the nightly settlement
// batch. "BoBatch.exe -install" registers it with the service manager.
#include "../common/bo_common.h"
#include "batch_worker.h"

#include <stdio.h>
#include <wchar.h>

static SERVICE_STATUS g_status;
static SERVICE_STATUS_HANDLE g_status_handle = NULL;
static HANDLE g_stop_event = NULL;

static void report_status(DWORD state, DWORD exit_code, DWORD wait_hint) {
  static DWORD checkpoint = 1;
  g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
  g_status.dwCurrentState = state;
  g_status.dwWin32ExitCode = exit_code;
  g_status.dwWaitHint = wait_hint;
  g_status.dwControlsAccepted = state == SERVICE_START_PENDING ? 0 : SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN;
  g_status.dwCheckPoint =
      (state == SERVICE_RUNNING || state == SERVICE_STOPPED) ? 0 : checkpoint++;
  SetServiceStatus(g_status_handle, &g_status);
}

static DWORD WINAPI control_handler(DWORD control, DWORD, LPVOID, LPVOID) {
  switch (control) {
  case SERVICE_CONTROL_STOP:
  case SERVICE_CONTROL_SHUTDOWN:
    report_status(SERVICE_STOP_PENDING, NO_ERROR, 30000);
    SetEvent(g_stop_event);
    return NO_ERROR;
  case SERVICE_CONTROL_INTERROGATE:
    return NO_ERROR;
  default:
    return ERROR_CALL_NOT_IMPLEMENTED;
  }
}

static void WINAPI service_main(DWORD, LPWSTR *) {
  g_status_handle = RegisterServiceCtrlHandlerExW(BO_SERVICE_NAME, control_handler, NULL);
  if (!g_status_handle)
    return;
  report_status(SERVICE_START_PENDING, NO_ERROR, 3000);

  g_stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
  BoSettings settings;
  bo_load_settings(&settings);

  BatchContext ctx;
  ZeroMemory(&ctx, sizeof ctx);
  ctx.settings = &settings;
  ctx.stop_event = g_stop_event;
  HANDLE scheduler = CreateThread(NULL, 0, batch_scheduler_thread, &ctx, 0, NULL);
  if (!scheduler) {
    report_status(SERVICE_STOPPED, GetLastError(), 0);
    return;
  }
  report_status(SERVICE_RUNNING, NO_ERROR, 0);
  bo_log("service: running, batch at %lu:00 with %lu workers", settings.batch_hour,
         settings.worker_threads);

  WaitForSingleObject(g_stop_event, INFINITE);
  if (WaitForSingleObject(scheduler, 25000) == WAIT_TIMEOUT)
    bo_log("service: scheduler did not stop in time");
  CloseHandle(scheduler);
  CloseHandle(g_stop_event);
  report_status(SERVICE_STOPPED, NO_ERROR, 0);
}

static int install_service() {
  wchar_t exe[MAX_PATH];
  GetModuleFileNameW(NULL, exe, MAX_PATH);
  SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CREATE_SERVICE);
  if (!scm) {
    wprintf(L"OpenSCManager failed: %lu\n", GetLastError());
    return 1;
  }
  SC_HANDLE svc = CreateServiceW(scm, BO_SERVICE_NAME, L"Back office nightly batch",
                                 SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                                 SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, exe, NULL, NULL,
                                 L"MSSQLSERVER\0\0", NULL, NULL);
  if (!svc) {
    wprintf(L"CreateService failed: %lu\n", GetLastError());
    CloseServiceHandle(scm);
    return 1;
  }
  CloseServiceHandle(svc);
  CloseServiceHandle(scm);
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  if (argc > 1 && _wcsicmp(argv[1], L"-install") == 0)
    return install_service();

  SERVICE_TABLE_ENTRYW table[] = {
      {const_cast<LPWSTR>(BO_SERVICE_NAME), service_main},
      {NULL, NULL},
  };
  if (!StartServiceCtrlDispatcherW(table)) {
    DWORD err = GetLastError();
    if (err == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT)
      wprintf(L"BoBatch runs as a service; use -install to register it.\n");
    return (int)err;
  }
  return 0;
}
