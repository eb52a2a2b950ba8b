#!/usr/bin/env python3
"""The harness's Markdown table from score.py's --json files: one row per tree
and class, then the pooled rows (counts summed over the trees)."""

import json
import sys

ORDER = ('intrinsic', 'asm', 'win32')


def pct(num, den):
    return '—' if den == 0 else '%.1f%%' % (100.0 * num / den)


def cells(part):
    return [str(part['truth']), str(part['found']), pct(part['truth_matched'], part['truth']),
            pct(part['found_matched'], part['found'])]


def main(paths):
    docs = []
    for p in paths:
        with open(p) as f:
            docs.append(json.load(f))
    print('| tree | class | truth | found | recall | precision '
          '| recall active | precision active | recall inactive | precision inactive |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    pooled = {c: {part: {'truth': 0, 'found': 0, 'truth_matched': 0, 'found_matched': 0}
                  for part in ('active', 'inactive', 'both')} for c in ORDER}

    def row(name, cls, table):
        b, a, n = table['both'], table['active'], table['inactive']
        print('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            name, cls, *cells(b), pct(a['truth_matched'], a['truth']),
            pct(a['found_matched'], a['found']), pct(n['truth_matched'], n['truth']),
            pct(n['found_matched'], n['found'])))

    for doc in docs:
        for cls in ORDER:
            t = doc['classes'][cls]
            if t['both']['truth'] == 0 and t['both']['found'] == 0:
                continue
            row(doc['name'], cls, t)
            for part in pooled[cls]:
                for k in pooled[cls][part]:
                    pooled[cls][part][k] += t[part][k]
    for cls in ORDER:
        row('**pooled**', cls, pooled[cls])


if __name__ == '__main__':
    main(sys.argv[1:])
