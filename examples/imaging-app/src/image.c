#include "image.h"

#include <stdio.h>
#include <stdlib.h>

int image_alloc(image_t *img, int width, int height) {
  img->width = width;
  img->height = height;
  img->pixels = (uint8_t *)calloc((size_t)width * height, 1);
  return img->pixels != NULL;
}

void image_free(image_t *img) {
  free(img->pixels);
  img->pixels = NULL;
}

int image_read_pgm(const char *path, image_t *img) {
  FILE *f = fopen(path, "rb");
  int w, h, maxval;
  if (!f)
    return 0;
  if (fscanf(f, "P5 %d %d %d", &w, &h, &maxval) != 3 || maxval != 255 ||
      fgetc(f) == EOF || !image_alloc(img, w, h)) {
    fclose(f);
    return 0;
  }
  size_t n = fread(img->pixels, 1, (size_t)w * h, f);
  fclose(f);
  return n == (size_t)w * h;
}

int image_write_pgm(const char *path, const image_t *img) {
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  fprintf(f, "P5 %d %d 255\n", img->width, img->height);
  size_t n = fwrite(img->pixels, 1, (size_t)img->width * img->height, f);
  fclose(f);
  return n == (size_t)img->width * img->height;
}
