#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include "beneath.h"
#include "syscall.h"

#define RESOLVE_BENEATH 0x08

int __cloudabi_beneath_fallback;

struct open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};

int __beneath_open(int dirfd, const char *path, int flags, mode_t mode)
{
	static volatile int no_openat2;

	/* There is no working directory to be relative to. */
	if (dirfd == -100) return -EBADF;
	/* openat2 refuses what openat ignores: a mode without O_CREAT or
	 * O_TMPFILE, mode bits above 07777 (openat masks them off, so
	 * S_IFREG|0644 is accepted there), and O_PATH with anything but
	 * these three flags */
	if (!(flags & O_CREAT) && (flags & O_TMPFILE) != O_TMPFILE) mode = 0;
	mode &= 07777;
	if (flags & O_PATH) flags &= O_PATH|O_CLOEXEC|O_DIRECTORY|O_NOFOLLOW;

	if (!no_openat2 && !__cloudabi_beneath_fallback) {
		struct open_how how = { .flags = flags, .mode = mode, .resolve = RESOLVE_BENEATH };
		int fd = __syscall_cp(SYS_openat2, dirfd, path, &how, sizeof how);
		if (fd == -EXDEV) return -ENOTCAPABLE;
		if (fd != -ENOSYS) return fd;
		no_openat2 = 1;
	}
	return __beneath_walk(dirfd, path, flags, mode);
}
