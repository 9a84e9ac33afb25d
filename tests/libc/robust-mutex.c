/* Robust mutexes from a confined program (issue 15). musl's
 * pthread_mutexattr_setrobust first asks get_robust_list(0, ...) whether
 * the kernel keeps robust futex lists; the seccomp policy allows that call
 * for pid 0 only. Without it the attribute fails with EPERM, the mutex is
 * an ordinary one, and a thread waiting for a dead owner waits forever.
 *
 * Every wait here is pthread_mutex_timedlock with a deadline (WAIT
 * seconds), so a mutex that is not robust makes a case fail by timing out
 * instead of hanging the suite; alarm() bounds the whole program.
 *
 * Cases: an owner thread that returns holding the lock (the next locker
 * gets EOWNERDEAD, pthread_mutex_consistent makes the mutex usable again);
 * a waiter already blocked when the owner exits; an unlock without
 * pthread_mutex_consistent (ENOTRECOVERABLE from then on); a detached
 * owner; an owner holding two robust mutexes; priority inheritance; and
 * process-shared robust mutexes in shared memory across pdfork, with a
 * child that exits and one that is killed while holding the lock (the
 * kernel walks the list registered by set_robust_list then). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/procdesc.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "pdspawn.h"

#define WAIT 5 /* seconds: far more than a thread or process exit takes */

static int lock_within(pthread_mutex_t *m, int seconds)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += seconds;
	return pthread_mutex_timedlock(m, &t);
}

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&t, NULL);
}

/* An owner: locks each of its mutexes, says so on a pipe, optionally
 * waits for a byte on another, and returns still holding them all. */
struct owner {
	pthread_mutex_t *m[2];
	int n;
	int result[2];
	int locked_fd; /* write end: one byte once everything is locked, or -1 */
	int go_fd;     /* read end: wait for a byte (or EOF) before exiting, or -1 */
};

static void *hold_and_exit(void *p)
{
	struct owner *o = p;
	for (int i = 0; i < o->n; i++)
		o->result[i] = lock_within(o->m[i], WAIT);
	if (o->locked_fd >= 0 && write(o->locked_fd, "L", 1) != 1)
		o->result[0] = -1;
	char c;
	if (o->go_fd >= 0 && read(o->go_fd, &c, 1) < 0)
		o->result[0] = -1;
	return NULL; /* exits with the locks held */
}

/* Starts an owner thread on the given mutexes and joins it: when this
 * returns, the owner has exited holding them. Returns 1 if it locked
 * them all. */
static int owner_exits_holding(pthread_mutex_t *a, pthread_mutex_t *b)
{
	struct owner o = { { a, b }, b ? 2 : 1, { -1, -1 }, -1, -1 };
	pthread_t t;
	if (pthread_create(&t, NULL, hold_and_exit, &o) || pthread_join(t, NULL))
		return 0;
	return o.result[0] == 0 && (!b || o.result[1] == 0);
}

/* A waiter: one timed lock; if it gets EOWNERDEAD, recovers and unlocks. */
struct waiter {
	pthread_mutex_t *m;
	int result, consistent, unlocked;
	volatile int done;
};

static void *wait_for_lock(void *p)
{
	struct waiter *w = p;
	w->consistent = w->unlocked = -1;
	w->result = lock_within(w->m, WAIT);
	if (w->result == EOWNERDEAD)
		w->consistent = pthread_mutex_consistent(w->m);
	if (w->result == 0 || w->result == EOWNERDEAD)
		w->unlocked = pthread_mutex_unlock(w->m);
	w->done = 1;
	return NULL;
}

/* A second thread locks and unlocks: the mutex is usable from elsewhere. */
static int lock_from_another_thread(pthread_mutex_t *m)
{
	struct waiter w = { m, -1, -1, -1, 0 };
	pthread_t t;
	if (pthread_create(&t, NULL, wait_for_lock, &w) || pthread_join(t, NULL))
		return -1;
	return w.result == 0 && w.unlocked == 0 ? 0 : w.result ? w.result : -1;
}

