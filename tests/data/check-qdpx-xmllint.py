#!/usr/bin/env python3
"""REFI-QDA exports checked by a validator Shirabe did not write: xmllint --schema.

A generated project and the sample project are exported as .qdpx and .qdc; project.qde and
the codebook must validate against the schemas, and a copy of project.qde with one required
attribute taken out must not (so the check can fail).

Usage: check-qdpx-xmllint.py XMLLINT SHIRABE_CLI SCHEMA_DIR SAMPLE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

xmllint, cli, schemas, sample_dir = sys.argv[1:5]
project_xsd = os.path.join(schemas, 'Project-mrt2019.xsd')
codebook_xsd = os.path.join(schemas, 'Codebook-mrt2019.xsd')
env = dict(os.environ, SHIRABE_SAMPLE_DIR=sample_dir, LC_ALL='C.UTF-8')
failures = 0
n = 0


def tap(ok, name, detail=''):
    global failures, n
    n += 1
    print(('ok' if ok else 'not ok') + f' {n} {name}')
    if not ok:
        failures += 1
        for line in detail.splitlines()[:20]:
            print('# ' + line)


def run(*args):
    return subprocess.run(args, env=env, capture_output=True, text=True)


def lint(schema, path):
    return run(xmllint, '--noout', '--nonet', '--schema', schema, path)


with tempfile.TemporaryDirectory() as tmp:
    projects = []
    big = os.path.join(tmp, 'generated.shirabe')
    r = run(cli, 'generate', big, '--narratives', '40', '--codings', '3000', '--seed', '5')
    tap(r.returncode == 0, 'a generated project is made', r.stderr)
    projects.append(('generated', big))
    sample = os.path.join(tmp, 'sample.shirabe')
    r = run(cli, 'sample', sample)
    tap(r.returncode == 0, 'the sample project is made', r.stderr)
    projects.append(('sample', sample))

    for name, project in projects:
        for lang in ('en', 'ja'):
            qdpx = os.path.join(tmp, f'{name}-{lang}.qdpx')
            r = run(cli, 'export-qdpx', project, qdpx, '--lang', lang)
            tap(r.returncode == 0, f'{name} exports as .qdpx in {lang}', r.stderr)
            qde = os.path.join(tmp, f'{name}-{lang}.qde')
            with zipfile.ZipFile(qdpx) as z:
                tap(z.testzip() is None, f'{name} .qdpx in {lang} is a sound zip')
                with open(qde, 'wb') as out:
                    out.write(z.read('project.qde'))
            r = lint(project_xsd, qde)
            tap(r.returncode == 0, f'xmllint validates {name} project.qde in {lang}', r.stderr)
            qdc = os.path.join(tmp, f'{name}-{lang}.qdc')
            r = run(cli, 'export-qdc', project, qdc, '--lang', lang)
            tap(r.returncode == 0, f'{name} exports as .qdc in {lang}', r.stderr)
            r = lint(codebook_xsd, qdc)
            tap(r.returncode == 0, f'xmllint validates {name} codebook in {lang}', r.stderr)

    # The check can fail: a Code without isCodable is refused.
    with open(os.path.join(tmp, 'sample-en.qde'), encoding='utf-8') as f:
        text = f.read()
    broken = os.path.join(tmp, 'broken.qde')
    with open(broken, 'w', encoding='utf-8') as f:
        f.write(re.sub(r' isCodable="(true|false)"', '', text, count=1))
    r = lint(project_xsd, broken)
    tap(r.returncode != 0 and 'isCodable' in r.stderr,
        'xmllint refuses a project.qde with a code missing isCodable', r.stderr)

print(f'1..{n}')
sys.exit(1 if failures else 0)
