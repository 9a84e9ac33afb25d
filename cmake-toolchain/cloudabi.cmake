# CMake toolchain file for CloudABI.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<prefix>/share/cloudabi/cmake/cloudabi.cmake [-DCLOUDABI_TARGET=aarch64] ...
#
# CLOUDABI_TARGET is x86_64 (the default) or aarch64; the per-target files
# beside this one (x86_64-unknown-cloudabi.cmake, ...) fix it instead.
# Everything is found relative to this file, so the prefix can live anywhere.
if(NOT DEFINED CLOUDABI_TARGET)
  if(DEFINED ENV{CLOUDABI_TARGET})
    set(CLOUDABI_TARGET "$ENV{CLOUDABI_TARGET}")
  else()
    set(CLOUDABI_TARGET x86_64)
  endif()
endif()
string(REGEX REPLACE "-unknown-cloudabi$|-cloudabi$" "" CLOUDABI_TARGET "${CLOUDABI_TARGET}")
if(NOT CLOUDABI_TARGET MATCHES "^(x86_64|aarch64)$")
  message(FATAL_ERROR "CLOUDABI_TARGET must be x86_64 or aarch64, not '${CLOUDABI_TARGET}'")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/cloudabi-common.cmake")
