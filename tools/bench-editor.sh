#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Editor load benchmark (issue #4): cold and warm editor loads in Debian's chromium and 30
# simultaneous cold loads replayed from Node against one headless Blockhaus. Prints a table;
# results belong in BENCHMARKS.md ("Editor loads").
#
# Builds blockhaus and blockhaus_web in build/ only when the binary or the staged editor is
# missing; if a build is already running in build/, waits for it instead of starting another.
#
# Usage: tools/bench-editor.sh
# Environment: BENCH_RUNS (3), BENCH_CLIENTS (30), BENCH_CONNECTIONS (6),
#              BENCH_BUILD_WAIT (seconds to wait for a running build, 3600).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

build_dir="$repo/build"
binary="$build_dir/bin/blockhaus"
web_root="$build_dir/share/blockhaus/web"
wait_limit=${BENCH_BUILD_WAIT:-3600}

# Ids of ninja / cmake --build processes working in $1 (their working directory or arguments).
builds_in() {
    local dir=$1 pid cwd args
    for pid in $(pgrep -x ninja 2>/dev/null; pgrep -f 'cmake --build' 2>/dev/null; pgrep -f 'tools/build\.sh' 2>/dev/null); do
        [[ $pid == "$$" ]] && continue
        cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
        args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
        if [[ $cwd == "$dir" || $cwd == "$dir"/* || $args == *"$dir"* \
              || ($cwd == "$repo" && $args == *"build.sh build"*) ]]; then
            echo "$pid"
        fi
    done | sort -u
}

wait_for_builds() {
    local pids pid deadline=$((SECONDS + wait_limit))
    while pids=$(builds_in "$build_dir") && [[ -n "$pids" ]]; do
        echo "bench-editor: a build is running in $build_dir (pid ${pids//$'\n'/ }); waiting for it"
        for pid in $pids; do
            local left=$((deadline - SECONDS))
            if ((left <= 0)); then
                echo "bench-editor: the build in $build_dir did not finish within ${wait_limit} s" >&2
                exit 1
            fi
            # Returns when the process exits; no fixed sleep.
            timeout "$left" tail --pid="$pid" -f /dev/null || true
        done
    done
}

if [[ ! -x "$binary" || ! -f "$web_root/scratch-gui-standalone.js" ]]; then
    wait_for_builds
    if [[ ! -x "$binary" || ! -f "$web_root/scratch-gui-standalone.js" ]]; then
        echo "bench-editor: building blockhaus and blockhaus_web in $build_dir"
        BLOCKHAUS_BUILD_TARGETS="blockhaus blockhaus_web" bash tools/build.sh build
    fi
else
    echo "bench-editor: using the existing $binary (no rebuild)"
fi

if [[ ! -d "$repo/node_modules/playwright-core" ]]; then
    echo "bench-editor: node_modules/playwright-core is missing; run 'npm ci' in $repo" >&2
    exit 1
fi
if [[ ! -x /usr/bin/chromium && -z "${BLOCKHAUS_CHROMIUM:-}" ]]; then
    echo "bench-editor: /usr/bin/chromium is missing (apt-get install chromium)" >&2
    exit 1
fi

# Other compiles on the same two cores skew every figure; say so rather than guess.
others=$(pgrep -x cc1plus 2>/dev/null | wc -l || true)
if [[ "$others" -gt 0 ]]; then
    echo "bench-editor: warning: $others compiler process(es) are running on this machine"
fi
echo "bench-editor: commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(date -u +%Y-%m-%d), $(nproc) cores"

export BLOCKHAUS_BINARY="$binary"
export BLOCKHAUS_WEB_ROOT="$web_root"
# The script bounds every wait itself; this is the outer limit for the whole run.
exec timeout --kill-after=30 3600 node "$repo/tests/bench/editorload.mjs"
