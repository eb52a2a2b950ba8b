#!/usr/bin/env bash
# Runs every fuzz target of a sanitize build for a fixed time each, and
# prints one line per target: executions, executions per second, coverage
# (edges) and features. A crash, leak-free timeout or sanitizer report
# fails the run; its reproducer is left in the output folder (add it to the
# target's seed folder with the fix, see tests/fuzz/CMakeLists.txt).
#
#   tests/fuzz/run.sh [-t SECONDS] [-b BUILD_DIR] [-o OUTDIR] [TARGET...]
#
#   -t SECONDS    per target (default 60)
#   -b BUILD_DIR  a build of the sanitize preset (default build/sanitize)
#   -o OUTDIR     corpora, logs and crashes (default a new temporary folder)
#   TARGET        e.g. portolan-fuzz-kbsource; default every target
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=60 build=$repo/build/sanitize out=
while getopts "t:b:o:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    b) build=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
list=$build/tests/fuzz/fuzzers.list
[[ -f $list ]] || { echo "run.sh: $list is missing: build the sanitize preset (cmake --workflow --preset sanitize)" >&2; exit 2; }
out=${out:-$(mktemp -d -t portolan-fuzz-XXXXXX)}
mkdir -p "$out"

# As the sanitize preset's tests run (CMakePresets.json): LLVM's libraries
# are not instrumented, so their BumpPtrAllocator slabs poisoned by our
# inlined copies would read as use-after-poison; LLVM installs its own
# alternate signal stacks; its command-line registry lives until exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allow_user_poisoning=0:use_sigaltstack=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
while read -r binary seeds; do
  name=$(basename "$binary")
  if [[ $# -gt 0 ]] && ! printf '%s\n' "$@" | grep -qx "$name"; then
    continue
  fi
  corpus=$out/$name/corpus
  mkdir -p "$corpus" "$out/$name/crashes"
  # shellcheck disable=SC2086
  "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=30 -rss_limit_mb=4096 \
    -artifact_prefix="$out/$name/crashes/" "$corpus" $seeds >"$out/$name/log" 2>&1
  code=$?
  runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$out/$name/log" | awk '{print $2}')
  speed=$(grep -ao 'stat::average_exec_per_sec: *[0-9]*' "$out/$name/log" | awk '{print $2}')
  cov=$(grep -ao 'cov: [0-9]*' "$out/$name/log" | tail -n 1 | awk '{print $2}')
  ft=$(grep -ao 'ft: [0-9]*' "$out/$name/log" | tail -n 1 | awk '{print $2}')
  status=ok
  if [[ $code -ne 0 ]]; then
    status="FAILED (exit $code; see $out/$name/log and $out/$name/crashes)"
    failed=1
  fi
  echo "$name: ${seconds} s, ${runs:-0} runs, ${speed:-0} exec/s, cov ${cov:-0}, ft ${ft:-0}: $status"
done <"$list"
exit $failed
