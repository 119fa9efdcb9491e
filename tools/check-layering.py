#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks that no folder includes a header of a folder it must not reach (docs/architecture.md).

Reads every `#include "..."` of the C++ files under server/, ui/ and app/ (the files git tracks;
every file when the tree is not a git checkout) and prints one line per forbidden include:

    ui/health/healthpanel.h:12: ui -> server/db: <why>

Usage:
    check-layering.py [--root DIR]              check the tree (exit 1 when an include breaks a rule)
    check-layering.py --self-test [--root DIR]  first prove on a tiny tree in a temporary folder
                                                that a forbidden include is reported (and allowed
                                                ones are not), then check the tree

unit.layering (ctest) and tools/test.sh run it with --self-test.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

# The rules, one line each: the including files (a folder prefix, or a file), the includes they
# must not have (a prefix; "" is every include of ours), includes under that prefix that are fine
# after all, files under `files` that are exempt, and why. Paths are relative to the repository.
RULES = [
    # files, forbidden, but allowed, exempt files, why
    ("ui/", "server/", ("server/core/", "server/live/livetypes.h"), (),
     "the dashboard sees only core/, live/'s snapshot types and its own interfaces (app/ "
     "implements them); it never runs SQL or rules"),
    ("ui/", "app/", ("app/settings/",), (),
     "ui/ reaches app/ only for the saved settings (blockhaus_settings)"),
    ("server/http/", "server/db/", (), (),
     "handlers parse, call service/ and map results; they never touch the database"),
    ("server/http/", "server/store/", (), (),
     "handlers parse, call service/ and map results; rules and store calls live in service/"),
    ("app/", "server/db/", (), ("app/servercontroller.h", "app/servercontroller.cpp"),
     "only the wiring (app/servercontroller.*) opens the database; the dashboard's adapters "
     "call service/"),
    ("app/", "server/store/", (), ("app/servercontroller.h", "app/servercontroller.cpp"),
     "only the wiring (app/servercontroller.*) may name a store; the dashboard's adapters call "
     "service/"),
    ("app/", "server/http/", (), ("app/servercontroller.h", "app/servercontroller.cpp"),
     "the dashboard's adapters are a door of their own; they do not borrow the HTTP door's "
     "helpers"),
    ("app/settings/", "", ("app/settings/",), (),
     "the saved settings are a leaf library that ui/ and app/ both link"),
    ("server/store/", "server/http/", (), (), "stores know nothing of the doors"),
    ("server/store/", "server/service/", (), (), "service/ calls the stores, not the reverse"),
    ("server/db/", "server/store/", (), (), "db/ is below the stores"),
    ("server/db/", "server/service/", (), (), "db/ is below service/"),
    ("server/db/", "server/http/", (), (), "db/ knows nothing of the doors"),
    ("server/core/", "server/", ("server/core/",), (),
     "core/ is the shared vocabulary below every other server folder"),
    ("server/sb3/", "server/db/", (), (), "sb3/ is file formats, not storage"),
    ("server/sb3/", "server/store/", (), (), "sb3/ is file formats, not storage"),
    ("server/sb3/", "server/http/", (), (), "sb3/ knows nothing of the doors"),
    ("server/sb3/", "server/service/", (), (), "service/ calls sb3/, not the reverse"),
    ("server/service/", "server/http/", (), (), "the HTTP door calls service/, not the reverse"),
    ("server/oidc/", "server/", ("server/core/", "server/oidc/"), (),
     "oidc/ talks to the identity provider only; service/ stores what it returns"),
    ("server/mdns/", "server/", ("server/core/", "server/mdns/"), (),
     "mdns/ answers name questions on the LAN; it knows only the port it advertises"),
    ("server/loadcheck/", "server/", ("server/loadcheck/",), (),
     "the class load (bench and --self-check) sees the server only as an HTTP client does"),
    ("server/", "ui/", (), (), "the server builds without the dashboard"),
    ("server/", "app/", (), (), "the server knows nothing of the executable's wiring"),
    # Service headers are what the doors include: through them a door must not reach db/ or
    # store/. Runner is the one template over the pool (the doors' only way to a worker).
    ("server/service/*.h", "server/", ("server/core/", "server/service/"),
     ("server/service/runner.h",),
     "service headers include only core/ and service/ headers (forward-declare the rest), so "
     "the doors that include them stay off db/ and store/"),
]

FOLDERS = ("server/", "ui/", "app/")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def matches(path: str, pattern: str) -> bool:
    """A folder prefix ("ui/"), a file ("app/main.cpp") or headers of one folder ("x/*.h")."""
    if pattern.endswith("/*.h"):
        folder = pattern[:-len("*.h")]
        return path.startswith(folder) and "/" not in path[len(folder):] and path.endswith(".h")
    return path.startswith(pattern) if pattern.endswith("/") else path == pattern


def broken_rules(source: str, target: str):
    """The rules that forbid source (a file) to include target."""
    for files, forbidden, allowed, exempt, why in RULES:
        if not matches(source, files) or source in exempt:
            continue
        if not target.startswith(forbidden) or any(target.startswith(a) for a in allowed):
            continue
        yield files, forbidden, why


def label(pattern: str) -> str:
    return pattern.rstrip("/") or "any other folder"


