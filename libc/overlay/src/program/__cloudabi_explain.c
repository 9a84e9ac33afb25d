#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "explain.h"
#include "program_impl.h"
#include "syscall.h"

/*
 * Denied calls explained in the process itself (docs/confinement.md,
 * "Denied calls explained"), for a program started with
 * CLOUDABI_EXPLAIN=1: the start-up installs the policy's filter with every
 * denial returning SECCOMP_RET_TRAP (filter.h) rather than an errno. The
 * kernel does not run the call; it sends SIGSYS, whose handler here prints
 * one line on stderr (runtime/policy/explain.h, the same line as
 * cloudabi-run --explain prints, prefixed "cloudabi") and sets the call's
 * result to the policy's errno, as the filter would have.
 *
 * Under cloudabi-run --explain, the launcher's supervisor explains
 * instead: the start-up asks it (the probe below) and, when it answers,
 * leaves its own filter out (a second filter's errno would take
 * precedence over the launcher's user notification, and nothing would be
 * explained).
 */

int __cloudabi_explain_requested(void)
{
	const char *v = getenv("CLOUDABI_EXPLAIN");
	return v && !strcmp(v, "1");
}

/* A number no row of the policy names, with two magic arguments: the
 * launcher's explain filter sends it to the supervisor like any unknown
 * number, and the supervisor alone answers CLOUDABI_EXPLAIN_PROBE_REPLY;
 * the kernel, the policy's filter and the TRAP variant (the handler
 * below) all make it ENOSYS. */
int __cloudabi_explain_supervised(void)
{
	return __syscall(CLOUDABI_EXPLAIN_PROBE_NR, (long)CLOUDABI_EXPLAIN_PROBE_A,
			 (long)CLOUDABI_EXPLAIN_PROBE_B, 0, 0, 0) == CLOUDABI_EXPLAIN_PROBE_REPLY;
}

/* A string of the process's own memory, without faulting on a bad
 * pointer: the kernel copies it into a pipe (EFAULT, or as much as is
 * mapped), and back. */
static long read_self(void *ctx, unsigned long long addr, char *out, size_t size)
{
	(void)ctx;
	int p[2];
	if (__syscall(SYS_pipe2, p, O_CLOEXEC)) return -1;
	long n = __syscall(SYS_write, p[1], (void *)(uintptr_t)addr, size - 1);
	if (n > 0) n = __syscall(SYS_read, p[0], out, n);
	__syscall(SYS_close, p[0]);
	__syscall(SYS_close, p[1]);
	if (n <= 0) return -1;
	out[n] = 0;
	return strlen(out);
}

static void explain_sigsys(int sig, siginfo_t *si, void *context)
{
	ucontext_t *uc = context;
	int saved = errno;
	if (si->si_code != 1 /* SYS_SECCOMP */) {
		/* a SIGSYS the program was sent, not a denial: its default */
		struct sigaction dfl = { .sa_handler = SIG_DFL };
		sigaction(sig, &dfl, 0);
		__syscall(SYS_tkill, __syscall(SYS_gettid), sig);
		return;
	}
#if defined(__x86_64__)
	greg_t *r = uc->uc_mcontext.gregs;
	unsigned long long a[6] = { r[REG_RDI], r[REG_RSI], r[REG_RDX], r[REG_R10], r[REG_R8], r[REG_R9] };
#elif defined(__aarch64__)
	unsigned long *r = uc->uc_mcontext.regs;
	unsigned long long a[6] = { r[0], r[1], r[2], r[3], r[4], r[5] };
#endif
	long result;
	if (si->si_syscall == CLOUDABI_EXPLAIN_PROBE_NR && a[0] == CLOUDABI_EXPLAIN_PROBE_A &&
	    a[1] == CLOUDABI_EXPLAIN_PROBE_B) {
		result = -ENOSYS;   /* the probe: no supervisor here */
	} else {
		char line[1024];
		result = -cloudabi_explain_line(line, sizeof line, "cloudabi", 0, si->si_syscall, a, read_self, 0);
		__syscall(SYS_write, 2, line, strlen(line));
	}
#if defined(__x86_64__)
	r[REG_RAX] = result;
#elif defined(__aarch64__)
	r[0] = result;
#endif
	errno = saved;
}

void __cloudabi_explain_trap(void)
{
	struct sigaction sa = { .sa_sigaction = explain_sigsys, .sa_flags = SA_SIGINFO | SA_RESTART };
	sigaction(SIGSYS, &sa, 0);
}
