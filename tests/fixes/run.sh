#!/bin/sh
# A golden test of one class of --export-fixes: the scan's fixes for
# CLASS/input.c, applied by clang-apply-replacements, give CLASS/expected.c,
# which compiles for aarch64 with Clang 19 where the input does not.
# Usage: run.sh PORTOLAN CLASS_DIR WORK_DIR
set -eu
portolan=$1 class=$2 work=$3
rm -rf "$work" && mkdir -p "$work/src"
cp "$class/input.c" "$work/src/input.c"
aarch64() { clang-19 -fsyntax-only --target=aarch64-linux-gnu -Werror=implicit-function-declaration "$@"; }
if aarch64 "$work/src/input.c" 2>/dev/null; then
  echo "fixes: $class/input.c already compiles for aarch64: nothing to show" >&2; exit 1
fi
# Parsed as Windows (mingw-w64), as a Visual C++ project's files are.
"$portolan" scan "$work/src" --platform windows --db "$work/r.db" --in-process \
  --export-fixes "$work/fixes.yaml" -o "$work/report.txt"
clang-apply-replacements-19 "$work"
if ! diff -u "$class/expected.c" "$work/src/input.c"; then
  echo "fixes: applied fixes differ from $class/expected.c" >&2; exit 1
fi
aarch64 "$work/src/input.c"
echo "fixes of $(basename "$class"): $(grep -c DiagnosticName "$work/fixes.yaml") applied; compiles for aarch64"
