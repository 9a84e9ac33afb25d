# What the toolchain files share; CLOUDABI_TARGET is set (x86_64 or aarch64).
# This file lives in <prefix>/share/cloudabi/cmake.
get_filename_component(CLOUDABI_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(CLOUDABI_TRIPLE "${CLOUDABI_TARGET}-unknown-cloudabi")
set(CLOUDABI_SYSROOT "${CLOUDABI_PREFIX}/${CLOUDABI_TRIPLE}")
if(NOT EXISTS "${CLOUDABI_SYSROOT}/lib/libc.a")
  message(FATAL_ERROR "no sysroot for ${CLOUDABI_TRIPLE} at ${CLOUDABI_SYSROOT}")
endif()

# Platform/CloudABI.cmake is beside this file.
set(CMAKE_SYSTEM_NAME CloudABI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR "${CLOUDABI_TARGET}")
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
# try_compile projects re-read this file: hand them the target.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CLOUDABI_TARGET)

set(_bin "${CLOUDABI_PREFIX}/bin/${CLOUDABI_TRIPLE}")
set(CMAKE_C_COMPILER "${_bin}-cc")
set(CMAKE_CXX_COMPILER "${_bin}-c++")
set(CMAKE_ASM_COMPILER "${_bin}-cc")
set(CMAKE_AR "${_bin}-ar" CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB "${_bin}-ranlib" CACHE FILEPATH "Ranlib")
set(CMAKE_NM "${_bin}-nm" CACHE FILEPATH "nm")
set(CMAKE_OBJCOPY "${_bin}-objcopy" CACHE FILEPATH "objcopy")
set(CMAKE_OBJDUMP "${_bin}-objdump" CACHE FILEPATH "objdump")
set(CMAKE_STRIP "${_bin}-strip" CACHE FILEPATH "strip")
set(CMAKE_READELF "${_bin}-readelf" CACHE FILEPATH "readelf")
set(CMAKE_C_COMPILER_AR "${_bin}-ar" CACHE FILEPATH "Archiver")
set(CMAKE_C_COMPILER_RANLIB "${_bin}-ranlib" CACHE FILEPATH "Ranlib")
set(CMAKE_CXX_COMPILER_AR "${_bin}-ar" CACHE FILEPATH "Archiver")
set(CMAKE_CXX_COMPILER_RANLIB "${_bin}-ranlib" CACHE FILEPATH "Ranlib")
set(PKG_CONFIG_EXECUTABLE "${_bin}-pkg-config" CACHE FILEPATH "pkg-config for ${CLOUDABI_TRIPLE}")

# Search only the target's sysroot (and roots the user adds) for headers,
# libraries and packages, never the build machine's; programs (code
# generators, interpreters) come from the build machine.
set(CMAKE_SYSROOT "${CLOUDABI_SYSROOT}")
list(APPEND CMAKE_FIND_ROOT_PATH "${CLOUDABI_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# The host's package registry (~/.cmake/packages) and system one hold host builds.
set(CMAKE_FIND_USE_PACKAGE_REGISTRY OFF)
set(CMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY OFF)
set(CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY ON)

# Target programs (try_run, ctest, custom commands naming a target) run
# through cloudabi-run, confined, with the build directory granted as
# descriptor 3 ("build"). Arguments never come from standard input: the
# flag form is used, and cloudabi-run reads a YAML config only from --config.
# aarch64 programs run through qemu-user (binfmt_misc), which cannot be
# confined: they run with --unconfined and CLOUDABI_ALLOW_UNCONFINED=1.
if(NOT DEFINED CLOUDABI_RUN_DIR)
  set(CLOUDABI_RUN_DIR "${CMAKE_BINARY_DIR}")
endif()
set(_emulator "${CLOUDABI_PREFIX}/bin/cloudabi-run")
cmake_host_system_information(RESULT _host_arch QUERY OS_PLATFORM)
if(_host_arch STREQUAL CLOUDABI_TARGET)
  list(APPEND _emulator --dir "build=${CLOUDABI_RUN_DIR}:rw" --)
else()
  # cloudabi-run starts qemu-user (by path: it does not search PATH), which
  # runs the program with the same descriptors, arguments and environment.
  find_program(CLOUDABI_QEMU NAMES qemu-${CLOUDABI_TARGET}-static qemu-${CLOUDABI_TARGET}
    NO_CMAKE_FIND_ROOT_PATH)
  if(NOT CLOUDABI_QEMU)
    message(WARNING "no qemu-${CLOUDABI_TARGET}-static: ${CLOUDABI_TRIPLE} programs cannot run here")
    set(CLOUDABI_QEMU qemu-${CLOUDABI_TARGET}-static)
  endif()
  list(APPEND _emulator --unconfined --env CLOUDABI_ALLOW_UNCONFINED=1
    --dir "build=${CLOUDABI_RUN_DIR}:rw" -- "${CLOUDABI_QEMU}")
endif()
# The cache keeps a value across configure runs, so a CLOUDABI_RUN_DIR
# given when reconfiguring must replace the emulator computed before; an
# emulator the user set (one this file did not compute) is kept.
if(NOT DEFINED CACHE{CMAKE_CROSSCOMPILING_EMULATOR}
    OR "$CACHE{CMAKE_CROSSCOMPILING_EMULATOR}" STREQUAL "$CACHE{_CLOUDABI_EMULATOR}")
  set(CMAKE_CROSSCOMPILING_EMULATOR "${_emulator}" CACHE STRING
    "How target programs run on the build machine (cloudabi-run)" FORCE)
  set(_CLOUDABI_EMULATOR "${_emulator}" CACHE INTERNAL
    "the CMAKE_CROSSCOMPILING_EMULATOR this toolchain file computed")
endif()
unset(_emulator)
unset(_bin)
