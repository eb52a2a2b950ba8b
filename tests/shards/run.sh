#!/bin/sh
# scan --shard I/N and merge give what one process gives (tests/shards/):
#   run.sh PORTOLAN SOURCE_DIR WORK_DIR
# For each tree and each N, the N shards are scanned into files of their
# own (side by side for N = 4, as the pods of an Indexed Job are), merged,
# and the merged run's JSON report must be the single scan's but for run
# ids, dates and timings (same_report.py); its findings array byte for
# byte. The example portfolio: plan --shard, merge and plan --from give
# the plan one `portolan plan` gives. Then what merge must refuse.
set -eu
P=$1 SRC=$2 OUT=$3
HERE=$SRC/tests/shards
rm -rf "$OUT" && mkdir -p "$OUT"
cd "$OUT"
fails=0
no() { echo "FAIL: $*"; fails=$((fails + 1)); }

for tree in tests/shards/tree examples/imaging-app tests/fixtures/mini-repo; do
  name=$(basename "$tree")
  mkdir -p "$name" && cd "$name"
  "$P" scan "$SRC/$tree" --db single.db --format json -o single.json -j 2 2>/dev/null
  for n in 1 2 3 4 9; do
    i=0
    while [ $i -lt $n ]; do
      if [ $n -eq 4 ]; then
        "$P" scan "$SRC/$tree" --shard $i/$n --db s$n-$i.db --format json -o /dev/null -j 1 2>/dev/null &
      else
        "$P" scan "$SRC/$tree" --shard $i/$n --db s$n-$i.db --format json -o /dev/null -j 2 2>/dev/null
      fi
      i=$((i + 1))
    done
    wait
    "$P" merge s$n-*.db --db all$n.db >merge$n.txt
    "$P" report "$SRC/$tree" --db all$n.db --format json -o merged$n.json
    cp single.json single$n.json
    if python3 "$HERE/same_report.py" --findings single$n.json merged$n.json >same$n.txt &&
       cmp -s single$n.json.findings merged$n.json.findings; then
      echo "$name, $n shards: $(cat same$n.txt)"
    else
      no "$name, $n shards: $(cat same$n.txt)"
    fi
  done
  cd "$OUT"
done

# The example portfolio, planned from shards of its systems.
mkdir -p portfolio && cd portfolio
INV=$SRC/examples/portfolio/inventory.toml
"$P" plan "$INV" --db single.db --format json -o single.json -j 2 2>/dev/null
for n in 2 4; do
  i=0
  while [ $i -lt $n ]; do
    "$P" plan "$INV" --shard $i/$n --db p$n-$i.db -j 2 >/dev/null 2>&1
    i=$((i + 1))
  done
  "$P" merge p$n-*.db --db all$n.db >/dev/null
  "$P" plan "$INV" --from all$n.db --format json -o merged$n.json
  # Only the date and the runs' ids may differ.
  if diff single.json merged$n.json | grep '^[<>]' | grep -v '"generated_at"\|"run": [0-9]*,\?$' >diff$n.txt; then
    no "portfolio, $n shards: the plans differ: $(head -3 diff$n.txt)"
  else
    echo "portfolio, $n shards: the plan from the merged shards is the plan"
  fi
done
# Copies of one tree in an inventory (bench/portfolio.py) are scanned
# once and costed once per tier: plan and plan --from give one plan.
python3 "$SRC/bench/portfolio.py" 12 copies.toml "$SRC/examples/portfolio/systems/imaging" \
  "$SRC/examples/portfolio/systems/ledger" "$SRC/examples/portfolio/systems/portal"
"$P" plan copies.toml --db copies.db --format json -o copies.json -j 2 2>/dev/null
"$P" plan copies.toml --from copies.db --format json -o copies-from.json
if diff copies.json copies-from.json | grep '^[<>]' | grep -qv '"generated_at"'; then
  no "copies: plan and plan --from differ"
elif [ "$(grep -c '"status": "scanned"' copies.json)" -ne 12 ]; then
  no "copies: not all 12 systems were planned"
else
  echo "copies: 12 systems over 3 trees, the same plan from plan and plan --from"
fi
# In shards, each tree's copies fall in one part: the merge takes them.
for n in 2 4; do
  i=0
  while [ $i -lt $n ]; do
    "$P" plan copies.toml --shard $i/$n --db c$n-$i.db -j 2 >/dev/null 2>&1
    i=$((i + 1))
  done
  if ! "$P" merge c$n-*.db --db call$n.db >/dev/null 2>err$n.txt; then
    no "copies, $n shards: the merge failed: $(cat err$n.txt)"
    continue
  fi
  "$P" plan copies.toml --from call$n.db --format json -o copies$n.json
  if diff copies.json copies$n.json | grep '^[<>]' | grep -v '"generated_at"\|"run": [0-9]*,\?$' >/dev/null; then
    no "copies, $n shards: the plan differs"
  else
    echo "copies, $n shards: the plan from the merged shards is the plan"
  fi
done
cd "$OUT"

