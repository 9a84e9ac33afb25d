# lit configuration: libc++'s own test suite (libcxx/test of the pinned LLVM
# source) compiled with the CloudABI toolchain and run on the target.
# tests/libcxx/lit.py loads this in place of the tree's own lit.cfg.py.
#
# Parameters (--param NAME=VALUE):
#   cloudabi_prefix  the toolchain prefix (out/ or an install)
#   cloudabi_arch    x86_64 or aarch64
#   libcxx_src       the libcxx directory of the extracted, patched source
#   exec_root        where lit keeps each test's build products
import os
import site

params = lit_config.params
prefix, arch, src = params["cloudabi_prefix"], params["cloudabi_arch"], params["libcxx_src"]
site.addsitedir(os.path.join(src, "utils"))
import libcxx.test.config
import libcxx.test.features
import libcxx.test.format
import libcxx.test.params

config.name = "libc++ on %s-unknown-cloudabi" % arch
config.test_source_root = os.path.join(src, "test")
config.test_exec_root = params["exec_root"]
config.test_format = libcxx.test.format.CxxStandardLibraryTest()
config.recursiveExpansionLimit = 10

# The driver alone finds libc++'s headers and libraries in the sysroot, as it
# does for users; the tests add only their support headers.
params.setdefault("compiler", os.path.join(prefix, "bin", arch + "-unknown-cloudabi-c++"))
config.target_triple = arch + "-unknown-cloudabi"
# The library is built with LIBCXX_HARDENING_MODE=none, the default.
config.hardening_mode = "none"
config.substitutions.append(("%{libcxx-dir}", src))
config.substitutions.append(("%{flags}", "-pthread"))
config.substitutions.append(("%{compile_flags}", "-I %{libcxx-dir}/test/support"))
config.substitutions.append(("%{link_flags}", ""))

# Each test runs directly in its own directory and confines itself at start-up
# (the libc does). Under qemu-user (aarch64 here) nothing can confine, which
# the program must be told it may accept.
env = "--env CLOUDABI_ALLOW_UNCONFINED=1 " if arch != os.uname().machine else ""
config.substitutions.append(("%{exec}", "%{executor} --execdir %T " + env + "-- "))

libcxx.test.config.configure(
    libcxx.test.params.DEFAULT_PARAMETERS,
    libcxx.test.features.DEFAULT_FEATURES,
    config,
    lit_config,
)

# The tests compile with libc++'s warning flags (-Werror -Wall -Wextra ...)
# but without the define its enable_warnings parameter adds with them,
# _LIBCPP_HAS_NO_PRAGMA_SYSTEM_HEADER: that makes the library's own
# headers ordinary headers so that libc++'s developers see warnings inside
# them, and costs about a fifth of every compile, nearly all of this
# suite's time. Here the headers are system headers, as for users.
pragma = "-D_LIBCPP_HAS_NO_PRAGMA_SYSTEM_HEADER"
assert any(k == "%{compile_flags}" and pragma in v for k, v in config.substitutions), \
    "libc++'s configuration no longer adds " + pragma + ": see tests/libcxx/cloudabi.cfg.py"
config.substitutions = [(k, v.replace(pragma, "") if k == "%{compile_flags}" else v)
                        for k, v in config.substitutions]

# <filesystem> is left out on CloudABI by design (libcxx-patches/0005): its
# tests are reported as unsupported, as on any platform without it.
config.available_features.add("no-filesystem")

# libc++ probes locales by calling setlocale(), which musl answers for any
# name with its C.UTF-8 locale; the only locales are "C" and "C.UTF-8" (no
# locale files), so the tests that need a real fr_FR or ja_JP are
# unsupported here rather than failing on musl's stand-in.
for feature in list(config.available_features):
    if feature.startswith("locale.") or feature.startswith("glibc-"):
        config.available_features.discard(feature)
