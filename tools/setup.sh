#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Installs every Debian package Blockhaus needs to build, test and run.
# Idempotent: when everything is already installed it returns within seconds
# without touching the network. Runs as root, or re-runs itself through sudo.
set -euo pipefail

# One list; later issues append to it.
packages=(
    build-essential
    cmake
    ninja-build
    ccache
    pkg-config
    git
    # npm and git reach the registries over TLS; minimal Debian installs lack the CA bundle
    ca-certificates
    python3
    qt6-base-dev
    qt6-base-dev-tools
    libqt6sql6-sqlite
    libqt6sql6-psql
    # PostgreSQL (issue #15): tools/pg-cluster.sh runs a throwaway cluster for the .pg suites
    postgresql-15
    qt6-l10n-tools
    qt6-tools-dev
    qt6-tools-dev-tools
    # The dashboard's live chart (Qt Charts needs the Qt OpenGL development files)
    qt6-charts-dev
    libqt6opengl6-dev
    libzip-dev
    libsodium-dev
    # School sign-in (issue #15): ID token signatures and keys by cjose (its pkg-config file
    # needs jansson's and OpenSSL's); the tests' OpenID Connect provider runs on Authlib
    libcjose-dev
    libjansson-dev
    libssl-dev
    python3-authlib
    libsqlite3-dev
    sqlite3
    xvfb
    xauth
    # xwininfo: the windowed-stop test sees the dashboard's X window (issue #12)
    x11-utils
    procps
    # The LAN-name test builds network namespaces with ip(8) (issue #16)
    iproute2
    clang-format
    # Browser tests and the editor's precompression (issue #4)
    chromium
    fonts-dejavu-core
    brotli
    # Join QR codes in the dashboard (issue #5); zbarimg decodes them in the QR tests
    libqrencode-dev
    zbar-tools
    # Login cards PDF tests: pdfinfo counts pages, pdftotext/pdftoppm read and rasterise them
    poppler-utils
    # The .deb (issue #6): dpkg-shlibdeps computes its dependencies, the package test builds
    # a clean Debian root and checks the launcher, AppStream data and the package itself;
    # librsvg2-bin renders the icon set (tools/make-icons.py)
    dpkg-dev
    fakeroot
    file
    debootstrap
    desktop-file-utils
    appstream
    lintian
    librsvg2-bin
    # makensis compiles the Windows installer's script here (tests/package/test_nsis.py)
    nsis
    # Fuzzing (issue #12, tools/fuzz.sh): clang with libFuzzer, whose runtime (libclang_rt.fuzzer,
    # and the ASan/UBSan runtimes) Debian ships in libclang-rt-dev (libclang-rt-14-dev on
    # bookworm); llvm provides llvm-symbolizer for readable sanitizer stacks
    clang
    libclang-rt-dev
    llvm
)
# Node and npm fetch the pinned editor and playwright-core. A machine may already
# have a newer Node from elsewhere; Debian's packages are only added when none is there.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != ii* ]]; then
        missing+=("$pkg")
    fi
done

# The npm parts (pinned, integrity-checked) come after the Debian packages, as the
# calling user when we were started through sudo so the files in the checkout stay theirs.
fetch_npm_parts() {
    if [[ -n "${SUDO_USER:-}" && "$SUDO_USER" != root ]]; then
        sudo -u "$SUDO_USER" -- bash "$(dirname "${BASH_SOURCE[0]}")/fetch-editor.sh"
    else
        bash "$(dirname "${BASH_SOURCE[0]}")/fetch-editor.sh"
    fi
}

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup: all ${#packages[@]} packages are installed"
    fetch_npm_parts
    exit 0
fi

echo "setup: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "setup: not root and sudo is not available; run this script as root" >&2
        exit 1
    fi
    exec sudo -- bash "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
fetch_npm_parts
echo "setup: done"
