/* A host (glibc) program, not a CloudABI one: prints a line, then whether
 * a raw open of /etc/passwd succeeds (it must not, confined). Built both
 * dynamically and statically by the runtime suite. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void)
{
	printf("host program runs\n");
	long fd = syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
	printf("open /etc/passwd: %s\n", fd >= 0 ? "opened" : strerror(errno));
	return 0;
}
