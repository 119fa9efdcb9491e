#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Sets up the machine, builds and runs every test suite:
#   0. clean root:  tools/setup.sh in a fresh debootstrap root of this suite, then cmake there
#                   (tests/cleanroot/test_cleanroot.py), so a package installed by hand on this
#                   machine cannot hide a missing setup step
#      lint:        clang-format --dry-run --Werror over the C++ sources; the layering of the
#                   #includes (tools/check-layering.py --self-test); the icon files
#   1. build/       full build, -Werror, QT_FORCE_ASSERTS; unit+integration (-j2), then stress
#                   and the browser tests in Debian's chromium and the dashboard under Xvfb
#                   (serial); the label pg against a throwaway PostgreSQL (tools/pg-cluster.sh);
#                   screenshots land in build/test-artifacts/{e2e,dashboard}/;
#                   then the .deb is built, installed into a clean Debian root and run there
#   2. build-asan/  ASan+UBSan, no UI, -Werror, QT_FORCE_ASSERTS; unit+integration
#   3. build-fuzz/  clang + libFuzzer + ASan/UBSan: each fuzz target for a short run over its
#                   checked-in seed corpus (tools/fuzz.sh; the long runs are in tests/fuzz/README.md)
# Exits non-zero if any build or test failed and ends with the plain line
# "N passed, N failed" summed over all ctest runs (a failed build, or a ctest
# run that produced no summary, counts as one failure).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

# Bounds, in seconds: with a warm ccache the whole script takes about 40 minutes on 2 cores; a
# build from a cold cache takes up to 25 of them, so the bounds leave room for that (75 minutes
# at most, inside CI's 90). Each step has its own limit; no step may run past the budget.
budget=${BLOCKHAUS_TEST_BUDGET:-4500}
build_limit=${BLOCKHAUS_BUILD_LIMIT:-1500}
ctest_limit=${BLOCKHAUS_CTEST_LIMIT:-600}
test_timeout=${BLOCKHAUS_TEST_TIMEOUT:-300}

passed=0
failed=0
problems=()
logdir=$(mktemp -d "${TMPDIR:-/tmp}/blockhaus-test.XXXXXX")
trap 'rm -rf "$logdir"' EXIT

section() { printf '\n==== %s ====\n' "$*"; }

# limit_for STEP_LIMIT: prints the seconds a step may take (never past the budget), or fails.
limit_for() {
    local left=$((budget - SECONDS))
    if [[ $left -lt 60 ]]; then
        return 1
    fi
    echo $((left < $1 ? left : $1))
}

note_failure() {
    failed=$((failed + 1))
    problems+=("$1")
    echo "FAILED: $1" >&2
}

# build NAME DIR cmake-args...
build() {
    local name=$1 dir=$2
    shift 2
    section "build $name ($dir)"
    local limit
    if ! limit=$(limit_for "$build_limit"); then
        note_failure "build $name skipped: the ${budget} s budget is used up"
        return 1
    fi
    if ! timeout --kill-after=30 "$limit" bash tools/build.sh "$dir" "$@"; then
        note_failure "build $name"
        return 1
    fi
}

# run_ctest NAME DIR ctest-args...: runs ctest, adds its counts to the totals.
run_ctest() {
    local name=$1 dir=$2
    shift 2
    local log="$logdir/ctest-${name//[^a-z0-9]/_}.log"
    section "ctest $name ($dir)"
    local limit
    if ! limit=$(limit_for "$ctest_limit"); then
        note_failure "ctest $name skipped: the ${budget} s budget is used up"
        return
    fi
    timeout --kill-after=30 "$limit" \
        ctest --test-dir "$dir" --output-on-failure --timeout "$test_timeout" "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    # e.g. "100% tests passed, 0 tests failed out of 12"
    local summary
    summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
    if [[ -n "$summary" ]]; then
        local nfail ntotal
        nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
        ntotal=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
        passed=$((passed + ntotal - nfail))
        failed=$((failed + nfail))
        if [[ $nfail -gt 0 ]]; then
            problems+=("ctest $name: $nfail of $ntotal failed")
        elif [[ $rc -ne 0 ]]; then
            note_failure "ctest $name exited with $rc"
        fi
    elif grep -q 'No tests were found' "$log"; then
        echo "ctest $name: no tests with these labels yet"
    else
        note_failure "ctest $name (exit $rc, no summary; timed out or crashed?)"
    fi
}

section "setup"
if ! bash tools/setup.sh; then
    note_failure "setup"
fi

