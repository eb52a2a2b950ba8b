/* Microsoft CRT names of POSIX functions with the same meaning. */
#include <stdlib.h>
#include <string.h>

int same(const char *a, const char *b) { return strcasecmp(a, b) == 0; }
int prefix(const char *a, const char *b) { return strncasecmp(a, b, 4) == 0; }
char *copy(const char *s) { return strdup(s); }
