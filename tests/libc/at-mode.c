/* The *at calls that take a mode accept what the kernel's plain calls
 * accept: open(2) and mkdir(2) ignore bits outside 07777 (the kernel masks
 * them), so openat(d, "f", O_CREAT|O_WRONLY, S_IFREG|0644) creates f with
 * mode 0644 & ~umask, as on glibc and plain musl. openat2, which the beneath
 * lookup uses, refuses such a mode with EINVAL unless the library masks it.
 *
 * Each case is a pair: the call with the plain mode (the control, which
 * must work) and the same call with extra high bits, whose result must be
 * the same file mode. Run through openat2 and through the library's own
 * component walk (__cloudabi_beneath_fallback). */
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

static mode_t mode_of(int dir, const char *path)
{
	struct stat st;
	if (fstatat(dir, path, &st, AT_SYMLINK_NOFOLLOW)) return (mode_t)-1;
	return st.st_mode;
}

/* openat with O_CREAT: the mode with HIGH added gives a regular file with
 * the same mode as the plain mode does (1), else 0 with the difference
 * printed as a comment. */
static int create_pair(int d, const char *tag, int flags, mode_t plain, mode_t high)
{
	char a[64], b[64];
	snprintf(a, sizeof a, "%s-%s-plain", how, tag);
	snprintf(b, sizeof b, "%s-%s-high", how, tag);
	int fa = openat(d, a, flags, plain);
	int fb = openat(d, b, flags, plain | high);
	int ok = fa >= 0 && fb >= 0;
	if (!ok) printf("# %s: plain %d, high %d (errno %d: %s)\n", tag, fa, fb, errno, strerror(errno));
	if (fa >= 0) close(fa);
	if (fb >= 0) close(fb);
	if (!ok) return 0;
	mode_t ma = mode_of(d, a), mb = mode_of(d, b);
	if (ma != mb) printf("# %s: plain gives %o, with %o added %o\n", tag, (unsigned)ma, (unsigned)high, (unsigned)mb);
	return ma == mb && S_ISREG(ma);
}

static void suite(int d, mode_t mask)
{
	/* the expectation, computed: what the plain mode gives under the umask */
	char f[64];
	snprintf(f, sizeof f, "%s-expect", how);
	int fd = openat(d, f, O_CREAT|O_WRONLY|O_EXCL|O_CLOEXEC, 0644);
	CHECK(T("control: openat(O_CREAT, 0644) creates a file"), fd >= 0);
	if (fd >= 0) close(fd);
	CHECK(T("control: its mode is 0644 & ~umask"), mode_of(d, f) == (S_IFREG | (0644 & ~mask)));

	/* the call exactly */
	snprintf(f, sizeof f, "%s-issue", how);
	fd = openat(d, f, O_CREAT|O_WRONLY, S_IFREG|0644);
	CHECK(T("openat(d, \"f\", O_CREAT|O_WRONLY, S_IFREG|0644) succeeds"), fd >= 0);
	if (fd >= 0) close(fd);
	CHECK(T("and f has mode 0644 & ~umask"), mode_of(d, f) == (S_IFREG | (0644 & ~mask)));

	CHECK(T("openat with S_IFREG added: same mode as without"),
		create_pair(d, "ifreg", O_CREAT|O_WRONLY|O_CLOEXEC, 0640, S_IFREG));
	CHECK(T("openat with S_IFDIR added (a type bit for a file): same mode"),
		create_pair(d, "ifdir", O_CREAT|O_RDWR|O_CLOEXEC, 0600, S_IFDIR));
	CHECK(T("openat with bits above S_IFMT added: same mode"),
		create_pair(d, "above", O_CREAT|O_EXCL|O_WRONLY|O_CLOEXEC, 0604, 0x7fff0000));
	CHECK(T("openat with setgid and sticky kept (inside 07777): same mode as 07777 masking"),
		create_pair(d, "sticky", O_CREAT|O_WRONLY|O_CLOEXEC, 01640, S_IFREG));

	/* O_TMPFILE: an unnamed file in d, mode masked the same way */
	int t1 = openat(d, ".", O_TMPFILE|O_RDWR|O_CLOEXEC, 0600);
	if (t1 < 0 && (errno == EOPNOTSUPP || errno == EISDIR)) {
		SKIP(T("O_TMPFILE with S_IFREG|0600"), "the file system has no O_TMPFILE");
	} else {
		int t2 = openat(d, ".", O_TMPFILE|O_RDWR|O_CLOEXEC, S_IFREG|0600);
		struct stat s1, s2;
		CHECK(T("O_TMPFILE with S_IFREG|0600 works as with 0600"),
			t1 >= 0 && t2 >= 0 && !fstat(t1, &s1) && !fstat(t2, &s2) && s1.st_mode == s2.st_mode);
		if (t2 >= 0) close(t2);
	}
	if (t1 >= 0) close(t1);

	/* without O_CREAT the mode is ignored, whatever it holds */
	fd = openat(d, f, O_RDONLY|O_CLOEXEC, S_IFREG|0777|0x7fff0000);
	CHECK(T("openat without O_CREAT ignores a mode with high bits"), fd >= 0);
	if (fd >= 0) close(fd);

	/* mkdirat: mkdir(2) keeps 01777, ignores the rest */
	char a[64], b[64];
	snprintf(a, sizeof a, "%s-dir-plain", how);
	snprintf(b, sizeof b, "%s-dir-high", how);
	CHECK(T("control: mkdirat(0750)"), mkdirat(d, a, 0750) == 0);
	CHECK(T("mkdirat(S_IFDIR|0750) works"), mkdirat(d, b, S_IFDIR|0750) == 0);
	CHECK(T("mkdirat: the same mode either way, a directory"),
		mode_of(d, a) == mode_of(d, b) && S_ISDIR(mode_of(d, a)) &&
		(mode_of(d, a) & 07777) == (0750 & ~mask));

	/* mknodat: the type is part of the mode (a FIFO here) */
	snprintf(a, sizeof a, "%s-fifo", how);
	CHECK(T("mknodat(S_IFIFO|0640) makes a FIFO"),
		mknodat(d, a, S_IFIFO|0640, 0) == 0 && S_ISFIFO(mode_of(d, a)) &&
		(mode_of(d, a) & 07777) == (0640 & ~mask));
	snprintf(a, sizeof a, "%s-fifo2", how);
	CHECK(T("mkfifoat(0600)"), mkfifoat(d, a, 0600) == 0 && S_ISFIFO(mode_of(d, a)));

	/* fchmodat: chmod(2) ignores the type bits */
	CHECK(T("fchmodat(S_IFREG|0600) on a file sets 0600"),
		fchmodat(d, f, S_IFREG|0600, 0) == 0 && mode_of(d, f) == (S_IFREG|0600));
}

int main(void)
{
	umask(027);
	mode_t mask = umask(027);
	how = "openat2";
	suite(3, mask);
	__cloudabi_beneath_fallback = 1;
	how = "walk";
	suite(3, mask);
	return report();
}
