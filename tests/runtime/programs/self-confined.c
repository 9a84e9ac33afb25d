/* Started directly (no launcher): the libc's start-up has confined it to
 * what it inherited. Tries an outside open by raw system call (x86_64)
 * and through the libc, and a read inside descriptor 3. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long raw_open(const char *path)
{
#if defined(__x86_64__)
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(2L), "D"(path), "S"(0L), "d"(0L) : "rcx", "r11", "memory");
	return r;
#else
	(void)path;
	return -38;
#endif
}

int main(void)
{
	printf("raw_open_etc_passwd %ld\n", raw_open("/etc/passwd"));
	printf("raw_openat_fdcwd %ld\n", ({ long r;
#if defined(__x86_64__)
		__asm__ volatile ("syscall" : "=a"(r) : "a"(257L), "D"(-100L), "S"("/etc/passwd"), "d"(0L) : "rcx", "r11", "memory");
#else
		r = -38;
#endif
		r; }));
	int fd = openat(3, "hello.txt", O_RDONLY);
	printf("inside %d\n", fd >= 0);
	return 0;
}
