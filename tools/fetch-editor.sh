#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Fetches the pinned Scratch editor (third_party/scratch-gui.pin) from the npm
# registry, checks the tarball's SHA-512 against the pin, and unpacks it to
# .deps/scratch-gui-standalone-VERSION/ where CMake stages its runtime files.
# Also installs the npm packages of the browser tests from package-lock.json
# (npm ci checks their integrity). Idempotent and offline once done.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

pin_value() { sed -n "s/^$1=//p" third_party/scratch-gui.pin; }
name=$(pin_value name)
version=$(pin_value version)
integrity=$(pin_value integrity)
target=".deps/scratch-gui-standalone-$version"

if [[ -f "$target/.verified" && "$(cat "$target/.verified")" == "$integrity" ]]; then
    echo "fetch-editor: $name $version is present"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/blockhaus-editor.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    echo "fetch-editor: downloading $name@$version"
    tarball=$(cd "$work" && npm pack --silent "$name@$version" 2>/dev/null | tail -n 1)
    # PYTHON: Windows runners call it python.
    actual="sha512-$("${PYTHON:-python3}" -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$work/$tarball")"
    if [[ "$actual" != "$integrity" ]]; then
        echo "fetch-editor: integrity mismatch for $tarball" >&2
        echo "  expected $integrity" >&2
        echo "  got      $actual" >&2
        exit 1
    fi
    mkdir -p "$work/unpacked"
    tar -xzf "$work/$tarball" -C "$work/unpacked"
    rm -rf "$target"
    mkdir -p .deps
    mv "$work/unpacked/package" "$target"
    echo "$integrity" >"$target/.verified"
    echo "fetch-editor: $name $version verified and unpacked to $target"
fi

if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s <(sed -n '/"node_modules\/playwright-core"/,/}/p' package-lock.json) \
    <(sed -n '/"node_modules\/playwright-core"/,/}/p' node_modules/.package-lock.json); then
    echo "fetch-editor: npm ci (browser test packages)"
    npm ci --ignore-scripts --no-audit --no-fund
fi
