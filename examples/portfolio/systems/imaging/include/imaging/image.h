// Image buffers shared by the ingestion service and its kernels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace imaging {

enum class PixelFormat : std::uint8_t { Gray8 = 1, Rgb24 = 3, Rgba32 = 4 };

struct Image {
  int width = 0;
  int height = 0;
  PixelFormat format = PixelFormat::Gray8;
  std::size_t stride = 0;  // bytes per row, a multiple of 32
  std::vector<std::uint8_t> pixels;

  int channels() const { return static_cast<int>(format); }
  std::uint8_t *row(int y) { return pixels.data() + stride * static_cast<std::size_t>(y); }
  const std::uint8_t *row(int y) const {
    return pixels.data() + stride * static_cast<std::size_t>(y);
  }
};

// image.cpp
Image make_image(int width, int height, PixelFormat format);
bool read_pnm(const std::string &path, Image &out, std::string &error);
bool write_pgm(const std::string &path, const Image &img);

// color_convert.cpp (SSE2 / SSSE3)
void rgb_to_gray(const Image &rgb, Image &gray);
void swap_red_blue(Image &rgba);

// resize.cpp (AVX2 when built with -mavx2)
void downscale_half(const Image &src, Image &dst);
void scale_brightness(Image &img, float gain);

// blend.cpp (AVX2 at run time, SSE2 otherwise)
void blend_over(Image &dst, const Image &src, std::uint8_t alpha);

// stats.cpp
struct Stats {
  std::uint64_t sum = 0;
  std::uint32_t histogram[256] = {};
  double mean = 0.0;
};
Stats gray_stats(const Image &gray);
std::uint64_t abs_difference(const Image &a, const Image &b);

}  // namespace imaging
