/* A few escape vectors by raw system call (x86_64 inline assembly, never
 * the libc's wrappers), with harmless arguments: a first check that
 * cloudabi-run's confinement holds, and that without it each gets through.
 * Prints "NAME RESULT" per vector: RESULT is the raw return value. (The
 * full escape suite of CONFINEMENT.md is separate work.) */
#include <stdio.h>

static long sys(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
}

int main(void)
{
	printf("open_etc_passwd %ld\n", sys(2, (long)"/etc/passwd", 0, 0));
	printf("openat_fdcwd %ld\n", sys(257, -100, (long)"/etc/passwd", 0));
	printf("openat_granted_absolute %ld\n", sys(257, 3, (long)"/etc/passwd", 0));
	printf("openat_granted_dotdot %ld\n", sys(257, 3, (long)"..", 0));
	printf("socket_inet %ld\n", sys(41, 2, 1, 0));
	printf("kill_init_signal0 %ld\n", sys(62, 1, 0, 0));
	printf("openat_granted_inside %ld\n", sys(257, 3, (long)"hello.txt", 0));
	return 0;
}
