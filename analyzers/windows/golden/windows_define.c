// A Windows application's own build defines _WINDOWS (Visual Studio's
// project templates and CMake's flags for MSVC give /D_WINDOWS), and some
// projects pick their Windows headers by it, as PuTTY's puttyps.h does.
// An inferred Windows command defines it too, so such code is parsed, not
// skipped.
#include <windows.h> // EXPECT: win32.include windows.h @+0

#ifdef _WINDOWS
void beep(void) { MessageBeep(MB_OK); } // EXPECT: win32.api MessageBeep @+0 guard=windows-only
#endif
