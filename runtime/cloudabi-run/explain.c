/* cloudabi-run --explain: the launcher stays behind as the supervisor of
 * the program's seccomp user notifications (docs/confinement.md, "Denied
 * calls explained").
 *
 * The program's filter is the policy's with every denial returning
 * SECCOMP_RET_USER_NOTIF (filter.h's cloudabi_seccomp_filter_explain), so
 * a denied call waits in the kernel, not executed, until this process
 * answers it. The answer is always the policy's errno (EPERM, or ENOSYS
 * for numbers it does not know), never SECCOMP_USER_NOTIF_FLAG_CONTINUE:
 * the call never runs. Before answering it prints one line (explain.h).
 * When this process is gone, the kernel fails every such call with ENOSYS
 * on its own: still denied.
 *
 * The program is the child; the listener comes back from it over a
 * socket (it is made by the seccomp() call that installs the filter, in
 * the child, and is close-on-exec there). The supervisor relays the
 * child's exit: the same status, or death by the same signal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cloudabi-run.h"

#ifndef CLOUDABI_SECCOMP_FILTER
/* built without the policy (build.sh with no FILTER.c): main.c refuses
 * to confine before it gets here */
noreturn void explain_supervise(pid_t pid, int sock, int out, int audit)
{
	(void)pid, (void)sock, (void)out, (void)audit;
	fail("this cloudabi-run was built without its seccomp policy");
}
#else
#include "explain.h"

static pid_t child;

/* Signals meant for the program reach the launcher now (it kept the
 * caller's session): pass them on; its death is relayed below. */
static void forward(int sig)
{
	kill(child, sig);
}

/* The string at ADDR in the memory of the process behind CTX, through
 * its /proc/PID/mem (opened by handle() and checked against the
 * notification's id). Only shown, never used to decide anything. */
static long read_string(void *ctx, unsigned long long addr, char *out, size_t size)
{
	int mem = *(int *)ctx;
	if (mem < 0) return -1;
	ssize_t n = pread(mem, out, size - 1, (off_t)addr);
	if (n <= 0) {
		/* the string may end right before an unmapped page */
		n = 0;
		while ((size_t)n < size - 1 && pread(mem, out + n, 1, (off_t)(addr + n)) == 1 && out[n]) n++;
		if (!n && pread(mem, out, 1, (off_t)addr) != 1) return -1;
	}
	out[n] = 0;
	return (long)strlen(out);
}

static noreturn void relay(int out, int audit, const siginfo_t *si)
{
	/* Landlock's denials, whose records come after the calls */
	if (audit >= 0) explain_audit_finish(audit, child, out);
	if (si->si_code == CLD_EXITED) exit(si->si_status);
	int sig = si->si_status;
	if (sig == SIGSYS)
		dprintf(out, "%s: explain: the program was killed by SIGSYS, as the policy ends a system call of another "
			"architecture (int $0x80 on x86_64) or with the x32 bit; a program can also raise SIGSYS itself\n",
			progname);
	/* die of the same signal, without a core file (the program had none) */
	setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	exit(128 + sig);   /* a signal that does not kill (it did kill the program) */
}

/* One notification: print its line, then answer with the policy's errno
 * (or the probe's reply). */
