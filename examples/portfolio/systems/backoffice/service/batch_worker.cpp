// The nightly batch: one worker thread per group of offices, each settling
// the day's payments in SQL Server and writing the treasury export. Office
// specific rules are in plug-in DLLs (rules_<office>.dll), which have been
// known to crash; a crash in one must not stop the batch.
#include "batch_worker.h"

#include <stdio.h>
#include <wchar.h>

typedef int(__stdcall *SettleRuleFn)(unsigned __int64 office, __int64 *total_fen);

struct WorkerArgs {
  BatchContext *ctx;
  DWORD first_office;
  DWORD office_count;
};

static int call_rule_guarded(SettleRuleFn fn, unsigned __int64 office, __int64 *total) {
  int rc = -1;
  __try {
    rc = fn(office, total);
  } __except (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                                : EXCEPTION_CONTINUE_SEARCH) {
    rc = -2;
  }
  return rc;
}

static bool settle_office(BatchContext *ctx, BoSession *session, DWORD office) {
  wchar_t dll[MAX_PATH];
  swprintf_s(dll, MAX_PATH, L"rules\\rules_%04lu.dll", office);
  __int64 total = 0;
  HMODULE rules = LoadLibraryW(dll);
  if (rules) {
    SettleRuleFn fn = (SettleRuleFn)GetProcAddress(rules, "SettleDay");
    int rc = fn ? call_rule_guarded(fn, office, &total) : -1;
    FreeLibrary(rules);
    if (rc == -2) {
      bo_log("batch: office %lu: rules DLL crashed", office);
      return false;
    }
  }
  wchar_t sql[256];
  swprintf_s(sql, 256, L"EXEC dbo.SettleOfficeDay @office = %lu, @adjust = %I64d", office, total);
  if (bo_execute(session, sql) < 0)
    return false;
  return bo_export_day(ctx->settings->export_folder, office, total) == 0;
}

static DWORD WINAPI worker_thread(LPVOID param) {
  WorkerArgs *args = (WorkerArgs *)param;
  BoSession *session = bo_open_session(args->ctx->settings);
  if (!session) {
    InterlockedExchangeAdd(&args->ctx->offices_failed, (LONG)args->office_count);
    return 1;
  }
  for (DWORD i = 0; i < args->office_count; ++i) {
    if (WaitForSingleObject(args->ctx->stop_event, 0) == WAIT_OBJECT_0)
      break;
    if (settle_office(args->ctx, session, args->first_office + i))
      InterlockedIncrement(&args->ctx->offices_done);
    else
      InterlockedIncrement(&args->ctx->offices_failed);
  }
  bo_close_session(session);
  return 0;
}

static void run_batch(BatchContext *ctx) {
  const DWORD kOffices = 96;  // county offices of the province
  DWORD n = ctx->settings->worker_threads;
  HANDLE threads[8];
  WorkerArgs args[8];
  ctx->offices_done = ctx->offices_failed = 0;
  ULONGLONG started = GetTickCount64();
  for (DWORD t = 0; t < n; ++t) {
    args[t].ctx = ctx;
    args[t].first_office = 1 + t * (kOffices / n);
    args[t].office_count = (t + 1 == n) ? kOffices - t * (kOffices / n) : kOffices / n;
    threads[t] = CreateThread(NULL, 0, worker_thread, &args[t], 0, NULL);
  }
  WaitForMultipleObjects(n, threads, TRUE, INFINITE);
  for (DWORD t = 0; t < n; ++t)
    CloseHandle(threads[t]);
  bo_log("batch: %ld offices settled, %ld failed, %I64u ms", ctx->offices_done,
         ctx->offices_failed, GetTickCount64() - started);
}

DWORD WINAPI batch_scheduler_thread(LPVOID param) {
  BatchContext *ctx = (BatchContext *)param;
  WORD last_day = 0;
  for (;;) {
    SYSTEMTIME now;
    GetLocalTime(&now);
    if (now.wHour == ctx->settings->batch_hour && now.wDay != last_day) {
      last_day = now.wDay;
      run_batch(ctx);
    }
    if (WaitForSingleObject(ctx->stop_event, 60 * 1000) == WAIT_OBJECT_0)
      return 0;
  }
}
