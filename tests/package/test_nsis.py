#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Windows installer's script, compiled by makensis here on Linux.

CPack writes the NSIS script from packaging/windows/nsis.cmake (in the stand-in project
tests/package/nsis/) and makensis compiles it into an installer .exe. That catches what is easy
to get wrong and impossible to run here: NSIS syntax, CMake-to-NSIS escaping of the firewall
rule and of the keep-or-delete-data question, the icon. Then the generated script is read for
what the installer must do. Usage: test_nsis.py SOURCE_DIR WORK_DIR
"""

import os
import re
import shutil
import subprocess
import sys

TIMEOUT = 300


def main():
    source, work = (os.path.abspath(p) for p in sys.argv[1:3])
    if shutil.which("makensis") is None:
        print("FAIL: makensis is not installed (tools/setup.sh installs nsis)", file=sys.stderr)
        return 1
    if os.path.exists(work):
        shutil.rmtree(work)
    build = os.path.join(work, "build")
    subprocess.run(["cmake", "-S", os.path.join(source, "tests/package/nsis"), "-B", build,
                    f"-DBLOCKHAUS_SOURCE_DIR={source}"], check=True, timeout=TIMEOUT,
                   stdout=subprocess.DEVNULL)
    result = subprocess.run(["cpack", "-G", "NSIS", "-B", os.path.join(work, "out")], cwd=build,
                            capture_output=True, text=True, timeout=TIMEOUT)
    script_path = os.path.join(work, "out", "_CPack_Packages", "win64", "NSIS", "project.nsi")
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        log = os.path.join(work, "out", "_CPack_Packages", "win64", "NSIS", "NSISOutput.log")
        if os.path.exists(log):
            print(open(log, errors="replace").read()[-4000:], file=sys.stderr)
        print("FAIL: makensis could not compile the installer script", file=sys.stderr)
        return 1
    installers = [f for f in os.listdir(os.path.join(work, "out")) if f.endswith(".exe")]
    problems = []
    if installers != ["blockhaus-0.1.0-win64.exe"]:
        problems.append(f"expected blockhaus-0.1.0-win64.exe, got {installers}")
    script = open(script_path, encoding="utf-8", errors="replace").read()
    install = script[script.index('Section "-Core installation"'):]
    uninstall = script[script.index('Section "Uninstall"'):]
    expected = [
        # The rule for the program itself (any port), on domain and private networks.
        (install, r"netsh advfirewall firewall add rule name=\"Blockhaus\" dir=in action=allow "
                  r"program=\"\$INSTDIR\\bin\\blockhaus\.exe\" enable=yes "
                  r"profile=domain,private"),
        (uninstall, r"netsh advfirewall firewall delete rule name=\"Blockhaus\""),
        # Data is deleted only after a Yes; No is the default and a silent uninstall answers No.
        (uninstall, r"MessageBox MB_YESNO\|MB_ICONEXCLAMATION\|MB_DEFBUTTON2 .* /SD IDNO "
                    r"IDNO blockhaus_keep_data\s+RMDir /r \"\$R9\\Blockhaus\""),
        # Start menu and desktop shortcuts to bin\blockhaus.exe.
        (script, r"CreateShortCut \"\$SMPROGRAMS\\\$STARTMENU_FOLDER\\Blockhaus\.lnk\" "
                 r"\"\$INSTDIR\\bin\\blockhaus\.exe\""),
        (script, r"CreateShortCut \"\$DESKTOP\\Blockhaus\.lnk\""),
        (script, r"RequestExecutionLevel admin"),
    ]
    for text, pattern in expected:
        if not re.search(pattern, text):
            problems.append(f"the installer script lacks /{pattern}/")
    if uninstall.find("RMDir /r") < uninstall.find("IDNO blockhaus_keep_data"):
        problems.append("the data folder is removed before the question")
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not problems:
        print(f"makensis compiled {installers[0]}; firewall rule, shortcuts and the "
              "keep-data question are in the script")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
