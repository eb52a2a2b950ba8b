// Portable image allocation and PNM input/output.
#include "imaging/image.h"

#include <cstdio>
#include <cstring>
#include <fstream>

namespace imaging {

Image make_image(int width, int height, PixelFormat format) {
  Image img;
  img.width = width;
  img.height = height;
  img.format = format;
  std::size_t row_bytes = static_cast<std::size_t>(width) * img.channels();
  img.stride = (row_bytes + 31) & ~static_cast<std::size_t>(31);
  img.pixels.assign(img.stride * static_cast<std::size_t>(height), 0);
  return img;
}

namespace {

bool read_token(std::istream &in, std::string &token) {
  token.clear();
  int c = in.get();
  while (c != EOF) {
    if (c == '#') {
      while (c != EOF && c != '\n')
        c = in.get();
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!token.empty())
        return true;
    } else {
      token.push_back(static_cast<char>(c));
    }
    c = in.get();
  }
  return !token.empty();
}

}  // namespace

bool read_pnm(const std::string &path, Image &out, std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  std::string magic, w, h, maxval;
  if (!read_token(in, magic) || !read_token(in, w) || !read_token(in, h) ||
      !read_token(in, maxval)) {
    error = "truncated header";
    return false;
  }
  PixelFormat format;
  if (magic == "P5")
    format = PixelFormat::Gray8;
  else if (magic == "P6")
    format = PixelFormat::Rgb24;
  else {
    error = "unsupported format " + magic;
    return false;
  }
  if (std::stoi(maxval) != 255) {
    error = "only 8-bit images are accepted";
    return false;
  }
  out = make_image(std::stoi(w), std::stoi(h), format);
  std::size_t row_bytes = static_cast<std::size_t>(out.width) * out.channels();
  for (int y = 0; y < out.height; ++y) {
    if (!in.read(reinterpret_cast<char *>(out.row(y)), static_cast<std::streamsize>(row_bytes))) {
      error = "truncated pixel data";
      return false;
    }
  }
  return true;
}

bool write_pgm(const std::string &path, const Image &img) {
  if (img.format != PixelFormat::Gray8)
    return false;
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return false;
  std::fprintf(f, "P5\n%d %d\n255\n", img.width, img.height);
  bool ok = true;
  for (int y = 0; y < img.height && ok; ++y)
    ok = std::fwrite(img.row(y), 1, static_cast<std::size_t>(img.width), f) ==
         static_cast<std::size_t>(img.width);
  return std::fclose(f) == 0 && ok;
}

}  // namespace imaging
