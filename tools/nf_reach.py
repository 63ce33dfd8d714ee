#!/usr/bin/env python3
"""How many nanoFramework tests there are, and which of Core's source files they reach.

usage: nf_reach.py [--repo DIR] [--min PERCENT] RESULTS_DIR

RESULTS_DIR holds what tools/test.sh made of tests/EnergyLogger.NFUnitTest.Host: its trx
(EnergyLogger.NFUnitTest.Host*.trx) and coverlet's Cobertura report (*/coverage.cobertura.xml). Prints

    nanoFramework tests: N test methods (M cases with data rows), reach A of B Core files (P%)

then, indented, every Core file not reached. The tests are counted from the trx: each xunit case there is
one test method run or one data row, named "Class.Method(args)"; the [Setup] and [Cleanup] cases are not
tests. Core's files are every src/EnergyLogger.Core/**/*.cs outside obj/ and bin/, however Core is split
into assemblies. A file is reached when the tests execute at least one of its lines. A file without
executable lines (an interface, an enum, constants) is reached when a reached file uses a type it declares,
by name in code (comments and strings aside), and so on transitively.

Exit 1 when the share is below --min (default 0), or when a report is missing.
"""
import argparse
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

CORE = 'src/EnergyLogger.Core'
LIFECYCLE = re.compile(r' \[(Setup|Cleanup)\]( #\d+)?$')
CODE_NOISE = re.compile(
    r'//[^\n]*'                      # line comment
    r'|/\*.*?\*/'                    # block comment
    r'|@"(?:[^"]|"")*"'              # verbatim string
    r'|"(?:\\.|[^"\\\n])*"'          # string
    r"|'(?:\\.|[^'\\\n])+'",         # char
    re.S)
DECLARED = re.compile(r'\b(?:class|struct|interface|enum|record)\s+(\w+)')
DELEGATE = re.compile(r'\bdelegate\s+[^;(]*?\b(\w+)\s*(?:<[^>]*>)?\s*\(')


def local(tag):
    return tag.split('}', 1)[-1]


def count_tests(trx_paths):
    """(test methods, cases) from the names of the xunit cases."""
    methods, cases = set(), 0
    for path in trx_paths:
        for element in ET.parse(path).getroot().iter():
            if local(element.tag) != 'UnitTestResult':
                continue
            name = element.get('testName', '')
            if LIFECYCLE.search(name):
                continue
            cases += 1
            methods.add(name.split('(', 1)[0])
    return len(methods), cases


def covered_lines(cobertura_paths):
    """{absolute file: (executable lines, executed lines)} over every report."""
    files = {}
    for path in cobertura_paths:
        root = ET.parse(path).getroot()
        sources = [s.text or '' for s in root.iter() if local(s.tag) == 'source']
        for cls in root.iter():
            if local(cls.tag) != 'class':
                continue
            name = cls.get('filename', '')
            candidates = [name] if os.path.isabs(name) else [os.path.join(s, name) for s in sources]
            full = next((c for c in candidates if os.path.exists(c)), candidates[0] if candidates else name)
            full = os.path.realpath(full)
            lines = [l for l in cls.iter() if local(l.tag) == 'line']
            total, hit = files.get(full, (0, 0))
            files[full] = (total + len(lines), hit + sum(1 for l in lines if int(l.get('hits', '0')) > 0))
    return files


def core_files(repo):
    root = os.path.join(repo, CORE)
    found = []
    for path in glob.glob(os.path.join(root, '**', '*.cs'), recursive=True):
        parts = os.path.relpath(path, root).split(os.sep)
        if 'obj' in parts or 'bin' in parts:
            continue
        found.append(os.path.realpath(path))
    return sorted(found)


def code_of(path):
    with open(path, encoding='utf-8-sig') as f:
        return CODE_NOISE.sub(' ', f.read())


def reached_files(files, coverage):
    """The reached files: executed ones, then declaration-only ones whose types reached files use."""
    code = {f: code_of(f) for f in files}
    executable = {f for f in files if coverage.get(f, (0, 0))[0] > 0}
    reached = {f for f in executable if coverage[f][1] > 0}
    pending = {f: set(DECLARED.findall(code[f])) | set(DELEGATE.findall(code[f])) for f in files if f not in executable}
    grew = True
    while grew:
        grew = False
        for f, names in list(pending.items()):
            users = [code[r] for r in reached if r != f]
            if any(re.search(r'\b' + re.escape(n) + r'\b', text) for n in names for text in users):
                reached.add(f)
                del pending[f]
                grew = True
    return reached


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('results')
    parser.add_argument('--repo', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    parser.add_argument('--min', type=float, default=0.0)
    args = parser.parse_args()

    trx = sorted(glob.glob(os.path.join(args.results, 'EnergyLogger.NFUnitTest.Host*.trx')))
    cobertura = sorted(glob.glob(os.path.join(args.results, '**', 'coverage.cobertura.xml'), recursive=True))
    if not trx or not cobertura:
        print('nanoFramework tests: no ' + ('trx' if not trx else 'coverage report') + ' in ' + args.results
              + ': did tests/EnergyLogger.NFUnitTest.Host run with --collect "XPlat Code Coverage"?')
        return 1

    methods, cases = count_tests(trx)
    files = core_files(os.path.abspath(args.repo))
    reached = reached_files(files, covered_lines(cobertura))
    share = 100.0 * len(reached) / len(files) if files else 0.0
    print(f'nanoFramework tests: {methods} test methods ({cases} cases with data rows), '
          f'reach {len(reached)} of {len(files)} Core files ({share:.1f}%)')
    missed = [f for f in files if f not in reached]
    if missed:
        print('  Core files the nanoFramework tests do not reach:')
        for f in missed:
            print('    ' + os.path.relpath(f, os.path.abspath(args.repo)))
    if share < args.min:
        print(f'nanoFramework tests: FAILED: they reach {share:.1f}% of Core\'s files, less than the {args.min:g}% required (nf_reach_min in tools/test.sh)')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
