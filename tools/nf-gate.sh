#!/usr/bin/env bash
# The nanoFramework gate. Every .nfproj of the repository (Core's assemblies, Device, the loader, the
# nanoFramework test projects) must
#   1. compile against the nanoFramework 1.17 API: the real mscorlib of nanoFramework.CoreLibrary (the one
#      nanoFramework package NuGet serves here) and facades of the other packages, made by
#      ../shared/nanoframework/make-facades next to this repository;
#   2. fit one .pe assembly: byte code within the budget, every table within its limit (nanocheck size);
#   3. avoid the IL patterns the nanoCLR interpreter computes differently from .NET (nanocheck il).
# Release builds are checked: a Debug build hides some interpreter differences. In a clone without
# ../shared the gate is skipped and the real nanoFramework build (Visual Studio / VS Code extension,
# or the Windows job in .github/workflows) is the check.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared_nf="${NF_SHARED:-$repo/../shared/nanoframework}"
facades="${NF_FACADES:-${XDG_CACHE_HOME:-$HOME/.cache}/energylogger/nf-facades}"
generated="$repo/tests/nf-compile/.generated"
artifacts="${NF_GATE_ARTIFACTS:-$repo/tests/nf-compile/.artifacts}"

if [ ! -x "$shared_nf/make-facades" ]; then
    echo "nf-gate: SKIPPED: $shared_nf/make-facades not found, so the nanoFramework 1.17 API cannot be checked here."
    echo "nf-gate: build the .nfproj projects with the nanoFramework toolchain instead."
    exit 3
fi

echo "nf-gate: facades from $shared_nf -> $facades"
"$shared_nf/make-facades" "$facades" -q

dotnet restore "$repo/tools/build/CoreLibrary/CoreLibrary.csproj" -v:q >/dev/null
packages=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')
corelib="$packages/nanoframework.corelibrary/1.17.11/lib/mscorlib.dll"
[ -f "$corelib" ] || { echo "nf-gate: FAILED: $corelib was not restored"; exit 1; }

rm -rf "$generated"
python3 "$repo/tools/build/nf_projects.py" "$repo" "$shared_nf/api/packages.tsv" "$generated" "$corelib"

log="$artifacts/gate.log"
mkdir -p "$artifacts"
if ! dotnet build "$generated/gate.slnx" -c Release -nologo -v:q -p:NFFacades="$facades" \
    --artifacts-path "$artifacts" >"$log" 2>&1; then
    echo "nf-gate: FAILED: code that nanoFramework 1.17 cannot compile:"
    grep -E 'error [A-Z]+[0-9]+' "$log" | sed -E -e 's# \[[^]]*\]$##' -e "s#^$repo/#  #" | sort -u | head -40
    exit 1
fi

assemblies=()
while IFS=$'\t' read -r name _; do
    assemblies+=("$artifacts/bin/$name.Check/release/$name.dll")
    echo "nf-gate: $name compiles against nanoFramework 1.17"
done <"$generated/assemblies.tsv"

dotnet build "$repo/tools/EnergyLogger.NanoCheck" -nologo -v:q -clp:NoSummary -o "$artifacts/nanocheck" >"$artifacts/nanocheck.log" 2>&1 \
    || { echo "nf-gate: FAILED: nanocheck does not build:"; cat "$artifacts/nanocheck.log"; exit 1; }
nanocheck() { dotnet "$artifacts/nanocheck/nanocheck.dll" "$@"; }

status=0
echo "nf-gate: byte code and tables of each assembly against one .pe's limits (budget 48 KB):"
nanocheck size --budget 49152 "${assemblies[@]}" || status=1
echo "nf-gate: IL the nanoCLR interpreter computes differently from .NET:"
nanocheck il --allow "$repo/tools/build/nanocheck-allow.txt" "${assemblies[@]}" | sed -e "s#^$repo/##" || status=1
exit $status
