#!/usr/bin/env bash
# Side-by-side scan times on real codebases: Portolan cold / warm / after
# touching one header, clang -fsyntax-only over the same units, and the two
# regex-based porting scanners (AWS Porting Advisor for Graviton,
# migrate-ease). See bench/README.md, section "Scan benchmark".
#
#   bench/run-bench.sh [-n RUNS] [-c CORPORA] [-t TOOLS] [-j JOBS] [-o OUTDIR]
#
#   -n RUNS     runs of every measurement (default 3); medians are reported
#   -c CORPORA  comma-separated, from: zstd,putty,base64 (default, these three),
#               libyuv,zlib-ng,libuv,libwebp,notepadpp,notepad4
#   -t TOOLS    comma-separated, from: portolan,clang,porting-advisor,migrate-ease
#               (default all four; "portolan" is cold, warm and touch)
#   -j JOBS     Portolan's -j and clang's xargs -P (default 2)
#   -o OUTDIR   where raw.csv, corpora.csv, meta.txt, table.md and the logs go
#               (default $BENCH_DATA/results/<UTC date-time>)
#
# Environment: PORTOLAN_BUILD (default: the build/release folder next to this
# script's repository), BENCH_DATA (/work/bench-data, filled by
# fetch-corpora.sh), BENCH_TOOLS (/work/bench-tools, filled by fetch-tools.sh),
# NICE (10), CLANG (clang-19), PY (/usr/bin/python3: Debian's, for the regex
# tools).
#
# Prints the Markdown table on stdout (also OUTDIR/table.md); raw numbers, one
# row per measurement, are in OUTDIR/raw.csv. Everything runs one measurement
# at a time, under `nice -n $NICE`, timed by /usr/bin/time.
#
# Portolan is copied (bin/portolan, lib/portolan/plugins, share/portolan) into
# OUTDIR/portolan first, so a rebuild of the build tree during the run does
# not change what is measured; meta.txt records the commit (from
# PORTOLAN_BUILD/PORTOLAN_COMMIT when bench/build-at-commit.sh made the build;
# otherwise the work tree's HEAD and its uncommitted changes), and the
# binary's mtime and sha256 before and after. Do not wrap this script in
# `nice`: it applies NICE to each measurement itself.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
BENCH_TOOLS=${BENCH_TOOLS:-/work/bench-tools}
PORTOLAN_BUILD=${PORTOLAN_BUILD:-$repo/build/release}
NICE=${NICE:-10}
export CLANG=${CLANG:-clang-19}
PY=${PY:-/usr/bin/python3}

runs=3 corpora=zstd,putty,base64 tools=portolan,clang,porting-advisor,migrate-ease jobs=2 out=
while getopts "n:c:t:j:o:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    c) corpora=$OPTARG ;;
    t) tools=$OPTARG ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
  esac
