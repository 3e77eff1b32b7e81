#!/usr/bin/env python3
# check-install.py: the install layout agrees with the Flatpak manifest and the desktop file.
#
# Two views of the layout. First, the source tree configured (not built: about a second) with
# --prefix=/app as in the Flatpak: `meson introspect --installed` must put the programs, the
# desktop file, the metainfo, the icons, the MIME file, the schema, the translations, the
# templates and the sample project where the manifest and the desktop file expect them. Second,
# the real files: the already-built tree installed with `meson install --destdir`, checked under
# its own prefix, with the contents cross-checked (desktop Exec and Icon, metainfo id, launchable,
# binaries and screenshots, MIME type, schema id). Then the manifest itself: it parses, names the
# same app id and command, pins every remote source by sha256, and grants no network and no broad
# filesystem.
#
# Usage: check-install.py MESON SOURCE_DIR BUILD_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
import configparser
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.shirabe.Shirabe'
MIME_TYPE = 'application/x-shirabe-project'
# The sandbox the issue allows; anything added here needs a comment in the manifest arguing for it.
# --filesystem=xdg-documents: SQLite cannot work on the document portal (no locks, no -wal/-shm
# files), so projects live in the Documents folder; the manifest's comment argues it.
ALLOWED_FINISH_ARGS = {'--socket=wayland', '--socket=fallback-x11', '--share=ipc', '--device=dri',
                       '--filesystem=xdg-documents'}
BROAD_FILESYSTEMS = {'home', 'host', 'host-os', 'host-etc', '~', '/'}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def installed(root, relative, executable=False):
    path = os.path.join(root, relative)
    if check(os.path.isfile(path), f'not installed: {relative}') and executable:
        check(os.access(path, os.X_OK), f'not executable: {relative}')
    return path


def build_options(meson, builddir):
    out = subprocess.run([meson, 'introspect', '--buildoptions', builddir],
                         check=True, capture_output=True, text=True).stdout
    return {o['name']: o['value'] for o in json.loads(out)}


def walk_modules(modules):
    for module in modules:
        if isinstance(module, dict):
            yield module
            yield from walk_modules(module.get('modules', []))


