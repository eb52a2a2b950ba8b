// Windows-only: memory-mapped reading and a high-resolution timer.
#include <windows.h>
#include <emmintrin.h>

#include "image.h"

struct MappedFile {
  HANDLE file = INVALID_HANDLE_VALUE;
  HANDLE mapping = nullptr;
  const BYTE *data = nullptr;
  DWORD size = 0;
};

bool map_file(const wchar_t *path, MappedFile &out) {
  out.file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (out.file == INVALID_HANDLE_VALUE)
    return false;
  out.size = GetFileSize(out.file, nullptr);
  out.mapping = CreateFileMappingW(out.file, nullptr, PAGE_READONLY, 0, 0, nullptr);
  if (!out.mapping)
    return false;
  out.data = static_cast<const BYTE *>(MapViewOfFile(out.mapping, FILE_MAP_READ, 0, 0, 0));
  return out.data != nullptr;
}

void unmap_file(MappedFile &f) {
  if (f.data)
    UnmapViewOfFile(f.data);
  if (f.mapping)
    CloseHandle(f.mapping);
  if (f.file != INVALID_HANDLE_VALUE)
    CloseHandle(f.file);
}

// Copies the mapped pixels with non-temporal stores, timing the copy.
double copy_pixels_ms(const MappedFile &f, image_t *img) {
  LARGE_INTEGER freq, start, stop;
  QueryPerformanceFrequency(&freq);
  QueryPerformanceCounter(&start);
  DWORD i = 0;
  for (; i + 16 <= f.size; i += 16)
    _mm_stream_si128(reinterpret_cast<__m128i *>(img->pixels + i),
                     _mm_loadu_si128(reinterpret_cast<const __m128i *>(f.data + i)));
  _mm_sfence();
  QueryPerformanceCounter(&stop);
  return 1000.0 * double(stop.QuadPart - start.QuadPart) / double(freq.QuadPart);
}
