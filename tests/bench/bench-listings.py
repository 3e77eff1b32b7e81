#!/usr/bin/python3
# bench-listings.py: `shirabe-cli codings --json` on a large study, against `sqlite3 -json`
#
#   bench-listings.py SHIRABE-CLI FOLDER [RUNS]
#
# On the 10,000-narrative / 500,000-coding study and on the 30,000-narrative / 1,500,000-coding
# one (both generated into FOLDER once, then reused), runs `shirabe-cli codings PROJECT --json`
# and `--jsonl` to /dev/null RUNS times (default 3) and prints the median time and the peak
# resident memory of the process; beside it, the floor: SQLite's own shell printing the same
# columns as JSON (`sqlite3 -json`, the excerpt cut with substr()). Goals (issue 19): peak RSS
# flat and at most 32 MB on both, time within 1.5 times the floor.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import statistics
import subprocess
import sys
import time

FLOOR_SQL = """
SELECT g.id, g.uuid, g.narrative_id, n.title AS narrative_title, g.code_id,
       c.label_en AS code_path_en, c.label_ja AS code_path_ja, c.var_name, g.coder_id,
       d.name AS coder_name, g.start, g.end,
       substr(n.text, g.start + 1, g.end - g.start) AS excerpt, g.memo, g.created_at
FROM coding g JOIN narrative n ON n.id = g.narrative_id JOIN coder d ON d.id = g.coder_id
JOIN code c ON c.id = g.code_id ORDER BY g.narrative_id, g.start, g.end, g.id;
"""


def measure(argv, runs, stdin=None):
    """Median time and peak RSS (MB) over @runs runs, each in a process of its own."""
    times, peaks = [], []
    for _ in range(runs):
        with open(os.devnull, 'wb') as out:
            start = time.monotonic()
            process = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else None,
                                       stdout=out)
            if stdin:
                process.stdin.write(stdin.encode())
                process.stdin.close()
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.monotonic() - start)
            peaks.append(usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f'{" ".join(argv)} failed')
    return statistics.median(times), max(peaks)


def main():
    cli, folder = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    sqlite3 = shutil.which('sqlite3')
    os.makedirs(folder, exist_ok=True)
    studies = [(10000, 500000, 1), (30000, 1500000, 3)]
    for narratives, codings, seed in studies:
        project = os.path.join(folder, f'bench-listings-{narratives}.shirabe')
        if not os.path.exists(project):
            print(f'generating {project} (once)', flush=True)
            start = time.monotonic()
            subprocess.run([cli, 'generate', project, '--narratives', str(narratives),
                            '--codings', str(codings), '--codes', '300', '--coders', '5',
                            '--seed', str(seed)], check=True, stdout=subprocess.DEVNULL)
            print(f'  generated in {time.monotonic() - start:.1f} s')
        print(f'{narratives:,} narratives, {codings:,} codings:')
        json_time, json_rss = measure([cli, 'codings', project, '--json'], runs)
        lines_time, lines_rss = measure([cli, 'codings', project, '--jsonl'], runs)
        print(f'  codings --json               {json_time:8.2f} s  peak {json_rss:6.1f} MB')
        print(f'  codings --jsonl              {lines_time:8.2f} s  peak {lines_rss:6.1f} MB')
        if sqlite3:
            floor_time, floor_rss = measure([sqlite3, '-json', project], runs, FLOOR_SQL)
            print(f'  sqlite3 -json (the floor)    {floor_time:8.2f} s  peak {floor_rss:6.1f} MB')
            print(f'  ratio to the floor           {json_time / floor_time:8.2f}    (goal 1.5)')
        else:
            print('  sqlite3 is not installed: no floor')
        print(f'  peak memory goal             {"met" if json_rss <= 32 else "missed"} '
              f'(at most 32 MB)')


if __name__ == '__main__':
    main()
