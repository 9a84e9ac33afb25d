/* The table CLOUDABI_EXPLAIN=1 prints from (runtime/policy/explain.h),
 * generated for this architecture by runtime/policy/build.sh from the
 * policy, runtime/policy/explain.tsv and libc/manifest.tsv, into the
 * directory the libc is compiled with on its include path. */
#include "explain.h"
#if defined(__x86_64__)
#include "explain-x86_64.c"
#elif defined(__aarch64__)
#include "explain-aarch64.c"
#else
#error "no seccomp policy for this architecture"
#endif