def check_manifest(manifest_path, srcdir):
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    check(manifest.get('id', manifest.get('app-id')) == APP_ID, f'manifest: id is not {APP_ID}')
    check(manifest.get('runtime') == 'org.gnome.Platform', 'manifest: runtime is not org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'manifest: sdk is not org.gnome.Sdk')
    check(str(manifest.get('runtime-version', '')).isdigit(),
          'manifest: runtime-version is not a stable GNOME release')

    for arg in manifest.get('finish-args', []):
        check(arg != '--share=network', 'manifest: finish-args grant the network')
        if arg.startswith('--filesystem='):
            place = arg.split('=', 1)[1].split(':')[0]
            check(place not in BROAD_FILESYSTEMS, f'manifest: broad filesystem access {arg}')
        check(arg in ALLOWED_FINISH_ARGS, f'manifest: finish-arg {arg} is not among the allowed ones')

    modules = list(walk_modules(manifest.get('modules', [])))
    for module in modules:
        for source in module.get('sources', []):
            if not isinstance(source, dict):
                continue
            name = module.get('name', '?')
            if 'url' in source:
                check(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None,
                      f'manifest: module {name}: {source["url"]} has no sha256')
            if source.get('type') == 'git':
                check('commit' in source, f'manifest: module {name}: git source without a commit')

    if not check(modules and modules[-1].get('name') == 'shirabe',
                 'manifest: the last module is not shirabe'):
        return manifest
    shirabe = modules[-1]
    check(shirabe.get('buildsystem') == 'meson', 'manifest: shirabe is not built with meson')
    dirs = [s for s in shirabe.get('sources', []) if isinstance(s, dict) and s.get('type') == 'dir']
    check(any(os.path.realpath(os.path.join(os.path.dirname(manifest_path), s.get('path', '')))
              == os.path.realpath(srcdir) for s in dirs),
          'manifest: shirabe is not built from this source tree')
    if shirabe.get('run-tests'):
        commands = ' '.join(shirabe.get('test-commands', []))
        check(shirabe.get('test-rule') == '' and '--no-suite app' in commands,
              'manifest: the build-time tests would run the app suite, which needs a display')
    return manifest


def check_desktop(path, command):
    desktop = configparser.ConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str
    desktop.read(path, encoding='utf-8')
    entry = desktop['Desktop Entry'] if desktop.has_section('Desktop Entry') else {}
    exec_line = entry.get('Exec', '').split()
    check(exec_line[:1] == [command], f'desktop file: Exec does not run the manifest command {command}')
    check(entry.get('Icon') == APP_ID, f'desktop file: Icon is not {APP_ID}')
    check(MIME_TYPE in entry.get('MimeType', '').split(';'),
          f'desktop file: MimeType does not list {MIME_TYPE}')


def check_metainfo(path, root, srcdir):
    component = ET.parse(path).getroot()
    check(component.findtext('id') == APP_ID, f'metainfo: id is not {APP_ID}')
    check(component.findtext('launchable') == APP_ID + '.desktop',
          'metainfo: the launchable is not the installed desktop file')
    provides = component.find('provides')
    binaries = [b.text for b in provides.findall('binary')] if provides is not None else []
    check(sorted(binaries) == ['shirabe', 'shirabe-cli'], 'metainfo: provides the wrong binaries')
    for binary in binaries:
        installed(root, os.path.join('bin', binary), executable=True)
    mediatypes = [m.text for m in provides.findall('mediatype')] if provides is not None else []
    check(MIME_TYPE in mediatypes, f'metainfo: does not provide {MIME_TYPE}')
    images = [i.text for i in component.iter('image')]
    check(len(images) >= 1, 'metainfo: no screenshots')
    for url in images:
        name = url.rsplit('/', 1)[-1]
        check(os.path.isfile(os.path.join(srcdir, 'data', 'screenshots', name)),
              f'metainfo: screenshot {name} is not in data/screenshots')


def expected_files(command, srcdir):
    files = [os.path.join('bin', command), os.path.join('bin', 'shirabe-cli')]
    share = ['applications/' + APP_ID + '.desktop',
             'metainfo/' + APP_ID + '.metainfo.xml',
             'icons/hicolor/scalable/apps/' + APP_ID + '.svg',
             'icons/hicolor/symbolic/apps/' + APP_ID + '-symbolic.svg',
             'mime/packages/' + APP_ID + '.xml',
             'glib-2.0/schemas/' + APP_ID + '.gschema.xml',
             'locale/ja/LC_MESSAGES/shirabe.mo',
             'shirabe/templates/tip.json']
    if os.path.isfile(os.path.join(srcdir, 'data', 'sample', 'meson.build')):
        share.append('shirabe/sample/sample.json')
        share.append('shirabe/sample.shirabe')
    return files + [os.path.join('share', f) for f in share]


def check_flatpak_prefix(meson, srcdir, command):
    """The source tree configured as the Flatpak configures it installs where it should."""
    with tempfile.TemporaryDirectory(prefix='shirabe-app-prefix-') as tmp:
        builddir = os.path.join(tmp, 'build')
        result = subprocess.run([meson, 'setup', builddir, srcdir, '--prefix=/app', '-Dtests=false'],
                                capture_output=True, text=True)
        if not check(result.returncode == 0, 'meson setup --prefix=/app failed'):
            print(result.stdout, result.stderr, sep='\n', file=sys.stderr)
            return
        out = subprocess.run([meson, 'introspect', '--installed', builddir],
                             check=True, capture_output=True, text=True).stdout
        destinations = set(json.loads(out).values())
        for relative in expected_files(command, srcdir):
            check('/app/' + relative in destinations, f'--prefix=/app does not install /app/{relative}')


def main():
    meson, srcdir, builddir = sys.argv[1:4]
    options = build_options(meson, builddir)
    prefix = options['prefix']
    # The Flatpak's layout: /app/bin, /app/share, /app/share/locale.
    check(options['bindir'] == 'bin', f'bindir is {options["bindir"]}, not bin')
    check(options['datadir'] == 'share', f'datadir is {options["datadir"]}, not share')
    check(options['localedir'] == 'share/locale', f'localedir is {options["localedir"]}')

    manifest_path = os.path.join(srcdir, 'flatpak', APP_ID + '.json')
    manifest = check_manifest(manifest_path, srcdir)
    command = manifest.get('command', '')
    check_flatpak_prefix(meson, srcdir, command)

    with tempfile.TemporaryDirectory(prefix='shirabe-install-') as destdir:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        # Without --no-rebuild: meson install first brings every installed file up to date
        # (the translations are not among this test's dependencies); normally a no-op.
        result = subprocess.run([meson, 'install', '-C', builddir, '--destdir', destdir,
                                 '--quiet'],
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep='\n', file=sys.stderr)
            print('meson install failed', file=sys.stderr)
            return 1
        root = destdir + prefix

        for relative in expected_files(command, srcdir):
            installed(root, relative, executable=relative.startswith('bin'))
        share = os.path.join(root, 'share')
        desktop = os.path.join(share, 'applications', APP_ID + '.desktop')
        metainfo = os.path.join(share, 'metainfo', APP_ID + '.metainfo.xml')
        mime = os.path.join(share, 'mime', 'packages', APP_ID + '.xml')
        schema = os.path.join(share, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml')

        if not failures:
            check_desktop(desktop, command)
            check_metainfo(metainfo, root, srcdir)
            ns = {'m': 'http://www.freedesktop.org/standards/shared-mime-info'}
            types = ET.parse(mime).getroot().findall('m:mime-type', ns)
            check([t.get('type') for t in types] == [MIME_TYPE, MIME_TYPE + '-journal'],
                  f'MIME file: does not define {MIME_TYPE} and {MIME_TYPE}-journal')
            check(all(any(g.get('pattern') == '*.shirabe' + suffix
                          for t in types for g in t.findall('m:glob', ns))
                      for suffix in ('-wal', '-shm', '-journal')),
                  'MIME file: the -wal, -shm and -journal files are not named, so they get sniffed')
            check(any(g.get('pattern') == '*.shirabe' for t in types for g in t.findall('m:glob', ns)),
                  'MIME file: no *.shirabe glob')
            schemas = ET.parse(schema).getroot().findall('schema')
            check([s.get('id') for s in schemas] == [APP_ID], f'schema: the schema id is not {APP_ID}')

    for failure in failures:
        print('check-install: ' + failure, file=sys.stderr)
    if not failures:
        print(f'check-install: layout under /app (configured) and {prefix} (installed) and the manifest agree')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
