#!/bin/sh
# The project as a user gets it: `cmake --install` into an empty prefix, the
# example plugin built out of tree against the installed SDK
# (find_package(PortolanSDK)) and loaded by the installed executable, then
# `cpack -G DEB`: its dependencies, and the package's own files run.
# Usage: install_and_package.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"

step() { # step NAME COMMAND...: the command's output goes to WORK/NAME.log
  name=$1; shift
  if ! "$@" >"$work/$name.log" 2>&1; then
    echo "install test: $name failed ($*); its log, $work/$name.log, ends:" >&2
    tail -20 "$work/$name.log" >&2
    exit 1
  fi
}
check() { # check WHAT PYTHON-EXPRESSION FILE: the expression over the JSON in FILE
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" ||
    { echo "install test: $1 ($3)" >&2; exit 1; }
}

prefix=$work/prefix
step install cmake --install "$build" --prefix "$prefix"
for f in bin/portolan bin/portolan-kbc share/portolan/kb.sqlite share/doc/portolan/rules.md \
         include/portolan/sdk/Analyzer.h lib/cmake/PortolanSDK/PortolanSDKConfig.cmake \
         lib/portolan/plugins/libportolan-x86-intrinsics.so; do
  [ -f "$prefix/$f" ] || { echo "install test: $prefix/$f not installed" >&2; exit 1; }
done
if grep -rq "$src" "$prefix/lib/cmake/PortolanSDK"; then
  echo "install test: the SDK package names the source tree $src" >&2; exit 1
fi

# The vendor's path: the installed example, built on its own.
step plugin-configure cmake -S "$prefix/share/portolan/examples/plugins/acme-vision" \
  -B "$work/acme" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
step plugin-build cmake --build "$work/acme"
mkdir -p "$work/tree/src"
printf '#include <acme/vision.h>\n#include <immintrin.h>\nvoid f(void) { _mm_pause(); }\n' \
  >"$work/tree/src/app.c"
cd "$work"
step plugins "$prefix/bin/portolan" plugins --plugin-dir "$work/acme" --format json -o plugins.json
check "the installed executable loads its 6 plugins from the prefix and the vendor's" \
  "sum(p['loaded'] and p['path'].startswith('$prefix/lib/portolan/plugins/') for p in d) == 6 and any(p['loaded'] and p['name'] == 'acme-vision' for p in d)" \
  plugins.json
step scan "$prefix/bin/portolan" scan "$work/tree" --db "$work/r.db" --plugin-dir "$work/acme" \
  --format json -o scan.json
check "the out-of-tree plugin's finding and fragment, and a built-in finding" \
  "{f['rule'] for f in d['findings']} >= {'acme.sdk-include', 'x86.intrinsic'} and d['symbols']['AcmeVision SDK']['known'] and d['summary']['kb_version']" \
  scan.json

# The Debian package.
step cpack cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/package"
deb=$(ls "$work"/package/portolan_*.deb)
step deb-info dpkg-deb --info "$deb"
for dep in libclang-common-19-dev mingw-w64-x86-64-dev libc++-19-dev libstdc++-12-dev libsqlite3-0; do
  grep -q "^ Depends:.*$dep" "$work/deb-info.log" ||
    { echo "install test: $deb does not depend on $dep" >&2; cat "$work/deb-info.log" >&2; exit 1; }
done
step deb-extract dpkg-deb -x "$deb" "$work/root"
step deb-scan "$work/root/usr/bin/portolan" scan "$work/root/usr/share/doc/portolan/examples/imaging-app" \
  --db "$work/deb.db" --format json -o deb-scan.json
check "the packaged executable scans the packaged example with its knowledge base" \
  "len(d['findings']) > 50 and d['summary']['kb_version'] and all(p['path'].startswith('$work/root/usr/lib/portolan/plugins/') for p in d['plugins'])" \
  deb-scan.json
echo "installed, plugin built out of tree and loaded; $(basename "$deb") $(grep '^ Installed-Size' "$work/deb-info.log")"
