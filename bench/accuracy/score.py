#!/usr/bin/env python3
"""Score a Portolan JSON report against the truth of bench/accuracy/truth.py.

    score.py TRUTH.json REPORT.json [--name NAME] [--json OUT] [--misses N]

Classes and the Portolan rules counted in each:

  intrinsic  x86.intrinsic, x86.builtin, msvc.intrinsic, msvc.assume,
             msvc.debugbreak, msvc.noop (Microsoft intrinsics too)
  asm        x86.inline-asm, x86.compiler-barrier (an asm statement too)
  win32      win32.api, win32.crt, msvc.secure-crt, msvc.alloca

A finding matches a truth site of its class at the same file, line and
column; what is left on either side is then matched by file and line (the two
may point at different columns of one call: a macro's name or its argument).
Each site and each finding is matched at most once. Recall is matched truth
sites over truth sites; precision is matched findings over findings. "active"
splits both sides by their own flag: a truth site is active when the
configuration its unit is built in saw it, a finding when Portolan did not
mark it inactive. The whole (both) is the figure the targets are about.
"""

import argparse
import collections
import json
import sys

CLASSES = {
    'x86.intrinsic': 'intrinsic', 'x86.builtin': 'intrinsic', 'msvc.intrinsic': 'intrinsic',
    'msvc.assume': 'intrinsic', 'msvc.debugbreak': 'intrinsic', 'msvc.noop': 'intrinsic',
    'x86.inline-asm': 'asm', 'x86.compiler-barrier': 'asm',
    'win32.api': 'win32', 'win32.crt': 'win32', 'msvc.secure-crt': 'win32', 'msvc.alloca': 'win32',
}
ORDER = ('intrinsic', 'asm', 'win32')


def match(truth, found):
    """truth, found: lists of (file, line, column, cls, active, name). Returns
    the matched flags of each side."""
    t_hit, f_hit = [False] * len(truth), [False] * len(found)
    for keyf in (lambda s: (s[0], s[1], s[2], s[3]), lambda s: (s[0], s[1], s[3])):
        free = collections.defaultdict(list)
        for i, s in enumerate(truth):
            if not t_hit[i]:
                free[keyf(s)].append(i)
        for j, f in enumerate(found):
            if f_hit[j]:
                continue
            slot = free.get(keyf(f))
            if slot:
                t_hit[slot.pop()] = True
                f_hit[j] = True
    return t_hit, f_hit


def ratio(num, den):
    return None if den == 0 else num / den


def score(truth_doc, report_doc):
    truth = [(s['file'], s['line'], s['column'], s['class'], s['active'], '/'.join(s['names']))
             for s in truth_doc['sites']]
    seen = set()
    found = []
    for f in report_doc['findings']:
        cls = CLASSES.get(f['rule'])
        if not cls:
            continue
        key = (f['file'], f['line'], f['column'], cls)
        if key in seen:  # two rules of one class at one place are one site
            continue
        seen.add(key)
        found.append((f['file'], f['line'], f['column'], cls, not f['inactive'], f['symbol']))
    t_hit, f_hit = match(truth, found)
    table = {}
    for cls in ORDER:
        row = {}
        for part, want in (('active', True), ('inactive', False), ('both', None)):
            ti = [i for i, s in enumerate(truth) if s[3] == cls and (want is None or s[4] == want)]
            fj = [j for j, f in enumerate(found) if f[3] == cls and (want is None or f[4] == want)]
            row[part] = {'truth': len(ti), 'found': len(fj),
                         'truth_matched': sum(t_hit[i] for i in ti),
                         'found_matched': sum(f_hit[j] for j in fj)}
        table[cls] = row
    misses = [truth[i] for i in range(len(truth)) if not t_hit[i]]
    extras = [found[j] for j in range(len(found)) if not f_hit[j]]
    return table, misses, extras


def fmt(num, den):
    r = ratio(num, den)
    return '—' if r is None else '%.1f%%' % (100 * r)


def print_table(name, table, out=sys.stdout):
    for cls in ORDER:
        b = table[cls]['both']
        a = table[cls]['active']
        n = table[cls]['inactive']
        print('%-10s %-9s truth %6d found %6d  recall %6s precision %6s  | active %s/%s  inactive %s/%s'
              % (name, cls, b['truth'], b['found'], fmt(b['truth_matched'], b['truth']),
                 fmt(b['found_matched'], b['found']),
                 fmt(a['truth_matched'], a['truth']), fmt(a['found_matched'], a['found']),
                 fmt(n['truth_matched'], n['truth']), fmt(n['found_matched'], n['found'])),
              file=out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('truth')
    ap.add_argument('report')
    ap.add_argument('--name', default='')
    ap.add_argument('--json', help='write the counts here')
    ap.add_argument('--misses', type=int, default=0,
                    help='print this many missed sites and unmatched findings of each class')
    opts = ap.parse_args()
    with open(opts.truth) as f:
        truth_doc = json.load(f)
    with open(opts.report) as f:
        report_doc = json.load(f)
    table, misses, extras = score(truth_doc, report_doc)
    print_table(opts.name or truth_doc.get('root', ''), table)
    if opts.misses:
        for cls in ORDER:
            for label, rows in (('missed', misses), ('extra', extras)):
                rows = [r for r in rows if r[3] == cls]
                for r in rows[:opts.misses]:
                    print('  %s %s %s:%d:%d %s%s' % (label, cls, r[0], r[1], r[2], r[5],
                                                     '' if r[4] else ' (inactive)'))
                if len(rows) > opts.misses:
                    print('  ... %d more %s %s' % (len(rows) - opts.misses, label, cls))
    if opts.json:
        with open(opts.json, 'w') as f:
            json.dump({'name': opts.name, 'classes': table}, f, indent=1)


if __name__ == '__main__':
    main()
