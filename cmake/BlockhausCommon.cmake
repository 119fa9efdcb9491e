# SPDX-License-Identifier: AGPL-3.0-or-later
# Compile settings every Blockhaus target links (blockhaus_common).
add_library(blockhaus_common INTERFACE)
target_compile_features(blockhaus_common INTERFACE cxx_std_20)
target_include_directories(blockhaus_common INTERFACE ${PROJECT_SOURCE_DIR})
if(MSVC)
    target_compile_options(blockhaus_common INTERFACE /W4 /permissive-)
    if(BLOCKHAUS_WERROR)
        target_compile_options(blockhaus_common INTERFACE /WX)
    endif()
else()
    target_compile_options(blockhaus_common INTERFACE
        -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor)
    if(BLOCKHAUS_WERROR)
        target_compile_options(blockhaus_common INTERFACE -Werror)
    endif()
endif()
target_compile_definitions(blockhaus_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    # Qt 6.5+ (the installers build with 6.8): no warnings for APIs deprecated after 6.4, the
    # oldest Qt we support, whose replacements 6.4 may not have. Unknown to 6.4, harmless.
    QT_WARN_DEPRECATED_UP_TO=0x060400
    BLOCKHAUS_VERSION="${PROJECT_VERSION}")
if(BLOCKHAUS_SANITIZE AND NOT MSVC)
    target_compile_options(blockhaus_common INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(blockhaus_common INTERFACE -fsanitize=address,undefined)
endif()
if(BLOCKHAUS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "BLOCKHAUS_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
            "configure with -DCMAKE_CXX_COMPILER=clang++ (tools/fuzz.sh does)")
    endif()
    # Every Blockhaus target gets libFuzzer's coverage hooks (fuzzer-no-link) and the sanitizers,
    # so the fuzzers see and check our parsing code; only the fuzz targets link libFuzzer's main
    # (tests/fuzz). Qt stays uninstrumented: it is gcc-built and its libstdc++ ABI is shared.
    # UB is fatal so that libFuzzer records the input that triggered it.
    target_compile_options(blockhaus_common INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(blockhaus_common INTERFACE -fsanitize=address,undefined)
endif()
