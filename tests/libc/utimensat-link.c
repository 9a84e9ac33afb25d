/* utimensat on symbolic links and with AT_EMPTY_PATH (libc/patches/0021).
 * The times are set through a descriptor opened beneath the directory, and
 * a link cannot be opened so: with AT_SYMLINK_NOFOLLOW on a link it is
 * EOPNOTSUPP, as fchmodat (docs/capability-api.md), and the link's target
 * is left alone. Where nothing is to change (both UTIME_OMIT) it succeeds,
 * as Linux does; AT_EMPTY_PATH with "" acts on the descriptor. Run through
 * openat2 and the library's own walk. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

extern int __cloudabi_beneath_fallback;

static const char *how;
static char name[200];
#define T(what) (snprintf(name, sizeof name, "%s: %s", how, what), name)
#define FAILS(expr, err) ((expr) == -1 && errno == (err))

static long long mtime_of(int d, const char *p, int flag)
{
	struct stat st;
	if (fstatat(d, p, &st, flag)) return -1;
	return st.st_mtim.tv_sec;
}

static void suite(int d)
{
	char t[64], l[64], dangling[64];
	snprintf(t, sizeof t, "%s-target", how);
	snprintf(l, sizeof l, "%s-link", how);
	snprintf(dangling, sizeof dangling, "%s-dangling", how);
	int fd = openat(d, t, O_CREAT|O_WRONLY|O_CLOEXEC, 0644);
	if (fd >= 0) close(fd);
	CHECK(T("control: a file and a link to it"),
		fd >= 0 && symlinkat(t, d, l) == 0 && symlinkat("nowhere", d, dangling) == 0);

	const struct timespec t0[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	const struct timespec t1[2] = { { 1200000000, 0 }, { 1200000000, 0 } };
	const struct timespec t2[2] = { { 1300000000, 0 }, { 1300000000, 0 } };
	const struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	CHECK(T("control: utimensat on the file sets its times"),
		utimensat(d, t, t0, 0) == 0 && mtime_of(d, t, 0) == t0[1].tv_sec);

	/* the link itself: documented EOPNOTSUPP, the target untouched */
	long long link_before = mtime_of(d, l, AT_SYMLINK_NOFOLLOW);
	CHECK(T("utimensat(link, times, AT_SYMLINK_NOFOLLOW) is EOPNOTSUPP"),
		FAILS(utimensat(d, l, t1, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP));
	CHECK(T("... and the link's target keeps its times"), mtime_of(d, t, 0) == t0[1].tv_sec);
	CHECK(T("... and the link its own"), mtime_of(d, l, AT_SYMLINK_NOFOLLOW) == link_before);
	CHECK(T("utimensat(dangling link, NULL, AT_SYMLINK_NOFOLLOW) is EOPNOTSUPP"),
		FAILS(utimensat(d, dangling, 0, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP));

	/* nothing to change: success, as Linux gives */
	CHECK(T("utimensat(link, UTIME_OMIT x2, AT_SYMLINK_NOFOLLOW) succeeds"),
		utimensat(d, l, omit, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(T("utimensat(dangling link, UTIME_OMIT x2, AT_SYMLINK_NOFOLLOW) succeeds"),
		utimensat(d, dangling, omit, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(T("... changing nothing"), mtime_of(d, t, 0) == t0[1].tv_sec &&
		mtime_of(d, l, AT_SYMLINK_NOFOLLOW) == link_before);
	CHECK(T("UTIME_OMIT x2 still refuses an absolute path (ENOTCAPABLE)"),
		FAILS(utimensat(d, "/", omit, 0), ENOTCAPABLE));
	CHECK(T("UTIME_OMIT x2 still refuses \"..\" (ENOTCAPABLE)"),
		FAILS(utimensat(d, "..", omit, 0), ENOTCAPABLE));
	CHECK(T("UTIME_OMIT x2 on a missing name is ENOENT"),
		FAILS(utimensat(d, "missing", omit, 0), ENOENT));

	/* following the link: the target changes (control for the above) */
	CHECK(T("utimensat(link, times, 0) sets the target's times"),
		utimensat(d, l, t1, 0) == 0 && mtime_of(d, t, 0) == t1[1].tv_sec);
	CHECK(T("AT_SYMLINK_NOFOLLOW on a regular file works"),
		utimensat(d, t, t0, AT_SYMLINK_NOFOLLOW) == 0 && mtime_of(d, t, 0) == t0[1].tv_sec);

	/* AT_EMPTY_PATH: the descriptor itself */
	fd = openat(d, t, O_RDONLY|O_CLOEXEC);
	CHECK(T("utimensat(fd, \"\", times, AT_EMPTY_PATH) sets the file's times"),
		fd >= 0 && utimensat(fd, "", t2, AT_EMPTY_PATH) == 0 && mtime_of(d, t, 0) == t2[1].tv_sec);
	if (fd >= 0) close(fd);
	CHECK(T("an unknown flag is EINVAL"), FAILS(utimensat(d, t, t0, 0x40000), EINVAL));
}

int main(void)
{
	how = "openat2";
	suite(3);
	__cloudabi_beneath_fallback = 1;
	how = "walk";
	suite(3);
	return report();
}
