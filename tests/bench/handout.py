#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Handing out an assignment to 100 students (issue #16), against a real Blockhaus server.

Starts `blockhaus --headless` on 127.0.0.1 with a temporary data directory, makes a class of
N students (default 100) and a starter project of about 150 KB, then measures:

1. hand-out: one `POST /api/v1/assignments/{id}/hand-out` that makes every student's copy
   (one transaction), its wall time; then checks the grid: one copy per student, all distinct.
2. opens: a second assignment handed out to an empty class, the students added, then all N
   open it at once (`POST .../open`, one thread each, plus a second hand-out racing them):
   the wall time until the last answer, and again one copy each.

Usage: tests/bench/handout.py --binary build/bin/blockhaus [--students 100] [--runs 3]
Nothing is asserted beyond the copy counts (printed); the last line is one JSON object.
"""

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from benchserver import start_server


class Api:
    def __init__(self, port, token=None):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def call(self, method, path, body=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", content_type)
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def ok(self, method, path, body=None, **kwargs):
        status, data = self.call(method, path, body, **kwargs)
        if status >= 300:
            sys.exit(f"{method} {path} -> {status} {data}")
        return data


def login(port, username, password):
    data = Api(port).ok("POST", "/api/v1/session", {"username": username, "password": password})
    return Api(port, data["token"])


def starter_project(size):
    padding = "x" * max(0, size - 600)
    return json.dumps({
        "targets": [{"isStage": True, "name": "Stage", "variables": {"pad": ["pad", padding]},
                     "lists": {}, "broadcasts": {}, "blocks": {}, "comments": {},
                     "currentCostume": 0, "costumes": [], "sounds": [], "volume": 100,
                     "layerOrder": 0}],
        "monitors": [], "extensions": [], "meta": {"semver": "3.0.0", "vm": "0.2.0", "agent": ""},
    }).encode()


def copies_ok(admin, assignment, students):
    grid = admin.ok("GET", f"/api/v1/assignments/{assignment}/copies")
    projects = {row["project_id"] for row in grid["copies"] if row["project_id"]}
    return len(grid["copies"]) == students and len(projects) == students


def one_run(binary, students, size):
    with tempfile.TemporaryDirectory() as data_dir:
        process, port, password = start_server(binary, data_dir)
        try:
            admin = login(port, "admin", password)
            klass = admin.ok("POST", "/api/v1/classes", {"name": "Bench"})
            names = [f"Kid {i:03d}" for i in range(students)]
            made = admin.ok("POST", f"/api/v1/classes/{klass['id']}/students", {"names": names})
            accounts = made["students"]
            starter = admin.ok("POST", "/api/v1/projects?title=Starter", raw=starter_project(size))

            first = admin.ok("POST", f"/api/v1/classes/{klass['id']}/assignments",
                             {"title": "Bench task", "starter_project_id": starter["id"]})
            begin = time.perf_counter()
            result = admin.ok("POST", f"/api/v1/assignments/{first['id']}/hand-out")
            handout_s = time.perf_counter() - begin
            handout_ok = result["copies_made"] == students and copies_ok(admin, first["id"], students)

            # The race: handed out to an empty class, then everyone opens at once.
            room = admin.ok("POST", "/api/v1/classes", {"name": "Bench race"})
            second = admin.ok("POST", f"/api/v1/classes/{room['id']}/assignments",
                              {"title": "Race task", "starter_project_id": starter["id"]})
            admin.ok("POST", f"/api/v1/assignments/{second['id']}/hand-out")
            admin.ok("POST", f"/api/v1/classes/{room['id']}/members",
                     {"user_ids": [account["id"] for account in accounts]})
            clients = [login(port, account["username"], account["password"]) for account in accounts]
            statuses = []
            barrier = threading.Barrier(len(clients) + 1)

            def open_one(client):
                barrier.wait()
                statuses.append(client.call("POST", f"/api/v1/assignments/{second['id']}/open")[0])

            def hand_out_again():
                barrier.wait()
                statuses.append(admin.call("POST", f"/api/v1/assignments/{second['id']}/hand-out")[0])

            threads = [threading.Thread(target=open_one, args=(client,)) for client in clients]
            threads.append(threading.Thread(target=hand_out_again))
            for thread in threads:
                thread.start()
            begin = time.perf_counter()
            for thread in threads:
                thread.join()
            opens_s = time.perf_counter() - begin
            opens_ok = all(status == 200 for status in statuses) \
                and copies_ok(admin, second["id"], students)
            return {"handout_ms": round(handout_s * 1000, 1), "handout_one_copy_each": handout_ok,
                    "opens_ms": round(opens_s * 1000, 1), "opens_one_copy_each": opens_ok}
        finally:
            process.terminate()
            process.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--size", type=int, default=150_000, help="starter project.json bytes")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for run in range(args.runs):
        figures = one_run(args.binary, args.students, args.size)
        print(f"run {run + 1}: hand-out to {args.students}: {figures['handout_ms']} ms "
              f"(one copy each: {figures['handout_one_copy_each']}); {args.students} concurrent "
              f"opens: {figures['opens_ms']} ms (one copy each: {figures['opens_one_copy_each']})")
        runs.append(figures)
    summary = {
        "students": args.students,
        "handout_ms_median": statistics.median(run["handout_ms"] for run in runs),
        "opens_ms_median": statistics.median(run["opens_ms"] for run in runs),
        "one_copy_each": all(run["handout_one_copy_each"] and run["opens_one_copy_each"] for run in runs),
        "runs": runs,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
