#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks the committed application icons that tools/make-icons.py generates.

Usage: tools/check-icons.py

Every hicolor PNG and window-icon PNG must exist with its size in the IHDR
header; the scalable SVG must equal packaging/icons/blockhaus.svg; the .ico
directory must list exactly the expected sizes, each entry pointing at a PNG of
that size inside the file; the .icns length field must equal the file length and
every expected type must hold a PNG of its size. Prints every problem found and
exits 1 if there was one, so a stale or broken icon fails the lint step instead
of an installer build. Python standard library only.
"""
import pathlib
import struct
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
ICONS = REPO / "packaging" / "icons"
APP_ID = "org.blockhaus.Blockhaus"

# Keep in step with tools/make-icons.py.
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
ICNS_SIZES = {
    b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512,
    b"ic10": 1024, b"ic11": 32, b"ic12": 64, b"ic13": 256, b"ic14": 512,
}
WINDOW_ICON_SIZES = (16, 32, 48, 64, 128, 256)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

problems = []


def rel(path):
    return path.relative_to(REPO)


def png_size(data):
    """(width, height) from the IHDR chunk, or None if data is not a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def check_png_bytes(what, data, size):
    found = png_size(data)
    if found is None:
        problems.append(f"{what}: not a PNG")
    elif found != (size, size):
        problems.append(f"{what}: {found[0]}x{found[1]} pixels, expected {size}x{size}")


def read(path):
    if not path.is_file():
        problems.append(f"{rel(path)}: missing (run tools/make-icons.py)")
        return None
    return path.read_bytes()


def check_png_file(path, size):
    data = read(path)
    if data is not None:
        check_png_bytes(str(rel(path)), data, size)


def check_ico(path):
    data = read(path)
    if data is None:
        return
    if len(data) < 6:
        problems.append(f"{rel(path)}: truncated header")
        return
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        problems.append(f"{rel(path)}: not an icon file (reserved {reserved}, type {kind})")
        return
    if len(data) < 6 + 16 * count:
        problems.append(f"{rel(path)}: directory of {count} entries is truncated")
        return
    listed = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        width, height = width or 256, height or 256  # 0 stands for 256
        listed.append(width)
        what = f"{rel(path)} entry {index} ({width}x{height})"
        if width != height:
            problems.append(f"{what}: not square")
        if offset + length > len(data):
            problems.append(f"{what}: data at {offset}+{length} runs past the end of the file")
            continue
        check_png_bytes(what, data[offset:offset + length], width)
    if sorted(listed) != sorted(ICO_SIZES):
        problems.append(f"{rel(path)}: sizes {sorted(listed)}, expected {list(ICO_SIZES)}")


def check_icns(path):
    data = read(path)
    if data is None:
        return
    if len(data) < 8 or data[:4] != b"icns":
        problems.append(f"{rel(path)}: no 'icns' magic")
        return
    (total,) = struct.unpack(">I", data[4:8])
    if total != len(data):
        problems.append(f"{rel(path)}: header says {total} bytes, the file has {len(data)}")
        return
    found = {}
    pos = 8
    while pos < len(data):
        if pos + 8 > len(data):
            problems.append(f"{rel(path)}: truncated entry header at offset {pos}")
            return
        kind, length = struct.unpack(">4sI", data[pos:pos + 8])
        name = kind.decode("latin-1")
        if length < 8 or pos + length > len(data):
            problems.append(f"{rel(path)}: entry '{name}' at offset {pos} has bad length {length}")
            return
        if kind in found:
            problems.append(f"{rel(path)}: entry '{name}' appears twice")
        found[kind] = data[pos + 8:pos + length]
        pos += length
    for kind, size in ICNS_SIZES.items():
        name = kind.decode("latin-1")
        if kind not in found:
            problems.append(f"{rel(path)}: entry '{name}' ({size} px) missing")
        else:
            check_png_bytes(f"{rel(path)} entry '{name}'", found[kind], size)


def main():
    if len(sys.argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for size in HICOLOR_SIZES:
        check_png_file(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png", size)
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    source = read(ICONS / "blockhaus.svg")
    copy = read(scalable)
    if source is not None and copy is not None and source != copy:
        problems.append(f"{rel(scalable)}: differs from packaging/icons/blockhaus.svg "
                        "(run tools/make-icons.py)")
    check_ico(REPO / "packaging" / "windows" / "blockhaus.ico")
    check_icns(REPO / "packaging" / "macos" / "blockhaus.icns")
    for size in WINDOW_ICON_SIZES:
        check_png_file(REPO / "resources" / "icons" / f"blockhaus-{size}.png", size)

    for problem in problems:
        print(f"check-icons: {problem}", file=sys.stderr)
    if problems:
        print(f"check-icons: {len(problems)} problem(s); regenerate with tools/make-icons.py",
              file=sys.stderr)
        return 1
    print("check-icons: all icon files present with the expected sizes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
