#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "program_impl.h"
#include "syscall.h"

int __program_argc;
char **__program_argv;
const argdata_t *__program_argdata;

#define ARGDATA_MAX (64 << 20)
#define SEALS (F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE)

static _Noreturn void refuse(const char *why)
{
	static const char head[] = "cloudabi: cannot start: ";
	__syscall(SYS_write, 2, head, sizeof head - 1);
	__syscall(SYS_write, 2, why, strlen(why));
	__syscall(SYS_write, 2, "\n", 1);
	_Exit(127);
}

/* Descriptors in the argdata are the program's own numbers. */
static int own_fd(void *arg, size_t fd)
{
	(void)arg;
	return fd <= INT_MAX ? (int)fd : -1;
}

const argdata_t *__argdata_startup(void)
{
	const char *v = getenv(ARGDATA_FD_ENV);
	if (!v) return &argdata_null;

	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (!*v || *end || n > INT_MAX) refuse(ARGDATA_FD_ENV " is not a descriptor number");
	int fd = n;

	/* Only a memfd sealed against every change is accepted: nobody can
	 * alter the arguments while (or after) they are read. */
	int seals = __syscall(SYS_fcntl, fd, F_GET_SEALS);
	if (seals < 0 || (seals & SEALS) != SEALS)
		refuse("the argdata descriptor is not a sealed memfd");
	struct stat st;
	if (fstat(fd, &st) || st.st_size > ARGDATA_MAX) refuse("the argdata descriptor is unreadable or too large");

	size_t len = st.st_size, got = 0;
	char *buf = malloc(len ? len : 1);
	if (!buf) refuse("out of memory for the argdata");
	while (got < len) {
		ssize_t r = pread(fd, buf + got, len - got, got);
		if (r <= 0) refuse("the argdata could not be read");
		got += r;
	}
	__syscall(SYS_close, fd);
	unsetenv(ARGDATA_FD_ENV);

	argdata_t *ad = argdata_from_buffer(buf, len, own_fd, 0);
	if (!ad) refuse("out of memory for the argdata");
	__program_argdata = ad;
	return ad;
}
