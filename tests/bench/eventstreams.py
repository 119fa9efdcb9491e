#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Open live event streams against a real Blockhaus server (issue #16): RSS and CPU.

Starts `blockhaus --headless` on 127.0.0.1 with a temporary data directory, makes a class of
--students students, opens --streams event streams (GET /api/v1/events, the students' pages,
round robin) and prints the server's resident set size (VmRSS of /proc/PID/status) and CPU time
(utime + stime of /proc/PID/stat):

1. idle: before any stream, and with every stream open for --hold seconds (heartbeats only);
2. push: the teacher presses pencils down / continue --presses times; every press reaches every
   stream (checked), and the CPU time of that and the delivery latency (press to last stream)
   are printed.

Usage: tests/bench/eventstreams.py --binary build/bin/blockhaus [--streams 100]
       [--students 34] [--hold 20] [--presses 20] [--runs 3]
The last line is one JSON object with the medians of --runs runs.
"""

import argparse
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchserver import start_server


def call(port, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 (1-based) of the whole line; after ")" they are 12, 13.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_stream(port, token):
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                 b"Authorization: Bearer " + token.encode() + b"\r\n\r\n")
    buffer = b""
    while b"event: state" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("a stream closed before its state")
        buffer += chunk
    if not buffer.startswith(b"HTTP/1.1 200"):
        sys.exit("a stream was refused: " + buffer[:200].decode(errors="replace"))
    sock.setblocking(False)
    return sock


def one_run(args):
    with tempfile.TemporaryDirectory() as data_dir:
        process, port, password = start_server(
            args.binary, data_dir,
            ("--max-event-streams", str(args.streams + 10), "--max-event-streams-per-user", "10"))
        try:
            admin = call(port, "POST", "/api/v1/session", body={"username": "admin", "password": password})["token"]
            klass = call(port, "POST", "/api/v1/classes", admin, {"name": "Bench class"})
            names = [f"Student {i}" for i in range(args.students)]
            students = call(port, "POST", f"/api/v1/classes/{klass['id']}/students", admin, {"names": names})["students"]
            tokens = [call(port, "POST", "/api/v1/session",
                           body={"username": s["username"], "password": s["password"]})["token"] for s in students]
            time.sleep(1)
            before_rss = rss_kib(process.pid)
            sockets = [open_stream(port, tokens[i % len(tokens)]) for i in range(args.streams)]
            selector = selectors.DefaultSelector()
            for sock in sockets:
                selector.register(sock, selectors.EVENT_READ)
            received = {sock: b"" for sock in sockets}

            def drain(until, wanted=None):
                # Reads every stream until `until` (or until each holds `wanted` events).
                while time.time() < until:
                    for key, _ in selector.select(timeout=0.05):
                        chunk = key.fileobj.recv(65536)
                        if not chunk:
                            sys.exit("a stream was closed")
                        received[key.fileobj] += chunk
                    if wanted is not None and all(b.count(b"event: pencils") >= wanted for b in received.values()):
                        return True
                return wanted is None

            cpu0 = cpu_seconds(process.pid)
            drain(time.time() + args.hold)
            idle_cpu = cpu_seconds(process.pid) - cpu0
            open_rss = rss_kib(process.pid)

            latencies = []
            cpu0 = cpu_seconds(process.pid)
            for press in range(args.presses):
                start = time.time()
                call(port, "PUT", f"/api/v1/classes/{klass['id']}/live", admin, {"pencils_down": press % 2 == 0})
                if not drain(time.time() + 10, press + 1):
                    sys.exit(f"press {press + 1} did not reach every stream")
                latencies.append((time.time() - start) * 1000)
            push_cpu = cpu_seconds(process.pid) - cpu0
            for sock in sockets:
                sock.close()
            return {
                "rss_before_kib": before_rss,
                "rss_with_streams_kib": open_rss,
                "rss_per_stream_kib": round((open_rss - before_rss) / args.streams, 1),
                "idle_cpu_percent": round(100 * idle_cpu / args.hold, 2),
                "press_cpu_ms": round(1000 * push_cpu / args.presses, 1),
                "press_to_all_ms_median": round(statistics.median(latencies), 1),
                "press_to_all_ms_max": round(max(latencies), 1),
            }
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--students", type=int, default=34)
    parser.add_argument("--hold", type=float, default=20)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for run in range(args.runs):
        result = one_run(args)
        print(f"run {run + 1}: {json.dumps(result)}", flush=True)
        runs.append(result)
    medians = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    medians["streams"] = args.streams
    print(json.dumps(medians))


if __name__ == "__main__":
    main()
