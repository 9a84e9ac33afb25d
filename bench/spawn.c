/* The start-up timer of make bench: starts each command of a list in turn
 * (A B C, B C A, C A B, ...: every round each command once, the order
 * rotated by one each round) with posix_spawn, no shell in between, waits
 * for it, and prints one line "NAME<TAB>WALL<TAB>CPU" per start: the wall time
 * from just before posix_spawn to wait4's return (CLOCK_MONOTONIC) and the
 * child's user plus system CPU time (wait4's rusage, which holds the
 * descendants it waited for), both in nanoseconds.
 * The children's stdin is /dev/null, their stdout and stderr too.
 *
 *   spawn [-n ROUNDS] [-w WARMUP] LIST
 *
 * LIST has one command a line, fields separated by tabs:
 *   NAME  FD3  ARG0  ARG1 ...
 * FD3 is a directory the child gets as descriptor 3 (opened read-only), or
 * "-" for none. ARG0 is run as given (a path, no PATH search). WARMUP
 * rounds (default 5) run first and are not printed. A child that exits
 * non-zero or dies stops the run with one line on stderr naming it.
 * Built for the host by bench/lib.sh (gcc). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct cmd {
	char *name;
	int fd3;        /* -1: none */
	char **argv;
};

static _Noreturn void die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "spawn: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static char **split(char *line, int *n)
{
	int cap = 8;
	char **v = malloc(cap * sizeof *v);
	*n = 0;
	for (char *save = NULL, *f = strtok_r(line, "\t\n", &save); f; f = strtok_r(NULL, "\t\n", &save)) {
		if (*n + 2 > cap) v = realloc(v, (cap *= 2) * sizeof *v);
		if (!v) die("%s%s", "out of memory", "");
		v[(*n)++] = strdup(f);
	}
	v[*n] = NULL;
	return v;
}

int main(int argc, char **argv)
{
	long rounds = 100, warmup = 5;
	int opt;
	while ((opt = getopt(argc, argv, "n:w:h")) != -1) {
		switch (opt) {
		case 'n': rounds = atol(optarg); break;
		case 'w': warmup = atol(optarg); break;
		case 'h':
			printf("usage: spawn [-n ROUNDS] [-w WARMUP] LIST\n"
			       "starts each command of LIST (NAME<TAB>FD3-DIR|-<TAB>ARG0<TAB>ARG...) in turn,\n"
			       "ROUNDS times, and prints NAME<TAB>WALL-NS<TAB>CPU-NS per start\n");
			return 0;
		default: return 2;
		}
	}
	if (optind + 1 != argc || rounds < 1 || warmup < 0) {
		fprintf(stderr, "spawn: usage: spawn [-n ROUNDS] [-w WARMUP] LIST\n");
		return 2;
	}
	FILE *list = fopen(argv[optind], "re");
	if (!list) die("cannot read %s: %s", argv[optind], strerror(errno));
	struct cmd cmds[64];
	int ncmd = 0;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, list) > 0) {
		int n;
		char **f = split(line, &n);
		if (n == 0) continue;
		if (n < 3) die("%s: a line needs NAME, FD3 and a command: %s", argv[optind], line);
		if (ncmd == 64) die("%s%s", "too many commands", "");
		struct cmd *c = &cmds[ncmd++];
		c->name = f[0];
		c->fd3 = -1;
		if (strcmp(f[1], "-") != 0) {
			/* above 3 and close-on-exec: the child gets it through dup2 */
			int fd = open(f[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0) die("cannot open directory %s: %s", f[1], strerror(errno));
			c->fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 10);
			close(fd);
		}
		c->argv = f + 2;
	}
	fclose(list);
	if (ncmd == 0) die("%s: no command", argv[optind], "");

	posix_spawn_file_actions_t fa[64];
	for (int i = 0; i < ncmd; i++) {
		posix_spawn_file_actions_init(&fa[i]);
		posix_spawn_file_actions_addopen(&fa[i], 0, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa[i], 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_adddup2(&fa[i], 1, 2);
		if (cmds[i].fd3 >= 0) posix_spawn_file_actions_adddup2(&fa[i], cmds[i].fd3, 3);
	}
	/* one buffer for the whole run: nothing is written while timing */
	long long *t = malloc(2 * sizeof *t * (size_t)rounds * (size_t)ncmd);
	if (!t) die("%s%s", "out of memory", "");
	for (long r = -warmup; r < rounds; r++) {
		for (int j = 0; j < ncmd; j++) {
			/* each round starts one command further on, so that no command
			 * always comes first or always follows the same other one */
			int i = (int)((j + (r < 0 ? 0 : r)) % ncmd);
			pid_t pid;
			int status;
			struct rusage ru;
			long long t0 = now_ns();
			int e = posix_spawn(&pid, cmds[i].argv[0], &fa[i], NULL, cmds[i].argv, environ);
			if (e) die("%s: cannot start: %s", cmds[i].name, strerror(e));
			while (wait4(pid, &status, 0, &ru) < 0)
				if (errno != EINTR) die("%s: wait4: %s", cmds[i].name, strerror(errno));
			long long t1 = now_ns();
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				char why[64];
				if (WIFEXITED(status)) snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(status));
				else snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(status));
				die("%s: %s", cmds[i].name, why);
			}
			if (r >= 0) {
				t[2 * (r * ncmd + i)] = t1 - t0;
				t[2 * (r * ncmd + i) + 1] =
					(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
					(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
			}
		}
	}
	for (long r = 0; r < rounds; r++)
		for (int i = 0; i < ncmd; i++)
			printf("%s\t%lld\t%lld\n", cmds[i].name, t[2 * (r * ncmd + i)], t[2 * (r * ncmd + i) + 1]);
	return 0;
}
