/* Helpers shared by the argdata-*.c programs. */
#include <argdata.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Serialize ad into a fresh allocation; checks that the length
 * argdata_serialized_length announced is the length written (the bytes
 * past it stay untouched) and that *nfds matches the return value. */
static __attribute__((unused)) unsigned char *serialize(const argdata_t *ad, size_t *len, int *fds, size_t *nfds)
{
	size_t n, nf;
	argdata_serialized_length(ad, &n, &nf);
	unsigned char *buf = malloc(n + 16);
	memset(buf, 0xAA, n + 16);
	size_t placed = argdata_serialize(ad, buf, fds);
	for (size_t i = n; i < n + 16; i++)
		if (buf[i] != 0xAA) {
			printf("# serialize wrote past the announced length %zu\n", n);
			abort();
		}
	if (fds != NULL && placed != nf) {
		printf("# serialize placed %zu descriptors, serialized_length said %zu\n", placed, nf);
		abort();
	}
	*len = n;
	if (nfds != NULL)
		*nfds = placed;
	return buf;
}

/* Does ad serialize (with an fds array) to exactly the len bytes want? */
static __attribute__((unused)) int encodes_as(const argdata_t *ad, const void *want, size_t len)
{
	int fds[64];
	size_t n;
	unsigned char *got = serialize(ad, &n, fds, NULL);
	int same = n == len && memcmp(got, want, len) == 0;
	if (!same) {
		printf("# got     ");
		for (size_t i = 0; i < n; i++)
			printf(" %02X", got[i]);
		printf("\n# expected");
		for (size_t i = 0; i < len; i++)
			printf(" %02X", ((const unsigned char *)want)[i]);
		printf("\n");
	}
	free(got);
	return same;
}
#define ENCODES_AS(ad, ...)                                                  \
	encodes_as((ad), (const unsigned char[]){__VA_ARGS__},               \
	           sizeof((const unsigned char[]){__VA_ARGS__}))

/* Copy len bytes to the very end of a page followed by an inaccessible
 * page, so that reading one byte too far faults. */
static __attribute__((unused)) const void *guarded(const void *bytes, size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t span = (len + page - 1) / page * page;
	if (span == 0)
		span = page;
	unsigned char *m = mmap(NULL, span + page, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m + span, page, PROT_NONE) != 0) {
		printf("# guarded: mmap failed\n");
		abort();
	}
	memcpy(m + span - len, bytes, len);
	return m + span - len;
}

/* A value decoded from the guarded copy of the given bytes. */
#define DECODED(convert, arg, ...)                                           \
	argdata_from_buffer(guarded((const unsigned char[]){__VA_ARGS__},    \
	                            sizeof((const unsigned char[]){__VA_ARGS__})), \
	                    sizeof((const unsigned char[]){__VA_ARGS__}), (convert), (arg))

/* Descriptor numbers in the data are indices into an int table. */
static __attribute__((unused)) int from_table(void *arg, size_t i)
{
	const int *table = arg;
	for (size_t k = 0; k <= i; k++)
		if (table[k] < 0)
			return -1;
	return table[i];
}

/* What argdata_print_yaml writes, as a string (caller frees). */
static __attribute__((unused)) char *yaml_of(const argdata_t *ad)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	argdata_print_yaml(ad, f);
	fclose(f);
	return text;
}

static __attribute__((unused)) int yaml_is(const argdata_t *ad, const char *body)
{
	static const char head[] = "%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n";
	char *text = yaml_of(ad);
	int same = strncmp(text, head, sizeof(head) - 1) == 0 &&
	           strcmp(text + sizeof(head) - 1, body) == 0;
	if (!same)
		printf("# got:\n%s# expected:\n%s%s", text, head, body);
	free(text);
	return same;
}
