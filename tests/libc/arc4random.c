/* arc4random, arc4random_buf, arc4random_uniform (<stdlib.h>, getrandom). */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/procdesc.h>
#include <sys/wait.h>
#include "check.h"

/* chi-square of byte counts against uniform: 255 degrees of freedom, mean
 * 255, standard deviation about 22.6. Random data exceeds 400 with a
 * probability around 1e-9; a generator that leaves bytes alone or repeats
 * itself lands far above. */
static double chi_square_bytes(const unsigned char *p, size_t n)
{
	static size_t count[256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++)
		count[p[i]]++;
	double e = n / 256.0, x = 0;
	for (int v = 0; v < 256; v++)
		x += (count[v] - e) * (count[v] - e) / e;
	return x;
}

/* a run of 8 bytes still equal to the fill value: 2**-64 for random data */
static int has_run_of(const unsigned char *p, size_t n, unsigned char fill)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		run = p[i] == fill ? run + 1 : 0;
		if (run >= 8)
			return 1;
	}
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

int main(void)
{
	CHECK("arc4random returns uint32_t",
	      _Generic(arc4random(), uint32_t: 1, default: 0));
	CHECK("arc4random_uniform takes and returns uint32_t",
	      _Generic(arc4random_uniform(5), uint32_t: 1, default: 0));

	/* values differ: 1000 draws, a repeat has probability about 1e-4 */
	static uint32_t v[1000];
	for (int i = 0; i < 1000; i++)
		v[i] = arc4random();
	qsort(v, 1000, sizeof *v, cmp_u32);
	int distinct = 1;
	for (int i = 1; i < 1000; i++)
		distinct += v[i] != v[i - 1];
	CHECK("1000 values of arc4random are (nearly) all distinct", distinct >= 998);
	uint32_t or_all = 0, and_all = ~0u;
	for (int i = 0; i < 1000; i++) {
		or_all |= v[i];
		and_all &= v[i];
	}
	CHECK("every bit of arc4random is 0 sometimes and 1 sometimes",
	      or_all == ~0u && and_all == 0);

	/* arc4random_buf fills every byte: a 33 MiB + 5 buffer (more than one
	 * getrandom call returns), filled once over zeros and once over 0xff */
	size_t n = (33u << 20) + 5;
	unsigned char *a = malloc(n + 2), *b = malloc(n + 2);
	if (!a || !b)
		return 1;
	memset(a, 0, n + 2);
	memset(b, 0xff, n + 2);
	arc4random_buf(a + 1, n);
	arc4random_buf(b + 1, n);
	CHECK("arc4random_buf leaves the bytes around the buffer alone",
	      a[0] == 0 && a[n + 1] == 0 && b[0] == 0xff && b[n + 1] == 0xff);
	CHECK("arc4random_buf writes every byte (no run of 8 zero bytes)",
	      !has_run_of(a + 1, n, 0));
	CHECK("arc4random_buf writes every byte (no run of 8 0xff bytes)",
	      !has_run_of(b + 1, n, 0xff));
	CHECK("the last bytes of the buffer are written",
	      memcmp(a + n - 7, "\0\0\0\0\0\0\0\0", 8) != 0 &&
	      memcmp(b + n - 7, "\xff\xff\xff\xff\xff\xff\xff\xff", 8) != 0);
	double x = chi_square_bytes(a + 1, n);
	CHECK("byte values of arc4random_buf are uniform (chi-square < 400)", x < 400);
	CHECK("two fills differ", memcmp(a + 1, b + 1, 4096) != 0);
	/* small and odd sizes, unaligned */
	int small_ok = 1;
	for (size_t len = 1; len <= 64; len++) {
		unsigned char g[80];
		memset(g, 0xa5, sizeof g);
		arc4random_buf(g + 3, len);
		small_ok &= g[2] == 0xa5 && g[3 + len] == 0xa5;
	}
	CHECK("arc4random_buf of 1..64 bytes at an odd address stays in bounds", small_ok);
	arc4random_buf(NULL, 0);
	CHECK("arc4random_buf(NULL, 0) does nothing", 1);
	free(a);
	free(b);

	/* arc4random_uniform */
	CHECK("arc4random_uniform(0) is 0", arc4random_uniform(0) == 0);
	CHECK("arc4random_uniform(1) is 0", arc4random_uniform(1) == 0);
	static const uint32_t bounds[] = {3, 5, 7, 1001, 65537, 1000001,
	                                  0x80000001u, 0xfffffffbu, 0xffffffffu};
	for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++) {
		uint32_t bound = bounds[k], max = 0;
		int below = 1;
		for (int i = 0; i < 20000; i++) {
			uint32_t r = arc4random_uniform(bound);
			below &= r < bound;
			if (r > max)
				max = r;
		}
		char name[96];
		snprintf(name, sizeof name, "arc4random_uniform(%lu): 20000 draws below the bound",
		         (unsigned long)bound);
		CHECK(name, below);
		snprintf(name, sizeof name, "arc4random_uniform(%lu): draws reach the top tenth",
		         (unsigned long)bound);
		CHECK(name, max >= bound - bound / 10 - 1);
	}
	/* no bias for a small odd bound: chi-square, 2 degrees of freedom,
	 * above 40 with a probability of 2e-9 */
	unsigned long c3[3] = {0};
	for (int i = 0; i < 300000; i++)
		c3[arc4random_uniform(3)]++;
	double x3 = 0;
	for (int i = 0; i < 3; i++)
		x3 += (c3[i] - 100000.0) * (c3[i] - 100000.0) / 100000.0;
	CHECK("arc4random_uniform(3) is uniform (chi-square < 40)", x3 < 40);

	/* no state shared with a child: the next values differ */
	int fd, p[2];
	uint32_t mine[4], theirs[4] = {0};
	if (pipe(p))
		return 1;
	fflush(stdout);
	int r = pdfork(&fd, 0);
	if (r == 0) {
		for (int i = 0; i < 4; i++)
			theirs[i] = arc4random();
		_exit(write(p[1], theirs, sizeof theirs) != sizeof theirs);
	}
	close(p[1]);
	for (int i = 0; i < 4; i++)
		mine[i] = arc4random();
	int st = 0;
	CHECK("a pdfork child draws values of its own",
	      r == 1 && read(p[0], theirs, sizeof theirs) == sizeof theirs &&
	      memcmp(mine, theirs, sizeof mine) != 0 &&
	      pdwait(fd, &st, 0) == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return report();
}
