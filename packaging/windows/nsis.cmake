# SPDX-License-Identifier: AGPL-3.0-or-later
# CPack NSIS settings for the Windows installer (included by windows.cmake). Nothing here
# depends on the build: tests/package/test_nsis.py includes this file in a stand-in project
# and compiles the generated installer script with makensis, which runs on Linux too.
# Needs BLOCKHAUS_ICO (the .ico file).

# The NSIS lines below go into the script exactly as written here (quotes, backslashes, $):
# without this CPack re-parses them from CPackConfig.cmake and mangles the quotes.
set(CPACK_VERBATIM_VARIABLES ON)

# The installer. $INSTDIR, $R9 etc. are NSIS variables, "\\" in CMake is one backslash.
set(CPACK_NSIS_PACKAGE_NAME "Blockhaus")
set(CPACK_NSIS_DISPLAY_NAME "Blockhaus")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_MUI_ICON ${BLOCKHAUS_ICO})
set(CPACK_NSIS_MUI_UNIICON ${BLOCKHAUS_ICO})
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\blockhaus.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
# Start-menu entry and a desktop icon named "Blockhaus".
set(CPACK_PACKAGE_EXECUTABLES blockhaus Blockhaus)
set(CPACK_CREATE_DESKTOP_LINKS blockhaus)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN blockhaus.exe)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_CONTACT "dev@blockhaus.invalid")

# Students reach Blockhaus over the LAN, which Windows Firewall blocks for a program with no
# rule. The rule allows blockhaus.exe (whatever port the teacher picks in Settings) on
# domain and private networks; a school network Windows classed as "Public" needs the
# command in README "For school IT". The rule is removed with the program.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=\"Blockhaus\"'
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name=\"Blockhaus\" dir=in action=allow program=\"$INSTDIR\\bin\\blockhaus.exe\" enable=yes profile=domain,private description=\"Students open the Scratch editor served by Blockhaus\"'
")
# The teacher's classes and projects are kept unless the teacher says otherwise; a silent
# uninstall (/S, as software deployment tools run it) always keeps them.
# The data folder is read from the environment rather than with SetShellVarContext, which
# the template's own removal steps after these lines depend on.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=\"Blockhaus\"'
  ReadEnvStr $R9 LOCALAPPDATA
  StrCmp $R9 \"\" blockhaus_keep_data
  IfFileExists \"$R9\\Blockhaus\\Blockhaus\\*.*\" 0 blockhaus_keep_data
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \"Also delete all classes, students and projects Blockhaus stored in $R9\\Blockhaus?$\\r$\\n$\\r$\\nChoose No to keep them: installing Blockhaus again finds them.\" /SD IDNO IDNO blockhaus_keep_data
  RMDir /r \"$R9\\Blockhaus\"
  blockhaus_keep_data:
")

