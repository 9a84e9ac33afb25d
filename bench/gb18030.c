/* The GB18030 decoder's speed on four-byte sequences (CVE-2026-6042,
 * libc/patches/0018) against a baseline measured in the same run: the same
 * characters decoded from UTF-16LE. The input is every four-byte sequence
 * of a BMP code point (39420) and as many code points from U+10000 on,
 * spread over the planes, less any sequence the libc rejects (glibc, which
 * follows a later edition of GB18030, rejects 18); both decode into
 * UTF-32LE. ROUNDS rounds
 * alternate the two; each round times REPS conversions of the whole input
 * and prints nanoseconds per character. The last line: the medians, their
 * spread (lowest..highest) and the ratio of the medians.
 *
 *   gb18030 [ROUNDS [REPS]]
 * Built for the target (this libc) by bench/gb18030.sh, and for the host
 * (glibc) for comparison. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BMP 39420UL
#define SUPP 189000UL
#define MOST (2 * BMP)

static unsigned char gb[4 * MOST], u16[4 * MOST], u32[4 * MOST];
static size_t gb_len, u16_len;
static unsigned long chars;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Convert the whole input REPS times; nanoseconds per character, or -1. */
static double run(const char *from, const unsigned char *in, size_t len, int reps)
{
	iconv_t cd = iconv_open("UTF-32LE", from);
	if (cd == (iconv_t)-1) return -1;
	double t0 = now();
	for (int r = 0; r < reps; r++) {
		char *ip = (char *)in, *op = (char *)u32;
		size_t il = len, ol = sizeof u32;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) != 0 || il || ol != sizeof u32 - 4 * chars) {
			iconv_close(cd);
			return -1;
		}
	}
	double t1 = now();
	iconv_close(cd);
	return (t1 - t0) / reps / chars;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 7, reps = argc > 2 ? atoi(argv[2]) : 20;
	if (rounds < 1 || rounds > 99 || reps < 1) return 2;
	iconv_t cd = iconv_open("UTF-32LE", "GB18030");
	if (cd == (iconv_t)-1) {
		fprintf(stderr, "gb18030: no GB18030 decoder\n");
		return 1;
	}
	for (unsigned long i = 0; i < MOST; i++) {
		/* BMP sequences in index order, then U+10000 on in steps */
		unsigned long x = i < BMP ? i : SUPP + (i - BMP) * (0xfffffUL / BMP);
		unsigned char *b = gb + gb_len, o[4];
		b[3] = 0x30 + x % 10; x /= 10;
		b[2] = 0x81 + x % 126; x /= 126;
		b[1] = 0x30 + x % 10; x /= 10;
		b[0] = 0x81 + x;
		char *ip = (char *)b, *op = (char *)o;
		size_t il = 4, ol = 4;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == 0) {
			gb_len += 4;
			chars++;
		}
	}
	iconv_close(cd);
	/* the baseline's input: the same characters, as GB18030 decodes them */
	if (run("GB18030", gb, gb_len, 1) < 0) {
		fprintf(stderr, "gb18030: GB18030 input does not decode to %lu characters\n", chars);
		return 1;
	}
	for (unsigned long i = 0; i < chars; i++) {
		unsigned long c = u32[4 * i] | u32[4 * i + 1] << 8 | (unsigned long)u32[4 * i + 2] << 16;
		unsigned char *o = u16 + u16_len;
		if (c < 0x10000) {
			o[0] = c; o[1] = c >> 8;
			u16_len += 2;
		} else {
			unsigned long hi = 0xd800 + ((c - 0x10000) >> 10), lo = 0xdc00 + (c & 0x3ff);
			o[0] = hi; o[1] = hi >> 8; o[2] = lo; o[3] = lo >> 8;
			u16_len += 4;
		}
	}
	double g[99], u[99];
	run("UTF-16LE", u16, u16_len, reps); /* warm up */
	for (int r = 0; r < rounds; r++) {
		g[r] = run("GB18030", gb, gb_len, reps);
		u[r] = run("UTF-16LE", u16, u16_len, reps);
		if (g[r] < 0 || u[r] < 0) {
			fprintf(stderr, "gb18030: a conversion failed\n");
			return 1;
		}
		printf("round %d: GB18030 %.2f ns/char, UTF-16LE %.2f ns/char\n", r + 1, g[r], u[r]);
	}
	qsort(g, rounds, sizeof *g, cmpd);
	qsort(u, rounds, sizeof *u, cmpd);
	double gm = g[rounds / 2], um = u[rounds / 2];
	printf("median of %d rounds (%lu characters x %d): GB18030 %.2f ns/char (%.2f..%.2f), "
	       "UTF-16LE %.2f ns/char (%.2f..%.2f); ratio %.2f\n",
	       rounds, chars, reps, gm, g[0], g[rounds - 1], um, u[0], u[rounds - 1], gm / um);
	return 0;
}
