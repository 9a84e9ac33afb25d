/* fopenat: fopen relative to a directory descriptor (CloudABI).
 *
 * fopen's own code (src/stdio/fopen.c) with openat in place of open: the
 * same mode parsing (__fmodeflags: r w a, +, x for O_EXCL, e for
 * O_CLOEXEC) and the same __fdopen. It calls the library's openat, so it
 * gets whatever path checks openat makes. An empty mode is EINVAL (fopen
 * would take it as "w"-like). */
#include "stdio_impl.h"
#include <fcntl.h>
#include <string.h>
#include <errno.h>

FILE *fopenat(int dirfd, const char *restrict path, const char *restrict mode)
{
	FILE *f;
	int fd;
	int flags;

	/* Check for valid initial mode character */
	if (!*mode || !strchr("rwa", *mode)) {
		errno = EINVAL;
		return 0;
	}

	/* Compute the flags to pass to openat() */
	flags = __fmodeflags(mode);

	fd = openat(dirfd, path, flags, 0666);
	if (fd < 0) return 0;
	if (flags & O_CLOEXEC)
		__syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);

	f = __fdopen(fd, mode);
	if (f) return f;

	__syscall(SYS_close, fd);
	return 0;
}