# What merge refuses, with one line naming the files, and nothing written.
cd tree
refused() { # WHAT EXPECTED-TEXT FILES...
  what=$1 text=$2
  shift 2
  rm -f refused.db*
  if "$P" merge "$@" --db refused.db 2>err.txt; then
    no "merge of $what was not refused"
  elif ! grep -q "$text" err.txt || [ "$(wc -l <err.txt)" -ne 1 ]; then
    no "merge of $what: expected one line with '$text', got: $(cat err.txt)"
  elif [ -n "$(sqlite3 refused.db 'SELECT id FROM runs' 2>/dev/null)" ]; then
    no "merge of $what wrote runs"
  else
    echo "refused, $what: $(cat err.txt)"
  fi
}
cp s2-0.db copy-of-s2-0.db
refused "the same shard twice" "the same shard twice" s2-0.db copy-of-s2-0.db
refused "a missing shard" "shard 2 of 3 missing" s3-0.db s3-1.db
refused "shards of different splits" "different splits" s2-0.db s3-1.db
refused "shards of different trees" "different trees" s2-0.db ../imaging-app/s2-1.db
refused "a file given twice" "given twice" s2-0.db s2-1.db s2-0.db
refused "a whole run given twice" "scanned whole in" single.db all2.db
# The tree changed between the shards: different work.
mkdir -p changed && cp -r "$SRC/tests/shards/tree/." changed/
"$P" scan changed --shard 0/2 --db changed0.db -o /dev/null 2>/dev/null
echo "int added(void) { return 1; }" >>changed/src/pick.c
"$P" scan changed --shard 1/2 --db changed1.db -o /dev/null 2>/dev/null
refused "shards of a tree that changed" "split different work" changed0.db changed1.db
# Shards scanned with options that change findings (what the build key
# holds besides the host's and plugins' builds).
"$P" scan "$SRC/tests/shards/tree" --shard 1/2 --windows-branches --db wb1.db -o /dev/null 2>/dev/null
refused "shards of different builds or options" "different builds of portolan or its plugins" s2-0.db wb1.db
# Another knowledge base than the shards were scanned with.
cp "$(dirname "$P")/../share/portolan/kb.sqlite" other-kb.sqlite
sqlite3 other-kb.sqlite "UPDATE meta SET value = value || '-other' WHERE key = 'kb_version'"
rm -f refused.db*
if "$P" merge s2-0.db s2-1.db --db refused.db --kb other-kb.sqlite 2>err.txt; then
  no "merge with another knowledge base was not refused"
elif grep -q "give the same one with --kb" err.txt; then
  echo "refused, another knowledge base: $(cat err.txt)"
else
  no "merge with another knowledge base: $(cat err.txt)"
fi
# A merged file is a results file like any other: merging into it keeps
# its runs, and a rescan of the tree reuses every unit.
"$P" merge ../imaging-app/s2-0.db ../imaging-app/s2-1.db --db all2.db >/dev/null
runs=$(sqlite3 all2.db "SELECT count(*) FROM runs WHERE status = 'complete'")
[ "$runs" = 2 ] || no "merging into a merged file: $runs complete runs, expected 2"
"$P" scan "$SRC/tests/shards/tree" --db all2.db --format json -o rescan.json 2>/dev/null
python3 -c "
import json, sys
r = json.load(open('rescan.json'))['units']
fresh = [u['file'] for u in r if not u['reused_from_run']]
sys.exit('rescan of the merged file parsed ' + ', '.join(fresh) if fresh else 0)" ||
  no "a rescan of the merged file parsed units again"

# Stored results of an earlier state of the tree: a rescan, and shards
# scanned into the earlier file, report what a fresh scan of the tree does
# (every unit parsed, so that src/u.c is one, and is reused).
cd "$OUT" && mkdir -p history && cd history
cp -r "$SRC/tests/shards/history" now && cp now/main.before.c now/src/main.c
"$P" scan now --no-prefilter --db before.db -o /dev/null 2>/dev/null
cp "$SRC/tests/shards/history/src/main.c" now/src/main.c
"$P" scan now --no-prefilter --db fresh.db --format json -o fresh.json 2>/dev/null
for f in rescan shard0; do cp before.db $f.db; done
"$P" scan now --no-prefilter --db rescan.db --format json -o rescan.json 2>/dev/null
if python3 "$HERE/same_report.py" fresh.json rescan.json >same.txt; then
  echo "history: a rescan over earlier results: $(cat same.txt)"
else
  no "history: a rescan over earlier results: $(cat same.txt)"
fi
"$P" scan now --no-prefilter --shard 0/2 --db shard0.db -o /dev/null 2>/dev/null
"$P" scan now --no-prefilter --shard 1/2 --db shard1.db -o /dev/null 2>/dev/null
"$P" merge shard0.db shard1.db --db merged.db >/dev/null
"$P" report now --db merged.db --format json -o merged.json
if python3 "$HERE/same_report.py" fresh.json merged.json >same.txt; then
  echo "history: shards over earlier results, merged: $(cat same.txt)"
else
  no "history: shards over earlier results, merged: $(cat same.txt)"
fi
grep -q '"inactive": true' fresh.json || no "history: the fixture no longer has the inactive sighting"
python3 -c "import json,sys; sys.exit(0 if any(u['file'] == 'src/u.c' and u['reused_from_run'] for u in json.load(open('rescan.json'))['units']) else 1)" ||
  no "history: the rescan did not reuse src/u.c, so it tests nothing"

[ $fails -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all shard checks passed"
