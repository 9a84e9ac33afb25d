#include <errno.h>
#include <fcntl.h>
#include "beneath.h"

/* Open PATH beneath FD in order to change its attributes (mode, owner,
 * times) through the descriptor: read-only if we may, else write-only.
 * With NOFOLLOW a symbolic link as the last component is EOPNOTSUPP,
 * since Linux cannot change a link's own attributes that way. */
int __beneath_open_attr(int fd, const char *path, int nofollow)
{
	int flags = O_NONBLOCK|O_NOCTTY|O_CLOEXEC|(nofollow ? O_NOFOLLOW : 0);
	int f = __beneath_open(fd, path, O_RDONLY|flags, 0);
	if (f == -EACCES) f = __beneath_open(fd, path, O_WRONLY|flags, 0);
	if (f == -ELOOP && nofollow) f = -EOPNOTSUPP;
	return f;
}
