# CMake toolchain file for x86_64-unknown-cloudabi (see cloudabi.cmake).
set(CLOUDABI_TARGET x86_64)
include("${CMAKE_CURRENT_LIST_DIR}/cloudabi-common.cmake")
