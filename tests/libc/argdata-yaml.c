/* argdata: argdata_print_yaml's text, written to a memory stream and
 * compared with the document expected (format at the top of argdata.h). */
#include <math.h>
#include <stdint.h>
#include <time.h>
#include "argdata-util.h"
#include "check.h"

static int scalar_is(argdata_t *ad, const char *body)
{
	int ok = ad != NULL && yaml_is(ad, body);
	argdata_free(ad);
	return ok;
}

static argdata_t *timestamp(time_t sec, long nsec)
{
	struct timespec ts = {.tv_sec = sec, .tv_nsec = nsec};
	return argdata_create_timestamp(&ts);
}

int main(void)
{
	char *text = yaml_of(&argdata_null);
	CHECK("a whole document: the %TAG line, ---, the value, a newline",
	      strcmp(text, "%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\nnull\n") == 0);
	free(text);
	CHECK("true and false", yaml_is(&argdata_true, "true\n") && yaml_is(&argdata_false, "false\n"));
	CHECK("ints in decimal: 0, -129, UINT64_MAX",
	      scalar_is(argdata_create_int(0), "0\n") && scalar_is(argdata_create_int(-129), "-129\n") &&
	      scalar_is(argdata_create_int(UINT64_MAX), "18446744073709551615\n"));
	argdata_t *ad = DECODED(NULL, NULL, 0x05, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK("a 128-bit int in decimal: -2^127",
	      yaml_is(ad, "-170141183460469231731687303715884105728\n"));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2A);
	CHECK("an int beyond 128 bits in hexadecimal: 2^128 + 42 is 0x10000...2a",
	      yaml_is(ad, "0x10000000000000000000000000000002a\n"));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x05, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00);
	CHECK("a negative one: FF 00*16 is -0x1000...0 (-2^128)",
	      yaml_is(ad, "-0x100000000000000000000000000000000\n"));
	argdata_free(ad);
	CHECK("floats: 1.0, 0.1, -2.5, 1.0e+100, -0.0",
	      scalar_is(argdata_create_float(1.0), "1.0\n") &&
	      scalar_is(argdata_create_float(0.1), "0.1\n") &&
	      scalar_is(argdata_create_float(-2.5), "-2.5\n") &&
	      scalar_is(argdata_create_float(1e100), "1.0e+100\n") &&
	      scalar_is(argdata_create_float(-0.0), "-0.0\n"));
	CHECK("floats: .inf, -.inf, .nan",
	      scalar_is(argdata_create_float(INFINITY), ".inf\n") &&
	      scalar_is(argdata_create_float(-INFINITY), "-.inf\n") &&
	      scalar_is(argdata_create_float(NAN), ".nan\n"));
	CHECK("a plain string, double-quoted", scalar_is(argdata_create_str_c("hello"), "\"hello\"\n"));
	CHECK("string escapes: quote, backslash, newline, tab, NUL, ESC, DEL",
	      scalar_is(argdata_create_str("\"\\\n\t\0\x1b\x7f", 7),
	                "\"\\\"\\\\\\n\\t\\0\\e\\x7F\"\n"));
	CHECK("UTF-8 is written as it is; U+0085, U+2028, U+FEFF are escaped",
	      scalar_is(argdata_create_str_c("\xC3\xA9\xC2\x85\xE2\x80\xA8\xEF\xBB\xBF"),
	                "\"\xC3\xA9\\N\\L\\uFEFF\"\n"));
	CHECK("binary in base64: \"AQID\" and padding \"/w==\"",
	      scalar_is(argdata_create_binary("\x01\x02\x03", 3), "!!binary \"AQID\"\n") &&
	      scalar_is(argdata_create_binary("\xFF", 1), "!!binary \"/w==\"\n"));
	CHECK("a descriptor: !fd 7", scalar_is(argdata_create_fd(7), "!fd 7\n"));
	CHECK("timestamps: the epoch, 2.5 s, 2009-02-13T23:31:30.000000005Z, before 1970",
	      scalar_is(timestamp(0, 0), "!!timestamp \"1970-01-01T00:00:00Z\"\n") &&
	      scalar_is(timestamp(2, 500000000), "!!timestamp \"1970-01-01T00:00:02.5Z\"\n") &&
	      scalar_is(timestamp(1234567890, 5),
	                "!!timestamp \"2009-02-13T23:31:30.000000005Z\"\n") &&
	      scalar_is(timestamp(-1, 0), "!!timestamp \"1969-12-31T23:59:59Z\"\n"));

	/* Collections */
	argdata_t *one = argdata_create_int(1), *two = argdata_create_str_c("two");
	const argdata_t *entries[] = {one, two, &argdata_null};
	argdata_t *seq = argdata_create_seq(entries, 3);
	CHECK("a seq: one entry per line", yaml_is(seq, "[\n  1,\n  \"two\",\n  null\n]\n"));
	argdata_t *empty_seq = argdata_create_seq(NULL, 0), *empty_map = argdata_create_map(NULL, NULL, 0);
	CHECK("empty collections: [] and {}", yaml_is(empty_seq, "[]\n") && yaml_is(empty_map, "{}\n"));
	argdata_t *name = argdata_create_str_c("name"), *list = argdata_create_str_c("list");
	argdata_t *fd3 = argdata_create_fd(3);
	const argdata_t *ikeys[] = {name}, *ivalues[] = {fd3};
	argdata_t *inner = argdata_create_map(ikeys, ivalues, 1);
	const argdata_t *keys[] = {list, two, seq}, *values[] = {seq, inner, empty_map};
	argdata_t *map = argdata_create_map(keys, values, 3);
	CHECK("nested map: indented two spaces per level, a seq key as \"? key\"",
	      yaml_is(map, "{\n"
	                   "  \"list\": [\n"
	                   "    1,\n"
	                   "    \"two\",\n"
	                   "    null\n"
	                   "  ],\n"
	                   "  \"two\": {\n"
	                   "    \"name\": !fd 3\n"
	                   "  },\n"
	                   "  ? [\n"
	                   "    1,\n"
	                   "    \"two\",\n"
	                   "    null\n"
	                   "  ]\n"
	                   "  : {}\n"
	                   "}\n"));
	/* The same map decoded prints the same (its descriptor through the
	 * table the serializer filled). */
	int fds[4] = {-1, -1, -1, -1};
	size_t len;
	unsigned char *bytes = serialize(map, &len, fds, NULL);
	argdata_t *decoded = argdata_from_buffer(bytes, len, from_table, fds);
	char *a = yaml_of(map), *b = yaml_of(decoded);
	CHECK("the decoded map prints exactly as the created one", strcmp(a, b) == 0);
	free(a);
	free(b);
	argdata_free(decoded);
	free(bytes);

	/* Undecodable values */
	ad = DECODED(NULL, NULL, 0x08, 'a');
	CHECK("a str without NUL is !invalid \"\"", yaml_is(ad, "!invalid \"\"\n"));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x03, 0, 0, 0, 1);
	CHECK("a descriptor without convert_fd is !invalid \"\"", yaml_is(ad, "!invalid \"\"\n"));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x82, 0x05, 0x07, 0x85, 0x05);
	CHECK("a seq malformed after one entry: the entry, then !invalid \"\"",
	      yaml_is(ad, "[\n  7,\n  !invalid \"\"\n]\n"));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x06, 0x81, 0x05, 0x82, 0x02, 0x01, 0x81, 0x05);
	CHECK("a map with a key left over: the entry, then !invalid \"\": !invalid \"\"",
	      yaml_is(ad, "{\n  0: true,\n  !invalid \"\": !invalid \"\"\n}\n"));
	argdata_free(ad);

	argdata_free(map);
	argdata_free(inner);
	argdata_free(fd3);
	argdata_free(name);
	argdata_free(list);
	argdata_free(empty_seq);
	argdata_free(empty_map);
	argdata_free(seq);
	argdata_free(one);
	argdata_free(two);
	return report();
}