static int init_robust(pthread_mutex_t *m, int type, int pshared, int protocol)
{
	pthread_mutexattr_t a;
	int r = pthread_mutexattr_init(&a);
	if (!r) r = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	if (!r) r = pthread_mutexattr_settype(&a, type);
	if (!r) r = pthread_mutexattr_setpshared(&a, pshared);
	if (!r) r = pthread_mutexattr_setprotocol(&a, protocol);
	if (!r) r = pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
	return r;
}

/* The basic case for one kind of robust mutex: the owner thread exits
 * holding it, the next locker gets EOWNERDEAD and recovers it. */
static void owner_thread_exits(const char *kind, int pshared, int protocol)
{
	char name[200];
	pthread_mutex_t m;
	snprintf(name, sizeof name, "%s: pthread_mutex_init", kind);
	CHECK(name, init_robust(&m, PTHREAD_MUTEX_NORMAL, pshared, protocol) == 0);
	snprintf(name, sizeof name, "%s: an owner thread locks it and exits", kind);
	CHECK(name, owner_exits_holding(&m, NULL));
	int r = lock_within(&m, WAIT);
	snprintf(name, sizeof name, "%s: the next locker gets EOWNERDEAD (got %s)", kind, strerror(r));
	CHECK(name, r == EOWNERDEAD);
	snprintf(name, sizeof name, "%s: pthread_mutex_consistent by the new owner", kind);
	CHECK(name, pthread_mutex_consistent(&m) == 0);
	snprintf(name, sizeof name, "%s: pthread_mutex_consistent again is EINVAL (already consistent)", kind);
	CHECK(name, pthread_mutex_consistent(&m) == EINVAL);
	snprintf(name, sizeof name, "%s: unlock", kind);
	CHECK(name, pthread_mutex_unlock(&m) == 0);
	snprintf(name, sizeof name, "%s: then it locks normally (0, not EOWNERDEAD)", kind);
	CHECK(name, lock_within(&m, WAIT) == 0 && pthread_mutex_unlock(&m) == 0);
	snprintf(name, sizeof name, "%s: trylock works after recovery", kind);
	CHECK(name, pthread_mutex_trylock(&m) == 0 && pthread_mutex_unlock(&m) == 0);
	snprintf(name, sizeof name, "%s: another thread locks it after recovery", kind);
	CHECK(name, lock_from_another_thread(&m) == 0);
	pthread_mutex_destroy(&m);
}

