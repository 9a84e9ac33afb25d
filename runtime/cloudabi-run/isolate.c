/* --isolate: a user and a mount namespace whose root is an empty,
 * read-only tmpfs, so that absolute paths lead nowhere (closing the
 * metadata leaks of stat/readlink/O_PATH on outside paths that Landlock
 * does not check). The grants were opened before, and keep working: a
 * descriptor outlives the mount namespace it was opened in. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "cloudabi-run.h"

static void write_file(const char *path, const char *text)
{
	int fd = openat(AT_FDCWD, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail("--isolate: writing %s: %s", path, strerror(errno));
	close(fd);
}

void isolate(void)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];

	/* 1. New user and mount namespaces; the caller's ids map to themselves. */
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		fail("--isolate: unshare: %s (are unprivileged user namespaces enabled?)", strerror(errno));
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof map, "%u %u 1\n", uid, uid);
	write_file("/proc/self/uid_map", map);
	snprintf(map, sizeof map, "%u %u 1\n", gid, gid);
	write_file("/proc/self/gid_map", map);

	/* 2. Nothing we mount propagates back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		fail("--isolate: making / private: %s", strerror(errno));

	/* 3. An empty tmpfs becomes the root; the old root is detached. */
	if (mount("cloudabi-root", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555"))
		fail("--isolate: mounting the empty root: %s", strerror(errno));
	if (chdir("/tmp")) fail("--isolate: chdir: %s", strerror(errno));
	if (syscall(SYS_pivot_root, ".", ".")) fail("--isolate: pivot_root: %s", strerror(errno));
	if (umount2(".", MNT_DETACH)) fail("--isolate: detaching the old root: %s", strerror(errno));
	if (chdir("/")) fail("--isolate: chdir /: %s", strerror(errno));

	/* 4. And it stays empty. */
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		fail("--isolate: making the root read-only: %s", strerror(errno));
}
