// A unit that includes a header whose #else and #endif go on to a comment
// line (include/printf_formats.h): the scan ends, and finds what it holds.
#include "include/printf_formats.h"

const char *size_format(void) { return PRINTF_SIZET; }