static void process_shared(void)
{
	pthread_mutex_t *m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("process-shared: shared memory for the mutex", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;

	/* the child locks and exits */
	CHECK("process-shared: pthread_mutex_init in shared memory",
	      init_robust(m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_SHARED, PTHREAD_PRIO_NONE) == 0);
	int p[2], fd = -1, st = -1, r;
	if (pipe(p))
		return;
	r = spawn(&fd);
	if (r == 0) {
		int e = lock_within(m, WAIT);
		if (write(p[1], &e, sizeof e) != sizeof e)
			_exit(2);
		_exit(0); /* with the lock held */
	}
	int child = -1;
	CHECK("process-shared: pdfork", r == 1);
	CHECK("process-shared: the child locks it",
	      r == 1 && read(p[0], &child, sizeof child) == sizeof child && child == 0);
	CHECK("process-shared: the child exits holding it",
	      r == 1 && pdwait(fd, &st, 0) == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (r == 1)
		close(fd);
	r = lock_within(m, WAIT);
	CHECK("process-shared: the parent then gets EOWNERDEAD", r == EOWNERDEAD);
	CHECK("process-shared: pthread_mutex_consistent and unlock",
	      pthread_mutex_consistent(m) == 0 && pthread_mutex_unlock(m) == 0);
	CHECK("process-shared: then it locks normally", lock_within(m, WAIT) == 0 && pthread_mutex_unlock(m) == 0);

	/* the child is killed holding it while a thread of the parent waits */
	r = spawn(&fd);
	if (r == 0) {
		int e = lock_within(m, WAIT);
		if (write(p[1], &e, sizeof e) != sizeof e)
			_exit(2);
		for (;;)
			pause();
	}
	child = -1;
	CHECK("process-shared: a second child locks it",
	      r == 1 && read(p[0], &child, sizeof child) == sizeof child && child == 0);
	struct waiter w = { m, -1, -1, -1, 0 };
	pthread_t t;
	int started = pthread_create(&t, NULL, wait_for_lock, &w) == 0;
	pause_ms(200);
	CHECK("process-shared: a waiting thread of the parent stays blocked while the child lives",
	      started && !w.done);
	CHECK("process-shared: the child is killed (SIGKILL) holding it",
	      r == 1 && pdkill(fd, SIGKILL) == 0 && pdwait(fd, &st, 0) == 1 && WIFSIGNALED(st) &&
	      WTERMSIG(st) == SIGKILL);
	if (r == 1)
		close(fd);
	if (started)
		pthread_join(t, NULL);
	CHECK("process-shared: the waiting thread is woken with EOWNERDEAD", w.result == EOWNERDEAD);
	CHECK("process-shared: ... recovers it and unlocks", w.consistent == 0 && w.unlocked == 0);
	CHECK("process-shared: then it locks normally again", lock_within(m, WAIT) == 0 && pthread_mutex_unlock(m) == 0);
	pthread_mutex_destroy(m);
	munmap(m, sizeof *m);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	alarm(150); /* a hang is a failure, not a stuck test run */

	pthread_mutexattr_t a;
	int robust = -1;
	pthread_mutexattr_init(&a);
	CHECK("a mutex attribute is PTHREAD_MUTEX_STALLED by default",
	      pthread_mutexattr_getrobust(&a, &robust) == 0 && robust == PTHREAD_MUTEX_STALLED);
	CHECK("pthread_mutexattr_setrobust with an invalid value is EINVAL", pthread_mutexattr_setrobust(&a, 2) == EINVAL);
	int r = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	if (r == ENOSYS && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2) {
		/* qemu-user answers get_robust_list with ENOSYS (it cannot
		 * keep a robust list for the guest) and PR_GET_SECCOMP with
		 * EINVAL; it is the only place a program runs here without a
		 * seccomp filter. Confined (PR_GET_SECCOMP is 2, a real
		 * kernel), ENOSYS is a failure below. */
		SKIP("robust mutexes", "no robust futex list here (qemu-user, unconfined)");
		return report();
	}
	char name[200];
	snprintf(name, sizeof name, "pthread_mutexattr_setrobust(PTHREAD_MUTEX_ROBUST) succeeds: get_robust_list(0) "
		 "is allowed (got %s)", r ? strerror(r) : "0");
	CHECK(name, r == 0);
	CHECK("pthread_mutexattr_getrobust then gives PTHREAD_MUTEX_ROBUST",
	      pthread_mutexattr_getrobust(&a, &robust) == 0 && robust == PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_destroy(&a);

	owner_thread_exits("private", PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE);
	owner_thread_exits("process-shared attribute, owner a thread", PTHREAD_PROCESS_SHARED, PTHREAD_PRIO_NONE);
	owner_thread_exits("priority inheritance", PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_INHERIT);

	/* a waiter already blocked when the owner exits */
	{
		pthread_mutex_t m;
		int locked[2], go[2];
		CHECK("blocked waiter: pthread_mutex_init",
		      init_robust(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0);
		if (pipe(locked) || pipe(go))
			return 1;
		struct owner o = { { &m, NULL }, 1, { -1, -1 }, locked[1], go[0] };
		struct waiter w = { &m, -1, -1, -1, 0 };
		pthread_t ot, wt;
		char c = 0;
		int started = pthread_create(&ot, NULL, hold_and_exit, &o) == 0;
		CHECK("blocked waiter: the owner thread locks it",
		      started && read(locked[0], &c, 1) == 1 && o.result[0] == 0);
		int wstarted = pthread_create(&wt, NULL, wait_for_lock, &w) == 0;
		pause_ms(200);
		CHECK("blocked waiter: the waiter stays blocked while the owner lives", wstarted && !w.done);
		close(go[1]); /* the owner exits */
		if (started)
			pthread_join(ot, NULL);
		if (wstarted)
			pthread_join(wt, NULL);
		CHECK("blocked waiter: woken with EOWNERDEAD when the owner exits", w.result == EOWNERDEAD);
		CHECK("blocked waiter: it makes the mutex consistent and unlocks", w.consistent == 0 && w.unlocked == 0);
		CHECK("blocked waiter: then it locks normally", lock_within(&m, WAIT) == 0 && pthread_mutex_unlock(&m) == 0);
		pthread_mutex_destroy(&m);
		close(locked[0]);
		close(locked[1]);
		close(go[0]);
	}

	/* unlock without pthread_mutex_consistent: not recoverable */
	{
		pthread_mutex_t m;
		CHECK("not recovered: pthread_mutex_init",
		      init_robust(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0);
		CHECK("not recovered: an owner thread locks it and exits", owner_exits_holding(&m, NULL));
		r = lock_within(&m, WAIT);
		CHECK("not recovered: the next locker gets EOWNERDEAD", r == EOWNERDEAD);
		CHECK("not recovered: it unlocks without pthread_mutex_consistent", pthread_mutex_unlock(&m) == 0);
		r = lock_within(&m, 1);
		CHECK("not recovered: a timed lock is then ENOTRECOVERABLE", r == ENOTRECOVERABLE);
		CHECK("not recovered: so is trylock", pthread_mutex_trylock(&m) == ENOTRECOVERABLE);
		CHECK("not recovered: and a lock from another thread", lock_from_another_thread(&m) == ENOTRECOVERABLE);
		CHECK("not recovered: pthread_mutex_consistent cannot revive it (musl: EPERM)", pthread_mutex_consistent(&m) != 0);
		CHECK("not recovered: destroy and init again make it usable",
		      pthread_mutex_destroy(&m) == 0 &&
		      init_robust(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0 &&
		      lock_within(&m, WAIT) == 0 && pthread_mutex_unlock(&m) == 0);
		pthread_mutex_destroy(&m);
	}

	/* a detached owner: nobody joins it */
	{
		pthread_mutex_t m;
		int locked[2];
		CHECK("detached owner: pthread_mutex_init",
		      init_robust(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0);
		if (pipe(locked))
			return 1;
		static struct owner o; /* outlives this block: the thread is not joined */
		o = (struct owner){ { &m, NULL }, 1, { -1, -1 }, locked[1], -1 };
		pthread_attr_t ta;
		pthread_t t;
		char c = 0;
		int started = pthread_attr_init(&ta) == 0 &&
			      pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED) == 0 &&
			      pthread_create(&t, &ta, hold_and_exit, &o) == 0;
		pthread_attr_destroy(&ta);
		CHECK("detached owner: it locks the mutex and exits",
		      started && read(locked[0], &c, 1) == 1 && o.result[0] == 0);
		r = lock_within(&m, WAIT);
		CHECK("detached owner: the next locker gets EOWNERDEAD", r == EOWNERDEAD);
		CHECK("detached owner: pthread_mutex_consistent and unlock",
		      pthread_mutex_consistent(&m) == 0 && pthread_mutex_unlock(&m) == 0);
		CHECK("detached owner: then it locks normally", lock_within(&m, WAIT) == 0 && pthread_mutex_unlock(&m) == 0);
		pthread_mutex_destroy(&m);
		close(locked[0]);
		close(locked[1]);
	}

	/* an owner holding two robust mutexes (one error-checking) */
	{
		pthread_mutex_t m1, m2;
		CHECK("two mutexes: pthread_mutex_init (normal and error-checking)",
		      init_robust(&m1, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0 &&
		      init_robust(&m2, PTHREAD_MUTEX_ERRORCHECK, PTHREAD_PROCESS_PRIVATE, PTHREAD_PRIO_NONE) == 0);
		CHECK("two mutexes: an owner thread locks both and exits", owner_exits_holding(&m1, &m2));
		CHECK("two mutexes: the first is EOWNERDEAD", lock_within(&m1, WAIT) == EOWNERDEAD);
		CHECK("two mutexes: the second is EOWNERDEAD", lock_within(&m2, WAIT) == EOWNERDEAD);
		CHECK("two mutexes: both recover",
		      pthread_mutex_consistent(&m1) == 0 && pthread_mutex_consistent(&m2) == 0 &&
		      pthread_mutex_unlock(&m2) == 0 && pthread_mutex_unlock(&m1) == 0);
		CHECK("two mutexes: the error-checking one still refuses an unlock by a non-owner",
		      pthread_mutex_unlock(&m2) == EPERM);
		pthread_mutex_destroy(&m1);
		pthread_mutex_destroy(&m2);
	}

	process_shared();
	return report();
}