# 0. The README's setup on a bare machine. Needs root (debootstrap, chroot), as setup does.
section "clean root (setup.sh and cmake in a fresh Debian root)"
if limit=$(limit_for "$build_limit") \
    && timeout --kill-after=30 "$limit" python3 tests/cleanroot/test_cleanroot.py "$repo"; then
    passed=$((passed + 1))
else
    note_failure "clean root: tools/setup.sh or cmake failed in a fresh Debian root (see above)"
fi

# Formatting: every tracked C++ file as .clang-format (STYLE.md) would write it.
section "lint (clang-format)"
if git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror; then
    passed=$((passed + 1))
else
    note_failure "lint: clang-format would change the files named above (run clang-format -i)"
fi

# The layering (docs/architecture.md): no folder includes a header of one it must not reach.
# Cheap, so early; --self-test first proves on a temporary tree that the check can fail.
section "lint (layering)"
if python3 tools/check-layering.py --self-test; then
    passed=$((passed + 1))
else
    note_failure "lint: an #include breaks the layering (file:line: rule above; tools/check-layering.py)"
fi

# The icon files are generated (tools/make-icons.py) and committed: all there, right sizes.
section "lint (icons)"
if python3 tools/check-icons.py; then
    passed=$((passed + 1))
else
    note_failure "lint: icon files (run tools/make-icons.py)"
fi

# 1. Full build with warnings as errors and Qt asserts on in release code.
if build full build -DBLOCKHAUS_WERROR=ON -DCMAKE_CXX_FLAGS=-DQT_FORCE_ASSERTS; then
    run_ctest "full unit+integration" build -L 'unit|integration' -j 2
    run_ctest "full stress" build -L stress
    # The same suites against PostgreSQL (label pg, tests named *.pg): one throwaway cluster
    # (tools/pg-cluster.sh) for the whole label, stopped and removed afterwards.
    section "PostgreSQL test cluster"
    if pg_exports=$(bash tools/pg-cluster.sh start); then
        eval "$pg_exports"
        trap 'bash tools/pg-cluster.sh stop "$BLOCKHAUS_PG_CLUSTER"; rm -rf "$logdir"' EXIT
        # The label grew with #15 (browser suites, two processes, the full disk): its own bound.
        ctest_limit=${BLOCKHAUS_PG_CTEST_LIMIT:-900} run_ctest "full PostgreSQL (label pg)" build -L pg -j 2
        bash tools/pg-cluster.sh stop "$BLOCKHAUS_PG_CLUSTER"
        trap 'rm -rf "$logdir"' EXIT
        # Later steps run against SQLite again.
        unset BLOCKHAUS_PG_CLUSTER BLOCKHAUS_TEST_DATABASE BLOCKHAUS_DATABASE_PASSWORD \
            PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
    else
        note_failure "PostgreSQL test cluster did not start (tools/pg-cluster.sh start)"
    fi
    # e2e.firsthour (#13) starts its own Xvfb (xvfb-run) for the dashboard it clicks through.
    # Eleven browser suites since #16 (assignments, live lesson, help, cloud): more than the
    # default step limit, well inside the budget.
    ctest_limit=${BLOCKHAUS_E2E_CTEST_LIMIT:-1200} run_ctest "full e2e (chromium)" build -L e2e
    run_ctest "full dashboard screenshot (xvfb)" build -L screenshot
    run_ctest "full package (.deb in a clean Debian root)" build -L package
fi

# 2. Sanitizers. Qt keeps some allocations alive until exit, so leak
# detection is off unless the caller asks for it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if build asan build-asan -DBLOCKHAUS_SANITIZE=ON -DBLOCKHAUS_BUILD_UI=OFF -DBLOCKHAUS_STAGE_EDITOR=OFF \
    -DBLOCKHAUS_WERROR=ON -DCMAKE_CXX_FLAGS=-DQT_FORCE_ASSERTS; then
    run_ctest "asan unit+integration" build-asan -L 'unit|integration' -j 2
fi

# 3. A short fuzz run: every target over a copy of its seed corpus (crash inputs found earlier
# are part of the corpus, so they are replayed every time).
fuzz_seconds=${BLOCKHAUS_FUZZ_SECONDS:-20}
section "fuzz (${fuzz_seconds} s per target)"
if limit=$(limit_for "$build_limit") \
    && timeout --kill-after=30 "$limit" bash tools/fuzz.sh "$fuzz_seconds"; then
    passed=$((passed + 1))
else
    note_failure "fuzz: a target found a crash, leak or undefined behaviour, or did not build"
fi

section "summary"
for p in "${problems[@]}"; do
    echo "  - $p"
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
