/* argdata: the bytes argdata_serialize writes, written out by hand from
 * the encoding in <argdata.h> (tag byte; ints minimal big-endian two's
 * complement; fields prefixed by base-128 lengths whose last digit has the
 * high bit set). */
#include <stdint.h>
#include <time.h>
#include "argdata-util.h"
#include "check.h"

static int int_s_encodes_as(intmax_t v, const unsigned char *want, size_t len)
{
	argdata_t *ad = argdata_create_int_s(v);
	int ok = ad != NULL && encodes_as(ad, want, len);
	argdata_free(ad);
	return ok;
}
#define INT_S(v, ...)                                                        \
	int_s_encodes_as((v), (const unsigned char[]){__VA_ARGS__},          \
	                 sizeof((const unsigned char[]){__VA_ARGS__}))

static int timestamp_encodes_as(time_t sec, long nsec, const unsigned char *want, size_t len)
{
	struct timespec ts = {.tv_sec = sec, .tv_nsec = nsec};
	argdata_t *ad = argdata_create_timestamp(&ts);
	int ok = ad != NULL && encodes_as(ad, want, len);
	argdata_free(ad);
	return ok;
}
#define TIMESTAMP(sec, nsec, ...)                                            \
	timestamp_encodes_as((sec), (nsec), (const unsigned char[]){__VA_ARGS__}, \
	                     sizeof((const unsigned char[]){__VA_ARGS__}))

