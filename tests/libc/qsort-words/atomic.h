/* Stand-in for musl's internal atomic.h when harness.c builds the libc's
 * src/stdlib/qsort.c for the host: qsort.c needs only a_ctz_l and
 * weak_alias from it. Included after the system headers, it also makes
 * size_t a 32-bit type for the rest of qsort.c, so that the Leonardo heap's
 * two-word bit vector has 32-bit words as on a 32-bit target. */
#include <stdint.h>
#define size_t uint32_t
/* musl's portable a_ctz (de Bruijn multiplication) gives 0 for 0 */
static inline int a_ctz_l(unsigned long x)
{
	return x ? __builtin_ctzl(x) : 0;
}
#define weak_alias(old, new)