def cpp_files(root: pathlib.Path, use_git: bool = True):
    """Tracked C++ files under server/, ui/, app/ (every such file when git has no answer)."""
    try:
        if not use_git:
            raise OSError("not asked to use git")
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", *FOLDERS],
                                capture_output=True, check=True, timeout=60).stdout
        names = [name for name in listed.decode().split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        names = []
        for folder in FOLDERS:
            for directory, _, files in os.walk(root / folder):
                for name in files:
                    names.append(str((pathlib.Path(directory) / name).relative_to(root)))
    return sorted(n.replace(os.sep, "/") for n in names if n.endswith((".h", ".cpp")))


def violations(root: pathlib.Path, files):
    """One (file, line, text) per forbidden include."""
    found = []
    for name in files:
        path = root / name
        if not path.is_file():  # deleted in the work tree, still in the index
            continue
        with open(path, encoding="utf-8", errors="replace") as source:
            for number, line in enumerate(source, start=1):
                include = INCLUDE.match(line)
                if not include:
                    continue
                for files_pattern, forbidden, why in broken_rules(name, include.group(1)):
                    found.append((name, number,
                                  f'{label(files_pattern)} -> {label(forbidden)}: includes '
                                  f'"{include.group(1)}" ({why})'))
    return found


def check_tree(root: pathlib.Path, use_git: bool = True) -> int:
    files = cpp_files(root, use_git)
    if not files:
        print(f"check-layering: no C++ files under {', '.join(FOLDERS)} in {root}",
              file=sys.stderr)
        return 1
    found = violations(root, files)
    for name, number, text in found:
        print(f"{name}:{number}: {text}")
    if found:
        print(f"\nLAYERING VIOLATIONS: {len(found)} include(s) in {len(files)} files break the "
              "rules above (the table at the top of tools/check-layering.py).")
        return 1
    print(f"check-layering: {len(files)} files, every include follows the layering rules.")
    return 0


# The self-test's tree: each file, its includes, and the includes that must be reported.
SELF_TEST_TREE = {
    "ui/panel.cpp": (['"server/store/userstore.h"', '"server/live/livetypes.h"',
                      '"server/core/result.h"', '"app/settings/appsettings.h"',
                      '<QWidget>'],
                     ['"server/store/userstore.h"']),
    "ui/other.h": (['"server/live/livehub.h"', '"app/servercontroller.h"'],
                   ['"server/live/livehub.h"', '"app/servercontroller.h"']),
    "server/http/thing.cpp": (['"server/service/thing.h"', '"server/db/sql.h"'],
                              ['"server/db/sql.h"']),
    "server/core/result.h": (['"server/core/types.h"', '"server/db/connection.h"'],
                             ['"server/db/connection.h"']),
    "server/service/thing.h": (['"server/core/result.h"', '"server/store/userstore.h"'],
                               ['"server/store/userstore.h"']),
    "server/service/thing.cpp": (['"server/store/userstore.h"', '"server/db/sql.h"'], []),
    "server/service/runner.h": (['"server/db/connectionpool.h"'], []),
    "app/servercontroller.cpp": (['"server/store/userstore.h"', '"server/db/sql.h"'], []),
    "app/adapter.cpp": (['"server/service/thing.h"', '"server/store/userstore.h"'],
                        ['"server/store/userstore.h"']),
    "app/settings/appsettings.cpp": (['"app/settings/appsettings.h"', '"ui/panel.h"'],
                                     ['"ui/panel.h"']),
    "server/db/pool.cpp": (['  #  include "server/store/userstore.h" // spaced'],
                           ['"server/store/userstore.h"']),
    "tests/unit/anything.cpp": (['"server/db/sql.h"'], []),
}


def self_test() -> bool:
    """Builds SELF_TEST_TREE in a temporary folder and checks that exactly the forbidden includes
    are reported, each as file:line with its rule, and that the tree check exits 1 on it."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="check-layering-") as scratch:
        root = pathlib.Path(scratch)
        expected = set()
        for name, (includes, forbidden) in SELF_TEST_TREE.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            lines = ["// SPDX-License-Identifier: AGPL-3.0-or-later"]
            for include in includes:
                lines.append(include if include.lstrip().startswith("#")
                             else f"#include {include}")
                if include in forbidden or any(f in include for f in forbidden):
                    expected.add((name, len(lines)))
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files = cpp_files(root, use_git=False)  # every file under the three folders
        if "tests/unit/anything.cpp" in files:
            failures.append("tests/ was read, but only server/, ui/ and app/ are checked")
        reported = {(name, number) for name, number, _ in violations(root, files)}
        for name, number in sorted(expected - reported):
            failures.append(f"not reported: {name}:{number}")
        for name, number in sorted(reported - expected):
            failures.append(f"reported although allowed: {name}:{number}")
        try:
            with open(os.devnull, "w", encoding="utf-8") as quiet:
                saved, sys.stdout = sys.stdout, quiet
                try:
                    code = check_tree(root, use_git=False)
                finally:
                    sys.stdout = saved
        except OSError as error:
            code = f"error {error}"
        if code != 1:
            failures.append(f"the check of a tree with forbidden includes exited with {code}, "
                            "not 1")
    for failure in failures:
        print(f"check-layering self-test: {failure}", file=sys.stderr)
    if not failures:
        print(f"check-layering self-test passed: all {len(expected)} forbidden includes of a "
              "test tree were reported, and none of its allowed ones.")
    return not failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=pathlib.Path(__file__).resolve().parent.parent,
                        type=pathlib.Path, help="the repository (default: this script's)")
    parser.add_argument("--self-test", action="store_true",
                        help="prove on a temporary tree that violations are found, then check")
    arguments = parser.parse_args()
    if arguments.self_test and not self_test():
        return 1
    return check_tree(arguments.root.resolve())


if __name__ == "__main__":
    sys.exit(main())
