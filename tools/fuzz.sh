#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Builds the libFuzzer targets (tests/fuzz, clang with AddressSanitizer + UBSan, -Werror for our
# code) and runs each one for a while over a copy of its seed corpus (the checked-in corpus is
# never modified). Prints one line per target; exits non-zero when any target found a crash,
# leak, UB or timeout, and keeps the input that caused it under BUILD_DIR/fuzz-artifacts/.
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
# Environment: BLOCKHAUS_FUZZ_BUILD_DIR (default build-fuzz in the checkout),
#              BLOCKHAUS_FUZZ_TARGETS="fuzz_a fuzz_b" to run only those,
#              BLOCKHAUS_FUZZ_ARGS extra libFuzzer flags (e.g. "-max_len=65536").
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-20}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -lt 1 ]]; then
    echo "usage: $0 [SECONDS_PER_TARGET]" >&2
    exit 2
fi
build_dir=${BLOCKHAUS_FUZZ_BUILD_DIR:-$repo/build-fuzz}

for tool in clang clang++; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "fuzz: $tool is missing; run tools/setup.sh (Debian packages clang, libclang-rt-dev)" >&2
        exit 1
    fi
done

# The fuzz build only needs the server libraries and the fuzzers: no dashboard, no editor.
CC=clang CXX=clang++ BLOCKHAUS_BUILD_TARGETS=fuzzers bash "$repo/tools/build.sh" "$build_dir" \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DBLOCKHAUS_FUZZ=ON -DBLOCKHAUS_WERROR=ON -DBLOCKHAUS_BUILD_UI=OFF \
    -DBLOCKHAUS_STAGE_EDITOR=OFF >"$build_dir.build.log" 2>&1 || {
    tail -n 40 "$build_dir.build.log" >&2
    echo "fuzz: build failed (full log: $build_dir.build.log)" >&2
    exit 1
}

list="$build_dir/fuzzers.txt"
if [[ ! -s "$list" ]]; then
    echo "fuzz: no fuzz targets listed in $list" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/blockhaus-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"

# Leaks and UB are failures like crashes; symbolized stacks for the report.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[[ -n "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

failed=0
while read -r target corpus; do
    [[ -n "$target" ]] || continue
    if [[ -n "${BLOCKHAUS_FUZZ_TARGETS:-}" && " $BLOCKHAUS_FUZZ_TARGETS " != *" $target "* ]]; then
        continue
    fi
    binary=$(find "$build_dir/tests/fuzz" -maxdepth 1 -type f -name "$target" | head -n 1)
    if [[ -z "$binary" ]]; then
        printf '%-22s result=MISSING (not built)\n' "$target"
        failed=1
        continue
    fi
    copy="$work/$target"
    mkdir -p "$copy" "$artifacts/$target"
    if [[ -d "$corpus" ]]; then
        cp -R "$corpus/." "$copy/"
    fi
    # tests/fuzz/<name>.dict, when there is one: the tokens the parser looks for.
    dict="$(dirname "$corpus")/../${target#fuzz_}.dict"
    dict_args=()
    [[ -f "$dict" ]] && dict_args=(-dict="$dict")
    log="$build_dir/$target.log"
    status=0
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a parser must not balloon.
    # shellcheck disable=SC2086
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target/" "${dict_args[@]}" \
        ${BLOCKHAUS_FUZZ_ARGS:-} "$copy" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    if [[ $status -eq 0 ]]; then
        result=ok
    else
        failed=1
        reason=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-zA-Z-]+|runtime error: .*|ALARM: working on the last Unit for [0-9]+ seconds' "$log" || true)
        result="FAILED (exit $status${reason:+: $reason}) log: $log, input: $artifacts/$target/"
    fi
    printf '%-22s runs=%-10s %-22s result=%s\n' "$target" "${runs:-?}" "${cov:-cov: ?}" "$result"
done <"$list"

exit $failed
