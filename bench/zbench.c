/* Compute for make bench: zlib compressing MIB mebibytes (default 64) of
 * generated text at zlib's default level, in memory, in one deflate()
 * call. The input is made first and not timed: words drawn from a fixed
 * vocabulary with a skewed distribution and numbers, from a fixed seed, so
 * every build compresses the same bytes. Prints
 *
 *   WALL-NS CPU-NS COMPRESSED-BYTES CRC32-OF-THE-OUTPUT
 *
 * (CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID around deflate only); the
 * last two let the harness check every build produced the same stream. The same source is built with this
 * toolchain, musl-gcc, gcc against Debian's zlib, and for WASI.
 *
 *   zbench [MIB] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static const char *const words[] = {
	"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
	"be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which",
	"but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we",
	"can", "her", "has", "there", "been", "if", "more", "when", "will", "would", "who",
	"so", "no", "descriptor", "capability", "directory", "kernel", "process", "filter",
	"compression", "benchmark", "toolchain", "confinement", "landlock", "seccomp",
	"program", "library", "function", "return", "static", "memory", "window", "stream",
};
#define NWORDS (sizeof words / sizeof *words)

static unsigned long long state = 0x9e3779b97f4a7c15ULL;

static unsigned long long next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static long long now_ns(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? (size_t)atol(argv[1]) : 64;
	if (argc > 2 || mib < 1 || mib > 1024) {
		fprintf(stderr, "zbench: usage: zbench [MIB] (1 to 1024)\n");
		return 2;
	}
	size_t len = mib << 20, pos = 0;
	unsigned char *in = malloc(len);
	if (!in) { fprintf(stderr, "zbench: out of memory\n"); return 1; }
	size_t wlen[NWORDS];
	for (size_t w = 0; w < NWORDS; w++) wlen[w] = strlen(words[w]);
	while (pos < len) {
		unsigned long long r = next();
		char piece[32];
		size_t n = 0;
		if (r % 23 == 0) {
			unsigned long v = (unsigned long)((r >> 20) % 100000);
			do piece[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
		} else {
			/* the smaller of two draws: common words much more often */
			size_t a = (size_t)((r >> 8) % NWORDS), b = (size_t)((r >> 32) % NWORDS);
			size_t w = a < b ? a : b;
			memcpy(piece, words[w], wlen[w]);
			n = wlen[w];
		}
		piece[n++] = r % 17 == 0 ? '\n' : ' ';
		if (n > len - pos) n = len - pos;
		memcpy(in + pos, piece, n);
		pos += n;
	}

	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) { fprintf(stderr, "zbench: deflateInit failed\n"); return 1; }
	uLong cap = deflateBound(&z, (uLong)len);
	unsigned char *out = malloc(cap);
	if (!out) { fprintf(stderr, "zbench: out of memory\n"); return 1; }
	z.next_in = in;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	long long c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID), t0 = now_ns(CLOCK_MONOTONIC);
	int rc = deflate(&z, Z_FINISH);
	long long took = now_ns(CLOCK_MONOTONIC) - t0, cpu = now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	if (rc != Z_STREAM_END) { fprintf(stderr, "zbench: deflate returned %d\n", rc); return 1; }
	unsigned long crc = crc32(crc32(0L, Z_NULL, 0), out, (uInt)z.total_out);
	printf("%lld %lld %lu %08lx\n", took, cpu, (unsigned long)z.total_out, crc);
	deflateEnd(&z);
	return 0;
}
