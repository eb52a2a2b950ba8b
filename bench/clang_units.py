#!/usr/bin/env python3
"""Plan `clang -fsyntax-only` runs over a source tree, approximating the
commands Portolan infers when a tree has no compile_commands.json, and count
the tree's C/C++ files and lines.

    clang_units.py ROOT OUTDIR

Writes OUTDIR/rsp/<n>.rsp (one clang response file per unit), OUTDIR/units.txt
(one "@<rsp>" line per unit, for xargs) and prints one line of key=value
counts. Standard library only (Debian's python3 is enough).

What is approximated (Portolan's CompilePlan.cpp does the real thing; it is
not exposed on the command line):
  * sources and headers are the same extensions Portolan discovers, in the
    same folders it walks (.git, .hg, .svn, .portolan, CMakeFiles and
    folders holding CMakeCache.txt skipped);
  * a source that another file #includes is not a unit, as
    Portolan defers such sources to their includer;
  * every unit gets -I<root> and -I<folder> for every folder holding a
    header, sorted (Portolan puts the unit's own include folders first and
    leaves out folders whose headers shadow system headers);
  * C: -x c -std=gnu11, C++: -x c++ -std=gnu++17;
  * a unit whose includes reach a Windows SDK header (windows.h, winsock2.h,
    tchar.h, ... the list in CompilePlan.cpp) through project files is
    parsed with --target=x86_64-w64-mingw32 -fms-extensions, every other
    one with --target=x86_64-linux-gnu. Portolan ignores a
    Windows header under #ifdef _WIN32 for this choice; this script does not
    look at conditionals;
  * Portolan's prefilter (units with no candidate token, or whose candidate
    headers other units cover, are not parsed) is not applied: clang parses
    every unit.
"""
import os
import re
import sys

SOURCE_EXT = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp"}
HEADER_EXT = {".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inl", ".ipp", ".tcc"}
CXX_EXT = {".cc", ".cpp", ".cxx", ".c++", ".C", ".cp"}
SKIP_DIRS = {".git", ".hg", ".svn", ".portolan", "CMakeFiles"}
WINDOWS_SDK = {"windows.h", "windef.h", "winbase.h", "winuser.h", "wingdi.h",
               "winsock.h", "winsock2.h", "ws2tcpip.h", "winreg.h", "objbase.h",
               "ole2.h", "shlobj.h", "commctrl.h", "tchar.h"}
INCLUDE_RE = re.compile(rb'^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]', re.M)


def ext_of(name):
    return os.path.splitext(name)[1]


def main():
    root = os.path.abspath(sys.argv[1])
    out = sys.argv[2]
    sources, headers = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        if os.path.exists(os.path.join(dirpath, "CMakeCache.txt")):
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for f in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, f), root)
            if ext_of(f) in SOURCE_EXT:
                sources.append(rel)
            elif ext_of(f) in HEADER_EXT:
                headers.append(rel)

    by_name = {}
    lines = 0
    includes = {}
    for rel in sources + headers:
        by_name.setdefault(os.path.basename(rel).lower(), []).append(rel)
        with open(os.path.join(root, rel), "rb") as fh:
            text = fh.read()
        lines += text.count(b"\n") + (0 if text.endswith(b"\n") or not text else 1)
        includes[rel] = [m.group(1).decode("utf-8", "replace").strip()
                         for m in INCLUDE_RE.finditer(text)]

    known = set(includes)

    def resolve(inc, rel):
        """Project files an #include names: next to the includer, else from
        the root, else any file whose path ends with the included path (as
        -I<every header folder> finds it)."""
        near = os.path.normpath(os.path.join(os.path.dirname(rel), inc))
        if near in known:
            return [near]
        if os.path.normpath(inc) in known:
            return [os.path.normpath(inc)]
        tail = "/" + os.path.normpath(inc).lower()
        return [t for t in by_name.get(os.path.basename(inc).lower(), [])
                if ("/" + t.lower()).endswith(tail)]

    included = set()
    for rel, incs in includes.items():
        for inc in incs:
            included.update(resolve(inc, rel))

    memo = {}

    def reaches_windows(rel, stack):
        if rel in memo:
            return memo[rel]
        if rel in stack:
            return False
        stack.add(rel)
        result = False
        for inc in includes.get(rel, []):
            base = os.path.basename(inc).lower()
            if base in WINDOWS_SDK:
                result = True
                break
            if any(reaches_windows(t, stack) for t in resolve(inc, rel)):
                result = True
                break
        stack.discard(rel)
        memo[rel] = result
        return result

    inc_dirs = sorted({os.path.join(root, os.path.dirname(h)) for h in headers} - {root})
    os.makedirs(os.path.join(out, "rsp"), exist_ok=True)
    units = [s for s in sources if s not in included]
    deferred = len(sources) - len(units)
    n_win = n_cxx = 0
    with open(os.path.join(out, "units.txt"), "w") as listing:
        for i, rel in enumerate(units):
            cxx = ext_of(rel) in CXX_EXT
            win = reaches_windows(rel, set())
            n_win += win
            n_cxx += cxx
            args = ["-x", "c++" if cxx else "c", "-std=gnu++17" if cxx else "-std=gnu11"]
            args += ["--target=x86_64-w64-mingw32", "-fms-extensions"] if win else \
                ["--target=x86_64-linux-gnu"]
            args += ["-I" + root] + ["-I" + d for d in inc_dirs]
            args.append(os.path.join(root, rel))
            rsp = os.path.join(out, "rsp", "%d.rsp" % i)
            with open(rsp, "w") as fh:
                fh.write("\n".join('"%s"' % a.replace("\\", "\\\\").replace('"', '\\"')
                                   for a in args) + "\n")
            listing.write("@" + rsp + "\n")
    print("sources=%d headers=%d files=%d lines=%d units=%d deferred=%d "
          "windows_units=%d cxx_units=%d include_dirs=%d"
          % (len(sources), len(headers), len(sources) + len(headers), lines,
             len(units), deferred, n_win, n_cxx, len(inc_dirs) + 1))


if __name__ == "__main__":
    main()
