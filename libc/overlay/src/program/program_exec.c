#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <program.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "program_impl.h"
#include "syscall.h"

#define MFD_NOEXEC_SEAL 8U
#define CLOSE_RANGE_CLOEXEC 4U

/* A memfd holding LEN bytes of BUF, sealed against every change. */
static int sealed_memfd(const char *name, const void *buf, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC|MFD_ALLOW_SEALING|MFD_NOEXEC_SEAL);
	if (fd < 0 && errno == EINVAL) fd = memfd_create(name, MFD_CLOEXEC|MFD_ALLOW_SEALING);
	if (fd < 0) return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t r = write(fd, (const char *)buf + done, len - done);
		if (r <= 0) goto fail;
		done += r;
	}
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE)) goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

static int named(const int *fds, size_t n, int fd)
{
	for (size_t i = 0; i < n; i++) if (fds[i] == fd) return 1;
	return 0;
}

int program_exec(int fd, const argdata_t *ad)
{
	size_t len, nfds, i;
	int err = ENOMEM, argfd = -1, empty = -1, saved[3] = {-1, -1, -1};
	char *buf = 0, *scratch = 0, *env = 0, **envp = 0;
	int *fds = 0;
	struct stat st;

	if (fstat(fd, &st)) return errno;
	if (!S_ISREG(st.st_mode)) return EACCES;

	/* The data with descriptor numbers as they are, and their list. */
	argdata_serialized_length(ad, &len, &nfds);
	buf = malloc(len + 1);
	scratch = malloc(len + 1);
	fds = malloc((nfds + 1) * sizeof *fds);
	if (!buf || !scratch || !fds) goto out;
	argdata_serialize(ad, buf, 0);
	argdata_serialize(ad, scratch, fds);
	int top = 2;
	for (i = 0; i < nfds; i++) {
		if (fcntl(fds[i], F_GETFD) < 0) { err = EBADF; goto out; }
		if (fds[i] > top) top = fds[i];
	}

	/* The argdata memfd goes above every named descriptor. */
	int m = sealed_memfd("argdata", buf, len);
	if (m < 0) { err = errno; goto out; }
	argfd = fcntl(m, F_DUPFD, top + 1);
	close(m);
	if (argfd < 0) { err = errno; goto out; }

	/* The environment, with CLOUDABI_ARGDATA_FD naming it. */
	size_t nenv = 0;
	while (environ[nenv]) nenv++;
	envp = malloc((nenv + 2) * sizeof *envp);
	if (!envp || asprintf(&env, ARGDATA_FD_ENV "=%d", argfd) < 0) goto out;
	size_t k = 0;
	for (i = 0; i < nenv; i++)
		if (strncmp(environ[i], ARGDATA_FD_ENV "=", sizeof ARGDATA_FD_ENV))
			envp[k++] = environ[i];
	envp[k++] = env;
	envp[k] = 0;

	/* Every descriptor above 2 closes at exec but the named ones and the
	 * argdata; unnamed standard descriptors become an empty sealed memfd
	 * (put back if the exec fails). */
	if (__syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		long max = sysconf(_SC_OPEN_MAX);
		for (long d = 3; d < max; d++) fcntl(d, F_SETFD, FD_CLOEXEC);
	}
	for (i = 0; i < nfds; i++) fcntl(fds[i], F_SETFD, 0);
	fcntl(argfd, F_SETFD, 0);
	for (int s = 0; s < 3; s++) {
		if (named(fds, nfds, s)) continue;
		if (empty < 0 && (empty = sealed_memfd("empty", "", 0)) < 0) { err = errno; goto restore; }
		saved[s] = fcntl(s, F_DUPFD_CLOEXEC, 3);
		if (dup2(empty, s) < 0) { err = errno; goto restore; }
	}

	char *argv[] = { "program", 0 };
	err = -__syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);

restore:
	for (int s = 0; s < 3; s++)
		if (saved[s] >= 0) { dup2(saved[s], s); close(saved[s]); }
out:
	if (empty >= 0) close(empty);
	if (argfd >= 0) close(argfd);
	free(env);
	free(envp);
	free(fds);
	free(scratch);
	free(buf);
	return err;
}
