#!/usr/bin/python3
# read-back.py: reads an export back with real readers and prints what they saw as JSON
#
#   read-back.py xlsx FILE   openpyxl: sheets, cells with their types and styles, properties
#   read-back.py csv DIR     Python's csv module: every file, its BOM, its line ends, its rows
#   read-back.py csv FILE    the same for one CSV file
#
# The C tests (test-export.c) assert on this JSON, so what they check is what a reader sees.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import datetime
import io
import json
import os
import sys


def xlsx_cell(cell):
    value = cell.value
    if value is None:
        return None
    out = {}
    if cell.data_type == 'f':
        out = {'t': 'f', 'v': str(value)}
    elif isinstance(value, bool):
        out = {'t': 'b', 'v': value}
    elif isinstance(value, (int, float)):
        out = {'t': 'n', 'v': value, 'int': isinstance(value, int)}
    elif isinstance(value, datetime.datetime):
        out = {'t': 'd', 'v': value.isoformat()}
    elif isinstance(value, datetime.date):
        out = {'t': 'd', 'v': value.isoformat()}
    else:
        out = {'t': 's', 'v': str(value)}
    if cell.is_date:
        out['fmt'] = cell.number_format
    if cell.font is not None and cell.font.b:
        out['bold'] = True
    if cell.alignment is not None and cell.alignment.wrap_text:
        out['wrap'] = True
    if cell.fill is not None and cell.fill.fill_type == 'solid':
        out['fill'] = str(cell.fill.fgColor.rgb)[-6:].upper()
    return out


def read_xlsx(path):
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        widths = {}
        for col in range(1, sheet.max_column + 1):
            dimension = sheet.column_dimensions.get(get_column_letter(col))
            widths[str(col - 1)] = dimension.width if dimension is not None else None
        sheets.append({
            'name': sheet.title,
            'freeze': sheet.freeze_panes,
            'autofilter': sheet.auto_filter.ref,
            'widths': widths,
            'rows': [[xlsx_cell(c) for c in row] for row in sheet.iter_rows()],
        })
    props = workbook.properties
    return {
        'properties': {'creator': props.creator, 'title': props.title,
                       'subject': props.subject, 'description': props.description},
        'sheets': sheets,
    }


def read_csv(folder):
    files = []
    if os.path.isfile(folder):
        names = [os.path.basename(folder)]
        folder = os.path.dirname(folder)
    else:
        names = sorted(os.listdir(folder))
    for name in names:
        path = os.path.join(folder, name)
        with open(path, 'rb') as f:
            data = f.read()
        bom = data.startswith(b'\xef\xbb\xbf')
        text = data.decode('utf-8-sig' if bom else 'utf-8')
        if not name.lower().endswith('.csv'):
            # README.txt: what the export is, as text.
            files.append({'name': name, 'bom': bom, 'text': text,
                          'mode': oct(os.stat(path).st_mode & 0o777)})
            continue
        rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
        # RFC 4180 records end with CRLF; a bare LF may only appear inside a quoted field.
        records_crlf = text.endswith('\r\n') and text.count('\n') == text.count('\r\n')
        files.append({'name': name, 'bom': bom, 'crlf': records_crlf, 'rows': rows,
                      'mode': oct(os.stat(path).st_mode & 0o777)})
    return {'files': files}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('xlsx', 'csv'):
        sys.stderr.write('usage: read-back.py xlsx FILE | csv DIR|FILE\n')
        return 2
    result = read_xlsx(sys.argv[2]) if sys.argv[1] == 'xlsx' else read_csv(sys.argv[2])
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == '__main__':
    sys.exit(main())
