/* Host side of the GB18030 test: lists four-byte GB18030 sequences with
 * what the host's glibc iconv decodes each to, for decode.c to compare
 * with the target libc. Output lines:
 *
 *   # GROUP-NAME            a group of cases follows
 *   B1B2B3B4 HEX            the sequence (hex bytes) decodes to U+HEX
 *   B1B2B3B4 EILSEQ         the sequence is invalid
 *   # end                   the last line
 *
 * The cases: first every two-byte sequence (lead 81..FE, trail 40..7E,
 * 80..FE), whose differences show where glibc follows a later edition of
 * GB18030 than the libc's two-byte table; then every four-byte sequence of a BMP code point (indices 0..39419, 81 30
 * 81 30 to 84 31 A4 39), the edges of the unassigned index range after
 * them and the last sequence of all, and the code points from U+10000
 * (90 30 81 30) to U+10FFFF, sampled. Cheap groups come first so that a
 * slow decoder still reports the early ones. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

static iconv_t cd;

/* The index-th four-byte sequence (index 0 is 81 30 81 30). */
static void sequence(unsigned long index, unsigned char b[4])
{
	b[3] = 0x30 + index % 10; index /= 10;
	b[2] = 0x81 + index % 126; index /= 126;
	b[1] = 0x30 + index % 10; index /= 10;
	b[0] = 0x81 + index;
}

/* Decode the N bytes at B with glibc: the code point, or -1 for EILSEQ. */
static long decode(const unsigned char *b, size_t n)
{
	unsigned char o[8];
	char *in = (char *)b, *out = (char *)o;
	size_t inl = n, outl = sizeof o;
	iconv(cd, NULL, NULL, NULL, NULL);
	size_t r = iconv(cd, &in, &inl, &out, &outl);
	if (r == (size_t)-1 && errno == EILSEQ)
		return -1;
	if (r == (size_t)-1 || outl != sizeof o - 4) {
		fprintf(stderr, "oracle: glibc iconv failed on %02X%02X...\n", b[0], b[1]);
		exit(1);
	}
	return o[0] | o[1] << 8 | o[2] << 16 | (long)o[3] << 24;
}

static void print(const unsigned char *b, size_t n, long cp)
{
	for (size_t i = 0; i < n; i++)
		printf("%02X", b[i]);
	if (cp < 0) printf(" EILSEQ\n");
	else printf(" %lX\n", cp);
}

static void one(unsigned long index)
{
	unsigned char b[4];
	sequence(index, b);
	print(b, 4, decode(b, 4));
}

int main(void)
{
	const unsigned long bmp = 39420, supp = 189000, last = 126UL * 10 * 126 * 10 - 1;
	cd = iconv_open("UTF-32LE", "GB18030");
	if (cd == (iconv_t)-1) {
		perror("oracle: iconv_open(UTF-32LE, GB18030)");
		return 1;
	}
	printf("# two-byte sequences\n");
	for (unsigned lead = 0x81; lead <= 0xfe; lead++)
		for (unsigned trail = 0x40; trail <= 0xfe; trail++) {
			unsigned char b[2] = { lead, trail };
			if (trail != 0x7f)
				print(b, 2, decode(b, 2));
		}
	printf("# U+10000..U+10FFFF (90 30 81 30 on)\n");
	for (unsigned long k = 0; k <= 0xfffff; k += k < 64 || k > 0xfffff - 64 ? 1 : 4093)
		one(supp + k);
	printf("# invalid: past U+FFFF, before 90 30 81 30, past U+10FFFF\n");
	for (unsigned long i = bmp; i < bmp + 16; i++) one(i);
	for (unsigned long i = supp - 16; i < supp; i++) one(i);
	for (unsigned long i = supp + 0x100000; i < supp + 0x100000 + 16; i++) one(i);
	one((bmp + supp) / 2);
	one(last);
	/* the BMP groups split after the last sequence of a code point below
	 * the surrogates */
	unsigned long split = 0;
	for (unsigned long i = 0; i < bmp; i++) {
		unsigned char b[4];
		sequence(i, b);
		long cp = decode(b, 4);
		if (cp >= 0 && cp < 0xd800)
			split = i + 1;
	}
	printf("# BMP above the surrogates (U+E000..U+FFFF)\n");
	for (unsigned long i = split; i < bmp; i++) one(i);
	printf("# BMP below the surrogates (U+0080..U+D7FF)\n");
	for (unsigned long i = 0; i < split; i++) one(i);
	printf("# end\n");
	iconv_close(cd);
	return fflush(stdout) != 0;
}
