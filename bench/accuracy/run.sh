#!/usr/bin/env bash
# The accuracy harness: Portolan's findings against a truth taken from Clang's
# AST over every configuration (bench/accuracy/truth.py), on public trees.
#
#   bench/accuracy/run.sh [name...]        (default: every tree below)
#
# Needs: a build of Portolan (PORTOLAN, default build/release/bin/portolan),
# Debian's python3-clang-19, mingw-w64-x86-64-dev and the trees, which
# bench/fetch-corpora.sh brings at pinned commits (this script calls it).
# Truth is kept per tree in $BENCH_DATA/accuracy/<name>.truth.json and
# computed again only when the tree's commit or truth.py changes; Portolan
# scans with a fresh results file every time, as `portolan scan DIR` with no
# option. Prints one table per tree and the pooled table, and writes them as
# Markdown to $BENCH_DATA/accuracy/table.md. TRUTH_ONLY=1 computes the truth
# and stops (no build of Portolan needed).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
PORTOLAN=${PORTOLAN:-$repo/build/release/bin/portolan}
JOBS=${JOBS:-$(nproc)}
out=$BENCH_DATA/accuracy
mkdir -p "$out"

# name  corpus  folder scanned  truth options. The -D options are those the
# project's own build gives an x86_64 build with every x86 option on (its
# generated config.h, or CMake's add_definitions); Portolan is given none.
TREES=(
  "migrate-ease migrate-ease cpp/integration_test"
  "base64      base64        .                 -D HAVE_SSSE3=1 -D HAVE_SSE41=1 -D HAVE_SSE42=1 -D HAVE_AVX=1 -D HAVE_AVX2=1 -D HAVE_AVX512=1"
  "libyuv      libyuv        .                 "
  "zlib-ng     zlib-ng       .                 -D X86_FEATURES -D X86_SSE2 -D X86_SSSE3 -D X86_SSE42 -D X86_PCLMULQDQ_CRC -D X86_AVX2 -D X86_AVX512 -D X86_AVX512VNNI -D X86_VPCLMULQDQ_CRC -D X86_HAVE_XSAVE_INTRIN"
  "zstd        zstd          .                 "
  "libwebp     libwebp       .                 -D WEBP_USE_THREAD=1 -D WEBP_HAVE_SSE2=1 -D WEBP_HAVE_SSE41=1 -D WEBP_HAVE_AVX2=1 -D WEBP_NEAR_LOSSLESS=1"
  "simdjson    simdjson      .                 "
  "libuv       libuv         .                 "
  "putty       putty         .                 "
  "curl        curl          lib               "
  "notepadpp   notepadpp     PowerEditor/src   --primary mingw -D UNICODE -D _UNICODE"
)

if ! /usr/bin/python3 -c 'import clang.cindex' 2>/dev/null; then
  echo "run.sh: Debian's python3-clang-19 is needed (apt-get install python3-clang-19)" >&2
  exit 2
fi
[[ -n "${TRUTH_ONLY:-}" || -x "$PORTOLAN" ]] || { echo "run.sh: no Portolan at $PORTOLAN (build it, or set PORTOLAN)" >&2; exit 2; }

want=("$@")
# shellcheck source=bench/select.sh
source "$repo/bench/select.sh"

truth_stamp=$(sha256sum "$here/truth.py" | cut -c1-16)
scores=()
for line in "${TREES[@]}"; do
  read -r name corpus folder truth_opts <<<"$line"
  selected "$name" || continue
  "$repo/bench/fetch-corpora.sh" "$corpus" >&2
  root=$BENCH_DATA/src/$corpus/$folder
  stamp="$(cat "$BENCH_DATA/src/$corpus.commit") $folder $truth_opts $truth_stamp"
  truth=$out/$name.truth.json
  if [[ ! -f "$truth" || "$(cat "$truth.stamp" 2>/dev/null)" != "$stamp" ]]; then
    echo "== $name: truth" >&2
    start=$(date +%s)
    # shellcheck disable=SC2086
    /usr/bin/python3 "$here/truth.py" "$root" -o "$truth" -j "$JOBS" $truth_opts
    echo "$stamp" >"$truth.stamp"
    echo "$name: truth took $(( $(date +%s) - start )) s" >&2
  fi
  [[ -z "${TRUTH_ONLY:-}" ]] || continue
  echo "== $name: portolan scan" >&2
  rm -f "$out/$name.db"
  start=$(date +%s)
  "$PORTOLAN" scan "$root" --db "$out/$name.db" --format json -o "$out/$name.report.json" -j "$JOBS" 2>"$out/$name.scan.log" || {
    echo "$name: portolan scan failed (exit $?), see $out/$name.scan.log" >&2; continue; }
  echo "$name: scan took $(( $(date +%s) - start )) s" >&2
  python3 "$here/score.py" "$truth" "$out/$name.report.json" --name "$name" --json "$out/$name.score.json"
  scores+=("$out/$name.score.json")
done

[[ -z "${TRUTH_ONLY:-}" ]] || exit 0
python3 "$here/table.py" "${scores[@]}" | tee "$out/table.md"
