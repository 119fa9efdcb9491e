# SPDX-License-Identifier: AGPL-3.0-or-later
"""A clean Debian root for tests that must prove something on a bare machine.

`make_root` unpacks a pristine `debootstrap --variant=minbase` root of the host's suite. The
pristine root is made once per machine and kept as a tarball in the cache folder, so only the
first run pays for debootstrap; every run still starts from nothing but minbase.

`RootShell` runs commands inside such a root in a private mount namespace (its own /proc, /dev
and /sys bind mounts vanish with the namespace, so nothing stays mounted under the root when it
is deleted).
"""

import os
import shutil
import subprocess

STEP_TIMEOUT = 900  # seconds for any one external command (apt, debootstrap)


def log(prefix, message):
    print(f"[{prefix}] {message}", flush=True)


def host_suite_and_mirror():
    suite = "bookworm"
    with open("/etc/os-release") as f:
        for line in f:
            if line.startswith("VERSION_CODENAME="):
                suite = line.split("=", 1)[1].strip().strip('"') or suite
    mirror = "http://deb.debian.org/debian"
    sources = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(sources):
        with open(sources) as f:
            for line in f:
                if line.startswith("URIs:") and "security" not in line:
                    mirror = line.split(":", 1)[1].strip().split()[0]
                    break
    return suite, mirror


def default_cache_dir():
    """Machine-wide, so that a fresh clone on the same machine (CI) reuses the pristine root."""
    base = os.environ.get("BLOCKHAUS_ROOT_CACHE")
    if base:
        return base
    return "/var/cache/blockhaus-test" if os.geteuid() == 0 else os.path.expanduser(
        "~/.cache/blockhaus-test")


def make_root(root, cache_dir, prefix="root"):
    """Unpacks a pristine minbase root at `root` (debootstrap on the first use of cache_dir)."""
    suite, mirror = host_suite_and_mirror()
    tarball = os.path.join(cache_dir, f"{suite}-minbase.tar")
    if os.path.exists(root):
        shutil.rmtree(root)
    if not os.path.exists(tarball):
        log(prefix, f"debootstrap --variant=minbase {suite} {mirror}")
        fresh = root + ".new"
        if os.path.exists(fresh):
            shutil.rmtree(fresh)
        subprocess.run(["debootstrap", "--variant=minbase", suite, fresh, mirror],
                       stdout=subprocess.DEVNULL, check=True, timeout=STEP_TIMEOUT)
        os.makedirs(cache_dir, exist_ok=True)
        subprocess.run(["tar", "-C", fresh, "-cf", tarball + ".part", "."], check=True,
                       timeout=STEP_TIMEOUT)
        os.replace(tarball + ".part", tarball)
        shutil.rmtree(fresh)
    log(prefix, f"unpacking the clean {suite} root")
    os.makedirs(root)
    subprocess.run(["tar", "-C", root, "-xf", tarball], check=True, timeout=STEP_TIMEOUT)
    shutil.copy("/etc/resolv.conf", os.path.join(root, "etc/resolv.conf"))
    return suite, mirror


def still_mounted(root):
    with open("/proc/mounts") as mounts:
        return [line.split()[1] for line in mounts if line.split()[1].startswith(root)]


def remove_root(root):
    """Deletes the root unless something is still mounted below it (never delete through a
    mount)."""
    mounted = still_mounted(root)
    if mounted:
        print(f"not deleting {root}: still mounted: {mounted}", flush=True)
    elif os.path.exists(root):
        shutil.rmtree(root, ignore_errors=True)


class RootShell:
    """Runs commands as root inside `root`, each in a private mount namespace with /proc, /dev
    and /sys, and with extra bind mounts (host folder → path inside the root) such as caches."""

    def __init__(self, root, env, binds=()):
        self.root = root
        self.env = env
        self.binds = list(binds)

    def run(self, args, **kwargs):
        kwargs.setdefault("timeout", STEP_TIMEOUT)
        kwargs.setdefault("check", True)
        mounts = ['mount -t proc proc "$R/proc"', 'mount --rbind /dev "$R/dev"',
                  'mount --rbind /sys "$R/sys"']
        for index, (host, inside) in enumerate(self.binds):
            os.makedirs(host, exist_ok=True)
            os.makedirs(os.path.join(self.root, inside.lstrip("/")), exist_ok=True)
            mounts.append(f'mount --bind "$B{index}" "$R{inside}"')
        script = " && ".join(mounts) + ' && exec chroot "$R" env -i "$@"'
        env = {"R": self.root, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        env.update({f"B{index}": host for index, (host, _) in enumerate(self.binds)})
        envs = [f"{k}={v}" for k, v in self.env.items()]
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                               script, "sh"] + envs + list(args), env=env, **kwargs)
