/* tests/explain: exits as told, so that the launcher's relay of the exit
 * can be compared with and without --explain.
 *
 *	exits code N     exit(N)
 *	exits signal N   raise(N) (a signal that kills)
 *	exits fds        print which of descriptors 0..15 are open, then exit 0
 *	exits env        print the environment, then exit 0
 *	exits later      read standard input to its end, then try kill(1, 0)
 *	                 by raw system call and print its result (-errno)
 *	exits blocked    block every signal, then the same kill(1, 0) */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "sys-x86_64.h"

extern char **environ;

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "code")) return atoi(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "signal")) {
		signal(atoi(argv[2]), SIG_DFL);
		raise(atoi(argv[2]));
		return 100;
	}
	if (argc == 2 && !strcmp(argv[1], "fds")) {
		for (int fd = 0; fd < 16; fd++) printf("fd %d: %s\n", fd, fcntl(fd, F_GETFD) < 0 ? "closed" : "open");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "env")) {
		for (char **e = environ; *e; e++) printf("env %s\n", *e);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "later")) {
		char buf[64];
		while (read(0, buf, sizeof buf) > 0) {}
		printf("%ld\n", sys2(NR_kill, 1, 0));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "blocked")) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, 0);
		printf("%ld\n", sys2(NR_kill, 1, 0));
		return 0;
	}
	fprintf(stderr, "usage: exits code N | signal N | fds | env | later | blocked\n");
	return 2;
}
