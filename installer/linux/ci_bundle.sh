#!/usr/bin/env bash
# CI gate for the Linux bundle: build it with PyInstaller, check what is in it, run its
# self-test offscreen, pack the .tgz, and compare its start with the venv's.
#
#     bash installer/linux/ci_bundle.sh
#
# Fails (exit 1) if the build, the check or any self-test fails. Prints the bundle's and
# the .tgz's size and, over SANGDAM_BUNDLE_RUNS runs each (default 3; medians), the time
# from launch to the first window and to the self-test's end, for the bundle and for the
# venv (.venv/bin/sangdam, so uv's own start is not counted), each after one untimed
# warm-up run. The venv runs may write bytecode (PYTHONDONTWRITEBYTECODE is unset for
# them), as an installed app's do; the bundle has its own. Needs uv and binutils.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export QT_QPA_PLATFORM=offscreen
runs=${SANGDAM_BUNDLE_RUNS:-3}
for tool in strip objdump; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "ci_bundle.sh: $tool is missing: apt-get install binutils" >&2
        exit 1
    fi
done

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

started=$(now)
uv run pyinstaller installer/sangdam.spec --noconfirm --distpath dist --workpath build \
    --log-level WARN
built=$(now)
uv run python -m installer.check_bundle dist/sangdam
tgz=$(installer/linux/build.sh --bundle dist/sangdam | sed 's/ (.*//')

unset PYTHONDONTWRITEBYTECODE

# One self-test; sets `result` to "<seconds to first window> <seconds to the end>", both
# from launch (a variable, not output: an `exit` in a $(...) would only end a subshell).
selftest() {
    local launch out first done
    launch=$(now)
    if ! out=$("$1" --selftest 2>&1); then
        echo "ci_bundle.sh: $1 --selftest failed:" >&2
        echo "$out" >&2
        exit 1
    fi
    done=$(now)
    first=$(echo "$out" | sed -n 's/^selftest: first-window .* at \([0-9.]*\) (unix time)$/\1/p')
    result=$(awk -v l="$launch" -v f="$first" -v d="$done" \
        'BEGIN { printf "%.3f %.3f\n", f - l, d - l }')
}

declare -A first_window whole
for target in bundle venv; do
    exe=dist/sangdam/sangdam
    [ "$target" = venv ] && exe=.venv/bin/sangdam
    selftest "$exe" # warm-up: disk cache, and the venv's bytecode
    results=()
    for _ in $(seq "$runs"); do
        selftest "$exe"
        results+=("$result")
    done
    first_window[$target]=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
    whole[$target]=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
done
dist/sangdam/sangdam --selftest | sed 's/^/  /'  # one run's steps, for the log

mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'; }
bundle_bytes=$(find dist/sangdam -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "bundle: dist/sangdam $(mb "$bundle_bytes") MB, $tgz $(mb "$(stat -c %s "$tgz")") MB," \
    "built in $(awk -v a="$started" -v b="$built" 'BEGIN { printf "%.0f", b - a }') s"
echo "launch to first window (median of $runs): bundle ${first_window[bundle]} s," \
    "venv ${first_window[venv]} s"
echo "whole self-test (median of $runs): bundle ${whole[bundle]} s, venv ${whole[venv]} s"
echo "ci_bundle.sh: ok in $(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
