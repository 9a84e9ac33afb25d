/* tests/explain's tracer (a host program): runs a command under ptrace,
 * following its forks, and prints one line per system call entry:
 *
 *	NR                          (its number)
 *	seccomp FLAGS HEX           a seccomp(SECCOMP_SET_MODE_FILTER) call:
 *	                            its flags and the filter it attaches, the
 *	                            instructions as hex, read from the tracee
 *	rt_sigaction SIG            a handler set for signal SIG
 *
 *	trace OUT COMMAND [ARGS...]
 *
 * writes them to OUT and exits with the command's status. With
 * --filters it prints the filter of runtime/policy as HEX, then its
 * explain variants (USER_NOTIF, then TRAP), one a line, to compare. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "filter.h"

static void put_hex(FILE *out, const struct cloudabi_sock_filter *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++) fprintf(out, "%04x%02x%02x%08x", f[i].code, f[i].jt, f[i].jf, f[i].k);
	fputc('\n', out);
}

static int read_mem(pid_t pid, unsigned long addr, void *buf, size_t len)
{
	struct iovec l = { buf, len }, r = { (void *)addr, len };
	return process_vm_readv(pid, &l, 1, &r, 1, 0) == (ssize_t)len ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--filters")) {
		static struct cloudabi_sock_filter v[CLOUDABI_SECCOMP_FILTER_MAX];
		put_hex(stdout, cloudabi_seccomp_filter, cloudabi_seccomp_filter_len);
		unsigned rets[2] = { CLOUDABI_SECCOMP_RET_USER_NOTIF, CLOUDABI_SECCOMP_RET_TRAP };
		for (int k = 0; k < 2; k++) {
			memcpy(v, cloudabi_seccomp_filter, cloudabi_seccomp_filter_len * sizeof *v);
			cloudabi_seccomp_filter_explain(v, rets[k]);
			put_hex(stdout, v, cloudabi_seccomp_filter_len);
		}
		return 0;
	}
	if (argc < 3) { fprintf(stderr, "usage: trace OUT COMMAND [ARGS...] | trace --filters\n"); return 2; }
	FILE *out = fopen(argv[1], "w");
	if (!out) { perror(argv[1]); return 2; }
	pid_t child = fork();
	if (child == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
	       PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
	ptrace(PTRACE_SYSCALL, child, 0, 0);
	int result = 0;
	for (;;) {
		pid_t pid = waitpid(-1, &status, __WALL);
		if (pid < 0) break;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == child) result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			continue;
		}
		int sig = 0;
		if (WIFSTOPPED(status) && WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			struct __ptrace_syscall_info info;
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, &info) > 0 && info.op == PTRACE_SYSCALL_INFO_ENTRY) {
				const uint64_t *a = info.entry.args;
				if (info.entry.nr == SYS_seccomp && a[0] == 1 /* SECCOMP_SET_MODE_FILTER */) {
					struct { unsigned short len; unsigned long filter; } prog;
					static struct cloudabi_sock_filter f[4096];
					if (!read_mem(pid, a[2], &prog, sizeof prog) && prog.len <= 4096 &&
					    !read_mem(pid, prog.filter, f, prog.len * sizeof *f)) {
						fprintf(out, "seccomp %llu ", (unsigned long long)a[1]);
						put_hex(out, f, prog.len);
					} else {
						fprintf(out, "seccomp %llu ?\n", (unsigned long long)a[1]);
					}
				} else if (info.entry.nr == SYS_rt_sigaction && a[1]) {
					fprintf(out, "rt_sigaction %llu\n", (unsigned long long)a[0]);
				} else {
					fprintf(out, "%llu\n", (unsigned long long)info.entry.nr);
				}
			}
		} else if (WIFSTOPPED(status) && status >> 16 == 0 && WSTOPSIG(status) != SIGSTOP && WSTOPSIG(status) != SIGTRAP) {
			sig = WSTOPSIG(status);   /* a signal for the tracee: deliver it */
		}
		ptrace(PTRACE_SYSCALL, pid, 0, sig);
	}
	fclose(out);
	return result;
}
