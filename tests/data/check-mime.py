#!/usr/bin/env python3
# check-mime.py: the shared-mime-info file compiles, and with it a file manager tells a Shirabe
# project from any other SQLite database: by the *.shirabe glob, and by the magic (the SQLite
# header and Shirabe's application id at offset 68) when the name says nothing.
#
# Usage: check-mime.py UPDATE_MIME_DATABASE GIO SHIRABE_CLI MIME_XML
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

MIME_TYPE = 'application/x-shirabe-project'


def content_type(gio, path, env):
    out = subprocess.run([gio, 'info', '-a', 'standard::content-type', path],
                         check=True, capture_output=True, text=True, env=env).stdout
    for line in out.splitlines():
        if 'standard::content-type:' in line:
            return line.split(':', 3)[-1].strip()
    return None


def main():
    update_mime_database, gio, cli, mime_xml = sys.argv[1:5]
    failures = []
    with tempfile.TemporaryDirectory(prefix='shirabe-mime-') as tmp:
        mime_dir = os.path.join(tmp, 'mime')
        os.makedirs(os.path.join(mime_dir, 'packages'))
        shutil.copy(mime_xml, os.path.join(mime_dir, 'packages', 'io.github.shirabe.Shirabe.xml'))
        env = dict(os.environ)
        env['XDG_DATA_HOME'] = tmp
        env.setdefault('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
        result = subprocess.run([update_mime_database, mime_dir], capture_output=True, text=True,
                                env=env)
        messages = (result.stdout + result.stderr).strip()
        if result.returncode != 0 or messages:
            failures.append('update-mime-database: ' + (messages or f'exit status {result.returncode}'))
        elif not os.path.isfile(os.path.join(mime_dir, 'application', 'x-shirabe-project.xml')):
            failures.append(f'update-mime-database did not register {MIME_TYPE}')

        if not failures and gio:
            project = os.path.join(tmp, 'study.shirabe')
            subprocess.run([cli, 'new', project, '--name', 'MIME test'], check=True,
                           capture_output=True)
            unnamed = os.path.join(tmp, 'study.db')
            shutil.copy(project, unnamed)
            plain = os.path.join(tmp, 'other.db')
            db = sqlite3.connect(plain)
            db.execute('PRAGMA application_id = 1')
            db.execute('CREATE TABLE t (x)')
            db.commit()
            db.close()

            for path, expected in ((project, True), (unnamed, True), (plain, False)):
                found = content_type(gio, path, env)
                if (found == MIME_TYPE) != expected:
                    failures.append(f'{os.path.basename(path)} is {found}')

    for failure in failures:
        print('check-mime: ' + failure, file=sys.stderr)
    if not failures:
        print('check-mime: glob and magic recognise projects' if gio else
              'check-mime: the MIME file compiles (gio missing: recognition not tried)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
