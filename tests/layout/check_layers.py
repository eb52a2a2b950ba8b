#!/usr/bin/env python3
"""Checks the core's layers (docs/ARCHITECTURE.md) from the sources.

Every quoted #include of a core library's file must name its own headers,
the public headers of a library it may use, or the plugin SDK where it may
use that; private headers (in src/) are never reached from another folder.
The build enforces the same through include paths; this test says which
line breaks the drawing, and fails when a library's CMake target links
more than the drawing allows.

usage: check_layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

# Who may use whom, besides itself: the drawing in docs/ARCHITECTURE.md.
ALLOWED = {
    "base": set(),
    "kb": {"base"},
    "store": {"base"},
    "msbuild": {"base"},
    "scan": {"base", "kb", "store", "msbuild", "sdk"},
    "plan": {"base", "kb", "store"},
    "report": {"base", "kb", "store", "plan"},
}
# What each library's CMake target links (PUBLIC or PRIVATE), by alias.
LINKS = re.compile(r"portolan::([a-z-]+)")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def area_of_include(path):
    m = re.match(r"portolan/([a-z]+)/", path)
    return m.group(1) if m else None


def main():
    root = pathlib.Path(sys.argv[1])
    core = root / "core"
    problems = []
    seen = set()
    for area, allowed in ALLOWED.items():
        folder = core / area
        if not folder.is_dir():
            problems.append(f"core/{area}: missing")
            continue
        seen.add(area)
        for f in sorted(folder.rglob("*")):
            if f.suffix not in (".h", ".cpp"):
                continue
            rel = f.relative_to(root)
            text = f.read_text(encoding="utf-8")
            for m in INCLUDE.finditer(text):
                inc = m.group(1)
                line = text.count("\n", 0, m.start()) + 1
                used = area_of_include(inc)
                if used is None and inc.endswith(".inc"):
                    continue  # Generated into the build tree (the HTML page).
                if used is None:
                    # A private header: it must sit in this library's src/
                    # (no climbing out of it with "../").
                    private = (folder / "src" / inc).resolve()
                    if ".." in pathlib.PurePosixPath(inc).parts or not private.is_file():
                        problems.append(f"{rel}:{line}: includes \"{inc}\", not a header of core/{area}/src")
                elif used != area and used not in allowed:
                    problems.append(f"{rel}:{line}: core/{area} may not use {used} (\"{inc}\")")
                elif used == area and not (folder / "include" / inc).is_file():
                    problems.append(f"{rel}:{line}: \"{inc}\" is not a public header of core/{area}")
        cmake = (folder / "CMakeLists.txt").read_text(encoding="utf-8")
        for lib in sorted(set(LINKS.findall(cmake))):
            # The sum of every library, and the SDK where it is not allowed,
            # would reach past the drawing too.
            if lib == "core" or (lib == "sdk" and "sdk" not in allowed) or (
                    lib in ALLOWED and lib != area and lib not in allowed):
                problems.append(f"core/{area}/CMakeLists.txt: links portolan::{lib}, which core/{area} may not use")
    extra = {p.name for p in core.iterdir() if p.is_dir()} - seen
    for name in sorted(extra):
        problems.append(f"core/{name}: a folder the drawing does not name")
    for p in problems:
        print(p)
    checked = len(seen)
    print(f"{checked} libraries checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
