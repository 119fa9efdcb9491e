#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Configures and builds one build directory (Ninja, RelWithDebInfo, ccache).
# Usage: tools/build.sh BUILD_DIR [extra cmake arguments...]
# Set BLOCKHAUS_BUILD_TARGETS="a b" to build only those targets.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [cmake arguments...]" >&2
    exit 2
fi
build_dir=$1
shift

export CCACHE_BASEDIR="$repo"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# With -g ccache hashes the working directory by default, so a fresh clone elsewhere (CI, a
# worktree) would find nothing a build in another checkout compiled and build cold, past
# tools/test.sh's bounds on 2 cores. Only the compile directory in the debug info differs.
export CCACHE_NOHASHDIR=1
mkdir -p "$CCACHE_DIR"

jobs="${BLOCKHAUS_JOBS:-$(nproc 2>/dev/null || echo 2)}"

launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

cmake -S "$repo" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "${launcher[@]}" \
    "$@"

targets=()
for t in ${BLOCKHAUS_BUILD_TARGETS:-}; do
    targets+=(--target "$t")
done
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
