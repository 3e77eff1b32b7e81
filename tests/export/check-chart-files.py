#!/usr/bin/python3
# check-chart-files.py: `shirabe-cli chart`'s files read back by readers we did not write
#
#   check-chart-files.py SHIRABE-CLI SAMPLE-DIR
#
# - The co-occurrence chart's CSV (Python's csv module) holds the same numbers as the statistics
#   export's cooccurrence table, for each unit the two count by: the charts and the export agree.
# - The frequencies' XLSX (openpyxl): integer counts, the groups' labels in Japanese, the units in
#   each group on the last row, and a sheet that says what is counted.
# - The SVG parses as XML (xml.etree) and is as large as drawn; the PNG has PNG's signature, a
#   header of the size drawn at twice the pixels, and more than one colour in its pixels (zlib).
# - A file of another kind is not replaced without --force (exit 2); a bad chart name or unit is
#   a usage error (exit 1).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

import openpyxl

cli, sample_dir = sys.argv[1], sys.argv[2]
env = dict(os.environ, SHIRABE_SAMPLE_DIR=sample_dir, LC_ALL='C.UTF-8', LANGUAGE='')
failures = []


def run(*args, expect=0):
    result = subprocess.run([cli, *args], env=env, capture_output=True, text=True)
    if result.returncode != expect:
        failures.append(f'{" ".join(args)}: exit {result.returncode}, expected {expect}: '
                        f'{result.stderr.strip()}')
    return result


def check(condition, message):
    if not condition:
        failures.append(message)


def read_csv(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        return list(csv.reader(f))


def numbers(rows):
    return [[int(cell) for cell in row[1:]] for row in rows[1:]]


def png_pixels(path):
    """The PNG's width, height and its set of distinct scanline byte values (a colour check)."""
    with open(path, 'rb') as f:
        data = f.read()
    check(data[:8] == b'\x89PNG\r\n\x1a\n', f'{path}: not a PNG signature')
    width, height = struct.unpack('>II', data[16:24])
    idat = b''
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if kind == b'IDAT':
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw[:200000]))


with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, 'g.shirabe')
    run('generate', project, '--narratives', '60', '--codings', '2500', '--codes', '20',
        '--coders', '3', '--seed', '4')

    # The charts and the export agree, unit by unit.
    for unit in ('case', 'narrative', 'passage'):
        chart = os.path.join(tmp, f'cooccurrence-{unit}.csv')
        folder = os.path.join(tmp, f'export-{unit}')
        run('chart', project, 'cooccurrence', '--unit', unit, '-o', chart)
        run('export', project, folder, '--format', 'csv', '--table', 'cooccurrence',
            '--cooccurrence-unit', unit)
        ours = read_csv(chart)
        theirs = read_csv(os.path.join(folder, 'cooccurrence.csv'))
        check(len(ours) == len(theirs) and len(ours) > 5,
              f'{unit}: {len(ours)} chart rows, {len(theirs)} export rows')
        check(numbers(ours) == numbers(theirs),
              f'{unit}: the chart and the export count differently')
        check([row[0] for row in ours[1:]] == ours[0][1:],
              f'{unit}: rows and columns are not the same codes')

    # Frequencies by gender in Japanese, as a workbook.
    workbook_path = os.path.join(tmp, 'frequencies.xlsx')
    run('chart', project, 'frequencies', '--by', 'gender', '--lang', 'ja', '-o', workbook_path)
    workbook = openpyxl.load_workbook(workbook_path)
    check(workbook.sheetnames == ['チャート', '説明'], f'sheets: {workbook.sheetnames}')
    sheet = workbook['チャート']
    header = [cell.value for cell in sheet[1]]
    check(header[0] == 'コード' and ('女性' in header[1:] or 'female' in header[1:]),
          f'frequency header: {header}')
    last = [cell.value for cell in sheet[sheet.max_row]]
    check(last[0] == 'グループの単位数' and all(isinstance(v, int) for v in last[1:]),
          f'last row: {last}')
    check(all(isinstance(cell.value, int) for row in sheet.iter_rows(min_row=2, min_col=2)
              for cell in row), 'a count is not an integer')
    about = workbook['説明']
    check(about['B2'].value == '性別別、コード別の事例数', f'title: {about["B2"].value}')
    check(about['B3'].value == '件数', f'measure: {about["B3"].value}')

    # Percentages are numbers of the group's units.
    percent_path = os.path.join(tmp, 'percent.csv')
    count_path = os.path.join(tmp, 'count.csv')
    run('chart', project, 'frequencies', '--by', 'gender', '--measure', 'percent', '-o', percent_path)
    run('chart', project, 'frequencies', '--by', 'gender', '-o', count_path)
    percents, counts = read_csv(percent_path), read_csv(count_path)
    totals = [int(v) for v in counts[-1][1:]]
    for p_row, c_row in zip(percents[1:-1], counts[1:-1]):
        for p, c, total in zip(p_row[1:], c_row[1:], totals):
            check(abs(float(p) - 100.0 * int(c) / total) < 1e-9, f'{p} is not {c}/{total}')

    # Images.
    svg_path = os.path.join(tmp, 'matrix.svg')
    png_path = os.path.join(tmp, 'heatmap.png')
    run('chart', project, 'matrix', '--by', 'gender', '-o', svg_path)
    root = ET.parse(svg_path).getroot()
    check(root.tag.endswith('svg'), f'SVG root: {root.tag}')
    check(float(root.get('width').rstrip('px')) > 300, f'SVG width: {root.get("width")}')
    check(sum(1 for _ in root.iter()) > 500, 'the SVG draws almost nothing')
    run('chart', project, 'cooccurrence', '--lang', 'ja', '--width', '700', '-o', png_path)
    width, height, variety = png_pixels(png_path)
    check(width >= 1400 and height > 200, f'PNG size: {width}×{height}')
    check(variety > 10, f'the PNG has {variety} distinct byte values: blank?')

    # Another kind of file is left alone without --force, replaced with it.
    notes = os.path.join(tmp, 'notes.png')
    with open(notes, 'w') as f:
        f.write('field notes, not an image\n')
    result = run('chart', project, 'frequencies', '-o', notes, expect=2)
    check('notes.png' in result.stderr, f'message: {result.stderr}')
    with open(notes) as f:
        check(f.read() == 'field notes, not an image\n', 'notes.png was changed')
    run('chart', project, 'frequencies', '-o', notes, '--force')
    check(png_pixels(notes)[0] > 0, 'notes.png was not replaced with --force')

    # Usage errors.
    run('chart', project, 'pie', expect=1)
    run('chart', project, 'matrix', '--unit', 'coding', expect=1)
    run('chart', project, 'cooccurrence', '--measure', 'percent', expect=1)
    run('chart', project, 'frequencies', '-o', os.path.join(tmp, 'chart.pdf'), expect=1)
    result = run('chart', project, 'frequencies', '--by', 'nationality', '--ranges', '1,2',
                 expect=2)
    check('Nationality' in result.stderr, f'message: {result.stderr}')

for failure in failures:
    print('FAIL:', failure)
print(f'{"ok" if not failures else "not ok"}: chart files ({len(failures)} failures)')
sys.exit(1 if failures else 0)
