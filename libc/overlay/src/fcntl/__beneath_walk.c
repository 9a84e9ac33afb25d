#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include "beneath.h"
#include "syscall.h"

#define MAX_SYMLINKS 40

/* Is the O_PATH descriptor FD a symbolic link? Then put its target in BUF. */
static int read_if_link(int fd, char *buf, size_t size)
{
	struct stat st;
	int r = __syscall(SYS_fstat, fd, &st);
	if (r < 0) return r;
	if (!S_ISLNK(st.st_mode)) return 0;
	r = __syscall(SYS_readlinkat, fd, "", buf, size - 1);
	if (r < 0) return r;
	if ((size_t)r >= size - 1) return -ENAMETOOLONG;
	buf[r] = 0;
	return 1;
}

/*
 * Walk PATH from DIRFD one component at a time. Intermediate directories
 * are opened O_PATH|O_NOFOLLOW; a symbolic link is read and its target put
 * in front of the rest of the path (an absolute target is refused); ".."
 * goes back up, but never above DIRFD: DEPTH counts how far down we are.
 * The last component is opened with the caller's flags plus O_NOFOLLOW,
 * since any link there has already been followed by hand.
 */
int __beneath_walk(int dirfd, const char *path, int flags, mode_t mode)
{
	char rest[PATH_MAX], link[PATH_MAX];
	size_t len = strnlen(path, PATH_MAX);
	int cur = dirfd, depth = 0, links = 0, r;

	if (len == 0) return -ENOENT;
	if (len == PATH_MAX) return -ENAMETOOLONG;
	if (path[0] == '/') return -ENOTCAPABLE;
	memcpy(rest, path, len + 1);

	char *p = rest;
	for (;;) {
		while (*p == '/') p++;
		char *end = p + strcspn(p, "/");
		char *next = end;
		while (*next == '/') next++;
		int last = !*next;
		int slash = *end == '/';
		*end = 0;
		const char *comp = *p ? p : ".";

		if (!strcmp(comp, "..")) {
			if (depth == 0) { r = -ENOTCAPABLE; goto out; }
			int up = depth == 1 ? dirfd
				: __syscall(SYS_openat, cur, "..", O_PATH|O_DIRECTORY|O_CLOEXEC);
			if (up < 0) { r = up; goto out; }
			__syscall(SYS_close, cur);
			cur = up;
			depth--;
			comp = ".";
			if (!last) { p = next; continue; }
		} else if (!strcmp(comp, ".") && !last) {
			p = next;
			continue;
		}

		/* Follow a symbolic link unless this is the last component and
		 * the caller asked not to (or is creating exclusively). */
		int follow = !last || slash || (!(flags & O_NOFOLLOW) &&
			(flags & (O_CREAT|O_EXCL)) != (O_CREAT|O_EXCL));
		if (follow && strcmp(comp, ".")) {
			int probe = __syscall(SYS_openat, cur, comp, O_PATH|O_NOFOLLOW|O_CLOEXEC);
			if (probe >= 0) {
				r = read_if_link(probe, link, sizeof link);
				__syscall(SYS_close, probe);
				if (r < 0) goto out;
				if (r == 1) {
					if (++links > MAX_SYMLINKS) { r = -ELOOP; goto out; }
					if (link[0] == '/') { r = -ENOTCAPABLE; goto out; }
					/* rest becomes: target [/ remaining components] */
					size_t tl = strlen(link), rl = last && !slash ? 0 : strlen(next) + 1;
					if (tl + rl + 1 > sizeof rest) { r = -ENAMETOOLONG; goto out; }
					if (rl) {
						memmove(rest + tl + 1, next, rl);
						rest[tl] = '/';
					} else {
						rest[tl] = 0;
					}
					memcpy(rest, link, tl);
					p = rest;
					continue;
				}
			} else if (!last || probe != -ENOENT) {
				r = probe;
				goto out;
			}
		}

		if (last) {
			if (slash) flags |= O_DIRECTORY;
			r = __syscall_cp(SYS_openat, cur, comp, flags|O_NOFOLLOW, mode);
			goto out;
		}
		int down = __syscall(SYS_openat, cur, comp, O_PATH|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC);
		if (down < 0) { r = down; goto out; }
		if (cur != dirfd) __syscall(SYS_close, cur);
		cur = down;
		depth++;
		p = next;
	}
out:
	if (cur != dirfd) __syscall(SYS_close, cur);
	return r;
}
