#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# pg.cluster: tools/pg-cluster.sh starts a real PostgreSQL that takes password connections on
# 127.0.0.1, runs as an unprivileged user, and leaves nothing behind on stop or when the command
# given to `run` fails (issue #15).
set -uo pipefail

script=${1:?usage: test_pgcluster.sh path/to/pg-cluster.sh}
failures=0
check() {
    local what=$1
    shift
    if "$@"; then
        echo "ok   - $what"
    else
        echo "FAIL - $what"
        failures=$((failures + 1))
    fi
}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql=$bindir/psql

# Our own cluster, whatever the caller's environment names.
unset BLOCKHAUS_TEST_DATABASE BLOCKHAUS_PG_CLUSTER PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE

exports=$(bash "$script" start)
check "start succeeds and prints exports" test -n "$exports"
eval "$exports"
dir=$BLOCKHAUS_PG_CLUSTER
check "the folder exists" test -d "$dir"
check "the URL names 127.0.0.1 and the port" \
    test "$BLOCKHAUS_TEST_DATABASE" = "postgresql://blockhaus@127.0.0.1:$PGPORT/postgres"
check "a TCP connection with the password works" \
    test "$("$psql" -At -h 127.0.0.1 -p "$PGPORT" -U blockhaus -d postgres -c 'SELECT 41 + 1')" = 42
check "a TCP connection with a wrong password is refused" \
    bash -c "! PGPASSWORD=wrong '$psql' -At -h 127.0.0.1 -p '$PGPORT' -U blockhaus -d postgres -c 'SELECT 1' 2>/dev/null"
check "the unix socket is in the cluster's folder" test -S "$dir/.s.PGSQL.$PGPORT"
owner=$("$psql" -At -h 127.0.0.1 -p "$PGPORT" -U blockhaus -d postgres \
    -c "SELECT pg_read_file('postmaster.pid', 0, 20)" 2>/dev/null | head -n 1)
pid=$(head -n 1 "$dir/data/postmaster.pid")
check "postgres does not run as root" test "$(ps -o uid= -p "$pid" | tr -d ' ')" != 0
check "postmaster.pid names the running postgres" test "$owner" = "$pid"
check "env prints the same exports" test "$(bash "$script" env "$dir")" = "$exports"
bash "$script" stop "$dir"
check "stop removes the folder" test ! -e "$dir"
# (A zombie until its parent reaps it is ended too.)
check "stop ends postgres" bash -c "! ps -o stat= -p $pid | grep -qv '^Z'"
check "stop of a folder it did not make refuses" bash -c "! bash '$script' stop /tmp 2>/dev/null"
check "/tmp is still there" test -d /tmp

# run: the command sees the cluster, its exit status is passed on, nothing is left behind.
record=$(mktemp)
bash "$script" run -- bash -c 'echo "$BLOCKHAUS_PG_CLUSTER" >"$1"; "$2" -At -c "SELECT 1" >/dev/null && exit 3' _ "$record" "$psql"
status=$?
check "run passes the command's exit status on" test "$status" = 3
check "run removes the cluster afterwards" test ! -e "$(cat "$record")"
check "run's cluster folder was named" test -n "$(cat "$record")"
# ensure: with BLOCKHAUS_TEST_DATABASE set it starts nothing.
check "ensure reuses a cluster the caller names" \
    test "$(env -u BLOCKHAUS_PG_CLUSTER BLOCKHAUS_TEST_DATABASE=postgresql://x@127.0.0.1:1/y \
        bash "$script" ensure -- printenv BLOCKHAUS_PG_CLUSTER || echo none)" = none
check "ensure starts a cluster when none is named" \
    bash -c "env -u BLOCKHAUS_PG_CLUSTER -u BLOCKHAUS_TEST_DATABASE bash '$script' ensure -- \
        bash -c 'test -d \"\$BLOCKHAUS_PG_CLUSTER\"'"
rm -f "$record"

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
