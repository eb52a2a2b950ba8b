#!/usr/bin/env bash
# Fetch the two regex-based porting scanners that bench/run-bench.sh compares
# Portolan with, at pinned commits, and check that Debian's python3 can run
# them with Debian's python3-* packages only (no pip, no PyPI).
#
#   bench/fetch-tools.sh            fetch, then check the Python modules
#   APT=1 bench/fetch-tools.sh      also apt-get install the Debian packages
#
# Checkouts go to $BENCH_TOOLS/<name> (BENCH_TOOLS defaults to
# /work/bench-tools), with <name>.commit beside them. The commit comes from
# $MIRROR_ROOT/<owner>+<repo>/repo (a bare git directory, default
# /work/.mirror) when it holds it, otherwise from GitHub with
# `git fetch --depth 1 origin <commit>`. Nothing of the tools is committed to
# Portolan; rerun this script to bring them back.
#
# Debian packages (bookworm) each tool needs, and why:
#   AWS Porting Advisor for Graviton (requirements.txt: Jinja2, MarkupSafe,
#   packaging, progressbar33, pyparsing, XlsxWriter, altgraph):
#     python3-jinja2 python3-markupsafe python3-packaging python3-progressbar
#     python3-pyparsing python3-xlsxwriter
#     (altgraph is only for its PyInstaller build; python3-progressbar 2.5
#     has the ProgressBar/UnknownLength/widgets API of progressbar33 2.4.)
#   migrate-ease (requirements.txt: jinja2, ruamel_yaml, pycryptodome, gitdb,
#   GitPython, lxml, python-magic, flask, requests, ar):
#     python3-jinja2 python3-ruamel.yaml python3-pycryptodome python3-gitdb
#     python3-git python3-lxml python3-magic python3-flask python3-requests
#     python3-pip
#     Two of its requirements cannot be met from Debian, and its start-up
#     check (common/preflight.py, run when common/main.py is imported) exits 1
#     when any requirement fails to import:
#       - `ar` (PyPI package "ar", `from ar import Archive`) is not packaged
#         by Debian (python3-arpy is a different module with another API);
#       - `Crypto`: Debian's python3-pycryptodome installs the package as
#         `Cryptodome`, not `Crypto`.
#     Neither is used by the C/C++ scanner (`python3 -m cpp`): `ar` is only
#     imported by common/binary_tools.py for the Go/Python/Rust link-library
#     scanners, and nothing imports Crypto. This script therefore writes two
#     stub modules to $BENCH_TOOLS/shims (ar.py: an Archive class that raises
#     if used; Crypto/__init__.py: re-exports Cryptodome), which
#     run-bench.sh puts on PYTHONPATH. The tool itself is not modified.
#     The pip check wants `python3 -m pip` (python3-pip) and `pip show
#     python-magic`, which finds Debian's python3-magic.
set -euo pipefail

BENCH_TOOLS=${BENCH_TOOLS:-/work/bench-tools}
MIRROR_ROOT=${MIRROR_ROOT:-/work/.mirror}
PY=${PY:-/usr/bin/python3}

TOOLS=(
  "porting-advisor aws/porting-advisor-for-graviton d5d5890ac2ba78de43a070be5d8097c77b3bc15a"
  "migrate-ease    migrate-ease/migrate-ease       e92c735f4bdfbe09e96aea7dd5b404f05d07f6fb"
)
APT_PACKAGES=(python3-jinja2 python3-markupsafe python3-packaging python3-progressbar
  python3-pyparsing python3-xlsxwriter python3-ruamel.yaml python3-pycryptodome
  python3-gitdb python3-git python3-lxml python3-magic python3-flask python3-requests
  python3-pip)

mkdir -p "$BENCH_TOOLS"
for line in "${TOOLS[@]}"; do
  read -r name repo commit <<<"$line"
  dest=$BENCH_TOOLS/$name
  if [[ -z "${FORCE:-}" && -d "$dest" && "$(cat "$dest.commit" 2>/dev/null)" == "$commit" ]]; then
    echo "$name: already at $commit"
    continue
  fi
  rm -rf "$dest" "$dest.commit"
  mkdir -p "$dest"
  mirror=$MIRROR_ROOT/${repo/\//+}/repo
  [[ -d "$mirror/.git" ]] && mirror=$mirror/.git
  if git --git-dir="$mirror" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$name: $commit from $mirror"
    gd=$mirror
  else
    echo "$name: $commit from https://github.com/$repo"
    gd=$(mktemp -d)
    git --git-dir="$gd" init -q --bare
    git --git-dir="$gd" fetch -q --depth 1 "https://github.com/$repo" "$commit"
  fi
  # Snapshots leave out files of 4 MiB and more (here a test .so of
  # migrate-ease): skip blobs the object store lacks instead of failing.
  excludes=()
  while read -r _ type hash path; do
    [[ "$type" == blob ]] || continue
    if ! git --git-dir="$gd" cat-file -e "$hash" 2>/dev/null; then
      echo "  (absent from the object store, skipped: $path)"
      excludes+=(":(exclude)$path")
    fi
  done < <(git --git-dir="$gd" ls-tree -r "$commit")
  git --git-dir="$gd" archive --format=tar "$commit" -- . "${excludes[@]}" 2>/dev/null | tar -x -C "$dest"
  [[ "$gd" == "$mirror" ]] || rm -rf "$gd"
  echo "$commit" >"$dest.commit"
done

# Stubs for migrate-ease's start-up check (see above).
mkdir -p "$BENCH_TOOLS/shims/Crypto"
cat >"$BENCH_TOOLS/shims/ar.py" <<'EOF'
# Stub written by Portolan's bench/fetch-tools.sh: the PyPI package "ar" is not
# in Debian. migrate-ease's C/C++ scanner never uses it; only its start-up
# check imports it. Using it fails loudly.
class Archive:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("ar stub (bench/fetch-tools.sh): the 'ar' package is not installed")
EOF
cat >"$BENCH_TOOLS/shims/Crypto/__init__.py" <<'EOF'
# Stub written by Portolan's bench/fetch-tools.sh: Debian's python3-pycryptodome
# installs the package as Cryptodome; migrate-ease's start-up check imports Crypto.
from Cryptodome import *  # noqa: F401,F403
EOF

if [[ -n "${APT:-}" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
fi

ok=1
"$PY" -c 'import jinja2, markupsafe, packaging.version, progressbar, progressbar.widgets, pyparsing, xlsxwriter' ||
  { echo "porting-advisor: missing Debian packages; run: apt-get install ${APT_PACKAGES[*]}" >&2; ok=0; }
"$PY" -c 'import jinja2, ruamel.yaml, Cryptodome, gitdb, git, lxml, magic, flask, requests, pip' ||
  { echo "migrate-ease: missing Debian packages; run: apt-get install ${APT_PACKAGES[*]}" >&2; ok=0; }
(cd "$BENCH_TOOLS/porting-advisor/src" && "$PY" porting-advisor.py --version) || ok=0
(cd "$BENCH_TOOLS/migrate-ease" && PYTHONPATH="$BENCH_TOOLS/migrate-ease:$BENCH_TOOLS/shims" "$PY" -m cpp --version) || ok=0
[[ $ok == 1 ]] && echo "both tools run with $PY ($("$PY" --version 2>&1))"
