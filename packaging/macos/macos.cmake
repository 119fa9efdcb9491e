# SPDX-License-Identifier: AGPL-3.0-or-later
# The macOS app bundle and its drag-and-drop disk image (CPack DragNDrop), included from
# packaging/CMakeLists.txt on APPLE. Built by .github/workflows/packages.yml with Qt 6.8;
# never run on the Linux machines the project is developed on (see README).
#
#   Blockhaus.app/Contents/MacOS/Blockhaus
#   Blockhaus.app/Contents/Frameworks/      Qt and Homebrew libraries (macdeployqt)
#   Blockhaus.app/Contents/PlugIns/         Qt plugins (macdeployqt)
#   Blockhaus.app/Contents/Resources/web/   the students' pages and the Scratch editor
#   Blockhaus.app/Contents/Resources/blockhaus.icns
# The application finds the web root as <exe dir>/../Resources/web (app/options.cpp). Data
# stays in ~/Library/Application Support/Blockhaus/Blockhaus.

set(blockhaus_icns ${PROJECT_SOURCE_DIR}/packaging/macos/blockhaus.icns)
set_source_files_properties(${blockhaus_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
target_sources(blockhaus PRIVATE ${blockhaus_icns})

set_target_properties(blockhaus PROPERTIES
    OUTPUT_NAME Blockhaus
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_GUI_IDENTIFIER ${BLOCKHAUS_APP_ID}
    MACOSX_BUNDLE_ICON_FILE blockhaus.icns
    MACOSX_BUNDLE_BUNDLE_NAME Blockhaus
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_COPYRIGHT "Blockhaus developers, AGPL-3.0-or-later")

# Qt and every other non-system library into the bundle: macdeployqt through Qt's deploy
# script (the Qt-version shim is in cmake/BlockhausQtDeploy.cmake).
blockhaus_install_qt_runtime(blockhaus)

set(CPACK_DMG_VOLUME_NAME "Blockhaus")
# The dmg shows Blockhaus.app next to a link to /Applications: drag one onto the other.
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_FILE_NAME "Blockhaus-${PROJECT_VERSION}-macos")
