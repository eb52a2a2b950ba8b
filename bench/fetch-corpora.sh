#!/usr/bin/env bash
# Fetch the codebases that bench/run-bench.sh measures, at pinned commits.
#
#   bench/fetch-corpora.sh [corpus...]      (default: all of them)
#
# Each corpus is checked out (plain files, no .git) into
#   $BENCH_DATA/src/<name>            (BENCH_DATA defaults to /work/bench-data)
# with a file $BENCH_DATA/src/<name>.commit naming the commit.
#
# Where the commit comes from, first match wins:
#   1. $MIRROR_ROOT/<owner>+<repo>/repo  a bare git directory (MIRROR_ROOT
#      defaults to /work/.mirror, where the project's snapshots of public
#      repositories are unpacked);
#   2. the public GitHub repository, https://github.com/<owner>/<repo>, fetched
#      with `git fetch --depth 1 origin <commit>` (GitHub serves any commit by
#      its full id), so only that one commit is downloaded.
# Nothing here runs in CI or in the test suite (they have no network); this
# script is only for people who want to rerun the benchmark. To bring a corpus
# back after deleting it, run the script again: it is idempotent and skips a
# corpus whose checkout already names the pinned commit (FORCE=1 redoes it).
set -euo pipefail

BENCH_DATA=${BENCH_DATA:-/work/bench-data}
MIRROR_ROOT=${MIRROR_ROOT:-/work/.mirror}

# name  owner/repo  commit (full id)  what it is
CORPORA=(
  "zstd   facebook/zstd  2dddf0905619b70c25faeca7f1a39601dc97616f  zstd 1.5.7-dev, 2024-10-24: portable C with SSE2/AVX2/BMI2 paths"
  "putty  github/putty   7003b43963aef6cdf2841c2a882a684025f1d806  PuTTY (GitHub's mirror), 2020-09-13: Windows-heavy C (windows/ front end)"
  "base64 aklomp/base64  bf058e571ac5002b75b03fed38e33ed4e8d45eff  aklomp/base64, 2026-07-12: SIMD-heavy C (SSSE3..AVX-512 and NEON codecs)"
  # Fidelity trials (issue 12), not in run-bench.sh's default set:
  "libyuv lemenkov/libyuv 44d9bc68f216585cdcfefbe0b59afd7e54f2c550  libyuv (a mirror), 2026-08-21: Visual-C-only SIMD sources (*_win.cc) beside GCC ones"
  "libuv  libuv/libuv     6179e7af87413396d5853a1c3722c8b5749336c8  libuv, 2026-05-15: a portable library with a Windows backend (src/win) picked by its public header"
  # Further trees of the accuracy harness (bench/accuracy/run.sh):
  "zlib-ng      zlib-ng/zlib-ng                    94aacd8bd69b7bfafce14fbe7639274e11d92d51  zlib-ng, 2024-10-23: ISA-specific sources (arch/x86/*_avx2.c ...) built with -m flags"
  "simdjson     simdjson/simdjson                  f807de973580fb22cc0db6b3b896716684b0266c  simdjson, 2026-08-20: a heavy intrinsics user (C++ templates per ISA)"
  "libwebp      webmproject/libwebp                3757b8afeb54e305eaef18502812a9a88b7ed662  libwebp, 2026-06-17: SSE2/SSE4.1 files beside NEON and MIPS ones"
  "curl         curl/curl                          5c61e168698a72b87437d58ed728bcdea6d5db42  curl, 2026-08-22: Windows backends (Schannel, SSPI, system_win32.c) in a portable library"
  "notepadpp    notepad-plus-plus/notepad-plus-plus a6c46fd4cb0fa115ced3b3bfb1ff53fbdb8989f3  Notepad++, 2026-08-20: a Windows application (Win32 GUI, UNICODE)"
  "migrate-ease migrate-ease/migrate-ease          e92c735f4bdfbe09e96aea7dd5b404f05d07f6fb  migrate-ease, 2026-03-25: its C++ integration tests call x86 intrinsics with no include"
  # A second Visual Studio application (issue 13), scanned with -p AutoHotkeyx.sln:
  "autohotkey   AutoHotkey/AutoHotkey              59f219a111a34b21529c7acf5026e11650a06fbc  AutoHotkey v2, 2024-03-24: a Win32 C++ application built with Visual Studio (stdafx.h only for _MSC_VER)"
  # A third, scanned with -p build/VisualStudio/Notepad4.sln:
  "notepad4     zufuliu/notepad4                   e749efd870e37fc38a499a0fdab6dc79f5f9d285  Notepad4, 2026-08-21: a Win32 C/C++ editor (Scintilla) built with Visual Studio, SSE2/AVX2 code"
)

want=("$@")
# shellcheck source=bench/select.sh
source "$(dirname "$0")/select.sh"

mkdir -p "$BENCH_DATA/src"
for line in "${CORPORA[@]}"; do
  read -r name repo commit _ <<<"$line"
  selected "$name" || continue
  dest=$BENCH_DATA/src/$name
  if [[ -z "${FORCE:-}" && -d "$dest" && "$(cat "$dest.commit" 2>/dev/null)" == "$commit" ]]; then
    echo "$name: already at $commit"
    continue
  fi
  rm -rf "$dest" "$dest.commit" "$dest.missing"
  mirror=$MIRROR_ROOT/${repo/\//+}/repo
  [[ -d "$mirror/.git" ]] && mirror=$mirror/.git
  mkdir -p "$dest"
  if git --git-dir="$mirror" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$name: $commit from $mirror"
    if ! git --git-dir="$mirror" archive --format=tar "$commit" 2>/dev/null | tar -x -C "$dest" 2>/dev/null; then
      # A snapshot may lack its largest files: take the others one by one and
      # list the absent ones in <name>.missing.
      rm -rf "$dest" && mkdir -p "$dest"
      git --git-dir="$mirror" ls-tree -r "$commit" | while read -r mode type obj path; do
        [[ "$type" == blob ]] || continue
        mkdir -p "$dest/$(dirname "$path")"
        if [[ "$mode" == 120000 ]]; then
          ln -s "$(git --git-dir="$mirror" cat-file blob "$obj")" "$dest/$path"
        elif ! git --git-dir="$mirror" cat-file blob "$obj" >"$dest/$path" 2>/dev/null; then
          rm -f "$dest/$path"
          echo "$path" >>"$dest.missing"
        fi
      done
      [[ -f "$dest.missing" ]] && echo "$name: $(wc -l <"$dest.missing") files absent from the snapshot, listed in $dest.missing"
    fi
  else
    echo "$name: $commit from https://github.com/$repo"
    tmp=$(mktemp -d)
    git -C "$tmp" init -q
    git -C "$tmp" fetch -q --depth 1 "https://github.com/$repo" "$commit"
    git -C "$tmp" archive --format=tar FETCH_HEAD | tar -x -C "$dest"
    rm -rf "$tmp"
  fi
  echo "$commit" >"$dest.commit"
done
