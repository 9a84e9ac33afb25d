/* iconv EUC-KR, including the input of CVE-2025-26519 (lead byte 0xc8 with
 * trail 0x41) that musl 1.2.3 decoded out of bounds before
 * libc/patches/0001. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include "check.h"

/* Convert N bytes of EUC-KR; return iconv's result, the bytes written
 * in *outlen and errno in *err. */
static size_t convert(const char *in, size_t n, char *out, size_t cap,
                      size_t *outlen, int *err)
{
	iconv_t cd = iconv_open("UTF-8", "EUC-KR");
	if (cd == (iconv_t)-1) { *err = errno; return (size_t)-1; }
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap;
	errno = 0;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	*err = r == (size_t)-1 ? errno : 0;
	*outlen = (size_t)(op - out);
	iconv_close(cd);
	return r;
}

#define FAILS_EILSEQ(in) \
	(convert(in, 2, out, sizeof out, &len, &err) == (size_t)-1 && err == EILSEQ && len == 0)

int main(void)
{
	char out[32];
	size_t len;
	int err;
	CHECK("EUC-KR B0A1 is U+AC00", convert("\xb0\xa1", 2, out, sizeof out, &len, &err) == 0 &&
	      len == 3 && memcmp(out, "\xea\xb0\x80", 3) == 0);
	CHECK("EUC-KR extended 8141 is U+AC02", convert("\x81\x41", 2, out, sizeof out, &len, &err) == 0 &&
	      len == 3 && memcmp(out, "\xea\xb0\x82", 3) == 0);
	CHECK("lead C6 with trail 52 is valid", convert("\xc6\x52", 2, out, sizeof out, &len, &err) == 0 && len == 3);
	/* before the fix: iconv returned success and moved the output
	 * pointer backwards by one byte */
	CHECK("CVE-2025-26519: lead byte C8 with trail 41 is EILSEQ", FAILS_EILSEQ("\xc8\x41"));
	CHECK("lead byte C7 with trail 41 is EILSEQ", FAILS_EILSEQ("\xc7\x41"));
	CHECK("lead C6 takes trail bytes only up to 52", FAILS_EILSEQ("\xc6\x53"));
	return report();
}
