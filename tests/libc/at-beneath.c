/* The *at functions inside a granted directory (descriptor 3), and every
 * way out of it failing with ENOTCAPABLE: absolute paths, "..", symbolic
 * links out (relative, absolute, to ".."). Run twice: through openat2's
 * RESOLVE_BENEATH where the kernel has it, and through the library's own
 * component walk (forced with __cloudabi_beneath_fallback). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

extern int __cloudabi_beneath_fallback;

static const char *mode;
static char name[160];

#define T(what) (snprintf(name, sizeof name, "%s: %s", mode, what), name)
#define FAILS(expr, err) ((expr) == -1 && errno == (err))

static int put(int dir, const char *path, const char *text)
{
	int fd = openat(dir, path, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
	if (fd < 0) return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int get(int dir, const char *path, char *buf, size_t size)
{
	int fd = openat(dir, path, O_RDONLY|O_CLOEXEC);
	if (fd < 0) return -1;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0) return -1;
	buf[n] = 0;
	return 0;
}

static void suite(int g)
{
	char buf[64];
	struct stat st, st2;

	/* inside: create, read back, subdirectories, links that stay in */
	CHECK(T("openat creates and writes a file"), put(g, "f", "hello") == 0);
	CHECK(T("openat reads it back"), get(g, "f", buf, sizeof buf) == 0 && !strcmp(buf, "hello"));
	CHECK(T("mkdirat makes a directory"), mkdirat(g, "sub", 0755) == 0);
	CHECK(T("mkdirat with a trailing slash"), mkdirat(g, "sub/deeper/", 0755) == 0);
	CHECK(T("a file in a subdirectory"), put(g, "sub/f2", "two") == 0);
	CHECK(T("sub/../f stays beneath and works"), get(g, "sub/../f", buf, sizeof buf) == 0 && !strcmp(buf, "hello"));
	CHECK(T("sub/deeper/../../f works"), get(g, "sub/deeper/../../f", buf, sizeof buf) == 0);
	CHECK(T("./f and sub/./f2 work"), get(g, "./f", buf, sizeof buf) == 0 && get(g, "sub/./f2", buf, sizeof buf) == 0);
	CHECK(T("\".\" is the directory itself"), ({ int d = openat(g, ".", O_RDONLY|O_DIRECTORY);
		int same = d >= 0 && fstat(d, &st) == 0 && fstat(g, &st2) == 0 && st.st_ino == st2.st_ino;
		if (d >= 0) close(d); same; }));
	CHECK(T("symlinkat makes a link that stays inside"), symlinkat("sub/f2", g, "in") == 0);
	CHECK(T("openat follows a link that stays inside"), get(g, "in", buf, sizeof buf) == 0 && !strcmp(buf, "two"));
	CHECK(T("a link inside a subdirectory to ../f"), symlinkat("../f", g, "sub/back") == 0 &&
	      get(g, "sub/back", buf, sizeof buf) == 0 && !strcmp(buf, "hello"));
	CHECK(T("O_NOFOLLOW on a link is ELOOP"), FAILS(openat(g, "in", O_RDONLY|O_NOFOLLOW), ELOOP));
	CHECK(T("O_PATH|O_NOFOLLOW opens the link itself"), ({ int d = openat(g, "in", O_PATH|O_NOFOLLOW);
		int ok = d >= 0 && fstat(d, &st) == 0 && S_ISLNK(st.st_mode); if (d >= 0) close(d); ok; }));
	CHECK(T("a link loop is ELOOP"), symlinkat("loop", g, "loop") == 0 && FAILS(openat(g, "loop", O_RDONLY), ELOOP));
	CHECK(T("a missing file is ENOENT"), FAILS(openat(g, "nothing", O_RDONLY), ENOENT));
	CHECK(T("a file used as a directory is ENOTDIR"), FAILS(openat(g, "f/x", O_RDONLY), ENOTDIR));
	CHECK(T("O_CREAT through a link that stays inside creates its target"),
	      symlinkat("sub/made", g, "tomake") == 0 && put(g, "tomake", "m") == 0 &&
	      get(g, "sub/made", buf, sizeof buf) == 0 && !strcmp(buf, "m"));

	/* out: every way is ENOTCAPABLE */
	CHECK(T("openat ../x is ENOTCAPABLE"), FAILS(openat(g, "../x", O_RDONLY), ENOTCAPABLE));
	CHECK(T("openat .. is ENOTCAPABLE"), FAILS(openat(g, "..", O_RDONLY), ENOTCAPABLE));
	CHECK(T("openat sub/../../x is ENOTCAPABLE"), FAILS(openat(g, "sub/../../x", O_RDONLY), ENOTCAPABLE));
	CHECK(T("openat /etc/passwd is ENOTCAPABLE"), FAILS(openat(g, "/etc/passwd", O_RDONLY), ENOTCAPABLE));
	CHECK(T("openat / is ENOTCAPABLE"), FAILS(openat(g, "/", O_RDONLY), ENOTCAPABLE));
	CHECK(T("O_CREAT of ../new is ENOTCAPABLE"), FAILS(openat(g, "../new", O_WRONLY|O_CREAT, 0644), ENOTCAPABLE));
	CHECK(T("a link to ../x is ENOTCAPABLE to follow"), symlinkat("../x", g, "out") == 0 &&
	      FAILS(openat(g, "out", O_RDONLY), ENOTCAPABLE));
	CHECK(T("a link to /etc/passwd is ENOTCAPABLE to follow"), symlinkat("/etc/passwd", g, "abs") == 0 &&
	      FAILS(openat(g, "abs", O_RDONLY), ENOTCAPABLE));
	CHECK(T("a link to .. then a name is ENOTCAPABLE"), symlinkat("..", g, "up") == 0 &&
	      FAILS(openat(g, "up/x", O_RDONLY), ENOTCAPABLE));
	CHECK(T("a link to .. itself is ENOTCAPABLE"), FAILS(openat(g, "up", O_RDONLY|O_DIRECTORY), ENOTCAPABLE));
	CHECK(T("a link in a subdirectory to ../.. is ENOTCAPABLE"), symlinkat("../..", g, "sub/up2") == 0 &&
	      FAILS(openat(g, "sub/up2/x", O_RDONLY), ENOTCAPABLE));
	CHECK(T("O_CREAT through a link out is ENOTCAPABLE"), symlinkat("../created", g, "mkout") == 0 &&
	      FAILS(openat(g, "mkout", O_WRONLY|O_CREAT, 0644), ENOTCAPABLE));
	CHECK(T("AT_FDCWD (-100) is EBADF: there is no working directory"), FAILS(openat(-100, "f", O_RDONLY), EBADF));

	/* fstatat, faccessat, fchmodat, fchownat, utimensat, readlinkat */
	CHECK(T("fstatat inside gives the size"), fstatat(g, "f", &st, 0) == 0 && st.st_size == 5 && S_ISREG(st.st_mode));
	CHECK(T("fstatat AT_SYMLINK_NOFOLLOW on a link out sees the link"),
	      fstatat(g, "out", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	CHECK(T("fstatat through a link out is ENOTCAPABLE"), FAILS(fstatat(g, "out", &st, 0), ENOTCAPABLE));
	CHECK(T("fstatat ../x and /etc are ENOTCAPABLE"), FAILS(fstatat(g, "..", &st, 0), ENOTCAPABLE) &&
	      FAILS(fstatat(g, "/etc", &st, 0), ENOTCAPABLE));
	CHECK(T("fstatat \"\" with AT_EMPTY_PATH is the descriptor"), fstatat(g, "", &st, AT_EMPTY_PATH) == 0 && S_ISDIR(st.st_mode));
	CHECK(T("faccessat F_OK and R_OK inside"), faccessat(g, "f", F_OK, 0) == 0 && faccessat(g, "f", R_OK|W_OK, 0) == 0);
	CHECK(T("faccessat of a missing file is ENOENT"), FAILS(faccessat(g, "nothing", F_OK, 0), ENOENT));
	CHECK(T("faccessat out is ENOTCAPABLE"), FAILS(faccessat(g, "../x", F_OK, 0), ENOTCAPABLE) &&
	      FAILS(faccessat(g, "abs", R_OK, 0), ENOTCAPABLE));
	CHECK(T("fchmodat inside changes the mode"), fchmodat(g, "f", 0600, 0) == 0 &&
	      fstatat(g, "f", &st, 0) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(T("fchmodat on a directory"), fchmodat(g, "sub/deeper", 0700, 0) == 0 &&
	      fstatat(g, "sub/deeper", &st, 0) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(T("fchmodat out is ENOTCAPABLE"), FAILS(fchmodat(g, "out", 0600, 0), ENOTCAPABLE) &&
	      FAILS(fchmodat(g, "/etc/passwd", 0600, 0), ENOTCAPABLE));
	CHECK(T("fchmodat AT_SYMLINK_NOFOLLOW on a link is EOPNOTSUPP"), FAILS(fchmodat(g, "in", 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP));
	CHECK(T("fchownat inside to its own owner"), fstatat(g, "f", &st, 0) == 0 && fchownat(g, "f", st.st_uid, st.st_gid, 0) == 0);
	CHECK(T("fchownat out is ENOTCAPABLE"), FAILS(fchownat(g, "../x", 0, 0, 0), ENOTCAPABLE));
	struct timespec ts[2] = {{1000000000, 0}, {1200000000, 500}};
	CHECK(T("utimensat inside sets the times"), utimensat(g, "f", ts, 0) == 0 && fstatat(g, "f", &st, 0) == 0 &&
	      st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 500 && st.st_atim.tv_sec == 1000000000);
	CHECK(T("utimensat out is ENOTCAPABLE"), FAILS(utimensat(g, "up/x", ts, 0), ENOTCAPABLE));
	CHECK(T("futimens on a descriptor"), ({ int d = openat(g, "f", O_RDONLY); int ok = d >= 0 && futimens(d, ts) == 0;
		if (d >= 0) close(d); ok; }));
	CHECK(T("readlinkat reads a link out without following it"), ({ ssize_t n = readlinkat(g, "out", buf, sizeof buf);
		n == 4 && !memcmp(buf, "../x", 4); }));
	CHECK(T("readlinkat of ../link is ENOTCAPABLE"), FAILS(readlinkat(g, "../link", buf, sizeof buf), ENOTCAPABLE));

	/* names: unlinkat, renameat, linkat, mknodat, symlinkat */
	CHECK(T("renameat inside"), renameat(g, "f", g, "sub/g") == 0 && faccessat(g, "sub/g", F_OK, 0) == 0);
	CHECK(T("renameat to ../y is ENOTCAPABLE"), FAILS(renameat(g, "sub/g", g, "../y"), ENOTCAPABLE));
	CHECK(T("renameat from /etc/passwd is ENOTCAPABLE"), FAILS(renameat(g, "/etc/passwd", g, "p"), ENOTCAPABLE));
	CHECK(T("linkat inside"), linkat(g, "sub/g", g, "hard", 0) == 0 && fstatat(g, "hard", &st, 0) == 0 && st.st_nlink == 2);
	CHECK(T("linkat to ../z is ENOTCAPABLE"), FAILS(linkat(g, "hard", g, "../z", 0), ENOTCAPABLE));
	CHECK(T("linkat AT_SYMLINK_FOLLOW of a link out is ENOTCAPABLE"), FAILS(linkat(g, "abs", g, "stolen", AT_SYMLINK_FOLLOW), ENOTCAPABLE));
	CHECK(T("linkat without follow links the link itself"), linkat(g, "abs", g, "abs2", 0) == 0 &&
	      fstatat(g, "abs2", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	CHECK(T("mkfifoat inside"), mkfifoat(g, "fifo", 0600) == 0 && fstatat(g, "fifo", &st, 0) == 0 && S_ISFIFO(st.st_mode));
	CHECK(T("mknodat in ../ is ENOTCAPABLE"), FAILS(mknodat(g, "../node", S_IFIFO|0600, 0), ENOTCAPABLE));
	CHECK(T("mkdirat ../d and /tmp/d are ENOTCAPABLE"), FAILS(mkdirat(g, "../d", 0755), ENOTCAPABLE) &&
	      FAILS(mkdirat(g, "/tmp/d", 0755), ENOTCAPABLE));
	CHECK(T("mkdirat through a link to .. is ENOTCAPABLE"), FAILS(mkdirat(g, "up/d", 0755), ENOTCAPABLE));
	CHECK(T("symlinkat placed at ../l is ENOTCAPABLE"), FAILS(symlinkat("f", g, "../l"), ENOTCAPABLE));
	CHECK(T("unlinkat inside"), unlinkat(g, "hard", 0) == 0 && FAILS(faccessat(g, "hard", F_OK, 0), ENOENT));
	CHECK(T("unlinkat of a link removes the link, not its target"), unlinkat(g, "in", 0) == 0 &&
	      faccessat(g, "sub/f2", F_OK, 0) == 0);
	CHECK(T("unlinkat ../x is ENOTCAPABLE"), FAILS(unlinkat(g, "../x", 0), ENOTCAPABLE));
	CHECK(T("unlinkat AT_REMOVEDIR inside"), unlinkat(g, "sub/deeper", AT_REMOVEDIR) == 0);
	CHECK(T("fdopendir lists a subdirectory"), ({ int d = openat(g, "sub", O_RDONLY|O_DIRECTORY); DIR *dir = d < 0 ? 0 : fdopendir(d);
		int n = 0; struct dirent *e; while (dir && (e = readdir(dir))) n += !strcmp(e->d_name, "f2") || !strcmp(e->d_name, "g");
		if (dir) closedir(dir); n == 2; }));
}

int main(void)
{
	int g = 3;
	CHECK("descriptor 3 is the granted directory", fstatat(g, "", &(struct stat){0}, AT_EMPTY_PATH) == 0);
	const char *modes[] = {"openat2", "walk"};
	for (int m = 0; m < 2; m++) {
		mode = modes[m];
		__cloudabi_beneath_fallback = m;
		if (mkdirat(g, mode, 0755) != 0) { CHECK(T("a fresh directory for the run"), 0); continue; }
		int d = openat(g, mode, O_RDONLY|O_DIRECTORY|O_CLOEXEC);
		CHECK(T("a fresh directory for the run"), d >= 0);
		if (d >= 0) { suite(d); close(d); }
	}
	return report();
}
