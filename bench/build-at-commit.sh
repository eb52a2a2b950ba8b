#!/usr/bin/env bash
# Build Portolan (the scanner, its plugins and the knowledge base; no tests)
# at one commit, apart from the work tree, so that a benchmark measures a
# known commit even while the work tree has uncommitted changes or its
# build/release is being rebuilt.
#
#   bench/build-at-commit.sh [COMMIT]        (default HEAD)
#   PORTOLAN_BUILD=$BENCH_DATA/portolan-<short>/build bench/run-bench.sh ...
#
# Sources come from `git archive COMMIT` (the repository is only read) into
# $BENCH_DATA/portolan-<short>/src; the build (RelWithDebInfo, as the release
# preset) goes to .../build, with a file PORTOLAN_COMMIT that run-bench.sh
# records. One compiler at a time (ninja -j1) under nice, since the machine
# is shared; about 10 minutes on the project's 2-core machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
NICE=${NICE:-10}
commit=$(git -C "$repo" rev-parse --short "${1:-HEAD}")
dir=$BENCH_DATA/portolan-$commit
rm -rf "$dir/src"
mkdir -p "$dir/src"
git -C "$repo" archive "$commit" | tar -x -C "$dir/src"
nice -n "$NICE" cmake -S "$dir/src" -B "$dir/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTOLAN_BUILD_TESTS=OFF >"$dir/configure.log"
nice -n "$NICE" ninja -C "$dir/build" -j1 portolan portolan-kb portolan-msvc \
  portolan-portability portolan-windows portolan-x86-code portolan-x86-files \
  portolan-x86-intrinsics >"$dir/build.log"
git -C "$repo" rev-parse "$commit" >"$dir/build/PORTOLAN_COMMIT"
echo "PORTOLAN_BUILD=$dir/build"
