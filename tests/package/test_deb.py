#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Debian package, as a school would get it.

Builds the .deb from a finished build directory with CPack, checks what is inside it, installs
it with apt into a fresh Debian root made by debootstrap (only the package's own dependencies,
no recommends, nothing from the build machine), and then, inside that root:

  * a teacher account starts the installed `blockhaus` with no display and no options besides
    a free port: it must fall back to headless, find the editor in /usr/share/blockhaus/web
    relative to its own location, keep its data in ~/.local/share/Blockhaus/Blockhaus, serve
    the editor (brotli when asked) and the API (login, .sb3 import, read back), and stop
    cleanly on SIGTERM;
  * the system service's own command line (ExecStart of the installed unit) runs as an
    unprivileged user with /var/lib/blockhaus as its data folder;
  * `apt-get remove` takes the program away and leaves the teacher's data.

Needs root (debootstrap, chroot) and Debian's archive. Usage: test_deb.py BUILD_DIR
"""

import hashlib
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import debroot  # noqa: E402

ADMIN_PASSWORD = "package-test-Admin-9f3k"
APP_ID = "org.blockhaus.Blockhaus"
STEP_TIMEOUT = 600  # seconds for any one external command (apt, debootstrap, cpack)
START_TIMEOUT = 60  # seconds until the server must report its port


class Failure(Exception):
    pass


def log(message):
    print(f"[package] {message}", flush=True)


def run(args, **kwargs):
    kwargs.setdefault("timeout", STEP_TIMEOUT)
    kwargs.setdefault("check", True)
    return subprocess.run(args, **kwargs)


def output(args, **kwargs):
    return run(args, capture_output=True, text=True, **kwargs).stdout


def expect(condition, message):
    if not condition:
        raise Failure(message)


# ---------------------------------------------------------------------------------------------
# 1. Build the package and look inside


def build_package(build_dir, out_dir):
    log("cpack -G DEB")
    run(["cpack", "-G", "DEB", "-B", out_dir], cwd=build_dir, stdout=subprocess.DEVNULL)
    debs = [f for f in os.listdir(out_dir) if f.endswith(".deb")]
    expect(len(debs) == 1, f"expected one .deb in {out_dir}, found {debs}")
    return os.path.join(out_dir, debs[0])


def check_control(deb):
    depends = output(["dpkg-deb", "-f", deb, "Depends"])
    log(f"Depends: {depends.strip()}")
    # shlibdeps must have found the libraries the binary links, and the SQLite driver plugin
    # (invisible to shlibdeps) must be named by hand.
    for package in ("libqt6core6", "libqt6network6", "libqt6sql6", "libqt6widgets6",
                    "libsodium23", "libzip4", "libsqlite3-0", "libqrencode4", "libc6",
                    "libqt6sql6-sqlite"):
        expect(re.search(rf"(^|[ ,]){re.escape(package)}\b", depends),
               f"Depends lacks {package}: {depends}")


def check_contents(deb, extract_dir):
    listing = output(["dpkg-deb", "-c", deb])
    names = {line.split()[-1].lstrip(".") for line in listing.splitlines()
             if not line.startswith("l")}
    names |= {line.split()[-3].lstrip(".") for line in listing.splitlines()
              if line.startswith("l")}
    required = [
        "/usr/bin/blockhaus",
        "/usr/share/blockhaus/web/index.html",
        "/usr/share/blockhaus/web/editor.html",
        "/usr/share/blockhaus/web/scratch-gui-standalone.js",
        "/usr/share/blockhaus/web/scratch-gui-standalone.js.br",
        "/usr/share/blockhaus/web/scratch-gui-standalone.js.gz",
        "/usr/share/blockhaus/web/licenses/blockhaus-LICENSE.txt",
        "/usr/share/blockhaus/web/licenses/scratch-gui-LICENSE.txt",
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        "/usr/share/man/man1/blockhaus.1.gz",
        "/usr/share/doc/blockhaus/copyright",
        "/usr/share/doc/blockhaus/changelog.gz",
        "/usr/lib/systemd/system/blockhaus.service",
    ]
    required += [f"/usr/share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png"
                 for n in (16, 22, 24, 32, 48, 64, 128, 256, 512)]
    for path in required:
        expect(path in names, f"the package lacks {path}")
    # Nothing from the build tree that is not for users: tests, load generator, source maps.
    for name in names:
        expect(not re.search(r"(/tst_|blockhaus_loadgen|\.map$|/CMakeFiles/)", name),
               f"the package carries a build-only file: {name}")

    run(["dpkg-deb", "-x", deb, extract_dir])
    binary = os.path.join(extract_dir, "usr/bin/blockhaus")
    described = output(["file", "-b", binary])
    expect("not stripped" not in described, f"the packaged binary is not stripped: {described}")

    log("desktop-file-validate, appstreamcli validate")
    run(["desktop-file-validate",
         os.path.join(extract_dir, f"usr/share/applications/{APP_ID}.desktop")])
    run(["appstreamcli", "validate", "--no-net",
         os.path.join(extract_dir, f"usr/share/metainfo/{APP_ID}.metainfo.xml")])


def check_lintian(deb):
    if shutil.which("lintian") is None:
        raise Failure("lintian is not installed (tools/setup.sh installs it)")
    log("lintian (no errors, no warnings, nothing suppressed)")
    result = run(["lintian", "--fail-on", "error,warning", "--tag-display-limit", "0", deb],
                 check=False, capture_output=True, text=True)
    print(result.stdout, end="")
    expect(result.returncode == 0,
           f"lintian reports errors or warnings:\n{result.stdout}{result.stderr}")


# ---------------------------------------------------------------------------------------------
# 2. A fresh Debian root with the package installed


def make_root(root):
    return debroot.make_root(root, debroot.default_cache_dir(), prefix="package")


def in_root(root, args, **kwargs):
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive",
           "LANG": "C.UTF-8"}
    return run(["chroot", root] + args, env=env, **kwargs)


def install_package(root, deb):
    shutil.copy(deb, os.path.join(root, "tmp"))
    log("apt-get install ./blockhaus.deb in the clean root (no recommends)")
    in_root(root, ["apt-get", "update", "-qq"], stdout=subprocess.DEVNULL)
    in_root(root, ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                   "/tmp/" + os.path.basename(deb)], stdout=subprocess.DEVNULL)
    missing = output(["chroot", root, "ldd", "/usr/bin/blockhaus"])
    expect("not found" not in missing, f"libraries missing in the clean root:\n{missing}")


# ---------------------------------------------------------------------------------------------
# 3. The installed program


class InstalledServer:
    """The installed blockhaus in the clean root, as user `uid`, with its own /proc (Qt finds
    its own location there) in a private mount namespace that disappears with it."""

    def __init__(self, root, uid, gid, env, args):
        command = ("mount -t proc proc \"$0/proc\" && user=$1 && group=$2 && shift 2 && "
                   "exec chroot --userspec=\"$user:$group\" \"$0\" env -i \"$@\"")
        envs = [f"{k}={v}" for k, v in env.items()]
        argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c", command, root,
                str(uid), str(gid)] + envs + ["/usr/bin/blockhaus"] + args
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines = []
        self._pending = b""
        try:
            self.port = self._wait_for_port()
        except Failure:
            self.kill()  # never leave a server running in a root that is about to be deleted
            raise

    def _readline(self, deadline):
        # os.read on the raw descriptor: a buffered reader would take more than one line from
        # the pipe and leave select() waiting for bytes it already holds.
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("the installed server did not report its port in time:\n"
                              + "\n".join(self.lines))
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                raise Failure("the installed server stopped:\n" + "\n".join(self.lines)
                              + self._pending.decode(errors="replace"))
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode(errors="replace")

    def _wait_for_port(self):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            line = self._readline(deadline)
            self.lines.append(line)
            match = re.fullmatch(r"Blockhaus is listening on port (\d+)", line)
            if match:
                return int(match.group(1))

    def stop(self):
        """SIGTERM, as systemd and the desktop send it; returns the exit code and the rest of
        the output."""
        self.process.send_signal(signal.SIGTERM)
        try:
            rest, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            raise Failure("the installed server did not stop within 30 s of SIGTERM")
        self.lines += (self._pending + rest).decode(errors="replace").splitlines()
        return self.process.returncode

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def http(port, method, path, body=None, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                     method=method, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def tiny_sb3():
    """A one-costume project, as the Scratch editor would save it."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2">'
           b'<rect width="2" height="2" fill="#f90"/></svg>')
    md5 = hashlib.md5(svg).hexdigest()
    costume = {"name": "block", "assetId": md5, "md5ext": f"{md5}.svg", "dataFormat": "svg",
               "rotationCenterX": 1, "rotationCenterY": 1}
    stage = {"isStage": True, "name": "Stage", "variables": {}, "lists": {}, "broadcasts": {},
             "blocks": {}, "comments": {}, "currentCostume": 0, "costumes": [costume],
             "sounds": [], "volume": 100, "layerOrder": 0, "tempo": 60,
             "videoTransparency": 50, "videoState": "on", "textToSpeechLanguage": None}
    project = {"targets": [stage], "monitors": [], "extensions": [],
               "meta": {"semver": "3.0.0", "vm": "0.2.0", "agent": "package test"}}
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("project.json", json.dumps(project))
        archive.writestr(f"{md5}.svg", svg)
    return data.getvalue(), f"{md5}.svg", svg


