/* argdata: decoding hand-written encodings with argdata_from_buffer and
 * the getters, including argdata_get_int's range checks per type. Every
 * buffer sits at the end of a page followed by an inaccessible one. */
#include <limits.h>
#include <stdint.h>
#include <time.h>
#include "argdata-util.h"
#include "check.h"

int main(void)
{
	bool b = true;
	argdata_t *ad = DECODED(NULL, NULL, 0x02);
	CHECK("02 is false", argdata_get_bool(ad, &b) == 0 && !b);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x02, 0x01);
	CHECK("02 01 is true", argdata_get_bool(ad, &b) == 0 && b);
	argdata_free(ad);
	CHECK("argdata_true and argdata_false read back",
	      argdata_get_bool(&argdata_true, &b) == 0 && b &&
	      argdata_get_bool(&argdata_false, &b) == 0 && !b);

	int x = 42;
	CHECK("null (zero bytes) is no type: argdata_get_int and _bool give EINVAL",
	      argdata_get_int(&argdata_null, &x) == EINVAL &&
	      argdata_get_bool(&argdata_null, &b) == EINVAL && x == 42);
	ad = argdata_from_buffer("", 0, NULL, NULL);
	const char *str;
	CHECK("an empty buffer is null too", argdata_get_str_c(ad, &str) == EINVAL);
	argdata_free(ad);

	/* ints */
	long long ll;
	ad = DECODED(NULL, NULL, 0x05);
	CHECK("05 is 0", argdata_get_int(ad, &ll) == 0 && ll == 0);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0xFF, 0x7F);
	CHECK("05 FF 7F is -129", argdata_get_int(ad, &ll) == 0 && ll == -129);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x80, 0, 0, 0, 0, 0, 0, 0);
	CHECK("05 80 00*7 is INT64_MIN", argdata_get_int(ad, &ll) == 0 && ll == INT64_MIN);
	argdata_free(ad);
	unsigned long long ull;
	ad = DECODED(NULL, NULL, 0x05, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
	CHECK("05 00 FF*8 is UINT64_MAX for unsigned long long",
	      argdata_get_int(ad, &ull) == 0 && ull == UINT64_MAX);
	CHECK("... and ERANGE for long long (left unchanged)",
	      argdata_get_int(ad, &ll) == ERANGE && ll == INT64_MIN);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0xFF, 0xFF, 0xFF, 0x80);
	CHECK("redundant sign bytes are accepted: 05 FF FF FF 80 is -128",
	      argdata_get_int(ad, &x) == 0 && x == -128);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x01, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK("2^64 fits no 64-bit type: ERANGE for unsigned long long and long long",
	      argdata_get_int(ad, &ull) == ERANGE && argdata_get_int(ad, &ll) == ERANGE);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	             0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
	intmax_t im = 7;
	CHECK("a 20-byte int gives ERANGE", argdata_get_int_s(ad, &im, INTMAX_MIN, INTMAX_MAX) ==
	                                         ERANGE && im == 7);
	argdata_free(ad);

	/* argdata_get_int per type */
	signed char sc = 0;
	unsigned char uc = 0;
	short ss = 0;
	unsigned short us = 0;
	unsigned int ui = 0;
	char c = 0;
	ad = DECODED(NULL, NULL, 0x05, 0x00, 0x80);
	CHECK("128: ERANGE for signed char, fine for unsigned char and short",
	      argdata_get_int(ad, &sc) == ERANGE && argdata_get_int(ad, &uc) == 0 && uc == 128 &&
	      argdata_get_int(ad, &ss) == 0 && ss == 128);
	CHECK("128 in char follows char's signedness",
	      argdata_get_int(ad, &c) == (CHAR_MIN < 0 ? ERANGE : 0));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x80);
	CHECK("-128: fine for signed char, ERANGE for every unsigned type",
	      argdata_get_int(ad, &sc) == 0 && sc == -128 && argdata_get_int(ad, &uc) == ERANGE &&
	      argdata_get_int(ad, &us) == ERANGE && argdata_get_int(ad, &ui) == ERANGE &&
	      argdata_get_int(ad, &ull) == ERANGE);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x01, 0x00, 0x00);
	CHECK("65536: ERANGE for short and unsigned short, fine for int",
	      argdata_get_int(ad, &ss) == ERANGE && argdata_get_int(ad, &us) == ERANGE &&
	      argdata_get_int(ad, &x) == 0 && x == 65536);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00);
	CHECK("2^31: ERANGE for int, fine for unsigned int",
	      argdata_get_int(ad, &x) == ERANGE && argdata_get_int(ad, &ui) == 0 &&
	      ui == 0x80000000u);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x02);
	bool flag = false;
	CHECK("2 does not fit bool (ERANGE)",
	      argdata_get_int(ad, &flag) == ERANGE && !flag);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x01);
	CHECK("1 into bool", argdata_get_int(ad, &flag) == 0 && flag);
	uintmax_t um;
	CHECK("argdata_get_int_s/_u with explicit bounds: 1 is outside [2, 5] and [0, 0]",
	      argdata_get_int_s(ad, &im, 2, 5) == ERANGE && argdata_get_int_u(ad, &um, 0) == ERANGE);
	CHECK("an int is not a bool or a str (EINVAL)",
	      argdata_get_bool(ad, &b) == EINVAL && argdata_get_str_c(ad, &str) == EINVAL);
	argdata_free(ad);

	/* float */
	double d = 0;
	ad = DECODED(NULL, NULL, 0x04, 0xC0, 0x04, 0, 0, 0, 0, 0, 0);
	CHECK("04 C0 04 00*6 is -2.5", argdata_get_float(ad, &d) == 0 && d == -2.5);
	CHECK("a float is not an int (EINVAL)", argdata_get_int(ad, &x) == EINVAL);
	argdata_free(ad);

	/* str */
	size_t len = 0;
	ad = DECODED(NULL, NULL, 0x08, 'o', 'k', 0x00);
	CHECK("08 6F 6B 00 is \"ok\", in place, NUL-terminated",
	      argdata_get_str(ad, &str, &len) == 0 && len == 2 && memcmp(str, "ok", 3) == 0);
	CHECK("argdata_get_str_c gives the same string",
	      argdata_get_str_c(ad, &str) == 0 && strcmp(str, "ok") == 0);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x08, 'a', 0x00, 'b', 0x00);
	CHECK("a NUL inside: argdata_get_str gives length 3",
	      argdata_get_str(ad, &str, &len) == 0 && len == 3 && memcmp(str, "a\0b", 4) == 0);
	CHECK("... and argdata_get_str_c gives EILSEQ", argdata_get_str_c(ad, &str) == EILSEQ);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x08, 0xF0, 0x9F, 0x98, 0x80, 0x00);
	CHECK("4-byte UTF-8 (U+1F600) is valid",
	      argdata_get_str(ad, &str, &len) == 0 && len == 4);
	argdata_free(ad);

	/* binary */
	const void *data;
	ad = DECODED(NULL, NULL, 0x01, 0x00, 0xFF);
	CHECK("01 00 FF is two bytes of binary",
	      argdata_get_binary(ad, &data, &len) == 0 && len == 2 &&
	      memcmp(data, "\x00\xFF", 2) == 0);
	argdata_free(ad);
	static const unsigned char in_place[] = {0x01, 0x61};
	ad = argdata_from_buffer(in_place, sizeof(in_place), NULL, NULL);
	CHECK("argdata_from_buffer refers to the buffer: binary points into it",
	      argdata_get_binary(ad, &data, &len) == 0 && data == in_place + 1 && len == 1);
	argdata_free(ad);

	/* timestamps */
	struct timespec ts;
	ad = DECODED(NULL, NULL, 0x09, 0x00, 0x95, 0x02, 0xF9, 0x00);
	CHECK("09 00 95 02 F9 00 is 2.5 s",
	      argdata_get_timestamp(ad, &ts) == 0 && ts.tv_sec == 2 && ts.tv_nsec == 500000000);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x09, 0xFF);
	CHECK("09 FF (-1 ns) is {-1, 999999999}: tv_nsec is never negative",
	      argdata_get_timestamp(ad, &ts) == 0 && ts.tv_sec == -1 && ts.tv_nsec == 999999999);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x09, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	             0xFF, 0xFF, 0xFF);
	CHECK("a timestamp whose seconds overflow time_t gives ERANGE",
	      argdata_get_timestamp(ad, &ts) == ERANGE);
	argdata_free(ad);

	/* descriptors through convert_fd */
	int table[] = {5, 6, 7, -1};
	int fd = -1;
	ad = DECODED(from_table, table, 0x03, 0x00, 0x00, 0x00, 0x02);
	CHECK("03 00 00 00 02 is descriptor table[2] through convert_fd",
	      argdata_get_fd(ad, &fd) == 0 && fd == 7);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x03, 0x00, 0x00, 0x00, 0x02);
	CHECK("without convert_fd a descriptor cannot be read (EINVAL)",
	      argdata_get_fd(ad, &fd) == EINVAL && fd == 7);
	argdata_free(ad);
	argdata_t *created = argdata_create_fd(1);
	CHECK("a created descriptor reads back as itself",
	      argdata_get_fd(created, &fd) == 0 && fd == 1);
	argdata_free(created);
	return report();
}
