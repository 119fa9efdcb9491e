# SPDX-License-Identifier: AGPL-3.0-or-later
# The Windows installer (CPack NSIS), included from packaging/CMakeLists.txt on WIN32.
# Built by .github/workflows/packages.yml with Qt 6.8 and vcpkg; never run on the Linux
# machines the project is developed on (see README, "What was verified").
#
# Layout under C:\Program Files\Blockhaus:
#   bin\blockhaus.exe, Qt's DLLs, plugins and translations (windeployqt), qt.conf,
#       the vcpkg DLLs (libzip, libsodium, sqlite3, qrencode, zlib...) and the MSVC runtime
#   share\blockhaus\web\  the students' pages and the Scratch editor
# The application finds the web root as <exe dir>\..\share\blockhaus\web (app/options.cpp),
# the same rule as on Linux. Data stays in %LOCALAPPDATA%\Blockhaus\Blockhaus.

set(BLOCKHAUS_ICO ${PROJECT_SOURCE_DIR}/packaging/windows/blockhaus.ico)
file(TO_CMAKE_PATH "${BLOCKHAUS_ICO}" BLOCKHAUS_ICO)
configure_file(${CMAKE_CURRENT_LIST_DIR}/blockhaus.rc.in
               ${CMAKE_CURRENT_BINARY_DIR}/blockhaus.rc @ONLY)
target_sources(blockhaus PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/blockhaus.rc)

# Qt: windeployqt through Qt's generated deploy script (the Qt-version shim is in
# cmake/BlockhausQtDeploy.cmake).
blockhaus_install_qt_runtime(blockhaus)

# The other DLLs blockhaus.exe loads, found where vcpkg put them. Qt's own are left to
# windeployqt, Windows' own stay out.
set(BLOCKHAUS_RUNTIME_DLL_DIRS "" CACHE STRING
    "Folders with the non-Qt DLLs to ship (e.g. vcpkg_installed/x64-windows/bin)")
install(CODE "
    file(GET_RUNTIME_DEPENDENCIES
        EXECUTABLES \"$<TARGET_FILE:blockhaus>\"
        DIRECTORIES ${BLOCKHAUS_RUNTIME_DLL_DIRS}
        PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^[Qq]t6\"
        POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ss]ys[Ww][Oo][Ww]64\"
        RESOLVED_DEPENDENCIES_VAR blockhaus_dlls
        UNRESOLVED_DEPENDENCIES_VAR blockhaus_missing)
    foreach(dll IN LISTS blockhaus_missing)
        if(NOT dll MATCHES \"^(api-ms-|ext-ms-|[Qq]t6)\")
            message(WARNING \"blockhaus.exe needs \${dll}, which was not found\")
        endif()
    endforeach()
    file(INSTALL \${blockhaus_dlls} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
")

# The MSVC runtime next to the executable, so no separate redistributable is needed.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries)

# The installer. NSIS strings below: $INSTDIR etc. are NSIS variables; "\\\\" in CMake
# becomes "\\" in the script, which Windows reads as one separator.
set(CPACK_NSIS_PACKAGE_NAME "Blockhaus")
set(CPACK_NSIS_DISPLAY_NAME "Blockhaus")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_MUI_ICON ${BLOCKHAUS_ICO})
set(CPACK_NSIS_MUI_UNIICON ${BLOCKHAUS_ICO})
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\blockhaus.exe")
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
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name=\"Blockhaus\" dir=in action=allow program=\"$INSTDIR\\\\bin\\\\blockhaus.exe\" enable=yes profile=domain,private description=\"Students open the Scratch editor served by Blockhaus\"'
")
# The teacher's classes and projects are kept unless the teacher says otherwise; a silent
# uninstall (/S, as software deployment tools run it) always keeps them.
# The data folder is read from the environment rather than with SetShellVarContext, which
# the template's own removal steps after these lines depend on.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=\"Blockhaus\"'
  ReadEnvStr $R9 LOCALAPPDATA
  StrCmp $R9 \"\" blockhaus_keep_data
  IfFileExists \"$R9\\\\Blockhaus\\\\Blockhaus\\\\*.*\" 0 blockhaus_keep_data
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \"Also delete all classes, students and projects Blockhaus stored in $R9\\\\Blockhaus?$\\r$\\n$\\r$\\nChoose No to keep them: installing Blockhaus again finds them.\" /SD IDNO IDNO blockhaus_keep_data
  RMDir /r \"$R9\\\\Blockhaus\"
  blockhaus_keep_data:
")

# A zip of the same files for IT departments that deploy without installers.
set(CPACK_ARCHIVE_FILE_NAME "blockhaus-${PROJECT_VERSION}-windows-x64")
