#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stages the Scratch editor's runtime files into Blockhaus's web root.

Usage: stage-editor.py PACKAGE_DIR WEB_DIR STAMP

Copies from PACKAGE_DIR/dist only what the standalone editor loads at run time
(the UMD bundle, chunks/, static/, the library catalogue, the micro:bit hex and
the extension worker) -- no source maps, no types, not the second bundle
scratch-gui.js -- and writes precompressed .gz (and .br when Debian's `brotli`
is installed) next to every compressible file, because 30 students loading
~17 MB each is the largest cost of a lesson start (SCRATCH_GUI.md). Compression
happens here, once per build, never per request. The stamp records what was
staged so the copy reruns only when the package or this script changes.
"""
import concurrent.futures
import gzip
import os
import pathlib
import shutil
import subprocess
import sys

COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".html", ".txt", ".wasm", ".hex",
                ".data", ".binarypb", ".tflite", ".cur", ".md"}
# Below this size the headers outweigh the saving.
MIN_COMPRESS_SIZE = 1024
# A variant is kept only when it saves at least this fraction.
MIN_SAVING = 0.05


# Debian's `brotli` command, or on Windows (no such command there) Google's Python module
# (`pip install brotli`, as .github/workflows/packages.yml does). Both write the same format.
try:
    import brotli as brotli_module
except ImportError:
    brotli_module = None

def runtime_files(dist: pathlib.Path):
    """Yields (source, path relative to the web root) of every runtime file."""
    for name in ("scratch-gui-standalone.js", "scratch-gui-standalone.js.LICENSE.txt",
                 "extension-worker.js", "extension-worker.js.LICENSE.txt"):
        yield dist / name, pathlib.Path(name)
    for hexfile in dist.glob("*.hex"):
        yield hexfile, pathlib.Path(hexfile.name)
    for folder in ("chunks", "static", "libraries"):
        for path in sorted((dist / folder).rglob("*")):
            if path.is_file() and path.suffix != ".map":
                yield path, path.relative_to(dist)


def strip_source_map_comment(data: bytes) -> bytes:
    # The maps are not shipped; without this line browser devtools ask for them and get 404.
    marker = b"\n//# sourceMappingURL="
    at = data.rfind(marker)
    if at != -1 and b"\n" not in data[at + 1:].rstrip(b"\n"):
        return data[:at + 1]
    return data


def compress(path: pathlib.Path, have_brotli: bool) -> tuple[str, int, int, int]:
    raw = path.read_bytes()
    sizes = [len(raw), 0, 0]
    gz = gzip.compress(raw, compresslevel=9, mtime=0)
    if len(gz) <= len(raw) * (1 - MIN_SAVING):
        path.with_name(path.name + ".gz").write_bytes(gz)
        sizes[1] = len(gz)
    if have_brotli:
        br = path.with_name(path.name + ".br")
        if brotli_module is not None:
            br.write_bytes(brotli_module.compress(raw, quality=11))
        else:
            subprocess.run(["brotli", "--quality=11", "--force", f"--output={br}", str(path)],
                           check=True)
        if not br.is_file() or br.stat().st_size > len(raw) * (1 - MIN_SAVING):
            br.unlink(missing_ok=True)
        else:
            sizes[2] = br.stat().st_size
    return str(path), *sizes


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    package, web, stamp = (pathlib.Path(arg) for arg in sys.argv[1:])
    dist = package / "dist"
    if not (dist / "scratch-gui-standalone.js").is_file():
        print(f"stage-editor: {dist} has no scratch-gui-standalone.js; run tools/fetch-editor.sh",
              file=sys.stderr)
        return 1
    # Old copies of hashed chunks from an earlier version must not linger in the web root.
    for folder in ("chunks", "static", "libraries"):
        shutil.rmtree(web / folder, ignore_errors=True)

    to_compress = []
    for source, relative in runtime_files(dist):
        target = web / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if target.suffix == ".js":
            data = strip_source_map_comment(data)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        for stale in (target.with_name(target.name + ".gz"), target.with_name(target.name + ".br")):
            stale.unlink(missing_ok=True)
        if target.suffix in COMPRESSIBLE and len(data) >= MIN_COMPRESS_SIZE:
            to_compress.append(target)

    license_dir = web / "licenses"
    license_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package / "LICENSE", license_dir / "scratch-gui-LICENSE.txt")

    have_brotli = brotli_module is not None or shutil.which("brotli") is not None
    totals = [0, 0, 0]
    workers = max(1, os.cpu_count() or 1)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        # Largest first so the big bundle does not finish last on its own core.
        to_compress.sort(key=lambda p: p.stat().st_size, reverse=True)
        for _, raw, gz, br in pool.map(compress, to_compress, [have_brotli] * len(to_compress)):
            totals[0] += raw
            totals[1] += gz or raw
            totals[2] += br or gz or raw
    version = package.joinpath("package.json").read_text(encoding="utf-8")
    stamp.write_text(f"staged {len(to_compress)} compressible files; raw {totals[0]} gzip "
                     f"{totals[1]} brotli {totals[2] if have_brotli else 'n/a'}\n{version}",
                     encoding="utf-8")
    print(f"stage-editor: {len(to_compress)} files compressed: raw {totals[0] // 1024} KiB, "
          f"gzip {totals[1] // 1024} KiB, brotli "
          f"{str(totals[2] // 1024) + ' KiB' if have_brotli else 'not installed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
