// Source hazards: advisory findings.
#include <stdint.h>
#include <string.h>

int is_high(char c) {
  return c < 0; // EXPECT: portability.char-sign char @+0:12 advisory
}
int is_eof(char c) {
  return c == -1; // EXPECT: portability.char-sign char @+0:12 advisory
}
int is_ascii(unsigned char c) { return c < 128; } // Not plain char.
int is_digit(char c) { return c >= '0' && c <= '9'; } // Positive bounds only.

long double precise; // EXPECT: portability.long-double 'long double' @+0:1 advisory

uint32_t read32(const unsigned char *p, int i) {
  return *(const uint32_t *)(p + i); // EXPECT: portability.unaligned-cast 'const uint32_t *' @+0:11 advisory
}
uint32_t read32_safe(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, sizeof v); // The portable form: nothing to report.
  return v;
}
uint32_t *whole(void *buffer) { return (uint32_t *)buffer; } // No offset.
