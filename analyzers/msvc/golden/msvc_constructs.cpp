// MSVC-only constructs in a Windows unit (parsed with the mingw-w64
// headers in Microsoft mode).
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0
#include <intrin.h>

#pragma comment(lib, "ws2_32.lib") // EXPECT: msvc.pragma-comment-lib ws2_32.lib @+0:9

__declspec(dllexport) int exported(void); // EXPECT: msvc.declspec dllexport @+0:12
__declspec(thread) int tls_counter;        // EXPECT: msvc.declspec thread @+0:12
struct __declspec(align(16)) Block {       // EXPECT: msvc.declspec align @+0:19
  int a;
};
__forceinline int one(void) { return 1; } // EXPECT: msvc.forceinline __forceinline @+0:1
typedef unsigned __int64 u64;              // EXPECT: msvc.int-types __int64 @+0:18
int __stdcall callback(int x);             // EXPECT: msvc.callconv __stdcall @+0:5

int guarded(void) {
  __try { // EXPECT: msvc.seh __try @+0:3
    return 1;
  } __except (EXCEPTION_EXECUTE_HANDLER) {
    return 0;
  }
}

long counter(long volatile *p) {
  _ReadWriteBarrier();            // EXPECT: msvc.intrinsic _ReadWriteBarrier @+0:3
  return _InterlockedIncrement(p); // EXPECT: msvc.intrinsic _InterlockedIncrement @+0:10
}
unsigned bits(unsigned v) { return __popcnt(v); } // EXPECT: msvc.intrinsic __popcnt @+0:36

int mov_one(void) {
  int r;
  __asm { mov r, 1 } // EXPECT: x86.inline-asm __asm @+0:3
  return r;
}

void assume(int x) { __assume(x > 0); } // EXPECT: msvc.assume __assume @+0:22

// EXPECT: msvc.msc-ver-guard _MSC_VER @+1 guard=windows-only
#ifdef _MSC_VER
int msvc_only;
#endif
