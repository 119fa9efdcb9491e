#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The README's setup on a bare Debian machine.

A package that a developer once installed by hand hides on every warm machine, CI's included
(it happened: libzip's CMake files want zipcmp, zipmerge and ziptool). This check copies the
checkout's tracked files into a pristine `debootstrap --variant=minbase` root of the host's
suite and, inside it:

  * runs `tools/setup.sh` as the README says (Debian packages, the pinned editor, npm ci);
  * runs it a second time, which must install nothing;
  * checks that every program the test command calls is there;
  * configures the project as `tools/test.sh` does (full build with the dashboard, -Werror),
    and the sanitizer configuration without it.

What the root is given from the host is only what this network needs to reach the package
archives (apt sources and Acquire settings, DNS, the extra CA certificates and npm's CA setting),
never a package. Downloaded .deb files and npm's cache are kept between runs on one machine
(apt and npm still check them), and so is the pristine root: the first run on a new machine
takes several minutes, later ones about as long as installing the packages.

Needs root. Usage: test_cleanroot.py SOURCE_DIR
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import debroot  # noqa: E402

# Programs tools/test.sh and the suites call (besides those CMake itself looks for).
PROGRAMS = ["cmake", "ninja", "ccache", "g++", "git", "python3", "node", "npm", "clang-format",
            "chromium", "xvfb-run", "Xvfb", "brotli", "sqlite3", "zbarimg", "pdfinfo",
            "pdftotext", "pdftoppm", "dpkg-shlibdeps", "fakeroot", "debootstrap", "lintian",
            "desktop-file-validate", "appstreamcli", "rsvg-convert", "makensis", "file", "xwininfo",
            "clang++", "llvm-symbolizer"]
CONFIGURE_TIMEOUT = 300


class Failure(Exception):
    pass


def log(message):
    debroot.log("clean-root", message)


def is_host_acquire_setting(path):
    """apt.conf.d files that only say how to reach the archive (Acquire::…), not what to
    install or keep."""
    try:
        with open(path) as f:
            lines = [line.strip() for line in f]
    except (OSError, UnicodeDecodeError):
        return False
    settings = [line for line in lines if line and not line.startswith(("//", "#"))]
    return bool(settings) and all(line.startswith("Acquire") for line in settings)


def give_network_settings(root):
    """What a new machine on this network is given by whoever set it up: where the Debian
    archive is, how to reach it, and the CA that re-signs TLS here."""
    etc = os.path.join(root, "etc")
    for sources in glob.glob("/etc/apt/sources.list.d/*.sources"):
        text = open(sources).read()
        if "debian" in text and "URIs:" in text:
            shutil.copy(sources, os.path.join(etc, "apt/sources.list.d"))
            # debootstrap wrote a sources.list for the main suite; the .sources file now says it.
            if os.path.exists(os.path.join(etc, "apt/sources.list")):
                os.remove(os.path.join(etc, "apt/sources.list"))
    for setting in glob.glob("/etc/apt/apt.conf.d/*"):
        if is_host_acquire_setting(setting):
            shutil.copy(setting, os.path.join(etc, "apt/apt.conf.d"))
    extra_cas = glob.glob("/usr/local/share/ca-certificates/*.crt")
    if extra_cas:
        target = os.path.join(root, "usr/local/share/ca-certificates")
        os.makedirs(target, exist_ok=True)
        for ca in extra_cas:
            shutil.copy(ca, target)
        # Until ca-certificates is installed (setup.sh does it) npm and Node read this bundle.
        bundle = os.path.join(root, "usr/local/share/host-ca-bundle.crt")
        with open(bundle, "wb") as out:
            for ca in extra_cas:
                out.write(open(ca, "rb").read())
    # The root is thrown away after the check: dpkg need not fsync every file it unpacks.
    with open(os.path.join(etc, "dpkg/dpkg.cfg.d/blockhaus-test-unsafe-io"), "w") as f:
        f.write("force-unsafe-io\n")
    # Never start a service inside the root (postgresql, for one).
    policy = os.path.join(root, "usr/sbin/policy-rc.d")
    with open(policy, "w") as f:
        f.write("#!/bin/sh\nexit 101\n")
    os.chmod(policy, 0o755)


def copy_checkout(source, target):
    """The tracked files as they are in the work tree (a fresh clone in CI)."""
    files = subprocess.run(["git", "-C", source, "ls-files", "-z"], check=True,
                           capture_output=True).stdout
    os.makedirs(target)
    packer = subprocess.Popen(["tar", "-C", source, "--null", "-T", "-", "-cf", "-"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    unpacker = subprocess.Popen(["tar", "-C", target, "-xf", "-"], stdin=packer.stdout)
    packer.stdout.close()
    packer.stdin.write(files)
    packer.stdin.close()
    if packer.wait(timeout=300) != 0 or unpacker.wait(timeout=300) != 0:
        raise Failure("copying the checkout into the root failed")


def check(source):
    cache = debroot.default_cache_dir()
    work = tempfile.mkdtemp(prefix="blockhaus-cleanroot.", dir="/var/tmp")
    root = os.path.join(work, "root")
    try:
        debroot.make_root(root, cache, prefix="clean-root")
        give_network_settings(root)
        copy_checkout(source, os.path.join(root, "src"))
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "HOME": "/root", "LANG": "C.UTF-8", "USER": "root"}
        if glob.glob(os.path.join(root, "usr/local/share/host-ca-bundle.crt")):
            env["NODE_EXTRA_CA_CERTS"] = "/usr/local/share/host-ca-bundle.crt"
        shell = debroot.RootShell(root, env, binds=[
            (os.path.join(cache, "apt-archives"), "/var/cache/apt/archives"),
            (os.path.join(cache, "npm"), "/root/.npm"),
        ])

        log("tools/setup.sh in the clean root")
        first = shell.run(["bash", "/src/tools/setup.sh"], check=False, capture_output=True,
                          text=True)
        print(first.stdout[-3000:], first.stderr[-3000:], sep="\n")
        if first.returncode != 0:
            raise Failure(f"tools/setup.sh failed in a clean root (exit {first.returncode})")

        log("tools/setup.sh again: must install nothing")
        second = shell.run(["bash", "/src/tools/setup.sh"], check=False, capture_output=True,
                           text=True)
        if second.returncode != 0 or "setup: all" not in second.stdout:
            raise Failure("a second tools/setup.sh did not find everything installed:\n"
                          + second.stdout + second.stderr)

        log("programs the test command calls")
        missing = [program for program in PROGRAMS
                   if shell.run(["sh", "-c", f"command -v {program}"], check=False,
                                stdout=subprocess.DEVNULL).returncode != 0]
        if missing:
            raise Failure(f"tools/setup.sh does not install: {', '.join(missing)}")

        for name, args in (("full", ["-DBLOCKHAUS_WERROR=ON"]),
                           ("asan", ["-DBLOCKHAUS_SANITIZE=ON", "-DBLOCKHAUS_BUILD_UI=OFF",
                                     "-DBLOCKHAUS_STAGE_EDITOR=OFF", "-DBLOCKHAUS_WERROR=ON"])):
            log(f"cmake configure ({name}) in the clean root")
            configured = shell.run(["cmake", "-S", "/src", "-B", f"/tmp/build-{name}", "-G",
                                    "Ninja"] + args, check=False, capture_output=True,
                                   text=True, timeout=CONFIGURE_TIMEOUT)
            if configured.returncode != 0:
                raise Failure(f"cmake ({name}) failed in a clean root:\n"
                              + configured.stdout[-4000:] + configured.stderr[-4000:])
    finally:
        debroot.remove_root(root)
        shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("test_cleanroot.py needs root (debootstrap, chroot); tools/test.sh runs it as root",
              file=sys.stderr)
        return 1
    try:
        check(os.path.abspath(sys.argv[1]))
    except (Failure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"FAIL: {error}", file=sys.stderr)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
