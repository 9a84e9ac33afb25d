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

# add_test(<name> <command> [<arg>...]), CMake's old form, takes the command
# literally: no target names and no CMAKE_CROSSCOMPILING_EMULATOR, so a test
# program ran without cloudabi-run and without the build directory on
# descriptor 3, and failed with ENOTCAPABLE (or EBADF) at test time. Here
# the old form becomes add_test(NAME <name> COMMAND <command> [<arg>...]),
# which runs a target through the emulator; a command that is the path of
# a target's executable in the build tree (add_test(t ${CMAKE_CURRENT_BINARY_DIR}/t))
# becomes the target's name. Other commands (host programs and scripts)
# run as before. Arguments pass through unchanged (empty ones and ones with
# ';' too). The wrapper is defined once per CMake run: this file is read
# again by every project() and enable_language(). CMake keeps only one
# original of an overridden command (_add_test), so a project that defines
# its own add_test() after this cannot chain to it: that is an error saying
# so, and -DCLOUDABI_WRAP_ADD_TEST=OFF leaves add_test alone.
get_property(_cloudabi_add_test GLOBAL PROPERTY CLOUDABI_ADD_TEST_WRAPPED)
if(DEFINED CLOUDABI_WRAP_ADD_TEST AND NOT CLOUDABI_WRAP_ADD_TEST)
  set(_cloudabi_add_test 1)
endif()
if(NOT _cloudabi_add_test AND NOT CMAKE_VERSION VERSION_LESS 3.18)
  set_property(GLOBAL PROPERTY CLOUDABI_ADD_TEST_WRAPPED 1)
  # _cloudabi_bracket(OUT VALUE): VALUE as a bracket argument
  function(_cloudabi_bracket out value)
    set(eq "=")
    while(value MATCHES "]${eq}]")
      string(APPEND eq "=")
    endwhile()
    set(${out} "[${eq}[${value}]${eq}]" PARENT_SCOPE)
  endfunction()
  function(add_test)
    get_property(active GLOBAL PROPERTY CLOUDABI_ADD_TEST_ACTIVE)
    if(active)
      message(FATAL_ERROR "add_test(): this project defines its own add_test() after "
        "CloudABI's platform file wrapped it (to run the old add_test(<name> <command>) "
        "form through cloudabi-run), and CMake keeps only one original command, so the "
        "two cannot chain. Configure with -DCLOUDABI_WRAP_ADD_TEST=OFF and name target "
        "programs as add_test(NAME <name> COMMAND <target>).")
    endif()
    set(args "")
    set(first 0)
    if(ARGC GREATER 1 AND NOT ARGV0 STREQUAL "NAME")
      # the old form: NAME <name> COMMAND <command> <args>
      set(cmd "${ARGV1}")
      if(NOT TARGET "${cmd}" AND IS_ABSOLUTE "${cmd}")
        get_filename_component(base "${cmd}" NAME)
        get_filename_component(dir "${cmd}" DIRECTORY)
        file(RELATIVE_PATH rel "${CMAKE_BINARY_DIR}" "${dir}")
        if(TARGET "${base}" AND NOT rel MATCHES "^\\.\\./")
          get_target_property(type "${base}" TYPE)
          if(type STREQUAL "EXECUTABLE")
            set(cmd "${base}")
          endif()
        endif()
      endif()
      _cloudabi_bracket(name "${ARGV0}")
      _cloudabi_bracket(cmd "${cmd}")
      set(args "NAME ${name} COMMAND ${cmd}")
      set(first 2)
    endif()
    if(ARGC GREATER first)
      math(EXPR last "${ARGC} - 1")
      foreach(i RANGE ${first} ${last})
        _cloudabi_bracket(a "${ARGV${i}}")
        string(APPEND args " ${a}")
      endforeach()
    endif()
    set_property(GLOBAL PROPERTY CLOUDABI_ADD_TEST_ACTIVE 1)
    cmake_language(EVAL CODE "_add_test(${args})")
    set_property(GLOBAL PROPERTY CLOUDABI_ADD_TEST_ACTIVE "")
  endfunction()
endif()
unset(_cloudabi_add_test)
