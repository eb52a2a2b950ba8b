#include <windows.h>
int probe() {
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  return (int)si.dwNumberOfProcessors + (int)GetTickCount();
}
