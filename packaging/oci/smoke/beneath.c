/* The OCI image's smoke test (smoke.sh): started directly with a directory
 * as descriptor 3, this program has confined itself before main (Landlock:
 * descriptor 3's tree only; then the seccomp filter). It opens a path
 * above that directory by raw system call, past the C library's own
 * beneath-the-descriptor check, so only Landlock can refuse it: EACCES.
 * Where Landlock is missing and the start-up settled for the seccomp
 * filter alone (a sandbox that hides Landlock: __cloudabi_confine.c), the
 * open gets through. x86_64 only. */
#include <stdio.h>

static long raw_openat(long dirfd, const char *path, long flags)
{
	long r;
	register long r10 __asm__("r10") = 0;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(257L), "D"(dirfd), "S"(path), "d"(flags), "r"(r10) : "rcx", "r11", "memory");
	return r;
}

int main(void)
{
	long r = raw_openat(3, "../../../../../../../../etc/passwd", 0);
	if (r >= 0) puts("opened");
	else if (r == -13) puts("EACCES");
	else printf("error %ld\n", -r);
	return 0;
}
