#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# A throwaway PostgreSQL cluster for the tests (issue #15): initdb into a temporary folder, a
# postgres on a free 127.0.0.1 port with its unix socket in the same folder, run as an
# unprivileged user when started as root (postgres refuses root; CI runs as root), and removed
# again on stop. Every wait is bounded (pg_ctl -w -t, a pg_isready loop with a deadline).
#
#   tools/pg-cluster.sh start          starts a cluster, prints its settings as shell exports:
#                                        eval "$(tools/pg-cluster.sh start)"
#   tools/pg-cluster.sh env DIR        prints the exports of the running cluster in DIR again
#   tools/pg-cluster.sh stop [DIR]     stops the cluster and removes DIR (default:
#                                      $BLOCKHAUS_PG_CLUSTER)
#   tools/pg-cluster.sh run -- CMD...  start, run CMD with the exports, stop (also when CMD fails
#                                      or the script is interrupted); exits with CMD's status
#   tools/pg-cluster.sh ensure -- CMD  CMD as is when BLOCKHAUS_TEST_DATABASE is set (tools/test.sh
#                                      started one cluster for all suites), else as `run`: so
#                                      every *.pg CTest test also runs on its own
#
# The exports: BLOCKHAUS_TEST_DATABASE=postgresql://blockhaus@127.0.0.1:PORT/postgres (the test
# support makes a fresh database per test from it), BLOCKHAUS_DATABASE_PASSWORD (a random
# password; the server reads it from there so it never appears in `ps`), PGHOST, PGPORT, PGUSER,
# PGPASSWORD, PGDATABASE for psql, and BLOCKHAUS_PG_CLUSTER (the folder, for stop).
#
# Durability is off by default (fsync=off, synchronous_commit=off): the suites test the
# server's logic, not the disk, and run several times faster. BLOCKHAUS_PG_DURABLE=1 keeps
# PostgreSQL's defaults (fsync on, synchronous commit), as the benchmark needs.
# The server binaries: BLOCKHAUS_PG_BINDIR, else /usr/lib/postgresql/15/bin (Debian's
# postgresql-15, installed by tools/setup.sh), else the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

marker=.blockhaus-pg-cluster
start_timeout=${BLOCKHAUS_PG_START_TIMEOUT:-60}

die() {
    echo "pg-cluster: $*" >&2
    exit 1
}

bindir() {
    if [[ -n "${BLOCKHAUS_PG_BINDIR:-}" ]]; then
        echo "$BLOCKHAUS_PG_BINDIR"
        return 0
    fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        echo /usr/lib/postgresql/15/bin
        return 0
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$newest" && -x "$newest/initdb" ]] \
        || die "PostgreSQL's server binaries are missing (Debian: apt-get install postgresql-15, or run tools/setup.sh)"
    echo "$newest"
}

# The user the cluster runs as: ourselves, or when we are root the unprivileged "nobody".
run_user() {
    if [[ $(id -u) -eq 0 ]]; then
        echo "${BLOCKHAUS_PG_USER:-nobody}"
    else
        id -un
    fi
}

# as_owner CMD...: runs CMD as the cluster's user.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$(run_user)" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

print_env() {
    local dir=$1
    [[ -f "$dir/$marker" && -f "$dir/env" ]] || die "$dir is not a running test cluster"
    cat "$dir/env"
}

stop_cluster() {
    local dir=${1:-${BLOCKHAUS_PG_CLUSTER:-}}
    [[ -n "$dir" ]] || die "stop: which cluster? (give its folder or set BLOCKHAUS_PG_CLUSTER)"
    [[ -d "$dir" ]] || return 0
    # Never remove a folder this script did not make.
    [[ -f "$dir/$marker" ]] || die "stop: $dir was not made by pg-cluster.sh; not removing it"
    local bin
    bin=$(bindir)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        if ! as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast -w -t 30 >/dev/null 2>&1; then
            # A postmaster that does not stop in time is killed; its pid is the file's first line.
            local pid
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [[ -n "$pid" ]]; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$dir"
}

