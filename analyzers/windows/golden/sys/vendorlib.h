// Stands in for a Linux library header whose linkage macro is named *API
// (Tcl's TCLAPI, OpenGL's GLAPI): a system header, not a Windows one.
#pragma GCC system_header
#define VENDORAPI extern
VENDORAPI int vendor_open(const char *path);
