#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Builds blockhaus and blockhaus_loadgen in build/, starts a headless server on a temporary
# data directory and a free port, runs each load scenario several times and prints the
# median of every figure. Results belong in BENCHMARKS.md.
#
# Usage: tools/bench.sh [loadgen options, e.g. --clients 100 --duration 10 --size 150000]
# Environment: BENCH_SCENARIOS (default "status list save conflict assets"), BENCH_RUNS (3),
#              BENCH_POOL_SIZE (server --pool-size, unset: the server's default),
#              BENCH_DATABASE (sqlite, the default, or postgresql: a throwaway cluster from
#              tools/pg-cluster.sh with PostgreSQL's durable defaults, fsync and synchronous
#              commit on, and the server started with --database; #15),
#              BENCH_BUILD_DIR (default build).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

scenarios=${BENCH_SCENARIOS:-status list save conflict assets}
runs=${BENCH_RUNS:-3}

bash tools/setup.sh
build_dir=${BENCH_BUILD_DIR:-build}
BLOCKHAUS_BUILD_TARGETS="blockhaus blockhaus_loadgen blockhaus_web" bash tools/build.sh "$build_dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/blockhaus-bench.XXXXXX")
server_pid=
pg_cluster=
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$pg_cluster" ]]; then
        bash tools/pg-cluster.sh stop "$pg_cluster" || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
export BLOCKHAUS_ADMIN_PASSWORD=$password
server_args=(--headless --listen 127.0.0.1 --port 0 --data-dir "$work/data")
if [[ -n "${BENCH_POOL_SIZE:-}" ]]; then
    server_args+=(--pool-size "$BENCH_POOL_SIZE")
fi
case "${BENCH_DATABASE:-sqlite}" in
sqlite) ;;
postgresql)
    pg_exports=$(BLOCKHAUS_PG_DURABLE=1 bash tools/pg-cluster.sh start)
    eval "$pg_exports"
    pg_cluster=$BLOCKHAUS_PG_CLUSTER
    psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
    "$psql_bin" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE bench"
    # The password stays in BLOCKHAUS_DATABASE_PASSWORD (exported above), as in production.
    server_args+=(--database "postgresql://blockhaus@127.0.0.1:$PGPORT/bench")
    echo "bench: PostgreSQL on 127.0.0.1:$PGPORT (fsync and synchronous commit on)"
    ;;
*)
    echo "bench: BENCH_DATABASE must be sqlite or postgresql" >&2
    exit 2
    ;;
esac
"$build_dir/bin/blockhaus" "${server_args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!

port=
for _ in $(seq 1 300); do
    port=$(sed -n 's/.*[Ll]istening on port \([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
    [[ -n "$port" ]] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.2
done
if [[ -z "$port" ]]; then
    echo "bench: the server did not start; its output:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
echo "bench: server pid $server_pid on port $port, data in $work/data"

results="$work/results.jsonl"
: >"$results"
status=0
for scenario in $scenarios; do
    for run in $(seq 1 "$runs"); do
        echo "bench: $scenario, run $run of $runs"
        if ! "$build_dir/bin/blockhaus_loadgen" --port "$port" --scenario "$scenario" \
            --server-pid "$server_pid" "$@" >"$work/run.out" 2>"$work/run.err"; then
            echo "bench: loadgen failed ($scenario, run $run):" >&2
            tail -n 20 "$work/run.err" >&2
            status=1
        fi
        sed -n '1,/^{/p' "$work/run.out" | grep -v '^{' | sed 's/^/    /'
        grep '^{' "$work/run.out" | tail -n 1 >>"$results" || true
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "bench: the server died; its output:" >&2
            tail -n 50 "$work/server.log" >&2
            exit 1
        fi
    done
done

echo
echo "bench: medians of $runs runs"
python3 - "$results" <<'PY'
import json, statistics, sys
from collections import defaultdict, OrderedDict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    line = line.strip()
    if line:
        r = json.loads(line)
        runs[r["scenario"]].append(r)

def median(values):
    m = statistics.median(values)
    return int(m) if float(m).is_integer() else round(m, 2)

for scenario, rs in runs.items():
    out = OrderedDict(scenario=scenario, runs=len(rs))
    keys = []
    for r in rs:
        keys += [k for k, v in r.items() if isinstance(v, (int, float)) and k not in keys]
    for k in keys:
        out[k] = median([r.get(k, 0) for r in rs])
    codes = sorted({c for r in rs for c in r.get("status", {})}, key=int)
    out["status"] = {c: median([r.get("status", {}).get(c, 0) for r in rs]) for c in codes}
    figures = ["requests_per_s", "saves_per_s", "p50_ms", "p95_ms", "p99_ms", "errors_5xx",
               "lost_saves", "server_peak_rss_kib"]
    text = ", ".join(f"{k} {out[k]}" for k in figures if k in out)
    print(f"{scenario:9} {text}, status {out['status']}")
    print(json.dumps(out))
PY
exit $status