start_cluster() {
    local bin user dir password
    bin=$(bindir)
    user=$(run_user)
    local parent=${TMPDIR:-/tmp}
    # The unprivileged user must reach the folder: a root-only TMPDIR (e.g. under /root) is
    # passed over for /tmp.
    if [[ $(id -u) -eq 0 ]] && ! runuser -u "$user" -- test -x "$parent" 2>/dev/null; then
        parent=/tmp
    fi
    dir=$(mktemp -d "$parent/blockhaus-pg.XXXXXX")
    touch "$dir/$marker"
    # Removed again if anything below fails.
    trap 'stop_cluster "$dir" >/dev/null 2>&1 || true' EXIT
    if [[ $(id -u) -eq 0 ]]; then
        chown "$user" "$dir"
    fi
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" >"$dir/pwfile"
    if [[ $(id -u) -eq 0 ]]; then
        chown "$user" "$dir/pwfile"
    fi
    chmod 0600 "$dir/pwfile"
    # Host connections (what Blockhaus uses) need the password; the socket in this private folder
    # is for psql in the scripts.
    if ! as_owner "$bin/initdb" -D "$dir/data" -U blockhaus --pwfile="$dir/pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        die "initdb failed"
    fi
    rm -f "$dir/pwfile"
    local durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    if [[ "${BLOCKHAUS_PG_DURABLE:-0}" == 1 ]]; then
        durability=()
    fi
    local port attempt started=0
    for attempt in 1 2 3 4 5; do
        # A port free now may be taken before postgres binds it; then another one is tried.
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$start_timeout" \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${durability[*]}" \
            start >/dev/null 2>&1; then
            started=1
            break
        fi
        echo "pg-cluster: start on port $port failed (attempt $attempt), trying another port" >&2
    done
    if [[ $started -ne 1 ]]; then
        tail -n 20 "$dir/postgres.log" >&2 || true
        die "postgres did not start"
    fi
    # pg_ctl -w already waited; pg_isready confirms that TCP connections are accepted, bounded.
    local deadline=$((SECONDS + start_timeout))
    until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; do
        if [[ $SECONDS -ge $deadline ]]; then
            tail -n 20 "$dir/postgres.log" >&2 || true
            die "postgres does not accept connections on 127.0.0.1:$port"
        fi
        sleep 0.1 # a poll interval inside the bounded loop
    done
    cat >"$dir/env" <<EOF
export BLOCKHAUS_PG_CLUSTER='$dir'
export BLOCKHAUS_TEST_DATABASE='postgresql://blockhaus@127.0.0.1:$port/postgres'
export BLOCKHAUS_DATABASE_PASSWORD='$password'
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=blockhaus
export PGPASSWORD='$password'
export PGDATABASE=postgres
EOF
    chmod 0600 "$dir/env"
    trap - EXIT
    cat "$dir/env"
}

case "${1:-}" in
start)
    start_cluster
    ;;
env)
    [[ $# -ge 2 ]] || die "usage: $0 env DIR"
    print_env "$2"
    ;;
stop)
    stop_cluster "${2:-}"
    ;;
ensure)
    shift
    [[ "${1:-}" == -- ]] && shift
    [[ $# -ge 1 ]] || die "usage: $0 ensure -- COMMAND [ARGS...]"
    if [[ -n "${BLOCKHAUS_TEST_DATABASE:-}" ]]; then
        exec "$@"
    fi
    exec "$0" run -- "$@"
    ;;
run)
    shift
    [[ "${1:-}" == -- ]] && shift
    [[ $# -ge 1 ]] || die "usage: $0 run -- COMMAND [ARGS...]"
    exports=$(start_cluster)
    eval "$exports"
    trap 'stop_cluster "$BLOCKHAUS_PG_CLUSTER"' EXIT
    trap 'exit 130' INT TERM
    set +e
    "$@"
    status=$?
    set -e
    exit $status
    ;;
*)
    echo "usage: $0 start | env DIR | stop [DIR] | run -- COMMAND [ARGS...] | ensure -- COMMAND [ARGS...]" >&2
    exit 2
    ;;
esac
