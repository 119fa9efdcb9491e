#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Regenerates every application icon file from packaging/icons/blockhaus*.svg.

Usage: tools/make-icons.py

Writes the freedesktop hicolor theme (PNG sizes + the scalable SVG), the Windows
.ico, the macOS .icns and the dashboard's window-icon PNGs (resources/icons).
The outputs are committed, so the Windows and macOS builds need no SVG renderer;
run this after editing an SVG and commit what it wrote (tools/check-icons.py
checks the result). Needs python3 and rsvg-convert (Debian: librsvg2-bin).

Pixel-exact 16 px icons come from blockhaus-16.svg, drawn on the pixel grid; all
larger sizes, including the 32 px "16@2x" of the .icns, come from blockhaus.svg.

The output is deterministic: each PNG from rsvg-convert is reduced to its
critical chunks and its image data recompressed with a fixed zlib level, so two
runs write identical bytes and no renderer metadata ends up in the tree.
"""
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import zlib

REPO = pathlib.Path(__file__).resolve().parent.parent
ICONS = REPO / "packaging" / "icons"
MAIN_SVG = ICONS / "blockhaus.svg"
SMALL_SVG = ICONS / "blockhaus-16.svg"
APP_ID = "org.blockhaus.Blockhaus"

HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# (type, pixel size) in the order Apple's iconutil writes them; the @2x types hold the
# retina image of half that size in points.
ICNS_ENTRIES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)
WINDOW_ICON_SIZES = (16, 32, 48, 64, 128, 256)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks that define the pixels; everything else (text, time, gamma hints) is dropped.
PIXEL_CHUNKS = (b"IHDR", b"PLTE", b"tRNS")


def fail(message):
    print(f"make-icons: {message}", file=sys.stderr)
    sys.exit(1)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def normalized_png(data, size):
    """The same image with only the pixel-defining chunks and one IDAT compressed at level 9."""
    if not data.startswith(PNG_SIGNATURE):
        fail("rsvg-convert did not write a PNG")
    pos = len(PNG_SIGNATURE)
    kept = []
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IDAT":
            idat += body
        elif kind in PIXEL_CHUNKS:
            kept.append(png_chunk(kind, body))
        elif kind == b"IEND":
            break
    width, height = struct.unpack(">II", kept[0][8:16])
    if (width, height) != (size, size):
        fail(f"rsvg-convert rendered {width}x{height}, expected {size}x{size}")
    pixels = zlib.decompress(idat)
    return (PNG_SIGNATURE + b"".join(kept) + png_chunk(b"IDAT", zlib.compress(pixels, 9))
            + png_chunk(b"IEND", b""))


_rendered = {}


def render(size):
    """PNG bytes of the icon at size x size pixels (rendered once per size)."""
    if size not in _rendered:
        svg = SMALL_SVG if size == 16 else MAIN_SVG
        try:
            result = subprocess.run(
                ["rsvg-convert", "--format=png", f"--width={size}", f"--height={size}", str(svg)],
                check=True, capture_output=True)
        except FileNotFoundError:
            fail("rsvg-convert not found (Debian/Ubuntu: apt install librsvg2-bin)")
        except subprocess.CalledProcessError as error:
            fail(f"rsvg-convert failed on {svg.name} at {size} px: "
                 + error.stderr.decode(errors="replace").strip())
        _rendered[size] = normalized_png(result.stdout, size)
    return _rendered[size]


def write(path, data):
    """Writes atomically, so an interrupted run never leaves half a file to be committed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
    print(f"  {path.relative_to(REPO)} ({len(data)} bytes)")


def ico(sizes):
    """ICONDIR + ICONDIRENTRYs (little-endian) followed by the PNGs, which Windows Vista and
    later read directly; a width or height of 256 is stored as 0."""
    images = [render(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images):
        side = 0 if size == 256 else size
        # width, height, palette colours, reserved, colour planes, bits per pixel, bytes, offset
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns(entries):
    """'icns' + big-endian file length, then per image its type and big-endian length
    (counting the 8-byte entry header) followed by the PNG."""
    body = b""
    for kind, size in entries:
        image = render(size)
        body += kind + struct.pack(">I", 8 + len(image)) + image
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main():
    if len(sys.argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for svg in (MAIN_SVG, SMALL_SVG):
        if not svg.is_file():
            fail(f"missing {svg.relative_to(REPO)}")
    if shutil.which("rsvg-convert") is None:
        fail("rsvg-convert not found (Debian/Ubuntu: apt install librsvg2-bin)")

    hicolor = ICONS / "hicolor"
    for size in HICOLOR_SIZES:
        write(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png", render(size))
    write(hicolor / "scalable" / "apps" / f"{APP_ID}.svg", MAIN_SVG.read_bytes())
    write(REPO / "packaging" / "windows" / "blockhaus.ico", ico(ICO_SIZES))
    write(REPO / "packaging" / "macos" / "blockhaus.icns", icns(ICNS_ENTRIES))
    for size in WINDOW_ICON_SIZES:
        write(REPO / "resources" / "icons" / f"blockhaus-{size}.png", render(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
