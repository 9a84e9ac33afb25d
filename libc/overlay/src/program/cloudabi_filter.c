/* The seccomp filter of runtime/policy, generated for this architecture
 * by build.sh (runtime/policy/build.sh) into the directory the libc is
 * compiled with on its include path. */
#include "filter.h"
#if defined(__x86_64__)
#include "filter-x86_64.c"
#elif defined(__aarch64__)
#include "filter-aarch64.c"
#else
#error "no seccomp policy for this architecture"
#endif
