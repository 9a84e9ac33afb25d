/* CVE-2026-40200 (libc/patches/0017) on the host: the libc's own qsort.c
 * built with 32-bit words (atomic.h here), where the bug needs arrays just
 * longer than the 32nd Leonardo number, 7049155 elements, instead of the
 * 64th (about 3.4e13) with the targets' 64-bit words. Built with
 * AddressSanitizer: before the fix, trinkle's working array on the stack
 * overflowed. Sorts N one-byte elements (argument 1) of a fixed
 * pseudo-random sequence and checks the result is sorted and a
 * permutation, with guard bytes around the array. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qsort.c"
#undef size_t

static int cmp(const void *a, const void *b, void *arg)
{
	(*(unsigned long *)arg)++;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

/* Leonardo numbers: L(0) = L(1) = 1, L(k) = L(k-1) + L(k-2) + 1. */
static unsigned long leonardo(int k)
{
	unsigned long a = 1, b = 1;
	for (int i = 1; i < k; i++) {
		unsigned long c = a + b + 1;
		a = b;
		b = c;
	}
	return b;
}

int main(int argc, char **argv)
{
	/* Element values are 1 but for three 0s at L(K)..L(K)+2, in an array
	 * of L(K)+5: the heap is then a tree of order K and one of order 3,
	 * whose first two children are those 0s. Removing the order-3 root
	 * trinkles its left child (order 2, root 0) past the order-K root,
	 * and trinkle's next step asks pntz for the distance to the next
	 * tree, K-2 orders up; with K = 34 that is 32, the lowest bit of
	 * the high word. */
	int k = argc > 1 ? atoi(argv[1]) : 0;
	if (k < 4 || k > 40) return 2;
	unsigned long n = leonardo(k) + 5, zero = leonardo(k), calls = 0;
	enum { G = 64 };
	unsigned char *buf = malloc(n + 2 * G), *a = buf + G;
	if (!buf || n > 0xffffffffUL) return 2;
	memset(buf, 0x5a, G);
	memset(a + n, 0x5a, G);
	memset(a, 1, n);
	memset(a + zero, 0, 3);
	__qsort_r(a, (uint32_t)n, 1, cmp, &calls);
	int sorted = 1, guards = 1;
	for (unsigned long i = 0; i < n; i++)
		if (a[i] != (i >= 3)) sorted = 0;
	for (int i = 0; i < G; i++)
		if (buf[i] != 0x5a || a[n + i] != 0x5a) guards = 0;
	printf("L(%d)+5 = %lu elements, %lu comparisons: %s, guards %s\n", k, n, calls,
	       sorted ? "sorted" : "NOT SORTED", guards ? "intact" : "OVERWRITTEN");
	free(buf);
	return !(sorted && guards);
}
