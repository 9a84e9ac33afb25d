#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include "beneath.h"
#include "syscall.h"

int __beneath_parent(int dirfd, const char *path, char *buf, const char **name)
{
	size_t len = strnlen(path, PATH_MAX);
	if (dirfd == -100) return -EBADF;
	if (len == 0) return -ENOENT;
	if (len == PATH_MAX) return -ENAMETOOLONG;
	if (path[0] == '/') return -ENOTCAPABLE;
	memcpy(buf, path, len + 1);

	/* the last component, with its trailing slashes (mkdirat "d/" works) */
	char *end = buf + len;
	while (end > buf + 1 && end[-1] == '/') end--;
	char *base = end;
	while (base > buf && base[-1] != '/') base--;

	if (end - base == 2 && base[0] == '.' && base[1] == '.') {
		/* "a/.." names a directory: open it whole, act on "." */
		*name = ".";
		return __beneath_open(dirfd, buf, O_PATH|O_DIRECTORY|O_CLOEXEC, 0);
	}
	*name = base;
	if (base == buf)
		return __beneath_open(dirfd, ".", O_PATH|O_DIRECTORY|O_CLOEXEC, 0);
	base[-1] = 0;  /* buf is now the directory part */
	return __beneath_open(dirfd, buf, O_PATH|O_DIRECTORY|O_CLOEXEC, 0);
}
