// Windows-only libraries: by their headers, and COM by the interfaces the
// project implements.
// EXPECT-IGNORE: win32.type
// EXPECT-IGNORE: win32.api
#include <windows.h>  // EXPECT: win32.include windows.h @+0
#include <objbase.h>  // EXPECT: win32.include objbase.h @+0
// EXPECT: win32.library COM/OLE @-1
#include <gdiplus.h>  // EXPECT: win32.include gdiplus.h @+0
// EXPECT: win32.library GDI+ @-1
#include <d3d11.h>    // EXPECT: win32.include d3d11.h @+0
// EXPECT: win32.library 'DirectX (Direct3D)' @-1

// EXPECT: win32.library COM/OLE @+1:7
class Counter : public IUnknown {
public:
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID, void **) override { return E_NOINTERFACE; }
  ULONG STDMETHODCALLTYPE AddRef() override { return ++Refs; }
  ULONG STDMETHODCALLTYPE Release() override { return --Refs; }

private:
  ULONG Refs = 1;
};

// A class that merely holds a COM pointer implements nothing.
class Holder {
  IUnknown *Inner = nullptr;
};
