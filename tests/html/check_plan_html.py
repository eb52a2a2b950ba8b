#!/usr/bin/env python3
"""Check a Portolan plan report (HTML) against the plan JSON it was made from.

usage: check_plan_html.py REPORT.html PLAN.json [--screenshot OUT.png] [--chromium PATH]

Loads REPORT.html in headless Chromium, takes the DOM after its scripts ran
(--dump-dom) and checks it:
  - <body data-rendered> is "ok";
  - the plan JSON embedded in the page equals PLAN.json;
  - the three charts (data-chart="effort", "findings", "waves") each hold an
    <svg>; the effort chart has one bar per scanned system and target, the
    findings chart one segment per scanned system and non-zero category, the
    wave chart one row per wave and one block per planned system;
  - every element with data-check="PATH" shows the number at PATH in the
    JSON (data-value if present, else the one number in its text; within
    0.05, or half a unit of the digits shown when they are coarser), and
    every data-check-text="PATH" element's text equals the string at PATH;
  - the headline numbers (totals, each wave, each costed system) are shown;
  - every system id is in the systems table;
  - the hotspot table holds the top 20 drivers of the chosen targets
    (target.detail.drivers, or the chosen CPU's effort entry), sorted;
  - nothing is loaded from outside the page.
Prints one line per failure and exits 1 if there was any, 0 otherwise.
Without Chromium it says so and exits 1.

PATH syntax: steps joined by "."; a step is a member name optionally
followed by selectors, or a selector alone:
  name          member of an object ("length" of an array is its length)
  [N]           element N of an array
  [key=value]   the one element of an array whose member key equals value
                (compared as text, or as a number when value is numeric)
  ['name']      member of an object whose name may hold any character
e.g. systems[id=imaging].effort[cpu=kunpeng-920].days.likely,
     waves[number=1].cloud_adoption, weights[id=occurrence.sequence].low,
     systems[id=imaging].findings_by_category['SIMD'].
"""

import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

TIMEOUT_S = 60
TOL = 0.05
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
NUM_RE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


# ---------------------------------------------------------------- DOM
class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def text(self):
        out = []

        def walk(n):
            for c in n.children:
                if isinstance(c, str):
                    out.append(c)
                else:
                    walk(c)
        walk(self)
        return "".join(out)

    def iter(self):
        for c in self.children:
            if not isinstance(c, str):
                yield c
                yield from c.iter()

    def find_all(self, pred):
        return [n for n in self.iter() if pred(n)]

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_dom(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


# ---------------------------------------------------------------- paths
class PathError(Exception):
    pass


def parse_path(path):
    """Split PATH into ('key', name) | ('idx', n) | ('sel', key, value) steps."""
    steps, i, n = [], 0, len(path)
    if not path:
        raise PathError("empty path")
    expect_step = True
    while i < n:
        c = path[i]
        if c == ".":
            if expect_step:
                raise PathError("empty step at %d" % i)
            expect_step = True
            i += 1
        elif c == "[":
            if path.startswith("['", i):
                j = path.find("']", i + 2)
                if j < 0:
                    raise PathError("unclosed ['")
                steps.append(("key", path[i + 2:j]))
                i = j + 2
            else:
                j = path.find("]", i + 1)
                if j < 0:
                    raise PathError("unclosed [")
                inner = path[i + 1:j]
                if inner.isdigit():
                    steps.append(("idx", int(inner)))
                elif "=" in inner:
                    k, v = inner.split("=", 1)
                    if not k:
                        raise PathError("empty key in [%s]" % inner)
                    steps.append(("sel", k, v))
                else:
                    raise PathError("bad selector [%s]" % inner)
                i = j + 1
            expect_step = False
        else:
            if not expect_step:
                raise PathError("missing '.' at %d" % i)
            j = i
            while j < n and path[j] not in ".[":
                j += 1
            steps.append(("key", path[i:j]))
            i = j
            expect_step = False
    if expect_step:
        raise PathError("path ends with '.'")
    return steps


def _matches(v, want):
    if isinstance(v, bool) or v is None:
        return str(v).lower() == want.lower() if v is not None else want == "null"
    if isinstance(v, (int, float)):
        try:
            return float(want) == float(v)
        except ValueError:
            return False
    return isinstance(v, str) and v == want


def resolve(doc, path):
    cur = doc
    for st in parse_path(path):
        if st[0] == "key":
            if isinstance(cur, dict) and st[1] in cur:
                cur = cur[st[1]]
            elif isinstance(cur, list) and st[1] == "length":
                cur = len(cur)
            else:
                raise PathError("no member '%s'" % st[1])
        elif st[0] == "idx":
            if not isinstance(cur, list) or st[1] >= len(cur):
                raise PathError("no element [%d]" % st[1])
            cur = cur[st[1]]
        else:
            _, k, v = st
            if not isinstance(cur, list):
                raise PathError("[%s=%s] applied to a non-array" % (k, v))
            hits = [e for e in cur if isinstance(e, dict) and k in e and _matches(e[k], v)]
            if len(hits) != 1:
                raise PathError("[%s=%s] matches %d elements" % (k, v, len(hits)))
            cur = hits[0]
    return cur


# ---------------------------------------------------------------- chromium
def find_chromium(explicit):
    if explicit:
        cands = [explicit]
    elif os.environ.get("PORTOLAN_CHROMIUM"):
        cands = [os.environ["PORTOLAN_CHROMIUM"]]
    else:
        cands = ["chromium", "chromium-browser", "google-chrome"]
    for c in cands:
        if not c:
            continue
        p = shutil.which(c) if os.sep not in c else (c if os.access(c, os.X_OK) else None)
        if p:
            return p
    return None


def run_chromium(exe, extra, url):
    profile = tempfile.mkdtemp(prefix="portolan-chromium-")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
           "--user-data-dir=" + profile, "--virtual-time-budget=5000"] + extra + [url]
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            p.communicate()
            return None, "chromium timed out after %d s" % TIMEOUT_S
        if p.returncode != 0:
            return None, "chromium exited with %d: %s" % (p.returncode, err.decode("utf-8", "replace").strip()[-800:])
        return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ---------------------------------------------------------------- checks
