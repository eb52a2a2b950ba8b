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
  * every unit gets -I for the folders its own #includes resolve to
    (through project files, in the order met), then -I<root>, then
    -I<folder> for every other folder holding a header, sorted, leaving out
    folders holding a header named as a system header (stddef.h, limits.h
    ...) as Portolan does;
  * C: -x c -std=gnu11, C++: -x c++ -std=gnu++17;
  * a unit whose includes reach a Windows SDK header (windows.h, winsock2.h,
    tchar.h, ... the list in CompilePlan.cpp) through project files is
    parsed with --target=x86_64-w64-mingw32 -fms-extensions, every other
    one with --target=x86_64-linux-gnu. As in Portolan, a Windows header
    under a Windows conditional (#ifdef _WIN32 ...) does not count; unlike
    Portolan, this script does not tell the branches of that conditional
    apart;
  * Portolan's prefilter (units with no candidate token, or whose candidate
    headers other units cover, are not parsed) is not applied: clang parses
    every unit.
"""
import os
import re
import subprocess
import sys

SOURCE_EXT = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp"}
HEADER_EXT = {".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inl", ".ipp", ".tcc"}
CXX_EXT = {".cc", ".cpp", ".cxx", ".c++", ".C", ".cp"}
SKIP_DIRS = {".git", ".hg", ".svn", ".portolan", "CMakeFiles"}
WINDOWS_SDK = {"windows.h", "windef.h", "winbase.h", "winuser.h", "wingdi.h",
               "winsock.h", "winsock2.h", "ws2tcpip.h", "winreg.h", "objbase.h",
               "ole2.h", "shlobj.h", "commctrl.h", "tchar.h"}
DIRECTIVE_RE = re.compile(r'^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif|include)\b(.*)$')
INCLUDE_RE = re.compile(r'[ \t]*[<"]([^>"]+)[>"]')
WINDOWS_GUARD_RE = re.compile(r'\b(_WIN32|_WIN64|WIN32|_WINDOWS|_MSC_VER)\b')


def scan_includes(text):
    """(name, under_windows_guard) for each #include; an include is under a
    Windows guard when an enclosing #if/#ifdef/#elif names _WIN32, _WIN64,
    WIN32, _WINDOWS or _MSC_VER (either branch: a rough reading)."""
    result, stack = [], []
    for line in text.splitlines():
        m = DIRECTIVE_RE.match(line)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        if kind in ("if", "ifdef", "ifndef"):
            stack.append(bool(WINDOWS_GUARD_RE.search(rest)))
        elif kind == "elif" and stack:
            stack[-1] = stack[-1] or bool(WINDOWS_GUARD_RE.search(rest))
        elif kind == "endif" and stack:
            stack.pop()
        elif kind == "include":
            inc = INCLUDE_RE.match(rest)
            if inc:
                result.append((inc.group(1).strip(), any(stack)))
    return result


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
        includes[rel] = scan_includes(text.decode("utf-8", "replace"))

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
        for inc, _ in incs:
            included.update(resolve(inc, rel))

    memo = {}

    def reaches_windows(rel, stack):
        if rel in memo:
            return memo[rel]
        if rel in stack:
            return False
        stack.add(rel)
        result = False
        for inc, guarded in includes.get(rel, []):
            base = os.path.basename(inc).lower()
            if base in WINDOWS_SDK and not guarded:
                result = True
                break
            if any(reaches_windows(t, stack) for t in resolve(inc, rel)):
                result = True
                break
        stack.discard(rel)
        memo[rel] = result
        return result

    # Every folder holding a header, except one whose headers stand in for
    # the system's (a kernel build's test stubs of stddef.h and limits.h).
    try:
        resource = subprocess.run([os.environ.get("CLANG", "clang-19"), "-print-resource-dir"],
                                  capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        resource = "/usr/lib/llvm-19/lib/clang/19"
    system_dirs = [resource + "/include", "/usr/include", "/usr/include/x86_64-linux-gnu",
                   "/usr/local/include"]
    shadowing = {os.path.dirname(h) for h in headers
                 if any(os.path.exists(os.path.join(d, os.path.basename(h))) for d in system_dirs)}
    inc_dirs = sorted({os.path.dirname(h) for h in headers} - {""} - shadowing)

    def own_dirs(unit):
        """Folders the unit's includes resolve to (through project files), in
        the order met: the -I that makes each include name its file."""
        dirs, seen, todo = [], {unit}, [unit]
        while todo:
            rel = todo.pop(0)
            for inc, _ in includes.get(rel, []):
                for t in resolve(inc, rel):
                    norm = os.path.normpath(inc)
                    if t != norm and t.endswith("/" + norm):
                        d = t[:-len(norm) - 1]
                        if d in shadowing:
                            continue  # not an include folder: <stddef.h> is the system's
                        if d not in dirs:
                            dirs.append(d)
                    if t not in seen:
                        seen.add(t)
                        todo.append(t)
        return dirs
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
            order = []
            for d in own_dirs(rel) + [""] + inc_dirs:
                if d not in order:
                    order.append(d)
            args += ["-I" + (os.path.join(root, d) if d else root) for d in order]
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
