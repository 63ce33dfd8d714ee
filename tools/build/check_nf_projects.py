#!/usr/bin/env python3
"""Checks that each .nfproj, its packages.config and its compile-check project agree.

usage: check_nf_projects.py REPO PACKAGES_TSV

- every package in packages.config has the version listed in PACKAGES_TSV (the versions the
  nanoFramework 1.17 facades were generated from);
- every <Reference> HintPath in the .nfproj points at a package and version from its packages.config;
- the check project's NFFacadeAssemblies lists exactly the assemblies the .nfproj references;
- every source file the .nfproj links in from another project (<Compile Include=... Link=...>) is
  compiled by the check project too.
Exit 1 with one line per disagreement.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

PROJECTS = [
    ('src/EnergyLogger.Core/EnergyLogger.Core.nfproj', 'tests/nf-compile/Core.Check.csproj'),
    ('src/EnergyLogger.Device/EnergyLogger.Device.nfproj', 'tests/nf-compile/Device.Check.csproj'),
    ('tests/NFUnitTest/NFUnitTest.nfproj', 'tests/nf-compile/NFUnitTest.Check.csproj'),
    ('src/EnergyLogger.Loader/EnergyLogger.Loader.nfproj', 'tests/nf-compile/Loader.Check.csproj'),
    ('tests/NFUnitTest.Transcripts/NFUnitTest.Transcripts.nfproj', 'tests/nf-compile/NFUnitTest.Transcripts.Check.csproj'),
    ('tests/NFUnitTest.Transcripts.Cloud/NFUnitTest.Transcripts.Cloud.nfproj', 'tests/nf-compile/NFUnitTest.Transcripts.Cloud.Check.csproj'),
    ('tests/NFUnitTest.Transcripts.Runtime/NFUnitTest.Transcripts.Runtime.nfproj', 'tests/nf-compile/NFUnitTest.Transcripts.Runtime.Check.csproj'),
    ('tests/NFUnitTest.Transcripts.Ota/NFUnitTest.Transcripts.Ota.nfproj', 'tests/nf-compile/NFUnitTest.Transcripts.Ota.Check.csproj'),
]
# Referenced by the .nfproj but not an assembly the check project compiles against.
NOT_COMPILED_AGAINST = {'mscorlib', 'nanoFramework.UnitTestLauncher'}


def local(tag):
    return tag.split('}', 1)[-1]


def pinned_versions(tsv):
    versions = {}
    with open(tsv, encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if cols[0] != 'package_id' and len(cols) > 1 and cols[1]:
                versions[cols[0]] = cols[1]
    return versions


def main(repo, tsv):
    pinned = pinned_versions(tsv)
    problems = []
    for nfproj, check in PROJECTS:
        folder = os.path.dirname(os.path.join(repo, nfproj))
        packages = {}
        for el in ET.parse(os.path.join(folder, 'packages.config')).getroot():
            pid, version = el.get('id'), el.get('version')
            packages[pid] = version
            if pinned.get(pid) != version:
                problems.append(f'{nfproj}: packages.config pins {pid} {version}, the facades are {pid} {pinned.get(pid)}')
        references = set()
        for el in ET.parse(os.path.join(repo, nfproj)).getroot().iter():
            if local(el.tag) != 'Reference':
                continue
            references.add(el.get('Include').split(',')[0])
            hint = next((c.text for c in el if local(c.tag) == 'HintPath'), '') or ''
            m = re.search(r'packages\\([A-Za-z0-9.]+?)\.(\d+\.\d+\.\d+)\\', hint)
            if not m or packages.get(m.group(1)) != m.group(2):
                problems.append(f'{nfproj}: reference {el.get("Include")} HintPath {hint!r} is not a package of packages.config')
        listed = set()
        compiled = set()
        check_folder = os.path.dirname(os.path.join(repo, check))
        for el in ET.parse(os.path.join(repo, check)).getroot().iter():
            if local(el.tag) == 'NFFacadeAssemblies':
                listed = {a for a in el.text.split(';') if a}
            if local(el.tag) == 'Compile' and el.get('Include'):
                compiled.add(os.path.normpath(os.path.join(check_folder, el.get('Include'))))
        for el in ET.parse(os.path.join(repo, nfproj)).getroot().iter():
            if local(el.tag) == 'Compile' and el.get('Link'):
                linked = os.path.normpath(os.path.join(folder, el.get('Include').replace('\\', '/')))
                if linked not in compiled:
                    problems.append(f'{check}: does not compile {os.path.relpath(linked, repo)}, which {nfproj} links in')
        expected = references - NOT_COMPILED_AGAINST
        if listed != expected:
            problems.append(f'{check}: NFFacadeAssemblies {sorted(listed)} differ from the references of {nfproj} {sorted(expected)}')
    for p in problems:
        print('nf-gate: ' + p)
    if problems:
        return 1
    print(f'nf-gate: {len(PROJECTS)} .nfproj projects agree with packages.tsv and their check projects')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
