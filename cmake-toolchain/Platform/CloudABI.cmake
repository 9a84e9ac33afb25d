# CMAKE_SYSTEM_NAME CloudABI: a Unix-like system with static linking only.
# Loaded by CMake through CMAKE_MODULE_PATH (cloudabi.cmake adds this
# folder's parent).
set(CLOUDABI 1)
set(UNIX 1)

# Paths like /usr/include and /usr/lib, re-rooted into the sysroot by
# CMAKE_FIND_ROOT_PATH.
include(Platform/UnixPaths)

set(CMAKE_STATIC_LIBRARY_PREFIX "lib")
set(CMAKE_STATIC_LIBRARY_SUFFIX ".a")
set(CMAKE_EXECUTABLE_SUFFIX "")
set(CMAKE_FIND_LIBRARY_PREFIXES "lib")
set(CMAKE_FIND_LIBRARY_SUFFIXES ".a")
set(CMAKE_DL_LIBS "")

# No shared libraries or modules: add_library(SHARED) builds a static
# library (CMake says so), BUILD_SHARED_LIBS is off, and find_library
# looks for .a only.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
set(BUILD_SHARED_LIBS OFF CACHE BOOL "CloudABI has no shared libraries")
set(CMAKE_SHARED_LIBRARY_PREFIX "lib")
set(CMAKE_SHARED_LIBRARY_SUFFIX ".a")
set(CMAKE_SHARED_MODULE_SUFFIX ".a")
set(CMAKE_LINK_SEARCH_START_STATIC ON)
set(CMAKE_LINK_SEARCH_END_STATIC ON)

# Executables are static PIE (the compiler's configuration says so).
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