def check_serves_editor_and_api(port):
    status, headers, body = http(port, "GET", "/editor")
    expect(status == 200 and b"scratch-gui-standalone.js" in body,
           f"/editor from the installed web root: {status}")
    status, headers, body = http(port, "GET", "/scratch-gui-standalone.js",
                                 headers={"Accept-Encoding": "br, gzip"})
    expect(status == 200 and headers.get("Content-Encoding") == "br" and len(body) > 1_000_000,
           f"the editor bundle, brotli: {status} {headers.get('Content-Encoding')} {len(body)}")
    status, _, body = http(port, "GET", "/licenses/scratch-gui-LICENSE.txt")
    expect(status == 200 and b"AFFERO" in body, f"/licenses/: {status}")

    status, _, body = http(port, "GET", "/api/v1/health")
    health = json.loads(body)
    expect(status == 200 and health["db"]["ok"] is True and health["db"]["driver"] == "sqlite",
           f"/api/v1/health: {status} {body[:200]!r}")

    status, _, body = http(port, "POST", "/api/v1/session",
                           json.dumps({"username": "admin", "password": ADMIN_PASSWORD}).encode(),
                           {"Content-Type": "application/json"})
    expect(status == 201, f"admin login: {status} {body[:200]!r}")
    auth = {"Authorization": "Bearer " + json.loads(body)["token"]}

    sb3, md5ext, svg = tiny_sb3()
    status, _, body = http(port, "POST", "/api/v1/projects/import?title=Installed",
                           sb3, dict(auth, **{"Content-Type": "application/x.scratch.sb3"}))
    expect(status == 201, f".sb3 import: {status} {body[:300]!r}")
    project_id = json.loads(body)["id"]
    status, _, body = http(port, "GET", f"/api/v1/projects/{project_id}", headers=auth)
    expect(status == 200 and md5ext.encode() in body, f"project read back: {status}")
    status, _, body = http(port, "GET", f"/api/v1/assets/{md5ext}", headers=auth)
    expect(status == 200 and body == svg, f"asset read back: {status}")


