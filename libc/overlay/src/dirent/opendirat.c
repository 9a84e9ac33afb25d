/* opendirat: opendir relative to a directory descriptor (CloudABI).
 * opendir's own code (src/dirent/opendir.c) with openat in place of open,
 * O_DIRECTORY|O_CLOEXEC as there: a path that is not a directory fails
 * with ENOTDIR. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include "__dirent.h"
#include "syscall.h"

DIR *opendirat(int dirfd, const char *path)
{
	int fd;
	DIR *dir;

	if ((fd = openat(dirfd, path, O_RDONLY|O_DIRECTORY|O_CLOEXEC)) < 0)
		return 0;
	if (!(dir = calloc(1, sizeof *dir))) {
		__syscall(SYS_close, fd);
		return 0;
	}
	dir->fd = fd;
	return dir;
}
