/* What attaching the seccomp filter costs a process: N children forked
 * one after another, each setting no_new_privs and then attaching
 * nothing, a one-instruction filter (allow everything), or the policy's
 * filter (build/policy/filter-<arch>.c) before it exits.
 *
 *   seccomp-attach none|one|policy N    prints microseconds per child */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "filter.h"

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog one = { 1, &allow };
	struct sock_fprog policy = { cloudabi_seccomp_filter_len,
	                             (struct sock_filter *)cloudabi_seccomp_filter };
	struct sock_fprog *prog;

	if (argc != 3) {
		fprintf(stderr, "usage: seccomp-attach none|one|policy N\n");
		return 2;
	}
	if (!strcmp(argv[1], "none")) prog = NULL;
	else if (!strcmp(argv[1], "one")) prog = &one;
	else if (!strcmp(argv[1], "policy")) prog = &policy;
	else { fprintf(stderr, "seccomp-attach: no mode '%s'\n", argv[1]); return 2; }
	int n = atoi(argv[2]);

	double t0 = now_us();
	for (int i = 0; i < n; i++) {
		pid_t child = fork();
		if (child < 0) { perror("fork"); return 1; }
		if (child == 0) {
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) _exit(3);
			if (prog && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog)) _exit(4);
			_exit(0);
		}
		int status;
		if (waitpid(child, &status, 0) != child || status != 0) {
			fprintf(stderr, "seccomp-attach: child failed (status %d)\n", status);
			return 1;
		}
	}
	printf("%.1f\n", (now_us() - t0) / n);
	return 0;
}
