/* argdata: every type created, serialized, decoded and read back; and
 * decoded data serialized again (descriptors renumbered through
 * convert_fd). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <time.h>
#include "argdata-util.h"
#include "check.h"

/* Serialize ad and decode the bytes (kept in *keep for freeing); the
 * descriptors go through fds[] and back through from_table. */
static int fds_table[64];
static argdata_t *round_trip(const argdata_t *ad, unsigned char **keep)
{
	size_t len, nfds;
	for (int i = 0; i < 64; i++)
		fds_table[i] = -1;
	*keep = serialize(ad, &len, fds_table, &nfds);
	return argdata_from_buffer(*keep, len, from_table, fds_table);
}

#define ROUND_TRIP_INT(type, value)                                          \
	do {                                                                 \
		type in_ = (value), out_ = 0;                                \
		argdata_t *ad_ = argdata_create_int(in_);                    \
		unsigned char *keep_;                                        \
		argdata_t *back_ = round_trip(ad_, &keep_);                  \
		CHECK("int round trip: " #type " " #value,                   \
		      argdata_get_int(back_, &out_) == 0 && out_ == in_);    \
		argdata_free(back_);                                         \
		free(keep_);                                                 \
		argdata_free(ad_);                                           \
	} while (0)

static int float_round_trips(double in, double *out)
{
	argdata_t *ad = argdata_create_float(in);
	unsigned char *keep;
	argdata_t *back = round_trip(ad, &keep);
	int ok = argdata_get_float(back, out) == 0;
	argdata_free(back);
	free(keep);
	argdata_free(ad);
	return ok;
}

static int timestamp_round_trips(time_t sec, long nsec)
{
	struct timespec in = {.tv_sec = sec, .tv_nsec = nsec}, out = {0, 0};
	argdata_t *ad = argdata_create_timestamp(&in);
	unsigned char *keep;
	argdata_t *back = round_trip(ad, &keep);
	int ok = argdata_get_timestamp(back, &out) == 0 && out.tv_sec == sec && out.tv_nsec == nsec;
	argdata_free(back);
	free(keep);
	argdata_free(ad);
	return ok;
}

