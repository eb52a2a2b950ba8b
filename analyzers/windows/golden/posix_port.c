// A portable unit: the Windows branch is skipped by the Linux parse but
// reported, inactive, with its guard.
#include <stdio.h>

// EXPECT: win32.include windows.h @+2 guard=has-fallback inactive
#ifdef _WIN32
#include <windows.h>
static void pause_ms(unsigned ms) {
  Sleep(ms); // EXPECT: win32.api Sleep @+0 guard=has-fallback inactive
}
#else
#include <unistd.h>
static void pause_ms(unsigned ms) { usleep(ms * 1000); }
#endif

// Lower-case socket names are POSIX names too: not matched in skipped code.
#if defined(_WIN32)
static int closer(int s) { return closesocket(s); }
#endif

int main(void) {
  pause_ms(1);
  return 0;
}
