/* Hello world: the program of make bench's start-up and size groups, built
 * by every compiler and C library compared (ours, musl-gcc, glibc, WASI). */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
