#pragma once

#include "../common/bo_common.h"

struct BatchContext {
  const BoSettings *settings;
  HANDLE stop_event;
  volatile LONG offices_done;
  volatile LONG offices_failed;
};

DWORD WINAPI batch_scheduler_thread(LPVOID param);