done
out=${out:-$BENCH_DATA/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out/logs"
IFS=, read -r -a corpus_list <<<"$corpora"
IFS=, read -r -a tool_list <<<"$tools"
has_tool() { local t; for t in "${tool_list[@]}"; do [[ $t == "$1" ]] && return 0; done; return 1; }

# The header each corpus gets a comment appended to, for "Portolan touch":
# one that many units include.
declare -A TOUCH=([zstd]=lib/common/xxhash.h [putty]=ssh.h [base64]=lib/codecs.h
  [libyuv]=include/libyuv/basic_types.h [zlib-ng]=zbuild.h [libuv]=include/uv.h
  [libwebp]=src/webp/types.h [notepadpp]=PowerEditor/src/Parameters.h [notepad4]=src/config.h)

die() { echo "run-bench: $*" >&2; exit 2; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
for c in "${corpus_list[@]}"; do
  [[ -n "${TOUCH[$c]:-}" ]] || die "unknown corpus $c"
  [[ -d "$BENCH_DATA/src/$c" ]] || die "$BENCH_DATA/src/$c is missing: run bench/fetch-corpora.sh"
done

# --- what is measured ---------------------------------------------------------
bin=$PORTOLAN_BUILD/bin/portolan
P=$out/portolan/bin/portolan
bin_state() { echo "$(stat -c %Y "$bin") $(sha256sum "$bin" | cut -c1-16)"; }
if has_tool portolan; then
  [[ -x "$bin" ]] || die "no Portolan binary at $bin"
  start_state=$(bin_state)
  mkdir -p "$out/portolan/bin" "$out/portolan/lib/portolan" "$out/portolan/share/portolan"
  cp -p "$bin" "$out/portolan/bin/"
  cp -rp "$PORTOLAN_BUILD/lib/portolan/plugins" "$out/portolan/lib/portolan/"
  cp -p "$PORTOLAN_BUILD/share/portolan/kb.sqlite" "$out/portolan/share/portolan/"
  [[ "$(bin_state)" == "$start_state" ]] || die "the Portolan binary changed while it was copied; run again"
fi
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if [[ -f "$PORTOLAN_BUILD/PORTOLAN_COMMIT" ]]; then # made by build-at-commit.sh
    pc=$(cat "$PORTOLAN_BUILD/PORTOLAN_COMMIT")
    echo "portolan_commit=$(git -C "$repo" rev-parse --short "$pc")"
    echo "portolan_commit_date=$(git -C "$repo" log -1 --format=%cI "$pc")"
    echo "portolan_uncommitted=none: built by bench/build-at-commit.sh from git archive"
  else # the work tree's own build: it may hold uncommitted changes
    echo "portolan_commit=$(git -C "$repo" rev-parse --short HEAD)"
    echo "portolan_commit_date=$(git -C "$repo" log -1 --format=%cI)"
    echo "portolan_uncommitted=$(git -C "$repo" status --porcelain | awk '$2 !~ /^bench\// {print $1 " " $2 ";"}' | tr "\n" " ")"
    echo "portolan_uncommitted_diff_sha256_16=$(git -C "$repo" diff HEAD | sha256sum | cut -c1-16)"
  fi
  if has_tool portolan; then
    echo "portolan_binary=$bin"
    echo "portolan_binary_mtime=$(date -u -d "@${start_state%% *}" +%Y-%m-%dT%H:%M:%SZ)"
    echo "portolan_binary_sha256_16=${start_state#* }"
  fi
  echo "clang=$($CLANG --version | head -1)"
  echo "python=$($PY --version 2>&1) ($PY)"
  for t in porting-advisor migrate-ease; do
    echo "${t//-/_}_commit=$(cat "$BENCH_TOOLS/$t.commit" 2>/dev/null || echo absent)"
  done
  echo "runs=$runs"
  echo "jobs=$jobs"
  echo "nice=$NICE"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p')"
  echo "mem_total_gib=$(free -g | awk '/^Mem:/ {print $2}')"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/meta.txt"

echo "corpus,tool,run,wall_s,user_s,sys_s,max_rss_kb,exit,load1,note" >"$out/raw.csv"
echo "corpus,commit,files,lines,sources,headers,clang_units,clang_windows_units,touched_header" >"$out/corpora.csv"

# measure CORPUS TOOL RUN LOG COMMAND...: one timed run, one row of raw.csv.
# Peak RSS is /usr/bin/time's: the largest single process (for xargs -P, one
# clang, not the sum of those running at once). CPU is user+sys of the
# command and all its children. load1 is the 1-minute load average just
# before the run: other work on the machine shows there.
measure() {
  local corpus=$1 tool=$2 run=$3 log=$4; shift 4
  local tf load1; tf=$(mktemp)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  nice -n "$NICE" /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$log" 2>&1
  local rc=$?
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$tf")
  rm -f "$tf"
  echo "$corpus,$tool,$run,$wall,$user,$sys,$rss,$rc,$load1,${NOTE:-}" >>"$out/raw.csv"
  printf '  %-8s %-16s run %s: %6.2f s wall, %6.2f s cpu, %7d KB, exit %s %s\n' \
    "$corpus" "$tool" "$run" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$rss" "$rc" "${NOTE:-}" >&2
}

# Portolan's report says how many units it parsed and reused.
portolan_note() {
  local rep=$1 units reused
  units=$(sed -n 's/^  units: \([0-9]*\) .*/\1/p' "$rep" | head -1)
  reused=$(sed -n 's/^  unchanged since an earlier run: \([0-9]*\) units and \([0-9]*\) other files.*/\1 (files \2)/p' "$rep" | head -1)
  echo "units ${units:-?} reused ${reused:-0}"
}

for c in "${corpus_list[@]}"; do
  src=$BENCH_DATA/src/$c
  tree=$BENCH_DATA/scratch/$c
  work=$out/work/$c
  rm -rf "$tree" "$work"
  mkdir -p "$BENCH_DATA/scratch" "$work"
  cp -a "$src" "$tree"
  touched=${TOUCH[$c]}
  counts=$("$PY" "$here/clang_units.py" "$tree" "$work/clang") || die "clang_units.py failed on $c"
  eval "$counts" # sources= headers= files= lines= units= ...
  echo "$c,$(cat "$src.commit" 2>/dev/null),$files,$lines,$sources,$headers,$units,$windows_units,$touched" >>"$out/corpora.csv"
  echo "$c: $counts" >&2

  for ((r = 1; r <= runs; r++)); do
    if has_tool portolan; then
      db=$work/results.db
      rm -f "$db" "$db"-*
      NOTE= measure "$c" portolan-cold "$r" "$out/logs/$c-portolan-cold-$r.log" \
        "$P" scan "$tree" --db="$db" -j "$jobs" -o "$work/portolan-cold.txt"
      [[ -s "$work/portolan-cold.txt" ]] && sed -i '$ s/,$/,'"$(portolan_note "$work/portolan-cold.txt")"'/' "$out/raw.csv"
      NOTE= measure "$c" portolan-warm "$r" "$out/logs/$c-portolan-warm-$r.log" \
        "$P" scan "$tree" --db="$db" -j "$jobs" -o "$work/portolan-warm.txt"
      [[ -s "$work/portolan-warm.txt" ]] && sed -i '$ s/,$/,'"$(portolan_note "$work/portolan-warm.txt")"'/' "$out/raw.csv"
      printf '/* run-bench.sh: touched, run %d */\n' "$r" >>"$tree/$touched"
      NOTE= measure "$c" portolan-touch "$r" "$out/logs/$c-portolan-touch-$r.log" \
        "$P" scan "$tree" --db="$db" -j "$jobs" -o "$work/portolan-touch.txt"
      [[ -s "$work/portolan-touch.txt" ]] && sed -i '$ s/,$/,'"$(portolan_note "$work/portolan-touch.txt")"'/' "$out/raw.csv"
      cp -p "$src/$touched" "$tree/$touched" # the other tools see the pristine tree
    fi
    if has_tool clang; then
      log=$out/logs/$c-clang-$r.log
      # Diagnostics are dropped (Portolan prints none either); a unit with
      # errors prints one "failed" line, counted for the notes.
      (cd "$tree" && NOTE= measure "$c" clang-syntax "$r" "$log" \
        xargs -a "$work/clang/units.txt" -P "$jobs" -n 1 \
        sh -c '"$0" -fsyntax-only -w -ferror-limit=0 "$@" 2>/dev/null || echo failed' "$CLANG")
      sed -i '$ s/,$/,units with errors '"$(grep -c '^failed$' "$log")"'/' "$out/raw.csv"
    fi
    if has_tool porting-advisor; then
      (cd "$work" && NOTE= measure "$c" porting-advisor "$r" "$out/logs/$c-porting-advisor-$r.log" \
        "$PY" "$BENCH_TOOLS/porting-advisor/src/porting-advisor.py" "$tree" --no-progress \
        --output "$work/porting-advisor.txt" --output-format text --log-file "$work/gpa.log")
    fi
    if has_tool migrate-ease; then
      (cd "$work" && PYTHONPATH="$BENCH_TOOLS/migrate-ease:$BENCH_TOOLS/shims" NOTE= \
        measure "$c" migrate-ease "$r" "$out/logs/$c-migrate-ease-$r.log" \
        "$PY" -m cpp --no-progress --output "$work/migrate-ease.json" "$tree")
    fi
  done
done

{
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  if has_tool portolan; then
    end_state=$(bin_state)
    echo "portolan_binary_changed_during_run=$([[ "$end_state" == "$start_state" ]] && echo no || echo "yes (now mtime $(date -u -d "@${end_state%% *}" +%Y-%m-%dT%H:%M:%SZ), sha256 ${end_state#* }; the copy in $out/portolan was measured)")"
  fi
} >>"$out/meta.txt"

"$PY" "$here/bench_report.py" "$out" | tee "$out/table.md"
echo "raw numbers: $out/raw.csv" >&2
