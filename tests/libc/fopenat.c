/* fopenat (<stdio.h>), opendirat and scandirat (<dirent.h>), inside the
 * directory given on descriptor 3. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define DIR_FD 3

static FILE *(*const fopenat_type)(int, const char *, const char *) = fopenat;
static DIR *(*const opendirat_type)(int, const char *) = opendirat;
static int (*const scandirat_type)(int, const char *, struct dirent ***,
                                   int (*)(const struct dirent *),
                                   int (*)(const struct dirent **, const struct dirent **)) = scandirat;

static int contents_are(const char *path, const char *want)
{
	char buf[256] = {0};
	FILE *f = fopenat(DIR_FD, path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	return n == strlen(want) && memcmp(buf, want, n) == 0;
}

static int txt_only(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 4 && strcmp(d->d_name + n - 4, ".txt") == 0;
}

int main(void)
{
	FILE *f;
	CHECK("the declarations have the documented types",
	      fopenat_type && opendirat_type && scandirat_type);

	/* create, write, read back */
	f = fopenat(DIR_FD, "a.txt", "w");
	CHECK("fopenat \"w\" creates a file", f != NULL);
	if (!f)
		return report();
	CHECK("writing to it", fputs("hello\n", f) >= 0 && fclose(f) == 0);
	struct stat sb;
	CHECK("the file exists in the directory",
	      fstatat(DIR_FD, "a.txt", &sb, 0) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 6);
	CHECK("fopenat \"r\" reads it back", contents_are("a.txt", "hello\n"));

	/* append */
	f = fopenat(DIR_FD, "a.txt", "a");
	CHECK("fopenat \"a\" appends",
	      f && fputs("world\n", f) >= 0 && fclose(f) == 0 &&
	      contents_are("a.txt", "hello\nworld\n"));
	f = fopenat(DIR_FD, "a.txt", "a+");
	char line[32] = {0};
	CHECK("fopenat \"a+\" reads from the start and appends",
	      f && fgets(line, sizeof line, f) && strcmp(line, "hello\n") == 0 &&
	      fputs("!\n", f) >= 0 && fclose(f) == 0 &&
	      contents_are("a.txt", "hello\nworld\n!\n"));

	/* r+ and w truncation */
	f = fopenat(DIR_FD, "a.txt", "r+");
	CHECK("fopenat \"r+\" overwrites in place",
	      f && fputs("J", f) >= 0 && fclose(f) == 0 &&
	      contents_are("a.txt", "Jello\nworld\n!\n"));
	f = fopenat(DIR_FD, "a.txt", "w+");
	CHECK("fopenat \"w+\" truncates",
	      f && fputs("new", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	      fgets(line, sizeof line, f) && strcmp(line, "new") == 0 && fclose(f) == 0 &&
	      contents_are("a.txt", "new"));

	/* x */
	errno = 0;
	f = fopenat(DIR_FD, "a.txt", "wx");
	CHECK("fopenat \"wx\" on an existing file fails with EEXIST", !f && errno == EEXIST);
	if (f)
		fclose(f);
	f = fopenat(DIR_FD, "b.txt", "wx");
	CHECK("fopenat \"wx\" creates a new file",
	      f && fputs("b", f) >= 0 && fclose(f) == 0 && contents_are("b.txt", "b"));

	/* missing file, bad modes, bad directories */
	errno = 0;
	f = fopenat(DIR_FD, "missing.txt", "r");
	CHECK("fopenat \"r\" on a missing file fails with ENOENT", !f && errno == ENOENT);
	errno = 0;
	f = fopenat(DIR_FD, "a.txt", "z");
	CHECK("fopenat with mode \"z\" fails with EINVAL", !f && errno == EINVAL);
	errno = 0;
	f = fopenat(DIR_FD, "c.txt", "");
	CHECK("fopenat with an empty mode fails with EINVAL and creates nothing",
	      !f && errno == EINVAL && faccessat(DIR_FD, "c.txt", F_OK, 0) == -1);
	errno = 0;
	f = fopenat(-1, "a.txt", "r");
	CHECK("fopenat on descriptor -1 fails with EBADF", !f && errno == EBADF);
	int file_fd = openat(DIR_FD, "a.txt", O_RDONLY | O_CLOEXEC);
	errno = 0;
	f = fopenat(file_fd, "x", "r");
	CHECK("fopenat relative to a file fails with ENOTDIR", !f && errno == ENOTDIR);

	/* close-on-exec only with "e" */
	f = fopenat(DIR_FD, "a.txt", "re");
	CHECK("fopenat \"re\" is close-on-exec",
	      f && (fcntl(fileno(f), F_GETFD) & FD_CLOEXEC) && fclose(f) == 0);
	f = fopenat(DIR_FD, "a.txt", "r");
	CHECK("fopenat \"r\" is not close-on-exec",
	      f && !(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC) && fclose(f) == 0);

	/* a subdirectory */
	CHECK("mkdirat sub", mkdirat(DIR_FD, "sub", 0755) == 0);
	f = fopenat(DIR_FD, "sub/c.txt", "w");
	CHECK("fopenat in a subdirectory",
	      f && fputs("c", f) >= 0 && fclose(f) == 0 && contents_are("sub/c.txt", "c"));

	/* opendirat */
	DIR *d = opendirat(DIR_FD, "sub");
	int seen_c = 0, entries = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			entries++;
			seen_c += strcmp(e->d_name, "c.txt") == 0;
		}
	}
	CHECK("opendirat lists a subdirectory", d && entries == 3 && seen_c == 1);
	CHECK("opendirat's descriptor is close-on-exec",
	      d && (fcntl(dirfd(d), F_GETFD) & FD_CLOEXEC));
	if (d)
		closedir(d);
	d = opendirat(DIR_FD, ".");
	CHECK("opendirat of \".\" opens the given directory", d != NULL);
	if (d)
		closedir(d);
	errno = 0;
	d = opendirat(DIR_FD, "a.txt");
	CHECK("opendirat on a file fails with ENOTDIR", !d && errno == ENOTDIR);
	errno = 0;
	d = opendirat(DIR_FD, "nothere");
	CHECK("opendirat on a missing name fails with ENOENT", !d && errno == ENOENT);
	errno = 0;
	d = opendirat(-1, "sub");
	CHECK("opendirat on descriptor -1 fails with EBADF", !d && errno == EBADF);

	/* scandirat: sorted with alphasort, filtered */
	CHECK("mkdirat scan", mkdirat(DIR_FD, "scan", 0755) == 0);
	static const char *const names[] = {"zeta.txt", "alpha.txt", "mid.txt",
	                                    "skip.dat", "Beta.txt", "txt"};
	int made = 1;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char path[64];
		snprintf(path, sizeof path, "scan/%s", names[i]);
		f = fopenat(DIR_FD, path, "w");
		made &= f != NULL && fclose(f) == 0;
	}
	CHECK("six files made", made);
	struct dirent **list = NULL;
	int n = scandirat(DIR_FD, "scan", &list, txt_only, alphasort);
	CHECK("scandirat with a filter returns the 4 .txt files", n == 4);
	if (n == 4) {
		CHECK("... sorted by alphasort (strcoll in the C locale)",
		      strcmp(list[0]->d_name, "Beta.txt") == 0 &&
		      strcmp(list[1]->d_name, "alpha.txt") == 0 &&
		      strcmp(list[2]->d_name, "mid.txt") == 0 &&
		      strcmp(list[3]->d_name, "zeta.txt") == 0);
	}
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	list = NULL;
	n = scandirat(DIR_FD, "scan", &list, NULL, NULL);
	CHECK("scandirat without a filter returns every entry, . and .. included", n == 8);
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	errno = 0;
	CHECK("scandirat on a missing directory fails with ENOENT",
	      scandirat(DIR_FD, "nothere", &list, NULL, alphasort) == -1 && errno == ENOENT);
	errno = 0;
	CHECK("scandirat on a file fails with ENOTDIR",
	      scandirat(DIR_FD, "a.txt", &list, NULL, alphasort) == -1 && errno == ENOTDIR);
	errno = 1234;
	n = scandirat(DIR_FD, "sub", &list, NULL, NULL);
	CHECK("scandirat keeps errno on success", n == 3 && errno == 1234);
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	close(file_fd);
	return report();
}
