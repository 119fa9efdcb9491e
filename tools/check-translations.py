#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks the Qt Linguist catalogues: lrelease must report no unfinished string, and every
translation keeps the placeholders of its source (%1, %2, %n), so no German sentence loses the
number a teacher needs.

Usage: check-translations.py LRELEASE [--lupdate LUPDATE SOURCES_LIST INCLUDE_DIR] FILE.ts...

With --lupdate it also rescans the sources (listed one per line in SOURCES_LIST) into a copy of
each catalogue and fails when the code has a text the catalogue lacks: a new tr() string must
arrive together with its translations.
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:\d+|n)")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    lrelease, files = sys.argv[1], sys.argv[2:]
    problems = []
    if files and files[0] == "--lupdate":
        lupdate, sources_list, include_dir = files[1:4]
        files = files[4:]
        sources = [line for line in pathlib.Path(sources_list).read_text().splitlines() if line]
        for ts in files:
            with tempfile.TemporaryDirectory() as scratch:
                copy = pathlib.Path(scratch) / pathlib.Path(ts).name
                shutil.copyfile(ts, copy)
                result = subprocess.run([lupdate, "-locations", "none", "-no-obsolete",
                                         f"-I{include_dir}", *sources, "-ts", str(copy)],
                                        capture_output=True, text=True, timeout=120)
            found = re.search(r"Found \d+ source text\(s\) \((\d+) new", result.stdout + result.stderr)
            if result.returncode != 0 or not found:
                problems.append(f"{ts}: lupdate failed:\n{result.stdout}{result.stderr}")
            elif int(found.group(1)) != 0:
                problems.append(f"{ts}: {found.group(1)} text(s) in the code are not in the catalogue; "
                                "run the update_translations target and translate them")
    for ts in files:
        with tempfile.NamedTemporaryFile(suffix=".qm") as qm:
            result = subprocess.run([lrelease, ts, "-qm", qm.name], capture_output=True,
                                    text=True, timeout=60)
        report = result.stdout + result.stderr
        match = re.search(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)",
                          report)
        if result.returncode != 0 or not match:
            problems.append(f"{ts}: lrelease failed:\n{report}")
            continue
        if int(match.group(3)) != 0:
            problems.append(f"{ts}: {match.group(3)} unfinished of {match.group(1)}")
        ignored = re.search(r"Ignored (\d+) untranslated source text", report)
        if ignored:
            problems.append(f"{ts}: {ignored.group(1)} untranslated")
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                wanted = sorted(set(PLACEHOLDER.findall(source)))
                translation = message.find("translation")
                forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
                for form in forms:
                    if sorted(set(PLACEHOLDER.findall(form))) != wanted and not (
                            "%n" in wanted and message.get("numerus") == "yes"
                            and sorted(set(PLACEHOLDER.findall(form)) | {"%n"}) == wanted):
                        problems.append(f"{ts}: {name}: placeholders of {source!r} differ in {form!r}")
        print(f"{ts}: {match.group(1)} translations, {match.group(3)} unfinished")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
