#!/usr/bin/python3
# pseudonym-check.py: checks a pseudonymised copy against its project with Python's sqlite3,
# independently of Shirabe's own matching
#
#   pseudonym-check.py PROJECT COPY NAMES.json
#
# NAMES.json is [[real, pseudonym], …] (names as the sample writes them, Latin ones matched in
# any case at word boundaries, others anywhere; longest first). Each narrative's text is
# rewritten here, each coding moved by a recomputation code point by code point, and both are
# compared with the copy. Prints {"narratives": N, "codings": N, "widened": N, "leaks": […]}
# and exits 1 on the first difference.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sqlite3
import sys


def pattern_for(names):
    parts = []
    for real, _ in sorted(names, key=lambda n: -len(n[0])):
        if re.match(r'[A-Za-z]', real):
            parts.append(r'(?<![A-Za-z0-9])' + re.escape(real) + r'(?![A-Za-z0-9])')
        else:
            parts.append(re.escape(real))
    return re.compile('|'.join(parts), re.IGNORECASE)


def rewrite(text, names, pattern):
    """The rewritten text and, per code point of @text, its [start, end) in it."""
    lookup = {real.lower(): pseudonym for real, pseudonym in names}
    out = []
    image = []
    at = 0
    last = 0
    for match in pattern.finditer(text):
        for _ in text[last:match.start()]:
            image.append((at, at + 1))
            at += 1
        out.append(text[last:match.start()])
        pseudonym = lookup[match.group(0).lower()]
        for _ in match.group(0):
            image.append((at, at + len(pseudonym)))
        at += len(pseudonym)
        out.append(pseudonym)
        last = match.end()
    for _ in text[last:]:
        image.append((at, at + 1))
        at += 1
    out.append(text[last:])
    return ''.join(out), image


def main():
    project, copy, names_file = sys.argv[1:4]
    with open(names_file, encoding='utf-8') as f:
        names = json.load(f)
    pattern = pattern_for(names)
    source = sqlite3.connect('file:' + project + '?mode=ro', uri=True)
    target = sqlite3.connect('file:' + copy + '?mode=ro', uri=True)
    report = {'narratives': 0, 'codings': 0, 'widened': 0, 'leaks': []}

    for uuid, text in source.execute('SELECT uuid, text FROM narrative'):
        expected, image = rewrite(text, names, pattern)
        (got,) = target.execute('SELECT text FROM narrative WHERE uuid = ?', (uuid,)).fetchone()
        if got != expected:
            print('narrative %s differs' % uuid, file=sys.stderr)
            sys.exit(1)
        report['narratives'] += 1
        for coding, start, end in source.execute(
                'SELECT c.uuid, c.start, c.end FROM coding c JOIN narrative n'
                ' ON n.id = c.narrative_id WHERE n.uuid = ?', (uuid,)):
            want = (min(image[p][0] for p in range(start, end)),
                    max(image[p][1] for p in range(start, end)))
            got = target.execute('SELECT start, end FROM coding WHERE uuid = ?',
                                 (coding,)).fetchone()
            if tuple(got) != want:
                print('coding %s: [%d, %d) went to %s, not %s' % (coding, start, end, got, want),
                      file=sys.stderr)
                sys.exit(1)
            if want[1] - want[0] != end - start or expected[want[0]:want[1]] != text[start:end]:
                report['widened'] += 1
            report['codings'] += 1

    # Every text of every table of the copy: no name, in any case.
    tables = [r[0] for r in target.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'narrative_fts%'")]
    for table in tables:
        for row in target.execute('SELECT * FROM "%s"' % table):
            for value in row:
                if isinstance(value, str) and pattern.search(value):
                    report['leaks'].append([table, pattern.search(value).group(0)])
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(1 if report['leaks'] else 0)


main()
