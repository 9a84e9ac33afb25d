/* System-call heavy work for make bench, inside the directory it is given
 * as descriptor 3. Prints the nanoseconds the work took, "WALL CPU"
 * (CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID, both threads; set-up and
 * clean-up excluded), and exits 0, or one line on stderr and 1 if any call
 * fails or reads back the wrong bytes.
 *
 *   syscalls files N         create, write, read back and delete N small files
 *   syscalls pipe N          N round trips of one byte between two threads
 *   syscalls deep LEVELS N   open (and close) a file LEVELS directories down, N times
 *
 * Built with this toolchain by bench/group-syscalls.sh, twice: as is, and
 * with a no-op __cloudabi_confine (bench/noconfine.c) as the unconfined
 * baseline. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DIR_FD 3

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "syscalls: %s: %s\n", what, strerror(errno));
	exit(1);
}

struct took { long long wall, cpu; };
struct timer { long long wall, cpu; };

static long long clock_ns(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timer start(void)
{
	struct timer t = { clock_ns(CLOCK_MONOTONIC), clock_ns(CLOCK_PROCESS_CPUTIME_ID) };
	return t;
}

static struct took stop(struct timer t)
{
	struct took d = { clock_ns(CLOCK_MONOTONIC) - t.wall, clock_ns(CLOCK_PROCESS_CPUTIME_ID) - t.cpu };
	return d;
}

static void fill(char *buf, size_t len, long i)
{
	for (size_t k = 0; k < len; k++) buf[k] = (char)('a' + (i + k) % 26);
}

static struct took files(long n)
{
	char name[32], buf[100], back[100];
	struct timer t0 = start();
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof name, "f%06ld", i);
		int fd = openat(DIR_FD, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) fail("openat (create)");
		fill(buf, sizeof buf, i);
		if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) fail("write");
		if (close(fd)) fail("close");
	}
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof name, "f%06ld", i);
		int fd = openat(DIR_FD, name, O_RDONLY | O_CLOEXEC);
		if (fd < 0) fail("openat (read)");
		fill(buf, sizeof buf, i);
		if (read(fd, back, sizeof back) != (ssize_t)sizeof back || memcmp(buf, back, sizeof buf)) {
			errno = EIO;
			fail("read back");
		}
		if (close(fd)) fail("close");
	}
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof name, "f%06ld", i);
		if (unlinkat(DIR_FD, name, 0)) fail("unlinkat");
	}
	return stop(t0);
}

static int ping[2], pong[2];
static long rounds;

static void *echo(void *arg)
{
	(void)arg;
	char c;
	for (long i = 0; i < rounds; i++) {
		if (read(ping[0], &c, 1) != 1) fail("read (echo)");
		if (write(pong[1], &c, 1) != 1) fail("write (echo)");
	}
	return NULL;
}

static struct took pipes(long n)
{
	pthread_t th;
	rounds = n;
	if (pipe(ping) || pipe(pong)) fail("pipe");
	if ((errno = pthread_create(&th, NULL, echo, NULL))) fail("pthread_create");
	struct timer t0 = start();
	for (long i = 0; i < n; i++) {
		char c = (char)i, r;
		if (write(ping[1], &c, 1) != 1) fail("write");
		if (read(pong[0], &r, 1) != 1) fail("read");
		if (r != c) { errno = EIO; fail("round trip"); }
	}
	struct took took = stop(t0);
	if ((errno = pthread_join(th, NULL))) fail("pthread_join");
	return took;
}

static struct took deep(int levels, long n)
{
	char path[4096] = "";
	size_t len = 0;
	for (int l = 0; l < levels; l++) {
		len += (size_t)snprintf(path + len, sizeof path - len, "%sd%02d", l ? "/" : "", l);
		if (mkdirat(DIR_FD, path, 0700)) fail("mkdirat");
	}
	char file[4200];
	snprintf(file, sizeof file, "%s/file", path);
	int fd = openat(DIR_FD, file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || close(fd)) fail("openat (create)");

	struct timer t0 = start();
	for (long i = 0; i < n; i++) {
		fd = openat(DIR_FD, file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) fail("openat (deep)");
		if (close(fd)) fail("close");
	}
	struct took took = stop(t0);

	if (unlinkat(DIR_FD, file, 0)) fail("unlinkat");
	for (int l = levels; l > 0; l--) {
		if (unlinkat(DIR_FD, path, AT_REMOVEDIR)) fail("unlinkat (directory)");
		char *slash = strrchr(path, '/');
		if (slash) *slash = '\0';
	}
	return took;
}

int main(int argc, char **argv)
{
	struct took took;
	if (argc == 3 && strcmp(argv[1], "files") == 0) took = files(atol(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "pipe") == 0) took = pipes(atol(argv[2]));
	else if (argc == 4 && strcmp(argv[1], "deep") == 0) took = deep(atoi(argv[2]), atol(argv[3]));
	else {
		fprintf(stderr, "syscalls: usage: syscalls files N | pipe N | deep LEVELS N\n");
		return 2;
	}
	printf("%lld %lld\n", took.wall, took.cpu);
	return 0;
}
