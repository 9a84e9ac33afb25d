# CMake toolchain file for aarch64-unknown-cloudabi (see cloudabi.cmake).
set(CLOUDABI_TARGET aarch64)
include("${CMAKE_CURRENT_LIST_DIR}/cloudabi-common.cmake")
