/* iconv to UTF-8 when the decoder yields no Unicode scalar value
 * (CVE-2025-26519, second part; libc/patches/0016): EILSEQ, with the
 * output position never moved backwards. musl 1.2.3's GB18030 decoder
 * turns the four-byte sequences past U+10FFFF (E3 32 9A 36 on) into
 * values above 0x10FFFF; without 0016 wctomb's (size_t)-1 was added to
 * the output pointer. Each conversion writes into a buffer preceded by a
 * guard, and the pointers and counts are checked against it. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include "check.h"

#define GUARD 16

struct result {
	size_t r;
	int err;
	long out_moved;  /* bytes the output pointer advanced (negative: back) */
	long left_moved; /* how much outbytesleft shrank */
	long in_used;    /* input bytes consumed */
	int guard_ok;    /* the bytes before the output buffer are untouched */
	unsigned char out[16];
};

static struct result convert(const char *to, const char *from, const void *in, size_t n, size_t cap)
{
	struct result res = { .err = -1 };
	unsigned char buf[GUARD + 16];
	memset(buf, 0xa5, sizeof buf);
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1) return res;
	char *ip = (char *)in, *op = (char *)buf + GUARD;
	size_t il = n, ol = cap;
	errno = 0;
	res.r = iconv(cd, &ip, &il, &op, &ol);
	res.err = res.r == (size_t)-1 ? errno : 0;
	res.out_moved = op - ((char *)buf + GUARD);
	res.left_moved = (long)cap - (long)ol;
	res.in_used = ip - (char *)in;
	res.guard_ok = 1;
	for (int i = 0; i < GUARD; i++)
		if (buf[i] != 0xa5) res.guard_ok = 0;
	memcpy(res.out, buf + GUARD, sizeof res.out);
	iconv_close(cd);
	return res;
}

/* EILSEQ with nothing written for the offending character: the output
 * OUT bytes on (what came before it), the input IN bytes on, at it. */
static int eilseq_at(struct result s, long out, long in)
{
	if (s.r == (size_t)-1 && s.err == EILSEQ && s.out_moved == out &&
	    s.left_moved == out && s.in_used == in && s.guard_ok)
		return 1;
	printf("# iconv returned %ld, errno %d (EILSEQ is %d); output pointer moved %+ld, "
	       "outbytesleft shrank by %ld, input used %ld; guard %s\n", (long)s.r, s.err, EILSEQ,
	       s.out_moved, s.left_moved, s.in_used, s.guard_ok ? "intact" : "overwritten");
	return 0;
}

static int ok_bytes(struct result s, const char *want, long n)
{
	return s.r == 0 && s.out_moved == n && s.left_moved == n && s.guard_ok &&
	       memcmp(s.out, want, n) == 0;
}

int main(void)
{
	/* GB18030 four-byte sequences past U+10FFFF: index 1237576 (the first)
	 * and FE 39 FE 39 (the last of all) */
	CHECK("GB18030 E3329A36 to UTF-8 is EILSEQ, output not moved",
	      eilseq_at(convert("UTF-8", "GB18030", "\xe3\x32\x9a\x36", 4, 16), 0, 0));
	CHECK("GB18030 FE39FE39 to UTF-8 is EILSEQ, output not moved",
	      eilseq_at(convert("UTF-8", "GB18030", "\xfe\x39\xfe\x39", 4, 16), 0, 0));
	CHECK("GB18030 'A' FE39FE39 to UTF-8 writes 'A' then stops with EILSEQ at the sequence",
	      eilseq_at(convert("UTF-8", "GB18030", "A\xfe\x39\xfe\x39", 5, 16), 1, 1));
	/* fewer than 4 bytes left: the path through a temporary buffer */
	CHECK("GB18030 FE39FE39 to UTF-8 with 2 bytes left is EILSEQ, not E2BIG",
	      eilseq_at(convert("UTF-8", "GB18030", "\xfe\x39\xfe\x39", 4, 2), 0, 0));
	CHECK("GB18030 E3329A36 to UTF-8 with 3 bytes left is EILSEQ, not E2BIG",
	      eilseq_at(convert("UTF-8", "GB18030", "\xe3\x32\x9a\x36", 4, 3), 0, 0));

	/* decoders that check their values themselves: the same outcome */
	CHECK("UTF-32LE D800 (a surrogate) to UTF-8 is EILSEQ, output not moved",
	      eilseq_at(convert("UTF-8", "UTF-32LE", "\x00\xd8\x00\x00", 4, 16), 0, 0));
	CHECK("UTF-32LE 110000 to UTF-8 is EILSEQ, output not moved",
	      eilseq_at(convert("UTF-8", "UTF-32LE", "\x00\x00\x11\x00", 4, 16), 0, 0));
	CHECK("UTF-32BE 'A' DFFF to UTF-8 writes 'A' then stops with EILSEQ",
	      eilseq_at(convert("UTF-8", "UTF-32BE", "\x00\x00\x00\x41\x00\x00\xdf\xff", 8, 16), 1, 4));
	CHECK("UTF-16LE lone DC00 to UTF-8 is EILSEQ, output not moved",
	      eilseq_at(convert("UTF-8", "UTF-16LE", "\x00\xdc", 2, 16), 0, 0));

	/* scalar values at the edges still convert, with room or exactly so */
	CHECK("UTF-32LE U+10FFFF to UTF-8 is F4 8F BF BF",
	      ok_bytes(convert("UTF-8", "UTF-32LE", "\xff\xff\x10\x00", 4, 16), "\xf4\x8f\xbf\xbf", 4));
	CHECK("UTF-32LE U+10FFFF to UTF-8 in exactly 4 bytes",
	      ok_bytes(convert("UTF-8", "UTF-32LE", "\xff\xff\x10\x00", 4, 4), "\xf4\x8f\xbf\xbf", 4));
	CHECK("UTF-32LE U+E000 to UTF-8 in exactly 3 bytes",
	      ok_bytes(convert("UTF-8", "UTF-32LE", "\x00\xe0\x00\x00", 4, 3), "\xee\x80\x80", 3));
	CHECK("UTF-32LE U+D7FF to UTF-8 is ED 9F BF",
	      ok_bytes(convert("UTF-8", "UTF-32LE", "\xff\xd7\x00\x00", 4, 16), "\xed\x9f\xbf", 3));
	struct result big = convert("UTF-8", "UTF-32LE", "\xff\xff\x10\x00", 4, 3);
	CHECK("UTF-32LE U+10FFFF to UTF-8 with 3 bytes left is E2BIG, nothing written",
	      big.r == (size_t)-1 && big.err == E2BIG && big.out_moved == 0 && big.left_moved == 0 &&
	      big.in_used == 0 && big.guard_ok);
	return report();
}
