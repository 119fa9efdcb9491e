#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Slow and abusive clients against a real Blockhaus server (issue #12), with default timeouts.

Starts `blockhaus --headless` on 127.0.0.1 with a temporary data directory and prints figures:

1. download: one client reads a large asset at a fixed rate through a small TCP window
   (default 10 MB at 0.5 Mbit/s, keep-alive and Connection: close) - is the reply complete?
2. hold: one address (127.0.0.2) opens many sockets (default 600) and trickles request heads;
   meanwhile other clients (127.0.0.1) send GET /api/v1/status - their status codes and the
   p50/p99 latency, compared with the same requests without the attacker.

Usage: tests/bench/slowclients.py --binary build/bin/blockhaus [--size-mb 10] [--kbit 500]
       [--hold 600] [--requests 400] [--skip-download]
Nothing is asserted: the figures are printed (the last line is one JSON object).
"""

import argparse
import hashlib
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time

from benchserver import start_server


def connect(port, source="127.0.0.1", rcvbuf=0, timeout=30):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind((source, 0))
    sock.settimeout(timeout)
    sock.connect(("127.0.0.1", port))
    return sock


def read_response(sock, rate_bytes_per_s=0, step=4096):
    """Returns (status, headers, body, complete). Reads at most rate_bytes_per_s when given."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            return 0, {}, buffer, False
        buffer += chunk
    head, _, body = buffer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    started = time.monotonic()
    while len(body) < length:
        if rate_bytes_per_s:
            due = started + len(body) / rate_bytes_per_s
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)  # the slowness being measured
        try:
            chunk = sock.recv(min(step, length - len(body)))
        except (ConnectionResetError, socket.timeout):
            chunk = b""
        if not chunk:
            return status, headers, body, False
        body += chunk
    return status, headers, body, True


def request(port, method, path, body=b"", headers=None, source="127.0.0.1"):
    sock = connect(port, source)
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    sock.sendall(head.encode() + body)
    status, response_headers, response_body, _ = read_response(sock)
    sock.close()
    return status, response_headers, response_body


def setup_asset(port, password, size):
    status, _, body = request(port, "POST", "/api/v1/session",
                              json.dumps({"username": "admin", "password": password}).encode(),
                              {"Content-Type": "application/json"})
    if status != 201:
        sys.exit(f"login failed: {status} {body[:200]!r}")
    token = json.loads(body)["token"]
    data = random.randbytes(size)
    name = hashlib.md5(data).hexdigest() + ".wav"
    status, _, body = request(port, "PUT", "/api/v1/assets/" + name, data,
                              {"Authorization": "Bearer " + token, "Content-Type": "audio/wav"})
    if status not in (200, 201):
        sys.exit(f"upload failed: {status} {body[:200]!r}")
    return token, name, size


def slow_download(port, token, name, size, kbit, keep_alive):
    sock = connect(port, rcvbuf=16 * 1024, timeout=120)
    head = f"GET /api/v1/assets/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
    if not keep_alive:
        head += "Connection: close\r\n"
    sock.sendall((head + "\r\n").encode())
    started = time.monotonic()
    status, _, body, complete = read_response(sock, rate_bytes_per_s=kbit * 1000 / 8)
    seconds = time.monotonic() - started
    sock.close()
    return {"keep_alive": keep_alive, "status": status, "received_bytes": len(body),
            "expected_bytes": size, "complete": complete and len(body) == size,
            "percent": round(100.0 * len(body) / size, 1), "seconds": round(seconds, 1)}


def status_latencies(port, count, parallel):
    latencies, statuses, lock = [], {}, threading.Lock()

    def worker(n):
        for _ in range(n):
            started = time.monotonic()
            try:
                status = request(port, "GET", "/api/v1/status")[0]
            except OSError:
                status = 0
            elapsed = (time.monotonic() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(count // parallel,)) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)
    return {"requests": len(latencies), "statuses": statuses, "p50_ms": pick(0.50),
            "p99_ms": pick(0.99)}


def hold_sockets(port, count):
    held, refused, failed = [], 0, 0
    for i in range(count):
        try:
            sock = connect(port, source="127.0.0.2", timeout=5)
            sock.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            held.append(sock)
        except OSError:
            failed += 1
    # Connections the server refused at once answer 503 and close.
    for sock in held:
        sock.settimeout(0.05)
        try:
            if sock.recv(64).startswith(b"HTTP/1.1 503"):
                refused += 1
        except (socket.timeout, OSError):
            pass
    return held, {"opened": len(held), "refused_503": refused, "connect_failed": failed}


def peak_rss_mib(pid):
    """The server's highest resident set size so far (VmHWM), in MiB; None where unknown."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--size-mb", type=float, default=10)
    parser.add_argument("--kbit", type=float, default=500)
    parser.add_argument("--hold", type=int, default=600)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--skip-download", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        process, port, password = start_server(args.binary, data_dir)
        try:
            figures = {}
            if not args.skip_download:
                token, name, size = setup_asset(port, password, int(args.size_mb * 1024 * 1024))
                for keep_alive in (True, False):
                    result = slow_download(port, token, name, size, args.kbit, keep_alive)
                    print(f"download {size} B at {args.kbit} kbit/s, "
                          f"{'keep-alive' if keep_alive else 'Connection: close'}: "
                          f"{result['percent']}% in {result['seconds']} s "
                          f"({'complete' if result['complete'] else 'CUT'})", flush=True)
                    figures["download_keepalive" if keep_alive else "download_close"] = result
            baseline = status_latencies(port, args.requests, args.parallel)
            print(f"status without attacker: {baseline}", flush=True)
            held, hold = hold_sockets(port, args.hold)
            print(f"attacker on 127.0.0.2: {hold}", flush=True)
            attacked = status_latencies(port, args.requests, args.parallel)
            print(f"status from 127.0.0.1 meanwhile: {attacked}", flush=True)
            for sock in held:
                sock.close()
            figures.update({"status_baseline": baseline, "hold": hold, "status_attacked": attacked})
            figures["server_peak_rss_mib"] = peak_rss_mib(process.pid)
            print(f"server peak RSS (VmHWM) over the whole run: "
                  f"{figures['server_peak_rss_mib']} MiB", flush=True)
            print(json.dumps(figures))
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
