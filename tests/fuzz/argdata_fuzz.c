/* libFuzzer target over the argdata decoder (the libc's own sources,
 * built for the host): any input is decoded, every value reached is read
 * with every getter, and a value that decodes is serialized, decoded and
 * serialized again: the two encodings must be identical
 * (decode(encode(x)) == x). Crashes and sanitizer reports are failures. */
#include <argdata.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int any_fd(void *arg, size_t fd)
{
	(void)arg;
	return fd < 1000 ? (int)fd : -1;
}

/* Read V in every way; return 0 if it (and all below it) decoded. */
static int walk(const argdata_t *v, int depth)
{
	const void *p;
	size_t n;
	const char *s;
	bool b;
	int fd;
	double d;
	int64_t i;
	uint64_t u;
	struct timespec ts;
	argdata_get_binary(v, &p, &n);
	argdata_get_bool(v, &b);
	argdata_get_fd(v, &fd);
	argdata_get_float(v, &d);
	argdata_get_int(v, &i);
	argdata_get_int(v, &u);
	argdata_get_str(v, &s, &n);
	argdata_get_str_c(v, &s);
	argdata_get_timestamp(v, &ts);
	if (depth > 64) return 0;
	argdata_map_iterator_t mi;
	const argdata_t *k, *x;
	argdata_map_iterate(v, &mi);
	while (argdata_map_get(&mi, &k, &x)) {
		walk(k, depth + 1);
		walk(x, depth + 1);
		argdata_map_next(&mi);
	}
	argdata_seq_iterator_t si;
	argdata_seq_iterate(v, &si);
	while (argdata_seq_get(&si, &x)) {
		walk(x, depth + 1);
		argdata_seq_next(&si);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	argdata_t *ad = argdata_from_buffer(data, size, any_fd, NULL);
	if (!ad) return 0;
	walk(ad, 0);
	static FILE *sink;
	if (!sink) sink = fopen("/dev/null", "w");
	if (sink) argdata_print_yaml(ad, sink);

	size_t len1, nfds1, len2, nfds2;
	argdata_serialized_length(ad, &len1, &nfds1);
	unsigned char *buf1 = malloc(len1 + 1), *buf2;
	int *fds1 = malloc((nfds1 + 1) * sizeof *fds1);
	argdata_serialize(ad, buf1, NULL);

	argdata_t *again = argdata_from_buffer(buf1, len1, any_fd, NULL);
	argdata_serialized_length(again, &len2, &nfds2);
	buf2 = malloc(len2 + 1);
	argdata_serialize(again, buf2, NULL);
	if (len1 != len2 || memcmp(buf1, buf2, len1) != 0) {
		fprintf(stderr, "re-encoding differs: %zu vs %zu bytes\n", len1, len2);
		abort();
	}
	free(buf2);
	argdata_free(again);
	free(fds1);
	free(buf1);
	argdata_free(ad);
	return 0;
}
