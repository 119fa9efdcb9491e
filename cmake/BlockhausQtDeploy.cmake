# SPDX-License-Identifier: AGPL-3.0-or-later
# Qt's own deployment tools (windeployqt on Windows, macdeployqt on macOS) run at install
# time, so `cpack` packs Qt's libraries, plugins and translations next to the executable.
# qt_generate_deploy_app_script changed in Qt 6.5 (OUTPUT_SCRIPT replaced FILENAME_VARIABLE);
# this is the one place that knows. Linux packages use the distribution's Qt instead.
function(blockhaus_install_qt_runtime target)
    if(NOT (WIN32 OR APPLE))
        return()
    endif()
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET ${target} OUTPUT_SCRIPT deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_app_script(TARGET ${target} FILENAME_VARIABLE deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT ${deploy_script})
endfunction()