static void handle(int listener, int out, struct seccomp_notif *req, struct seccomp_notif_resp *resp, size_t resp_size)
{
	const unsigned long long *args = (const unsigned long long *)req->data.args;
	memset(resp, 0, resp_size);
	resp->id = req->id;
	if (req->data.nr == CLOUDABI_EXPLAIN_PROBE_NR && args[0] == CLOUDABI_EXPLAIN_PROBE_A &&
	    args[1] == CLOUDABI_EXPLAIN_PROBE_B) {
		/* the libc's start-up asks whether a supervisor explains */
		resp->val = CLOUDABI_EXPLAIN_PROBE_REPLY;
	} else {
		/* Open the process's memory, then make sure the notification is
		 * still pending (so the pid was not reused in between), as
		 * seccomp_unotify(2) says. */
		char path[64], who[32], line[2048];
		snprintf(path, sizeof path, "/proc/%d/mem", (int)req->pid);
		int mem = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
		if (mem >= 0 && ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id)) {
			close(mem);
			return;   /* gone: nothing to answer */
		}
		snprintf(who, sizeof who, "process %d", (int)req->pid);
		int err = cloudabi_explain_line(line, sizeof line, progname, (pid_t)req->pid == child ? NULL : who,
						req->data.nr, args, read_string, &mem);
		if (mem >= 0) close(mem);
		resp->error = -err;
		size_t len = strlen(line);
		if (write(out, line, len) != (ssize_t)len) { /* the output is only a report */ }
	}
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) && errno != ENOENT) {
		/* ENOENT: the caller was interrupted or died; anything else
		 * leaves the call waiting, which cannot happen to a valid id */
	}
}

noreturn void explain_supervise(pid_t pid, int sock, int out, int audit)
{
	child = pid;
	struct sigaction sa = { .sa_handler = forward };
	sigemptyset(&sa.sa_mask);
	for (int s = 0; s < 4; s++) sigaction((int[]){ SIGINT, SIGTERM, SIGHUP, SIGQUIT }[s], &sa, NULL);
	/* a reader of the lines that goes away must not end the supervisor */
	signal(SIGPIPE, SIG_IGN);

	/* The listener, from the child (none if it failed before its filter:
	 * it has said why). */
	char byte;
	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } c;
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf, .msg_controllen = sizeof c.buf };
	int listener = -1;
	ssize_t got;
	do got = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (got < 0 && errno == EINTR);
	struct cmsghdr *h = got > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
	if (h && h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS) memcpy(&listener, CMSG_DATA(h), sizeof listener);
	close(sock);

	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct seccomp_notif_sizes sizes = { 0 };
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes)) sizes.seccomp_notif = sizes.seccomp_notif_resp = 0;
	size_t req_size = sizes.seccomp_notif > sizeof(struct seccomp_notif) ? sizes.seccomp_notif : sizeof(struct seccomp_notif);
	size_t resp_size = sizes.seccomp_notif_resp > sizeof(struct seccomp_notif_resp) ? sizes.seccomp_notif_resp
										      : sizeof(struct seccomp_notif_resp);
	struct seccomp_notif *req = malloc(req_size);
	struct seccomp_notif_resp *resp = malloc(resp_size);
	if (!req || !resp) fail("out of memory");

	for (;;) {
		/* Without pidfd_open (Linux before 5.3) the program's end is
		 * looked for every 100 ms. */
		struct pollfd p[3] = { { listener, POLLIN, 0 }, { pidfd, POLLIN, 0 }, { audit, POLLIN, 0 } };
		int r = poll(p, 3, pidfd < 0 ? 100 : -1);
		if (r < 0 && errno != EINTR) fail("poll: %s", strerror(errno));
		if (r > 0 && p[2].revents & POLLIN) explain_audit_read(audit, pid, out);
		siginfo_t si = { 0 };
		int w;
		do w = waitid(P_PID, pid, &si, WEXITED | WNOHANG);
		while (w < 0 && errno == EINTR);
		if (w) fail("waiting for the program: %s", strerror(errno));
		if (si.si_pid == pid) relay(out, audit, &si);
		if (r <= 0 || !(p[0].revents & POLLIN)) {
			/* no listener (the child failed before its filter, and has
			 * said why), or the last process of the filter has gone:
			 * only the program's end is left to wait for */
			if (listener < 0 || p[0].revents & (POLLHUP | POLLERR)) {
				do w = waitid(P_PID, pid, &si, WEXITED);
				while (w < 0 && errno == EINTR);
				if (w) fail("waiting for the program: %s", strerror(errno));
				relay(out, audit, &si);
			}
			continue;
		}
		memset(req, 0, req_size);
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req)) continue;   /* ENOENT: the caller is gone */
		handle(listener, out, req, resp, resp_size);
	}
}
#endif