def first_number(s):
    nums = NUM_RE.findall(s)
    return nums


def tol_for(numtext):
    dec = len(numtext.split(".", 1)[1]) if "." in numtext else 0
    return max(TOL, 0.5 * 10 ** (-dec)) + 1e-9


def check(dom, plan, fail):
    body = next((n for n in dom.iter() if n.tag == "body"), None)
    if body is None:
        fail("no <body> in the dumped DOM")
        return
    rendered = body.attrs.get("data-rendered")
    if rendered != "ok":
        fail("body data-rendered is %r, not 'ok'" % rendered)

    # the embedded JSON is the plan we were given
    data = [n for n in dom.iter() if n.tag == "script" and n.attrs.get("id") == "plan-data"]
    if len(data) != 1:
        fail("expected one <script id=plan-data>, found %d" % len(data))
    else:
        try:
            if json.loads(data[0].text()) != plan:
                fail("the plan JSON embedded in the page differs from PLAN.json")
        except ValueError as e:
            fail("the plan JSON embedded in the page does not parse: %s" % e)

    # nothing from outside
    for n in dom.iter():
        for a in ("src", "href", "xlink:href", "data", "action", "srcset", "poster"):
            v = n.attrs.get(a)
            if v and re.match(r"\s*(https?:|ftp:|//|file:)", v, re.I):
                fail("external resource: <%s %s=%r>" % (n.tag, a, v))
        if n.tag == "link" and "stylesheet" in n.attrs.get("rel", ""):
            fail("external stylesheet <link href=%r>" % n.attrs.get("href"))
        if n.tag == "script" and "src" in n.attrs:
            fail("external script <script src=%r>" % n.attrs["src"])
        st = n.attrs.get("style", "")
        if "url(" in st and re.search(r"url\(\s*['\"]?(https?:|//)", st):
            fail("external resource in style: %r" % st)

    # every data-check number and data-check-text string
    checked = set()
    for n in dom.iter():
        path = n.attrs.get("data-check")
        if path is not None:
            checked.add(path)
            try:
                want = resolve(plan, path)
            except PathError as e:
                fail("<%s data-check=%r>: %s" % (n.tag, path, e))
                continue
            if isinstance(want, bool) or not isinstance(want, (int, float)):
                fail("<%s data-check=%r>: the JSON value is not a number: %r" % (n.tag, path, want))
                continue
            if "data-value" in n.attrs:
                try:
                    got = float(n.attrs["data-value"])
                except ValueError:
                    fail("<%s data-check=%r>: data-value %r is not a number" % (n.tag, path, n.attrs["data-value"]))
                    continue
                if not math.isfinite(got) or abs(got - want) > 1e-6 * max(1.0, abs(want)):
                    fail("<%s data-check=%r>: data-value %s, JSON %s" % (n.tag, path, n.attrs["data-value"], want))
                if "data-scale" in n.attrs:
                    nums = first_number(n.text())
                    if len(nums) != 1:
                        fail("<%s data-check=%r>: text %r should show one number" % (n.tag, path, n.text()))
                    else:
                        scaled = want * float(n.attrs["data-scale"])
                        if abs(float(nums[0].replace(",", "")) - scaled) > tol_for(nums[0]):
                            fail("<%s data-check=%r>: shows %s, JSON %s x %s = %s"
                                 % (n.tag, path, nums[0], want, n.attrs["data-scale"], scaled))
            else:
                nums = first_number(n.text())
                if len(nums) != 1:
                    fail("<%s data-check=%r>: text %r should show one number" % (n.tag, path, n.text().strip()))
                    continue
                got = float(nums[0].replace(",", ""))
                if abs(got - want) > tol_for(nums[0]):
                    fail("<%s data-check=%r>: shows %s, JSON %s" % (n.tag, path, nums[0], want))
        tpath = n.attrs.get("data-check-text")
        if tpath is not None:
            try:
                want = resolve(plan, tpath)
            except PathError as e:
                fail("<%s data-check-text=%r>: %s" % (n.tag, tpath, e))
                continue
            if n.text().strip() != str(want).strip():
                fail("<%s data-check-text=%r>: shows %r, JSON %r" % (n.tag, tpath, n.text().strip(), want))

    systems = [s for s in plan.get("systems") or [] if isinstance(s, dict)]
    targets = [t for t in plan.get("targets") or [] if isinstance(t, dict)]
    waves = [w for w in plan.get("waves") or [] if isinstance(w, dict)]

    def spath(s):
        return "systems[id=%s]" % s.get("id")

    # the headline numbers are shown
    required = ["totals.systems", "totals.days.low", "totals.days.likely", "totals.days.high",
                "totals.waves", "totals.weeks"]
    for s in systems:
        if (s.get("scan") or {}).get("status") == "scanned" and s.get("total_days") is not None:
            required.append(spath(s) + ".total_days.likely")
    for w in waves:
        required.append("waves[number=%s].days.likely" % w.get("number"))
    for r in required:
        if r not in checked:
            fail("not shown (no data-check=%r)" % r)

    # charts
    charts = {}
    for name in ("effort", "findings", "waves"):
        els = [n for n in dom.iter() if n.attrs.get("data-chart") == name]
        if len(els) != 1:
            fail("chart %r: expected one element with data-chart=%r, found %d" % (name, name, len(els)))
            continue
        if not any(n.tag == "svg" for n in els[0].iter()):
            fail("chart %r has no <svg>" % name)
        charts[name] = els[0]

    def marks(chart, tag, regex):
        out = []
        for n in chart.iter():
            if n.tag == tag and n.attrs.get("data-check"):
                m = re.fullmatch(regex, n.attrs["data-check"])
                if m:
                    out.append(m.groups())
        return out

    if "effort" in charts:
        got = marks(charts["effort"], "rect", r"systems\[id=(.+?)\]\.effort\[cpu=(.+?)\]\.days\.likely")
        want = [(str(s.get("id")), str(t.get("cpu"))) for s in systems
                if (s.get("scan") or {}).get("status") == "scanned" for t in targets]
        if len(got) != len(want):
            fail("effort chart: %d bars, expected %d (%d scanned systems x %d targets)"
                 % (len(got), len(want), len(want) // max(len(targets), 1) if targets else 0, len(targets)))
        for pair in sorted(set(want) - set(got)):
            fail("effort chart: no bar for system %s on %s" % pair)
        for pair in sorted(set(got) - set(want)):
            fail("effort chart: unexpected bar for system %s on %s" % pair)

    if "findings" in charts:
        got = marks(charts["findings"], "rect", r"systems\[id=(.+?)\]\.findings_by_category\['(.+?)'\]")
        want = [(str(s.get("id")), k) for s in systems if (s.get("scan") or {}).get("status") == "scanned"
                for k, v in (s.get("findings_by_category") or {}).items()
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0]
        if sorted(got) != sorted(want):
            for pair in sorted(set(want) - set(got)):
                fail("findings chart: no segment for system %s, category %s" % pair)
            for pair in sorted(set(got) - set(want)):
                fail("findings chart: unexpected segment for system %s, category %s" % pair)
            if set(got) == set(want):
                fail("findings chart: %d segments, expected %d" % (len(got), len(want)))

    if "waves" in charts:
        rows = {m[0] for m in marks(charts["waves"], "tspan", r"waves\[number=(.+?)\]\.days\.likely")}
        for w in waves:
            if str(w.get("number")) not in rows:
                fail("wave chart: no row for wave %s" % w.get("number"))
        blocks = [m[0] for m in marks(charts["waves"], "rect", r"systems\[id=(.+?)\]\.total_days\.likely")]
        for s in systems:
            wave = s.get("wave")
            n = blocks.count(str(s.get("id")))
            if isinstance(wave, int) and wave > 0 and n != 1:
                fail("wave chart: system %s (wave %s) has %d blocks, expected 1" % (s.get("id"), wave, n))
            if not (isinstance(wave, int) and wave > 0) and n:
                fail("wave chart: unplanned system %s has a block" % s.get("id"))

    # systems table
    tables = [n for n in dom.iter() if n.tag == "table" and n.attrs.get("id") == "systems-table"]
    if systems and len(tables) != 1:
        fail("expected one table#systems-table, found %d" % len(tables))
    elif systems:
        rows = {}
        for tr in tables[0].find_all(lambda n: n.tag == "tr" and "data-system" in n.attrs):
            rows.setdefault(tr.attrs["data-system"], []).append(tr)
        for s in systems:
            sid = str(s.get("id"))
            trs = rows.get(sid, [])
            if len(trs) != 1:
                fail("systems table: %d rows for system %s, expected 1" % (len(trs), sid))
            elif not any(n.text().strip() == sid for n in trs[0].iter()):
                fail("systems table: the row of system %s does not show its id" % sid)

    # hotspots: top 20 drivers of the chosen targets, sorted by likely days
    drivers = []
    for s in systems:
        t = s.get("target")
        if not isinstance(t, dict):
            continue
        eff = t.get("detail") if isinstance(t.get("detail"), dict) else \
            next((e for e in s.get("effort") or [] if isinstance(e, dict) and e.get("cpu") == t.get("cpu")), None)
        for d in (eff or {}).get("drivers") or []:
            if isinstance(d, dict):
                drivers.append(((d.get("days") or {}).get("likely") or 0))
    want = sorted(drivers, reverse=True)[:20]
    tables = [n for n in dom.iter() if n.tag == "table" and n.attrs.get("id") == "hotspots-table"]
    if not want:
        if tables:
            fail("hotspot table shown although there are no drivers")
    elif len(tables) != 1:
        fail("expected one table#hotspots-table, found %d" % len(tables))
    else:
        got = []
        for tr in tables[0].find_all(lambda n: n.tag == "tr" and "data-system" in n.attrs):
            cell = [n for n in tr.iter() if re.fullmatch(r".*\.drivers\[\d+\]\.days\.likely", n.attrs.get("data-check", ""))]
            if len(cell) != 1:
                fail("hotspot row without one likely-days value: %r" % tr.text()[:80])
                continue
            try:
                got.append(resolve(plan, cell[0].attrs["data-check"]))
            except PathError:
                pass  # reported above
        if len(got) != len(want):
            fail("hotspot table: %d rows, expected %d" % (len(got), len(want)))
        if any(a < b for a, b in zip(got, got[1:])):
            fail("hotspot table is not sorted by likely days: %s" % got)
        if sorted(got, reverse=True) != want[:len(got)]:
            fail("hotspot table does not hold the top drivers: %s, expected %s" % (got, want))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report")
    ap.add_argument("plan")
    ap.add_argument("--screenshot", metavar="OUT.png")
    ap.add_argument("--chromium", metavar="PATH", help="browser binary (default: chromium on PATH, or $PORTOLAN_CHROMIUM)")
    args = ap.parse_args()

    failures = []

    def fail(msg):
        failures.append(msg)
        print("FAIL: " + msg)

    try:
        plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print("FAIL: cannot read plan JSON %s: %s" % (args.plan, e))
        return 1
    report = Path(args.report)
    if not report.is_file():
        print("FAIL: no report file %s" % report)
        return 1
    exe = find_chromium(args.chromium)
    if not exe:
        print("FAIL: chromium not found (install the Debian package 'chromium', or set PORTOLAN_CHROMIUM); nothing was checked")
        return 1
    url = report.resolve().as_uri()

    dom_text, err = run_chromium(exe, ["--dump-dom"], url)
    if dom_text is None:
        fail(err)
    elif not dom_text.strip():
        fail("chromium printed no DOM; stderr: %s" % err.strip()[-800:])
    else:
        check(parse_dom(dom_text), plan, fail)

    if args.screenshot:
        shot = Path(args.screenshot).resolve()
        if shot.exists():
            shot.unlink()
        out, err = run_chromium(exe, ["--screenshot=" + str(shot), "--window-size=1400,2400", "--hide-scrollbars"], url)
        if out is None:
            fail("screenshot: " + err)
        elif not shot.is_file():
            fail("screenshot: chromium wrote no %s" % shot)

    if failures:
        print("%d failure(s) in %s" % (len(failures), args.report))
        return 1
    print("ok: %s" % args.report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
