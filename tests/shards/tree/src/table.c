/* Included by main.c, not built alone. */
static const unsigned table_crc(unsigned v) { return __builtin_ia32_crc32si(0, v); }
