#!/usr/bin/env python3
"""The accuracy harness's scorer (bench/accuracy/score.py and table.py):
matching, the classes it counts, and the pooled table."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, '..', '..', 'bench', 'accuracy')
sys.path.insert(0, BENCH)

import score  # noqa: E402


def site(file, line, col, cls, active=True, name='n'):
    return {'file': file, 'line': line, 'column': col, 'class': cls, 'names': [name],
            'configs': ['linux'], 'active': active}


def finding(file, line, col, rule, inactive=False, symbol='n'):
    return {'file': file, 'line': line, 'column': col, 'rule': rule, 'inactive': inactive,
            'symbol': symbol}


class ScoreTest(unittest.TestCase):
    def test_exact_then_line_matching_each_side_once(self):
        truth = {'sites': [site('a.c', 1, 5, 'intrinsic'), site('a.c', 1, 20, 'intrinsic'),
                           site('a.c', 2, 3, 'intrinsic'), site('b.c', 9, 1, 'asm')]}
        report = {'findings': [
            finding('a.c', 1, 5, 'x86.intrinsic'),      # exact
            finding('a.c', 2, 9, 'x86.builtin'),        # same line, other column
            finding('a.c', 2, 11, 'msvc.intrinsic'),    # nothing left on line 2
            finding('b.c', 9, 1, 'x86.compiler-barrier'),
            finding('b.c', 9, 1, 'win32.api'),          # other class: no match
            finding('c.c', 1, 1, 'x86.vector-type'),    # not counted at all
        ]}
        table, misses, extras = score.score(truth, report)
        self.assertEqual(table['intrinsic']['both'],
                         {'truth': 3, 'found': 3, 'truth_matched': 2, 'found_matched': 2})
        self.assertEqual(table['asm']['both']['truth_matched'], 1)
        self.assertEqual(table['win32']['both'],
                         {'truth': 0, 'found': 1, 'truth_matched': 0, 'found_matched': 0})
        self.assertEqual([(m[0], m[1], m[2]) for m in misses], [('a.c', 1, 20)])
        self.assertEqual(sorted((e[0], e[1], e[2]) for e in extras), [('a.c', 2, 11), ('b.c', 9, 1)])

    def test_active_and_inactive_are_split_by_each_sides_flag(self):
        truth = {'sites': [site('a.c', 1, 1, 'win32', active=True),
                           site('a.c', 2, 1, 'win32', active=False)]}
        report = {'findings': [finding('a.c', 1, 1, 'win32.api', inactive=True),
                               finding('a.c', 2, 1, 'win32.crt', inactive=True)]}
        table, _, _ = score.score(truth, report)
        self.assertEqual(table['win32']['active'],
                         {'truth': 1, 'found': 0, 'truth_matched': 1, 'found_matched': 0})
        self.assertEqual(table['win32']['inactive'],
                         {'truth': 1, 'found': 2, 'truth_matched': 1, 'found_matched': 2})

    def test_two_rules_of_one_class_at_one_place_are_one_finding(self):
        truth = {'sites': [site('a.c', 1, 1, 'intrinsic')]}
        report = {'findings': [finding('a.c', 1, 1, 'x86.intrinsic'),
                               finding('a.c', 1, 1, 'msvc.intrinsic')]}
        table, _, extras = score.score(truth, report)
        self.assertEqual(table['intrinsic']['both']['found'], 1)
        self.assertEqual(extras, [])

    def test_table_pools_the_counts(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for name, hit in (('one', 1), ('two', 0)):
                part = {'truth': 1, 'found': 1, 'truth_matched': hit, 'found_matched': hit}
                empty = {'truth': 0, 'found': 0, 'truth_matched': 0, 'found_matched': 0}
                doc = {'name': name, 'classes': {
                    'intrinsic': {'active': part, 'inactive': empty, 'both': part},
                    'asm': {'active': empty, 'inactive': empty, 'both': empty},
                    'win32': {'active': empty, 'inactive': empty, 'both': empty}}}
                path = os.path.join(tmp, name + '.json')
                with open(path, 'w') as f:
                    json.dump(doc, f)
                paths.append(path)
            out = subprocess.run([sys.executable, os.path.join(BENCH, 'table.py')] + paths,
                                 check=True, capture_output=True, text=True).stdout
        rows = [l for l in out.splitlines() if l.startswith('| **pooled** | intrinsic')]
        self.assertEqual(len(rows), 1)
        self.assertIn('| 2 | 2 | 50.0% | 50.0% |', rows[0])
        self.assertNotIn('| one | asm', out)  # a class with nothing on either side is left out


if __name__ == '__main__':
    unittest.main()
