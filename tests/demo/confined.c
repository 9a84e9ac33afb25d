/* The demo of build.sh: a program that is handed one directory lists and
 * reads it, then tries to reach what it was not given. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <program.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The raw system call, as a hostile binary would make it (x86_64). */
static long raw(long n, long a, long b, long c)
{
#if defined(__x86_64__)
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
#else
	(void)n; (void)a; (void)b; (void)c;
	return -38;
#endif
}

_Noreturn void program_main(const argdata_t *ad)
{
	argdata_map_iterator_t it;
	const argdata_t *k, *v;
	int dir = -1;
	argdata_map_iterate(ad, &it);
	while (argdata_map_get(&it, &k, &v)) {
		const char *name;
		if (argdata_get_str_c(k, &name) == 0 && !strcmp(name, "data")) argdata_get_fd(v, &dir);
		argdata_map_next(&it);
	}
	printf("  I was given directory descriptor %d; it holds:", dir);
	DIR *d = fdopendir(dup(dir));
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.') printf(" %s", e->d_name);
	printf("\n");
	FILE *f = fopenat(dir, "note.txt", "r");
	char line[128];
	if (f && fgets(line, sizeof line, f)) printf("  note.txt says: %s", line);
	errno = 0;
	printf("  openat(dir, \"/etc/passwd\") through the libc: %s\n",
	       openat(dir, "/etc/passwd", O_RDONLY) < 0 ? strerror(errno) : "opened!");
#if defined(__x86_64__)
	long r = raw(2, (long)"/etc/passwd", 0, 0);
	printf("  open(\"/etc/passwd\") by raw system call: %s\n", r < 0 ? strerror((int)-r) : "opened!");
	r = raw(41, AF_INET, SOCK_STREAM, 0);
	printf("  socket(AF_INET) by raw system call: %s\n", r < 0 ? strerror((int)-r) : "created!");
#endif
	exit(0);
}
