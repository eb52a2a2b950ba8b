#ifndef IMAGING_IMAGE_H
#define IMAGING_IMAGE_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int width;
  int height;
  uint8_t *pixels; /* 8-bit grey, rows packed */
} image_t;

int image_alloc(image_t *img, int width, int height);
void image_free(image_t *img);
int image_read_pgm(const char *path, image_t *img);
int image_write_pgm(const char *path, const image_t *img);

void blur_rows(const image_t *src, image_t *dst);
void levels(image_t *img, uint8_t black, uint8_t white);
uint32_t image_checksum(const image_t *img);

#ifdef __cplusplus
}
#endif
#endif
