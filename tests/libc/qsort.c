/* qsort and qsort_r (smoothsort, libc/patches/0017 for CVE-2026-40200).
 * The CVE needs more elements than the 64th Leonardo number (about 3.4e13)
 * with these 64-bit targets' words, so it is shown on the host with the
 * same qsort.c built with 32-bit words (qsort-words/, run by run.sh);
 * here qsort is checked on sizes through the Leonardo numbers, element
 * widths around cycle()'s 256-byte buffer, several input orders, and the
 * shape qsort-words/ uses (all equal but for three smaller elements just
 * after the first L(k)), each with guards around the array. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define G 32

static size_t width; /* bytes per element: a 32-bit key, then filler */
static unsigned long compared;

static uint32_t key(const void *p)
{
	uint32_t k;
	memcpy(&k, p, sizeof k);
	return k;
}

static int cmp(const void *a, const void *b)
{
	uint32_t x = key(a), y = key(b);
	compared++;
	return (x > y) - (x < y);
}

static int cmp_r(const void *a, const void *b, void *arg)
{
	(*(unsigned long *)arg)++;
	return cmp(a, b);
}

/* Fill element I with key K; its filler bytes are derived from K so that a
 * torn move (part of one element, part of another) is noticed. */
static void put(unsigned char *base, size_t i, uint32_t k)
{
	unsigned char *e = base + i * width;
	memcpy(e, &k, sizeof k);
	for (size_t j = sizeof k; j < width; j++)
		e[j] = (unsigned char)(k * 31 + j);
}

static int whole(const unsigned char *e)
{
	uint32_t k = key(e);
	for (size_t j = sizeof k; j < width; j++)
		if (e[j] != (unsigned char)(k * 31 + j)) return 0;
	return 1;
}

enum order { RANDOM, ASCENDING, DESCENDING, EQUAL, FEW, ORGAN, SHAPE, ORDERS };
static const char *const order_name[ORDERS] = {
	"random", "ascending", "descending", "equal", "few distinct", "organ pipe", "equal but 3 after L(k)",
};

static uint32_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

/* Sort N elements; 0 if the result is wrong or a guard was touched. */
static int sort_ok(size_t n, enum order o, size_t zero, int reentrant)
{
	unsigned char *buf = malloc(n * width + 2 * G), *a = buf + G;
	uint64_t s = n * 1000003 + o;
	uint64_t sum = 0, sum2 = 0;
	if (!buf) return 0;
	memset(buf, 0xa5, G);
	memset(a + n * width, 0xa5, G);
	for (size_t i = 0; i < n; i++) {
		uint32_t k;
		switch (o) {
		case RANDOM: k = rnd(&s); break;
		case ASCENDING: k = i; break;
		case DESCENDING: k = n - i; break;
		case EQUAL: k = 7; break;
		case FEW: k = rnd(&s) % 3; break;
		case ORGAN: k = i < n / 2 ? i : n - i; break;
		default: k = i - zero < 3 ? 0 : 1; break;
		}
		put(a, i, k);
		sum += k;
		sum2 += (uint64_t)k * k;
	}
	unsigned long calls = 0;
	if (reentrant) qsort_r(a, n, width, cmp_r, &calls);
	else qsort(a, n, width, cmp);
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t k = key(a + i * width);
		if (!whole(a + i * width) || (i && key(a + (i - 1) * width) > k)) ok = 0;
		sum -= k;
		sum2 -= (uint64_t)k * k;
	}
	if (sum || sum2) ok = 0; /* not the same multiset of keys */
	for (int i = 0; i < G; i++)
		if (buf[i] != 0xa5 || a[n * width + i] != 0xa5) ok = 0;
	if (reentrant && n > 1 && calls == 0) ok = 0;
	free(buf);
	return ok;
}

int main(void)
{
	static const size_t widths[] = { 4, 5, 8, 24, 255, 256, 257, 600 };
	size_t leo[40];
	int nleo = 2;
	leo[0] = leo[1] = 1;
	while (nleo < 40 && (leo[nleo] = leo[nleo - 1] + leo[nleo - 2] + 1) < 200000) nleo++;
	char name[160];

	for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
		width = widths[w];
		for (int o = 0; o < ORDERS; o++) {
			int ok = 1;
			size_t most = width <= 8 ? 10000 : 1000;
			for (size_t n = 0; n <= 40 && ok; n++)
				ok = sort_ok(n, o, n / 2, 0);
			for (int k = 2; k < nleo && leo[k] < most && ok; k++)
				for (int d = -1; d <= 5 && ok; d++)
					ok = sort_ok(leo[k] + d, o, leo[k], d & 1);
			snprintf(name, sizeof name,
			         "qsort/qsort_r, %zu-byte elements, %s: 0..40 elements and L(k)-1..L(k)+5 below %zu",
			         width, order_name[o], most);
			CHECK(name, ok);
		}
	}
	/* larger arrays, fewer widths */
	width = 4;
	for (int o = 0; o < ORDERS; o++) {
		int ok = 1;
		for (int k = 20; k < nleo && ok; k++)
			ok = sort_ok(leo[k] + 5, o, leo[k], k & 1);
		snprintf(name, sizeof name, "qsort, 4-byte elements, %s: L(k)+5 for L(k) from %zu to %zu",
		         order_name[o], leo[20], leo[nleo - 1]);
		CHECK(name, ok);
	}
	width = 8;
	compared = 0;
	CHECK("qsort of 300000 ascending elements is close to linear (under 3n comparisons)",
	      sort_ok(300000, ASCENDING, 0, 0) && compared < 900000);
	return report();
}
