#!/bin/sh
# check_manifests.py does fail: on a copy of deploy/ whose shard Job tells
# its pods another N (SHARDS) than it runs (completions).
#   refuses_wrong_manifest.sh SOURCE_DIR WORK_DIR
set -eu
src=$1 work=$2
rm -rf "$work" && mkdir -p "$work/cmake" "$work/tools"
cp -r "$src/deploy" "$work/"
cp "$src/CMakePresets.json" "$work/"
cp "$src/cmake/PortolanInstall.cmake" "$work/cmake/"
cp "$src/tools/setup-debian.sh" "$work/tools/"
python3 "$(dirname "$0")/check_manifests.py" "$work" >/dev/null ||
  { echo "the unchanged copy does not pass"; exit 1; }
sed -i 's/value: "4"/value: "3"/' "$work/deploy/k8s/scan-job.yaml"
if python3 "$(dirname "$0")/check_manifests.py" "$work"; then
  echo "a shard Job whose SHARDS is not its completions passed"; exit 1
fi
