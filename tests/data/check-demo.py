#!/usr/bin/env python3
# check-demo.py: `make run` gives the app what an installed app has (issue 10, bug 3).
#
# build-aux/demo is run with a stand-in for the app that records its environment and
# arguments. In that environment the settings schema must be found (else Preferences is greyed
# out and the window size is not kept), the sample and templates must be the source tree's, the
# Japanese catalogue must be there, and the project handed to the app must open.
#
# Usage: check-demo.py SOURCE_DIR BUILD_DIR GSETTINGS_TOOL
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import subprocess
import sys
import tempfile

APP_ID = 'io.github.shirabe.Shirabe'


def main():
    source_dir, build_dir, gsettings = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        record = os.path.join(tmp, 'record.json')
        stand_in = os.path.join(tmp, 'app')
        with open(stand_in, 'w') as f:
            f.write('#!/usr/bin/env python3\n'
                    'import json, os, sys\n'
                    f'json.dump({{"env": dict(os.environ), "argv": sys.argv[1:]}}, open({record!r}, "w"))\n')
        os.chmod(stand_in, 0o755)
        env = {k: v for k, v in os.environ.items()
               if k not in ('GSETTINGS_SCHEMA_DIR', 'SHIRABE_SAMPLE_DIR', 'SHIRABE_TEMPLATE_DIR',
                            'SHIRABE_LOCALEDIR', 'XDG_DATA_DIRS')}
        env['XDG_DATA_DIRS'] = tmp  # no installed schema to fall back on
        env['SHIRABE_DEMO_APP'] = stand_in
        subprocess.run([os.path.join(source_dir, 'build-aux', 'demo'), build_dir], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        with open(record) as f:
            seen = json.load(f)

    app_env = seen['env']
    failures = []
    keys = subprocess.run([gsettings, 'list-keys', APP_ID], env=app_env, capture_output=True,
                          text=True)
    if keys.returncode != 0 or 'label-language' not in keys.stdout.split():
        failures.append(f'the settings schema is not found by the app: {keys.stderr.strip()}')
    for var, want in (('SHIRABE_SAMPLE_DIR', 'data/sample'),
                      ('SHIRABE_TEMPLATE_DIR', 'data/templates')):
        path = app_env.get(var, '')
        if not os.path.isdir(path) or not path.endswith(want):
            failures.append(f'{var} is {path!r}, not the source tree’s {want}')
    mo = os.path.join(app_env.get('SHIRABE_LOCALEDIR', ''), 'ja', 'LC_MESSAGES', 'shirabe.mo')
    if not os.path.isfile(mo):
        failures.append(f'no Japanese catalogue at {mo}')
    if len(seen['argv']) != 1 or not os.path.isfile(seen['argv'][0]):
        failures.append(f'the app is not handed a project: {seen["argv"]}')
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
