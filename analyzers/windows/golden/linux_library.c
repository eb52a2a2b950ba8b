// A Linux unit calling a library whose linkage macro is also named *API:
// not a Windows API.
#include "sys/vendorlib.h"

int open_it(const char *path) { return vendor_open(path); }
