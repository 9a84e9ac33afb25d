/* Process descriptors: pdfork, pdwait, pdkill (<sys/procdesc.h>).
 * On x86_64 clone(CLONE_PIDFD) makes the descriptor; under qemu-user
 * (aarch64) clone rejects CLONE_PIDFD and the pidfd_open fallback does. */
#include <sys/procdesc.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "pdspawn.h"

/* the declared types */
static int (*const pdfork_type)(int *, int) = pdfork;
static int (*const pdwait_type)(int, int *, int) = pdwait;
static int (*const pdkill_type)(int, int) = pdkill;

static void block_forever(void)
{
	for (;;)
		pause();
}

/* threads that keep malloc, stdio and the atfork locks busy */
static volatile int stop_threads;
static void *busy(void *arg)
{
	(void)arg;
	while (!stop_threads) {
		char *p = malloc(100 + (size_t)(rand() % 1000));
		FILE *f = fmemopen(NULL, 64, "w+");
		if (f) {
			fprintf(f, "%p", (void *)p);
			fclose(f);
		}
		free(p);
	}
	return NULL;
}

static int prepared, in_parent, in_child;
static void on_prepare(void) { prepared++; }
static void on_parent(void) { in_parent++; }
static void on_child(void) { in_child++; }

int main(void)
{
	int fd = -1, st = 0, r;
	alarm(60); /* a hang is a failure, not a stuck test run */

	CHECK("the declarations have the documented types",
	      pdfork_type && pdwait_type && pdkill_type);

	errno = 0;
	CHECK("pdfork with flags other than 0 fails with EINVAL",
	      pdfork(&fd, 1) == -1 && errno == EINVAL && fd == -1);
	errno = 0;
	CHECK("pdfork without a place for the descriptor fails with EINVAL",
	      pdfork(NULL, 0) == -1 && errno == EINVAL);

	/* exit status */
	r = spawn(&fd);
	if (r == 0)
		_exit(42);
	CHECK("pdfork returns 1 in the parent with a descriptor", r == 1 && fd >= 0);
	CHECK("the descriptor is close-on-exec",
	      (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	r = pdwait(fd, &st, 0);
	CHECK("pdwait reports the exit", r == 1);
	CHECK("WIFEXITED and WEXITSTATUS give 42",
	      WIFEXITED(st) && !WIFSIGNALED(st) && WEXITSTATUS(st) == 42);
	errno = 0;
	CHECK("pdwait again fails with ECHILD", pdwait(fd, &st, 0) == -1 && errno == ECHILD);
	errno = 0;
	CHECK("pdkill after the wait fails with ESRCH",
	      pdkill(fd, 0) == -1 && errno == ESRCH);
	close(fd);

	/* exit status 0, and a NULL status */
	r = spawn(&fd);
	if (r == 0)
		_exit(0);
	CHECK("pdwait with a NULL status", pdwait(fd, NULL, 0) == 1);
	close(fd);

	/* killed by pdkill */
	r = spawn(&fd);
	if (r == 0)
		block_forever();
	CHECK("pdkill(fd, 0) on a running child succeeds", pdkill(fd, 0) == 0);
	CHECK("pdkill(fd, SIGTERM) succeeds", pdkill(fd, SIGTERM) == 0);
	st = 0;
	CHECK("pdwait reports the kill", pdwait(fd, &st, 0) == 1);
	CHECK("WIFSIGNALED and WTERMSIG give SIGTERM",
	      WIFSIGNALED(st) && !WIFEXITED(st) && WTERMSIG(st) == SIGTERM);
	close(fd);

	/* WNOHANG on a running child, then the child writes to a pipe */
	int to_child[2], from_child[2];
	if (pipe(to_child) || pipe(from_child))
		return 1;
	r = spawn(&fd);
	if (r == 0) {
		char c;
		close(to_child[1]);
		close(from_child[0]);
		const char msg[] = "hello from the child";
		if (write(from_child[1], msg, sizeof msg) != sizeof msg)
			_exit(1);
		while (read(to_child[0], &c, 1) != 0) /* until the parent closes */
			;
		_exit(7);
	}
	close(to_child[0]);
	close(from_child[1]);
	char buf[64] = {0};
	ssize_t n = read(from_child[0], buf, sizeof buf);
	CHECK("the parent reads what the child wrote to a pipe",
	      n == (ssize_t)sizeof "hello from the child" &&
	      strcmp(buf, "hello from the child") == 0);
	st = 12345;
	r = pdwait(fd, &st, WNOHANG);
	CHECK("pdwait with WNOHANG on a running child returns 0", r == 0);
	CHECK("... and leaves the status alone", st == 12345);
	CHECK("... and the child is still there", pdkill(fd, 0) == 0);
	close(to_child[1]); /* the child exits */
	CHECK("then pdwait waits for the exit",
	      pdwait(fd, &st, 0) == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	close(fd);
	close(from_child[0]);

	/* WNOHANG once the child has exited */
	if (pipe(from_child))
		return 1;
	r = spawn(&fd);
	if (r == 0)
		_exit(3);
	close(from_child[1]);
	while (read(from_child[0], buf, 1) > 0) /* EOF: the child is gone */
		;
	close(from_child[0]);
	r = 0;
	for (int i = 0; i < 2000 && r == 0; i++) {
		r = pdwait(fd, &st, WNOHANG);
		if (r == 0)
			usleep(1000);
	}
	CHECK("pdwait with WNOHANG reports an exited child",
	      r == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 3);
	close(fd);

	/* stop and continue */
	r = spawn(&fd);
	if (r == 0)
		block_forever();
	pdkill(fd, SIGSTOP);
	CHECK("pdwait with WUNTRACED reports a stop",
	      pdwait(fd, &st, WUNTRACED) == 1 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	pdkill(fd, SIGCONT);
	CHECK("pdwait with WCONTINUED reports the continue",
	      pdwait(fd, &st, WCONTINUED) == 1 && WIFCONTINUED(st));
	pdkill(fd, SIGKILL);
	CHECK("then SIGKILL",
	      pdwait(fd, &st, 0) == 1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	close(fd);

	/* bad descriptors and options */
	errno = 0;
	CHECK("pdwait(-1) fails with EBADF", pdwait(-1, &st, 0) == -1 && errno == EBADF);
	errno = 0;
	CHECK("pdwait on a closed descriptor fails with EBADF",
	      pdwait(fd, &st, 0) == -1 && errno == EBADF);
	if (pipe(to_child))
		return 1;
	errno = 0;
	CHECK("pdwait on a pipe fails with EBADF",
	      pdwait(to_child[0], &st, 0) == -1 && errno == EBADF);
	errno = 0;
	CHECK("pdkill on a pipe fails with EBADF",
	      pdkill(to_child[0], 0) == -1 && errno == EBADF);
	errno = 0;
	CHECK("pdkill(-1) fails with EBADF", pdkill(-1, SIGTERM) == -1 && errno == EBADF);
	r = spawn(&fd);
	if (r == 0)
		block_forever();
	errno = 0;
	CHECK("pdwait with an unknown option fails with EINVAL",
	      pdwait(fd, &st, 0x40000) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("pdkill with an invalid signal fails with EINVAL",
	      pdkill(fd, 12345) == -1 && errno == EINVAL);
	pdkill(fd, SIGKILL);
	pdwait(fd, &st, 0);
	close(fd);

	/* closing the descriptor does not kill the child (Linux) */
	{
		int ask[2], answer[2];
		if (pipe(ask) || pipe(answer))
			return 1;
		r = spawn(&fd);
		if (r == 0) {
			char c;
			close(ask[1]);
			close(answer[0]);
			if (read(ask[0], &c, 1) != 1)
				_exit(1);
			if (write(answer[1], "alive", 5) != 5)
				_exit(1);
			_exit(0);
		}
		close(ask[0]);
		close(answer[1]);
		close(fd);
		usleep(10000);
		memset(buf, 0, sizeof buf);
		CHECK("after close(fd) the child still runs and answers",
		      write(ask[1], "?", 1) == 1 && read(answer[0], buf, 5) == 5 &&
		      memcmp(buf, "alive", 5) == 0);
		close(ask[1]);
		close(answer[0]);
	}
	close(to_child[0]);
	close(to_child[1]);

	/* threads in the parent, pthread_atfork handlers */
	pthread_t threads[4];
	pthread_atfork(on_prepare, on_parent, on_child);
	int started = 1;
	for (int i = 0; i < 4; i++)
		started &= pthread_create(&threads[i], NULL, busy, NULL) == 0;
	CHECK("four busy threads started", started);
	int good = 0, rounds = 20;
	for (int i = 0; i < rounds; i++) {
		int p[2];
		if (pipe(p))
			break;
		r = spawn(&fd);
		if (r == 0) {
			/* the child uses malloc and stdio, whose locks other
			 * threads held, and sees only the child handler */
			char *m = malloc(1000);
			char line[64];
			int len = snprintf(line, sizeof line, "child %d %d", i, in_child);
			FILE *f = fdopen(p[1], "w");
			if (!m || !f || fputs(line, f) < 0 || fclose(f))
				_exit(1);
			free(m);
			_exit(len > 0 ? 0 : 1);
		}
		close(p[1]);
		char want[64], got[64] = {0};
		snprintf(want, sizeof want, "child %d %d", i, in_child + 1);
		ssize_t k = read(p[0], got, sizeof got - 1);
		close(p[0]);
		if (r == 1 && k > 0 && strcmp(got, want) == 0 &&
		    pdwait(fd, &st, 0) == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			good++;
		if (r == 1)
			close(fd);
	}
	stop_threads = 1;
	for (int i = 0; i < 4; i++)
		pthread_join(threads[i], NULL);
	CHECK("pdfork with busy threads: every child ran and exited 0", good == rounds);
	CHECK("the prepare and parent atfork handlers ran once per pdfork",
	      prepared == rounds && in_parent == rounds);
	CHECK("the child handler ran in the child only", in_child == 0);

	return report();
}