int main(void)
{
	unsigned char *keep;
	argdata_t *back;
	bool b;

	back = round_trip(&argdata_true, &keep);
	CHECK("bool round trip: true", argdata_get_bool(back, &b) == 0 && b);
	argdata_free(back);
	free(keep);
	back = round_trip(&argdata_null, &keep);
	CHECK("null round trip: still no type", argdata_get_bool(back, &b) == EINVAL);
	argdata_free(back);
	free(keep);

	ROUND_TRIP_INT(int, 0);
	ROUND_TRIP_INT(int, -1);
	ROUND_TRIP_INT(signed char, -128);
	ROUND_TRIP_INT(unsigned char, 255);
	ROUND_TRIP_INT(short, -32768);
	ROUND_TRIP_INT(unsigned short, 65535);
	ROUND_TRIP_INT(int, INT32_MIN);
	ROUND_TRIP_INT(unsigned int, UINT32_MAX);
	ROUND_TRIP_INT(long long, INT64_MIN);
	ROUND_TRIP_INT(long long, INT64_MAX);
	ROUND_TRIP_INT(unsigned long long, UINT64_MAX);
	ROUND_TRIP_INT(size_t, SIZE_MAX);
	ROUND_TRIP_INT(intmax_t, INTMAX_MIN);
	ROUND_TRIP_INT(char, 'A');

	double d;
	CHECK("float round trip: 0.1", float_round_trips(0.1, &d) && d == 0.1);
	CHECK("float round trip: -0.0 keeps its sign",
	      float_round_trips(-0.0, &d) && d == 0 && signbit(d));
	CHECK("float round trip: DBL_MAX and the smallest subnormal",
	      float_round_trips(DBL_MAX, &d) && d == DBL_MAX &&
	      float_round_trips(DBL_TRUE_MIN, &d) && d == DBL_TRUE_MIN);
	CHECK("float round trip: -infinity", float_round_trips(-INFINITY, &d) && isinf(d) && d < 0);
	CHECK("float round trip: NaN", float_round_trips(NAN, &d) && isnan(d));

	CHECK("timestamp round trip: {1700000000, 123456789}",
	      timestamp_round_trips(1700000000, 123456789));
	CHECK("timestamp round trip: {-5, 1} (before 1970)", timestamp_round_trips(-5, 1));
	CHECK("timestamp round trip: {INT64_MAX, 999999999} and {INT64_MIN, 0}",
	      timestamp_round_trips(INT64_MAX, 999999999) && timestamp_round_trips(INT64_MIN, 0));
	struct timespec bad = {.tv_sec = 0, .tv_nsec = 1000000000};
	errno = 0;
	CHECK("argdata_create_timestamp refuses tv_nsec = 10^9 (EINVAL)",
	      argdata_create_timestamp(&bad) == NULL && errno == EINVAL);

	/* str with a NUL inside, and UTF-8 */
	static const char text[] = "a\0\xE2\x82\xAC z";
	argdata_t *str = argdata_create_str(text, sizeof(text) - 1);
	back = round_trip(str, &keep);
	const char *s;
	size_t len;
	CHECK("str round trip: a NUL and a euro sign inside, length kept",
	      argdata_get_str(back, &s, &len) == 0 && len == sizeof(text) - 1 &&
	      memcmp(s, text, sizeof(text)) == 0);
	argdata_free(back);
	free(keep);
	argdata_free(str);

	/* binary: every byte value */
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	argdata_t *bin = argdata_create_binary(all, sizeof(all));
	back = round_trip(bin, &keep);
	const void *data;
	CHECK("binary round trip: the 256 byte values",
	      argdata_get_binary(back, &data, &len) == 0 && len == 256 && memcmp(data, all, 256) == 0);
	argdata_free(back);
	free(keep);
	argdata_free(bin);

	/* A tree with every type, serialized, decoded, serialized again:
	 * the same bytes. */
	struct timespec now = {.tv_sec = 1234567890, .tv_nsec = 5};
	argdata_t *fd0 = argdata_create_fd(0), *fd2 = argdata_create_fd(2);
	argdata_t *leaves[] = {
		argdata_create_binary("xy", 2), argdata_create_float(1.5),
		argdata_create_int(-300),       argdata_create_str_c("leaf"),
		argdata_create_timestamp(&now),
	};
	const argdata_t *seq_entries[] = {leaves[0], leaves[1], fd2, &argdata_null, leaves[2]};
	argdata_t *seq = argdata_create_seq(seq_entries, 5);
	const argdata_t *keys[] = {leaves[3], &argdata_false, leaves[4]};
	const argdata_t *values[] = {seq, fd0, &argdata_true};
	argdata_t *tree = argdata_create_map(keys, values, 3);
	size_t len1, nfds1;
	int fds1[8];
	unsigned char *bytes1 = serialize(tree, &len1, fds1, &nfds1);
	CHECK("tree: descriptors 2 then 0, in order of appearance",
	      nfds1 == 2 && fds1[0] == 2 && fds1[1] == 0);
	argdata_t *decoded = argdata_from_buffer(bytes1, len1, from_table, fds1);
	size_t len2, nfds2;
	int fds2[8];
	unsigned char *bytes2 = serialize(decoded, &len2, fds2, &nfds2);
	CHECK("tree: decoded and serialized again, the same bytes and descriptors",
	      len2 == len1 && memcmp(bytes1, bytes2, len1) == 0 && nfds2 == 2 && fds2[0] == 2 &&
	      fds2[1] == 0);
	free(bytes2);
	argdata_free(decoded);
	free(bytes1);
	argdata_free(tree);
	argdata_free(seq);
	for (int i = 0; i < 5; i++)
		argdata_free(leaves[i]);
	argdata_free(fd0);
	argdata_free(fd2);

	/* Decoded data with descriptors, serialized: through convert_fd,
	 * renumbered; a rejected one is FF FF FF FF and takes no slot.
	 * [fd 1, fd 9 (rejected), [fd 0]] with table {30, 31} */
	int table[] = {30, 31, -1};
	argdata_t *ad = DECODED(from_table, table, 0x07, 0x85, 0x03, 0, 0, 0, 0x01, 0x85, 0x03, 0,
	                        0, 0, 0x09, 0x87, 0x07, 0x85, 0x03, 0, 0, 0, 0x00);
	size_t nfds;
	argdata_serialized_length(ad, &len, &nfds);
	CHECK("decoded [fd 1, fd 9, [fd 0]]: serialized_length is 21 bytes, 2 descriptors",
	      len == 21 && nfds == 2);
	int fds[2] = {-1, -1};
	unsigned char *out = serialize(ad, &len, fds, &nfds);
	static const unsigned char want[] = {0x07, 0x85, 0x03, 0,    0,    0,    0x00,
	                                     0x85, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x87,
	                                     0x07, 0x85, 0x03, 0,    0,    0,    0x01};
	CHECK("... written with slots 0, FF FF FF FF, 1; fds[] = {31, 30}",
	      len == sizeof(want) && memcmp(out, want, len) == 0 && nfds == 2 && fds[0] == 31 &&
	      fds[1] == 30);
	free(out);
	unsigned char raw[21];
	static const unsigned char want_raw[] = {0x07, 0x85, 0x03, 0,    0,    0,    31,
	                                         0x85, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x87,
	                                         0x07, 0x85, 0x03, 0,    0,    0,    30};
	CHECK("... with fds == NULL: the converted numbers 31, FF FF FF FF, 30; 2 returned",
	      argdata_serialize(ad, raw, NULL) == 2 && memcmp(raw, want_raw, 21) == 0);
	argdata_free(ad);

	/* A malformed tail is copied as it is; descriptors in the valid part
	 * are still renumbered. */
	ad = DECODED(from_table, table, 0x07, 0x85, 0x03, 0, 0, 0, 0x01, 0x89, 0x03);
	static const unsigned char want_tail[] = {0x07, 0x85, 0x03, 0, 0, 0, 0x00, 0x89, 0x03};
	out = serialize(ad, &len, fds, &nfds);
	CHECK("decoded seq with a truncated tail: fd renumbered, tail copied as it is",
	      len == sizeof(want_tail) && memcmp(out, want_tail, len) == 0 && nfds == 1 &&
	      fds[0] == 31);
	free(out);
	argdata_free(ad);
	return report();
}
