# SPDX-License-Identifier: AGPL-3.0-or-later
"""The real blockhaus binary for the Python benchmarks: headless on 127.0.0.1, a free port, its
own data folder, no library downloads, a random first-admin password."""
import os
import random
import re
import subprocess
import sys
import threading
import time


def start_server(binary, data_dir, extra_args=()):
    """Starts blockhaus; returns (process, port, admin password) once it listens."""
    password = "bench-" + "".join(random.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(16))
    env = dict(os.environ, BLOCKHAUS_ADMIN_PASSWORD=password)
    process = subprocess.Popen(
        [binary, "--headless", "--listen", "127.0.0.1", "--port", "0", "--data-dir", data_dir,
         "--library-upstream", "none", *extra_args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    deadline = time.time() + 60
    for line in process.stdout:
        match = re.search(r"listening on port (\d+)", line)
        if match:
            # Keep the pipe drained so a chatty server never blocks on it.
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, int(match.group(1)), password
        if time.time() > deadline:
            break
    process.kill()
    sys.exit("the server did not report its port")
