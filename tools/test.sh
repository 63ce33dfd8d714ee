#!/usr/bin/env bash
# Runs every test suite and the nanoFramework compile gate. On a fresh Debian/Ubuntu machine with the
# .NET 10 SDK it first installs the real peers the integration tests talk to.
set -euo pipefail

# The least share of Core's source files (percent) that the nanoFramework tests must reach, as
# tests/EnergyLogger.NFUnitTest.Host measures it; the run fails below it. To be raised to 90.
nf_reach_min=90

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# Real peers, not mocks: a MODBUS RTU slave (pymodbus, run with the system python) on a socat pty pair,
# and a mosquitto broker with TLS. python3-serial-asyncio is only a Recommends of python3-pymodbus,
# but its serial server needs it. mbpoll is the MODBUS TCP client that reads the logger's local server,
# influxdb (1.x) the database its InfluxDB writer writes to, chromium the browser that renders its status page,
# python3-zeroconf the mDNS browser that finds it.
debian_packages=(socat python3-pymodbus python3-serial-asyncio mosquitto mbpoll influxdb chromium python3-zeroconf)
missing=()
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v socat >/dev/null 2>&1 || missing+=(socat)
/usr/bin/python3 -c 'import pymodbus' >/dev/null 2>&1 || missing+=(python3-pymodbus)
/usr/bin/python3 -c 'import serial_asyncio' >/dev/null 2>&1 || missing+=(python3-serial-asyncio)
command -v mbpoll >/dev/null 2>&1 || missing+=(mbpoll)
[ -x /usr/bin/influxd ] || missing+=(influxdb)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c 'import zeroconf' >/dev/null 2>&1 || missing+=(python3-zeroconf)
if [ ${#missing[@]} -gt 0 ]; then
    echo "test: installing ${missing[*]} from Debian"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${debian_packages[@]}" >/dev/null
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "test: building the solution"
# NU1503: the .nfproj projects are not restored here; tools/nf-gate.sh checks them.
dotnet build EnergyLogger.sln -nologo -v:q -clp:NoSummary -warnAsMessage:NU1503

status=0
for suite in tests/EnergyLogger.Core.Tests tests/EnergyLogger.NanoCheck.Tests tests/EnergyLogger.Integration.Tests; do
    echo "test: $suite"
    if ! dotnet test "$suite" --no-build -nologo --logger "trx;LogFilePrefix=$(basename "$suite")" \
        --results-directory "$results"; then
        status=1
    fi
done

# The nanoFramework tests (tests/NFUnitTest*) on .NET, measured: which of Core's files they execute.
nf_host=tests/EnergyLogger.NFUnitTest.Host
echo "test: $nf_host"
if ! dotnet test "$nf_host" --no-build -nologo --logger "trx;LogFilePrefix=$(basename "$nf_host")" \
    --results-directory "$results" --collect:"XPlat Code Coverage" --settings "$nf_host/coverage.runsettings"; then
    status=1
fi

# The Raspberry Pi gateway build (docs/install.md): self-contained for linux-arm64. Build only: this machine runs
# no arm64 code, so the check is that it publishes, with the native launcher of the right architecture.
echo "test: publishing the self-contained linux-arm64 build (build only)"
arm64="$results/linux-arm64"
if ! dotnet publish src/EnergyLogger.Host -c Release -r linux-arm64 --self-contained -o "$arm64" -nologo -v:q \
    || ! python3 -c 'import sys; h = open(sys.argv[1], "rb").read(20); sys.exit(h[:4] != b"\x7fELF" or h[18:20] != b"\xb7\x00")' "$arm64/energylogger"; then
    echo "test: the linux-arm64 publish failed"
    status=1
fi

echo "test: nanoFramework gate"
gate_skipped=0
tools/nf-gate.sh || case $? in
    3) gate_skipped=1 ;;   # no ../shared here: the gate could not run, and the closing line says so
    *) status=1 ;;
esac

python3 tools/nf_reach.py --min "$nf_reach_min" "$results" || status=1

# One closing line over every suite, from the result files the runs wrote.
python3 - "$results" "$gate_skipped" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = 0
skipped = int(sys.argv[2])
failures = []
for path in glob.glob(sys.argv[1] + '/*.trx'):
    root = ET.parse(path).getroot()
    failures += [r.get('testName') for r in root.iter() if r.tag.endswith('UnitTestResult') and r.get('outcome') == 'Failed']
    counters = next(e for e in root.iter() if e.tag.endswith('Counters'))
    passed += int(counters.get('passed', 0))
    failed += int(counters.get('failed', 0)) + int(counters.get('error', 0)) + int(counters.get('timeout', 0))
    # A skipped xunit test is counted in total but neither as executed nor as notExecuted.
    skipped += max(int(counters.get('notExecuted', 0)), int(counters.get('total', 0)) - int(counters.get('executed', 0)))
# The names come last, next to the count, so the tail of a CI log says which tests failed.
for name in sorted(failures):
    print(f"failed: {name}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
