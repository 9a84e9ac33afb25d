/* program_main, program_exec and the argdata hand-off: the program
 * program_execs itself (its own executable from the granted directory)
 * with a map of arguments and two descriptors; the new image checks what
 * it received, through program_main, on the stdout it was passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <program.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static const argdata_t *lookup(const argdata_t *map, const char *name)
{
	argdata_map_iterator_t it;
	const argdata_t *k, *v;
	const char *s;
	argdata_map_iterate(map, &it);
	while (argdata_map_get(&it, &k, &v)) {
		if (argdata_get_str_c(k, &s) == 0 && !strcmp(s, name)) return v;
		argdata_map_next(&it);
	}
	return NULL;
}

static _Noreturn void child(const argdata_t *ad)
{
	int n = 0, dir = -1, out = -1;
	const char *s = NULL;
	CHECK("the new image gets the int", argdata_get_int(lookup(ad, "n"), &n) == 0 && n == 42);
	CHECK("the new image gets the string", argdata_get_str_c(lookup(ad, "s"), &s) == 0 && !strcmp(s, "héllo"));
	CHECK("the new image gets the directory descriptor", argdata_get_fd(lookup(ad, "dir"), &dir) == 0 && dir == 3);
	CHECK("the directory descriptor works", dir >= 0 && faccessat(dir, "self", F_OK, 0) == 0);
	CHECK("the stdout descriptor is named as 1", argdata_get_fd(lookup(ad, "out"), &out) == 0 && out == 1);
	CHECK("CLOUDABI_ARGDATA_FD is gone from the environment", getenv("CLOUDABI_ARGDATA_FD") == NULL);
	CHECK("the argdata descriptor (4) was closed", fcntl(4, F_GETFD) == -1 && errno == EBADF);
	CHECK("a descriptor not named (5) was not passed", fcntl(5, F_GETFD) == -1 && errno == EBADF);
	char c;
	CHECK("stdin, not named, is an empty file", read(0, &c, 1) == 0);
	CHECK("the environment the caller had is kept", getenv("PROGRAM_EXEC_TEST") &&
	      !strcmp(getenv("PROGRAM_EXEC_TEST"), "kept"));
	exit(report());
}

_Noreturn void program_main(const argdata_t *ad)
{
	if (lookup(ad, "n")) child(ad);

	/* started directly: argdata_null; under cloudabi-run (tests/allowed):
	 * the launcher's map, which names the granted directory */
	CHECK("program_main gets the starter's arguments", ad == &argdata_null || lookup(ad, "given"));
	int self = openat(3, "self", O_RDONLY|O_CLOEXEC);
	CHECK("the program's own executable opens from the granted directory", self >= 0);
	int stray = openat(3, ".", O_RDONLY|O_DIRECTORY);   /* must not be passed */
	while (stray >= 0 && stray < 5) stray = dup(stray);
	CHECK("a stray descriptor at 5 or above", stray >= 5);
	setenv("PROGRAM_EXEC_TEST", "kept", 1);

	const argdata_t *keys[] = { argdata_create_str_c("n"), argdata_create_str_c("s"),
		argdata_create_str_c("dir"), argdata_create_str_c("out") };
	const argdata_t *values[] = { argdata_create_int(42), argdata_create_str_c("héllo"),
		argdata_create_fd(3), argdata_create_fd(1) };
	const argdata_t *map = argdata_create_map(keys, values, 4);
	CHECK("a map of arguments", map != NULL);
	CHECK("program_exec of a directory is refused", program_exec(3, map) == EACCES);
	CHECK("program_exec naming a closed descriptor is EBADF", ({
		const argdata_t *bad = argdata_create_fd(999);
		program_exec(self, bad) == EBADF; }));
	fflush(stdout);
	int err = program_exec(self, map);
	if (err == ENOSYS) {
		/* qemu-user has no execveat; a real arm64 kernel does */
		SKIP("program_exec into a new image", "no execveat here (qemu-user)");
		exit(report());
	}
	CHECK("program_exec does not return", 0);
	printf("       (error %d: %s)\n", err, strerror(err));
	exit(report());
}
