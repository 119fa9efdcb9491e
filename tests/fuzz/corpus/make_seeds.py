#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
# Writes the seed corpora of tests/fuzz (issue #12): a few valid and a few broken inputs per
# target. The files are checked in; run this again only to change the seeds.
import hashlib
import io
import json
import os
import zipfile

here = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    os.makedirs(os.path.join(here, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(here, target, name), "wb") as f:
        f.write(data)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>'
SVG_MD5 = hashlib.md5(SVG).hexdigest()
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(24)
WAV_MD5 = hashlib.md5(WAV).hexdigest()


def project(costumes=None, sounds=None, stages=1, semver="3.0.0"):
    costumes = costumes if costumes is not None else [{"name": "c", "md5ext": SVG_MD5 + ".svg"}]
    sounds = sounds if sounds is not None else []
    targets = [{"isStage": True, "name": "Stage", "costumes": costumes, "sounds": sounds}
               for _ in range(stages)]
    targets.append({"isStage": False, "name": "Sprite1", "costumes": costumes, "sounds": sounds})
    return {"targets": targets, "monitors": [], "extensions": [], "meta": {"semver": semver}}


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            # A fixed timestamp: the same seeds byte for byte on every run of this script.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return buf.getvalue()


# project.json
write("projectjson", "valid_minimal.json", dumps(project()))
write("projectjson", "valid_assetid.json", dumps(project(
    costumes=[{"assetId": SVG_MD5, "dataFormat": "svg"}],
    sounds=[{"assetId": WAV_MD5, "dataFormat": "wav", "md5ext": WAV_MD5 + ".wav"}])))
write("projectjson", "valid_no_assets.json", dumps(project(costumes=[], sounds=[])))
write("projectjson", "bad_two_stages.json", dumps(project(stages=2)))
write("projectjson", "bad_no_stage.json", dumps(project(stages=0)))
write("projectjson", "bad_semver.json", dumps(project(semver="2.0")))
write("projectjson", "bad_asset_name.json", dumps(project(
    costumes=[{"md5ext": "../../etc/passwd.svg"}, {"md5ext": SVG_MD5 + ".exe"}])))
write("projectjson", "bad_not_object.json", "[1,2,3]")
write("projectjson", "bad_truncated.json", dumps(project())[:40])
write("projectjson", "bad_nested.json", "[" * 600 + "]" * 600)

# .sb3 archives
PJ = dumps(project(sounds=[{"md5ext": WAV_MD5 + ".wav"}]))
write("sb3import", "valid_with_assets.sb3",
      zip_bytes([("project.json", PJ), (SVG_MD5 + ".svg", SVG), (WAV_MD5 + ".wav", WAV)]))
write("sb3import", "valid_stored.sb3",
      zip_bytes([("project.json", dumps(project(costumes=[], sounds=[])))], zipfile.ZIP_STORED))
write("sb3import", "valid_directory_entry.sb3",
      zip_bytes([("assets/", b""), ("project.json", dumps(project(costumes=[], sounds=[])))]))
write("sb3import", "bad_md5_mismatch.sb3",
      zip_bytes([("project.json", dumps(project())), (SVG_MD5 + ".svg", SVG + b" ")]))
write("sb3import", "bad_no_project.sb3", zip_bytes([(SVG_MD5 + ".svg", SVG)]))
write("sb3import", "bad_path.sb3",
      zip_bytes([("project.json", PJ), ("../" + SVG_MD5 + ".svg", SVG)]))
write("sb3import", "bad_duplicate_names.sb3",
      zip_bytes([("project.json", PJ), (SVG_MD5 + ".svg", SVG), (SVG_MD5 + ".svg", SVG)]))
write("sb3import", "bad_bomb.sb3", zip_bytes([("project.json", PJ), ("zeros.json", bytes(2 << 20))]))
write("sb3import", "bad_truncated.sb3",
      zip_bytes([("project.json", PJ), (SVG_MD5 + ".svg", SVG)])[:-30])
write("sb3import", "bad_not_zip.sb3", "PK\x03\x04 this is not really a zip file")
# Recipes (first byte >= 0x80): FuzzedDataProvider strings end at a backslash + another byte;
# the entry count comes from the last byte.
write("sb3import", "recipe_valid.bin", b"\x80" + PJ.encode() + b"\\x" + (SVG_MD5 + ".svg").encode()
      + b"\\x" + SVG + b"\\x" + b"\x01")
write("sb3import", "recipe_bad_names.bin", b"\x81" + PJ.encode() + b"\\x../a.svg\\xdata\\x"
      + b"a\x01b\\xdata\\x\xff\xfe.svg\\xdata\\x\x03")

# Handler bodies (fuzz_jsonbody): first byte picks the parser, the rest is the body.
bodies = [
    (0, {"username": "anna", "password": "secret-pass"}),
    (0, {"username": "", "password": 5}),
    (1, {"name": "Class 4b"}),
    (2, {"name": "Renamed", "join_open": False, "new_join_code": True}),
    (2, {"join_open": "yes"}),
    (3, {"user_ids": [3, 4, 5]}),
    (3, {"user_ids": [1e300, -1, 2.5]}),
    (4, {"names": ["Anna M.", "Ben K.", "\u202eevil"]}),
    (5, {"group_ids": [1, 2, 2]}),
    (5, {"group_ids": [9007199254740993, 1e19]}),
    (6, {"type": "costume", "mime": "image/svg+xml", "name": "cat",
         "body": "data:image/svg+xml;base64,PHN2Zy8+", "thumbnail": "iVBORw0KGgoAAAA="}),
    (6, {"type": "sprite", "mime": "application/zip", "body": "!!!", "thumbnail": ""}),
    (7, {"username": "t.eacher", "display_name": "Ms T", "role": "teacher",
         "password": "long enough"}),
    (8, {"title": "A new title"}),
]
for i, (kind, obj) in enumerate(bodies):
    write("jsonbody", "body_%02d" % i, bytes([kind]) + dumps(obj).encode())
write("jsonbody", "body_not_json", bytes([1]) + b"{name: 'x'")
