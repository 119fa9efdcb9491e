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

# The installer's settings, kept apart so tests/package/test_nsis.py can compile them with
# makensis on Linux.
include(${CMAKE_CURRENT_LIST_DIR}/nsis.cmake)

# A zip of the same files for IT departments that deploy without installers.
set(CPACK_ARCHIVE_FILE_NAME "blockhaus-${PROJECT_VERSION}-windows-x64")
