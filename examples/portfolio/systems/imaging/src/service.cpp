// imaging-service: watches a spool folder for scanned documents, converts
// them to gray, stamps the watermark, checks quality and files the result.
#include "imaging/image.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

volatile sig_atomic_t g_stop = 0;

void on_signal(int) { g_stop = 1; }

struct Config {
  std::string spool = "/var/spool/imaging/in";
  std::string done = "/var/spool/imaging/out";
  std::string watermark = "/etc/imaging/watermark.pgm";
  unsigned poll_seconds = 5;
  double min_mean = 40.0;  // darker scans go back to the operator
};

std::vector<std::string> pending_files(const std::string &dir) {
  std::vector<std::string> out;
  DIR *d = opendir(dir.c_str());
  if (!d)
    return out;
  while (dirent *e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 4 && (name.compare(name.size() - 4, 4, ".ppm") == 0 ||
                            name.compare(name.size() - 4, 4, ".pgm") == 0))
      out.push_back(dir + "/" + name);
  }
  closedir(d);
  return out;
}

bool process(const Config &cfg, const imaging::Image &mark, const std::string &path) {
  std::string error;
  imaging::Image in;
  if (!imaging::read_pnm(path, in, error)) {
    std::fprintf(stderr, "imaging: %s: %s\n", path.c_str(), error.c_str());
    return false;
  }
  imaging::Image gray;
  if (in.format == imaging::PixelFormat::Rgb24)
    imaging::rgb_to_gray(in, gray);
  else
    gray = in;
  if (gray.width > 4000) {
    imaging::Image half;
    imaging::downscale_half(gray, half);
    gray = half;
  }
  imaging::Stats st = imaging::gray_stats(gray);
  if (st.mean < cfg.min_mean)
    imaging::scale_brightness(gray, static_cast<float>(cfg.min_mean / (st.mean + 1.0)));
  if (mark.width == gray.width)
    imaging::blend_over(gray, mark, 48);
  std::string base = path.substr(path.find_last_of('/') + 1);
  std::string target = cfg.done + "/" + base.substr(0, base.size() - 4) + ".pgm";
  if (!imaging::write_pgm(target, gray))
    return false;
  return unlink(path.c_str()) == 0;
}

}  // namespace

int main(int argc, char **argv) {
  Config cfg;
  if (argc > 1)
    cfg.spool = argv[1];
  if (argc > 2)
    cfg.done = argv[2];
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);

  imaging::Image mark;
  std::string error;
  if (!imaging::read_pnm(cfg.watermark, mark, error))
    std::fprintf(stderr, "imaging: no watermark (%s)\n", error.c_str());

  unsigned done = 0, failed = 0;
  while (!g_stop) {
    for (const std::string &f : pending_files(cfg.spool))
      process(cfg, mark, f) ? ++done : ++failed;
    sleep(cfg.poll_seconds);
  }
  std::printf("imaging: %u processed, %u failed\n", done, failed);
  return EXIT_SUCCESS;
}
