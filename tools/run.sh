#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Sets up the machine, builds build/ and starts Blockhaus: with the teacher
# dashboard when a display is available and the UI was built, headless
# otherwise. Extra arguments are passed to blockhaus (see --help).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bash tools/setup.sh
bash tools/build.sh build

ui_built=OFF
if [[ -f build/CMakeCache.txt ]]; then
    ui_built=$(sed -n 's/^BLOCKHAUS_BUILD_UI:BOOL=//p' build/CMakeCache.txt)
fi

mode=()
if [[ " $* " == *" --headless "* ]]; then
    : # the caller chose headless
elif [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && "$ui_built" == ON ]]; then
    echo "run: starting Blockhaus with the dashboard"
else
    echo "run: no display or no dashboard built; starting Blockhaus headless"
    mode=(--headless)
fi
exec build/bin/blockhaus "${mode[@]}" "$@"