def check_teacher_start(root):
    log("a teacher starts the installed blockhaus (no display, no --headless, no --data-dir)")
    in_root(root, ["useradd", "--create-home", "--shell", "/bin/bash", "teacher"])
    uid = int(output(["chroot", root, "id", "-u", "teacher"]))
    gid = int(output(["chroot", root, "id", "-g", "teacher"]))
    env = {"HOME": "/home/teacher", "USER": "teacher", "PATH": "/usr/bin:/bin",
           "LANG": "C.UTF-8", "BLOCKHAUS_ADMIN_PASSWORD": ADMIN_PASSWORD}
    server = InstalledServer(root, uid, gid, env, ["--port", "0", "--library-upstream", "none"])
    try:
        data_dir = "/home/teacher/.local/share/Blockhaus/Blockhaus"
        expect(f"Data folder: {data_dir}" in server.lines,
               f"the data folder is not the per-user one:\n" + "\n".join(server.lines))
        check_serves_editor_and_api(server.port)
    finally:
        code = server.stop()
    expect(code == 0 and "Blockhaus stopped." in server.lines,
           f"SIGTERM did not end in a clean stop (exit {code}):\n" + "\n".join(server.lines))
    database = os.path.join(root, data_dir.lstrip("/"), "blockhaus.sqlite3")
    expect(os.path.exists(database), f"no database at {database}")
    expect(os.stat(database).st_uid == uid, "the database does not belong to the teacher")
    return database


def service_command(root, options):
    """ExecStart of the installed unit with $BLOCKHAUS_OPTIONS expanded as systemd would."""
    unit = open(os.path.join(root, "usr/lib/systemd/system/blockhaus.service")).read()
    match = re.search(r"^ExecStart=(.+)$", unit, re.M)
    expect(match, "the unit has no ExecStart")
    words = []
    for word in match.group(1).split():
        words += options if word == "$BLOCKHAUS_OPTIONS" else [word]
    expect(words[0] == "/usr/bin/blockhaus", f"ExecStart runs {words[0]}")
    expect(re.search(r"^StateDirectory=blockhaus$", unit, re.M), "no StateDirectory=blockhaus")
    return words[1:]


