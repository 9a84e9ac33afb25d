/* arc4random_buf: fill a buffer with random bytes from the kernel's
 * generator (getrandom, flags 0: it blocks only until the generator is
 * seeded at boot, never afterwards). No state in the process, so nothing
 * to reseed after pdfork and nothing to lock between threads; never a
 * file. Not a cancellation point. Like the BSDs' it cannot fail: without
 * getrandom (Linux before 3.17) the process is aborted rather than given
 * bytes that are not random. */
#define _BSD_SOURCE
#include <stdlib.h>
#include <errno.h>
#include "syscall.h"

void arc4random_buf(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n) {
		/* one call returns at most 32 MiB; a long one may return
		 * short, or fail with EINTR before it copied anything */
		size_t chunk = n < 0x1000000 ? n : 0x1000000;
		long r = __syscall(SYS_getrandom, p, chunk, 0);
		if (r == -EINTR)
			continue;
		if (r <= 0)
			abort();
		p += r;
		n -= r;
	}
}
