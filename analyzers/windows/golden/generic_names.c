// Calls written with the SDK's generic names (MessageBox is a macro for
// MessageBoxA or MessageBoxW; DialogBox for DialogBoxParamA) are reported
// where the project wrote them, under the function actually called.
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0

int ask(HWND parent, const char *text) {
  // EXPECT: win32.api MessageBoxA @+1:10
  return MessageBox(parent, text, "question", MB_YESNO);
}

HANDLE open_it(const char *path) {
  // EXPECT: win32.api CreateFileA @+1
  return CreateFile(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
}

INT_PTR CALLBACK proc(HWND w, UINT m, WPARAM wp, LPARAM lp) { return 0; }

INT_PTR show(HINSTANCE inst, HWND parent) {
  // EXPECT: win32.api DialogBoxParamA @+1
  return DialogBox(inst, MAKEINTRESOURCE(100), parent, proc);
}