def check_service_command(root):
    log("the system service's command line, as an unprivileged user with /var/lib/blockhaus")
    args = service_command(root, ["--port", "0", "--library-upstream", "none"])
    # What DynamicUser= and StateDirectory= would set up: a user with no home, owning only
    # /var/lib/blockhaus.
    in_root(root, ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                   "blockhaus-svc"])
    uid = int(output(["chroot", root, "id", "-u", "blockhaus-svc"]))
    gid = int(output(["chroot", root, "id", "-g", "blockhaus-svc"]))
    state = os.path.join(root, "var/lib/blockhaus")
    os.makedirs(state, mode=0o750)
    os.chown(state, uid, gid)
    env = {"PATH": "/usr/bin:/bin", "QT_ENABLE_REGEXP_JIT": "0",
           "BLOCKHAUS_ADMIN_PASSWORD": ADMIN_PASSWORD}
    server = InstalledServer(root, uid, gid, env, args)
    try:
        expect("Data folder: /var/lib/blockhaus" in server.lines,
               "the service does not use /var/lib/blockhaus:\n" + "\n".join(server.lines))
        status, _, body = http(server.port, "GET", "/api/v1/health")
        expect(status == 200 and json.loads(body)["db"]["ok"] is True,
               f"service /api/v1/health: {status}")
    finally:
        code = server.stop()
    expect(code == 0, f"the service did not stop cleanly (exit {code})")
    expect(os.path.exists(os.path.join(state, "blockhaus.sqlite3")), "no service database")


def check_unit(root):
    """systemd's own checks of the installed unit, inside the root where /usr/bin/blockhaus
    exists: syntax and references, and the sandboxing score (`systemd-analyze security`, 0 is
    the most locked down, 10 the least; --threshold counts in tenths) so hardening cannot
    quietly regress."""
    log("systemd-analyze verify and security of the installed unit")
    in_root(root, ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "systemd"],
            stdout=subprocess.DEVNULL)
    unit = "/usr/lib/systemd/system/blockhaus.service"
    in_root(root, ["systemd-analyze", "verify", "--man=no", unit])
    report = in_root(root, ["systemd-analyze", "security", "--offline=yes", "--threshold=30",
                            unit], check=False, capture_output=True, text=True)
    print(report.stdout.splitlines()[-1] if report.stdout else report.stderr)
    expect(report.returncode == 0, f"the unit's exposure is above 3:\n{report.stdout}")


def check_remove(root, database):
    log("apt-get remove keeps the teacher's data")
    in_root(root, ["apt-get", "remove", "-y", "-qq", "blockhaus"], stdout=subprocess.DEVNULL)
    expect(not os.path.exists(os.path.join(root, "usr/bin/blockhaus")), "binary left behind")
    expect(not os.path.exists(os.path.join(root, "usr/share/blockhaus")), "web root left behind")
    expect(os.path.exists(database), "removing the package removed the teacher's data")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("test_deb.py needs root (debootstrap and chroot); tools/test.sh runs it as root",
              file=sys.stderr)
        return 1
    build_dir = os.path.abspath(sys.argv[1])
    work = os.path.join(build_dir, "package-test")
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    root = os.path.join(work, "root")
    try:
        deb = build_package(build_dir, os.path.join(work, "out"))
        log(f"built {os.path.basename(deb)}, {os.path.getsize(deb) // 1024 // 1024} MiB")
        check_control(deb)
        check_contents(deb, os.path.join(work, "extract"))
        check_lintian(deb)
        make_root(root)
        install_package(root, deb)
        database = check_teacher_start(root)
        check_service_command(root)
        check_unit(root)
        check_remove(root, database)
    except (Failure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"FAIL: {error}", file=sys.stderr)
        if isinstance(error, subprocess.CalledProcessError):
            for stream in (error.stdout, error.stderr):
                if stream:
                    print(stream if isinstance(stream, str) else stream.decode(errors="replace"),
                          file=sys.stderr)
        return 1
    finally:
        # The root is large; the cached tarball stays for the next run. Its /proc was mounted
        # only in the server's private mount namespace.
        debroot.remove_root(root)
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