int main(void)
{
	/* null, bool */
	size_t len = 99, nfds = 99;
	argdata_serialized_length(&argdata_null, &len, &nfds);
	CHECK("null is zero bytes", len == 0 && nfds == 0);
	CHECK("true is 02 01, false is 02",
	      ENCODES_AS(&argdata_true, 0x02, 0x01) && ENCODES_AS(&argdata_false, 0x02));

	/* ints */
	CHECK("int 0 is the tag alone: 05", INT_S(0, 0x05));
	CHECK("int 1 is 05 01", INT_S(1, 0x05, 0x01));
	CHECK("int -1 is 05 FF", INT_S(-1, 0x05, 0xFF));
	CHECK("int 127 is 05 7F", INT_S(127, 0x05, 0x7F));
	CHECK("int 128 is 05 00 80 (a sign byte)", INT_S(128, 0x05, 0x00, 0x80));
	CHECK("int -128 is 05 80", INT_S(-128, 0x05, 0x80));
	CHECK("int -129 is 05 FF 7F", INT_S(-129, 0x05, 0xFF, 0x7F));
	CHECK("int 255 is 05 00 FF, 256 is 05 01 00",
	      INT_S(255, 0x05, 0x00, 0xFF) && INT_S(256, 0x05, 0x01, 0x00));
	CHECK("int INT64_MIN is 05 80 00 00 00 00 00 00 00",
	      INT_S(INT64_MIN, 0x05, 0x80, 0, 0, 0, 0, 0, 0, 0));
	CHECK("int INT64_MAX is 05 7F FF FF FF FF FF FF FF",
	      INT_S(INT64_MAX, 0x05, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
	argdata_t *u = argdata_create_int_u(UINT64_MAX);
	CHECK("unsigned int UINT64_MAX takes 9 bytes: 05 00 FF*8",
	      ENCODES_AS(u, 0x05, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
	argdata_free(u);
	u = argdata_create_int_u(0);
	CHECK("unsigned int 0 is 05", ENCODES_AS(u, 0x05));
	argdata_free(u);
	u = argdata_create_int((unsigned char)200);
	argdata_t *s = argdata_create_int((signed char)-56);
	CHECK("argdata_create_int picks the signedness of its argument's type: "
	      "(unsigned char)200 is 05 00 C8, (signed char)-56 is 05 C8",
	      ENCODES_AS(u, 0x05, 0x00, 0xC8) && ENCODES_AS(s, 0x05, 0xC8));
	argdata_free(u);
	argdata_free(s);
	u = argdata_create_int(0x8000000000000000ull);
	CHECK("argdata_create_int(1ull << 63) is 05 00 80 00 00 00 00 00 00 00",
	      ENCODES_AS(u, 0x05, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0));
	argdata_free(u);

	/* float */
	argdata_t *f1 = argdata_create_float(1.0), *f2 = argdata_create_float(-2.5),
	          *f3 = argdata_create_float(0.1);
	CHECK("float 1.0 is 04 3F F0 00 00 00 00 00 00",
	      ENCODES_AS(f1, 0x04, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0));
	CHECK("float -2.5 is 04 C0 04 00 00 00 00 00 00",
	      ENCODES_AS(f2, 0x04, 0xC0, 0x04, 0, 0, 0, 0, 0, 0));
	CHECK("float 0.1 is 04 3F B9 99 99 99 99 99 9A",
	      ENCODES_AS(f3, 0x04, 0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A));
	argdata_free(f1);
	argdata_free(f2);
	argdata_free(f3);

	/* str, binary */
	argdata_t *hi = argdata_create_str_c("hi"), *empty = argdata_create_str("", 0),
	          *e_acute = argdata_create_str_c("\xC3\xA9"),
	          *part = argdata_create_str("hello", 2);
	CHECK("str \"hi\" is 08 68 69 00", ENCODES_AS(hi, 0x08, 0x68, 0x69, 0x00));
	CHECK("the empty str is 08 00", ENCODES_AS(empty, 0x08, 0x00));
	CHECK("str U+00E9 is 08 C3 A9 00", ENCODES_AS(e_acute, 0x08, 0xC3, 0xA9, 0x00));
	CHECK("argdata_create_str takes the length given: (\"hello\", 2) is 08 68 65 00",
	      ENCODES_AS(part, 0x08, 0x68, 0x65, 0x00));
	argdata_free(hi);
	argdata_free(empty);
	argdata_free(e_acute);
	argdata_free(part);
	unsigned char raw[] = {1, 2, 0, 255};
	argdata_t *bin = argdata_create_binary(raw, sizeof(raw));
	raw[0] = 9; /* the value holds its own copy */
	argdata_t *nobin = argdata_create_binary(NULL, 0);
	CHECK("binary 01 02 00 FF is 01 01 02 00 FF (bytes copied at creation)",
	      ENCODES_AS(bin, 0x01, 0x01, 0x02, 0x00, 0xFF));
	CHECK("the empty binary is 01", ENCODES_AS(nobin, 0x01));
	argdata_free(bin);
	argdata_free(nobin);

	/* timestamps: nanoseconds since 1970 as an int */
	CHECK("timestamp 0 is 09", TIMESTAMP(0, 0, 0x09));
	CHECK("timestamp 1 ns is 09 01", TIMESTAMP(0, 1, 0x09, 0x01));
	CHECK("timestamp 1 s is 09 3B 9A CA 00", TIMESTAMP(1, 0, 0x09, 0x3B, 0x9A, 0xCA, 0x00));
	CHECK("timestamp 2.5 s is 09 00 95 02 F9 00",
	      TIMESTAMP(2, 500000000, 0x09, 0x00, 0x95, 0x02, 0xF9, 0x00));
	CHECK("timestamp -1 ns ({-1, 999999999}) is 09 FF", TIMESTAMP(-1, 999999999, 0x09, 0xFF));
	CHECK("timestamp -1 s is 09 C4 65 36 00", TIMESTAMP(-1, 0, 0x09, 0xC4, 0x65, 0x36, 0x00));
	/* INT64_MAX * 10^9 + 999999999 = 10^9 * 2^63 - 1, and
	 * 10^9 * 2^63 = 0x3B9ACA00 << 63 = 0x1DCD65 << 72. */
	CHECK("timestamp {INT64_MAX, 999999999} is exact: 09 1D CD 64 FF*9",
	      TIMESTAMP(INT64_MAX, 999999999, 0x09, 0x1D, 0xCD, 0x64, 0xFF, 0xFF, 0xFF, 0xFF,
	                0xFF, 0xFF, 0xFF, 0xFF, 0xFF));

	/* seq and map: each entry prefixed by its length */
	argdata_t *one = argdata_create_int(1), *a = argdata_create_str_c("a");
	const argdata_t *entries[] = {one, a};
	argdata_t *seq = argdata_create_seq(entries, 2);
	CHECK("seq [1, \"a\"] is 07 82 05 01 83 08 61 00",
	      ENCODES_AS(seq, 0x07, 0x82, 0x05, 0x01, 0x83, 0x08, 0x61, 0x00));
	argdata_free(seq);
	const argdata_t *nulls[] = {&argdata_null, &argdata_false};
	seq = argdata_create_seq(nulls, 2);
	CHECK("seq [null, false] is 07 80 81 02 (a zero length is 80)",
	      ENCODES_AS(seq, 0x07, 0x80, 0x81, 0x02));
	argdata_free(seq);
	seq = argdata_create_seq(NULL, 0);
	argdata_t *map = argdata_create_map(NULL, NULL, 0);
	CHECK("the empty seq is 07, the empty map is 06",
	      ENCODES_AS(seq, 0x07) && ENCODES_AS(map, 0x06));
	argdata_free(seq);
	argdata_free(map);
	const argdata_t *keys[] = {a}, *values[] = {&argdata_true};
	map = argdata_create_map(keys, values, 1);
	CHECK("map {\"a\": true} is 06 83 08 61 00 82 02 01",
	      ENCODES_AS(map, 0x06, 0x83, 0x08, 0x61, 0x00, 0x82, 0x02, 0x01));
	argdata_free(map);
	argdata_free(one);
	argdata_free(a);

	/* Field lengths of two and three base-128 digits. */
	unsigned char big[16383];
	memset(big, 0x5A, sizeof(big));
	size_t sizes[] = {127, 200, 16383};
	unsigned char prefixes[][3] = {{0x01, 0x80}, {0x01, 0xC9}, {0x01, 0x00, 0x80}};
	size_t prefix_len[] = {2, 2, 3};
	const char *names[] = {
		"seq [a binary of 127 bytes]: the entry's length 128 is 01 80",
		"seq [a binary of 200 bytes]: the entry's length 201 is 01 C9",
		"seq [a binary of 16383 bytes]: the entry's length 16384 is 01 00 80",
	};
	for (int i = 0; i < 3; i++) {
		argdata_t *b = argdata_create_binary(big, sizes[i]);
		const argdata_t *e[] = {b};
		argdata_t *sq = argdata_create_seq(e, 1);
		size_t n;
		unsigned char *out = serialize(sq, &n, NULL, NULL);
		size_t p = prefix_len[i];
		int ok = n == 1 + p + 1 + sizes[i] && out[0] == 0x07 &&
		         memcmp(out + 1, prefixes[i], p) == 0 && out[1 + p] == 0x01 &&
		         memcmp(out + 2 + p, big, sizes[i]) == 0;
		CHECK(names[i], ok);
		free(out);
		argdata_free(sq);
		argdata_free(b);
	}

	/* Nested maps: {"m": {"k": 5}} */
	argdata_t *k = argdata_create_str_c("k"), *five = argdata_create_int(5),
	          *m = argdata_create_str_c("m");
	const argdata_t *ik[] = {k}, *iv[] = {five};
	argdata_t *inner = argdata_create_map(ik, iv, 1);
	const argdata_t *ok_[] = {m}, *ov[] = {inner};
	argdata_t *outer = argdata_create_map(ok_, ov, 1);
	CHECK("nested map {\"m\": {\"k\": 5}} is 06 83 08 6D 00 88 06 83 08 6B 00 82 05 05",
	      ENCODES_AS(outer, 0x06, 0x83, 0x08, 0x6D, 0x00, 0x88, 0x06, 0x83, 0x08, 0x6B,
	                 0x00, 0x82, 0x05, 0x05));
	argdata_free(outer);
	argdata_free(inner);
	argdata_free(k);
	argdata_free(five);
	argdata_free(m);

	/* Descriptors: renumbered in order of appearance. */
	argdata_t *fd10 = argdata_create_fd(10), *fd20 = argdata_create_fd(20);
	const argdata_t *fdlist[] = {fd10, fd20, fd10};
	seq = argdata_create_seq(fdlist, 3);
	int fds[3] = {-1, -1, -1};
	size_t n, placed;
	argdata_serialized_length(seq, &n, &nfds);
	CHECK("serialized_length of [fd 10, fd 20, fd 10]: 19 bytes, 3 descriptors",
	      n == 19 && nfds == 3);
	unsigned char *out = serialize(seq, &n, fds, &placed);
	static const unsigned char renumbered[] = {0x07, 0x85, 0x03, 0, 0, 0, 0, 0x85, 0x03, 0,
	                                           0,    0,    0x01, 0x85, 0x03, 0, 0, 0, 0x02};
	CHECK("[fd 10, fd 20, fd 10] is written with indices 0, 1, 2",
	      n == sizeof(renumbered) && memcmp(out, renumbered, n) == 0);
	CHECK("... and fds[] is {10, 20, 10}, 3 returned",
	      placed == 3 && fds[0] == 10 && fds[1] == 20 && fds[2] == 10);
	free(out);
	static const unsigned char raw_numbers[] = {0x07, 0x85, 0x03, 0, 0, 0, 0x0A, 0x85, 0x03, 0,
	                                            0,    0,    0x14, 0x85, 0x03, 0, 0, 0, 0x0A};
	unsigned char buf[19];
	placed = argdata_serialize(seq, buf, NULL);
	CHECK("with fds == NULL the descriptor numbers themselves are written, 3 returned",
	      placed == 3 && memcmp(buf, raw_numbers, sizeof(buf)) == 0);
	argdata_free(seq);
	argdata_free(fd10);
	argdata_free(fd20);
	CHECK("argdata_create_fd(-1) fails with EBADF",
	      argdata_create_fd(-1) == NULL && errno == EBADF);
	return report();
}
