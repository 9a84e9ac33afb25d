/* pthread_create with PTHREAD_EXPLICIT_SCHED (libc/patches/0019). musl
 * 1.2.3 set the new thread's policy from the creating thread by its tid,
 * which the seccomp policy refuses (only id 0, the caller, is allowed), so
 * every such pthread_create failed with EPERM under confinement. Now the new
 * thread sets its own policy; the result must be what the kernel says when
 * a thread sets that policy on itself. That expectation is computed here:
 * a thread created the ordinary way calls pthread_setschedparam on itself
 * (id 0, allowed) with the same policy and priority. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

struct probe {
	int policy, prio;   /* what to ask for */
	int ret;            /* pthread_setschedparam's answer, in the thread */
	int got_policy, got_prio;
	int ran;
};

/* Ordinary thread: set the policy on itself, report. */
static void *self_set(void *p)
{
	struct probe *q = p;
	struct sched_param sp = { .sched_priority = q->prio };
	q->ret = pthread_setschedparam(pthread_self(), q->policy, &sp);
	return 0;
}

static int expected(int policy, int prio)
{
	struct probe q = { .policy = policy, .prio = prio };
	pthread_t t;
	if (pthread_create(&t, 0, self_set, &q)) return -1;
	pthread_join(t, 0);
	return q.ret;
}

/* Thread created with explicit scheduling: read its own policy. */
static void *observe(void *p)
{
	struct probe *q = p;
	struct sched_param sp;
	q->ran = 1;
	if (pthread_getschedparam(pthread_self(), &q->got_policy, &sp) == 0)
		q->got_prio = sp.sched_priority;
	else
		q->got_policy = -1;
	return 0;
}

static int explicit(struct probe *q)
{
	pthread_attr_t a;
	struct sched_param sp = { .sched_priority = q->prio };
	pthread_t t;
	pthread_attr_init(&a);
	pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&a, q->policy);
	pthread_attr_setschedparam(&a, &sp);
	int r = pthread_create(&t, &a, observe, q);
	pthread_attr_destroy(&a);
	if (!r) pthread_join(t, 0);
	return r;
}

static void one(const char *what, int policy, int prio, int must_succeed)
{
	char name[160];
	int want = expected(policy, prio);
	struct probe q = { .policy = policy, .prio = prio, .got_policy = -2 };
	int r = explicit(&q);
	printf("# %s: a thread setting it on itself gets %d (%s); pthread_create gives %d (%s)\n",
		what, want, strerror(want), r, strerror(r));
	snprintf(name, sizeof name, "%s: pthread_create gives what the kernel gives a thread setting it on itself", what);
	CHECK(name, r == want);
	if (must_succeed) {
		snprintf(name, sizeof name, "%s: succeeds", what);
		CHECK(name, r == 0);
	}
	if (r == 0) {
		snprintf(name, sizeof name, "%s: the new thread runs with policy %d priority %d", what, policy, prio);
		CHECK(name, q.ran && q.got_policy == policy && q.got_prio == prio);
	} else {
		snprintf(name, sizeof name, "%s: refused, the start function never ran", what);
		CHECK(name, !q.ran);
	}
}

int main(void)
{
	int policy0;
	struct sched_param sp0;
	CHECK("control: the main thread reads its own policy",
		pthread_getschedparam(pthread_self(), &policy0, &sp0) == 0);
	printf("# inherited: policy %d, priority %d\n", policy0, sp0.sched_priority);

	one("the inherited policy and priority", policy0, sp0.sched_priority, 1);
	one("SCHED_OTHER, 0", SCHED_OTHER, 0, 1);
	one("SCHED_BATCH, 0", SCHED_BATCH, 0, 1);
	/* real time: granted or refused by the kernel (CAP_SYS_NICE,
	 * RLIMIT_RTPRIO), never by the id the library names */
	one("SCHED_FIFO, 1", SCHED_FIFO, 1, 0);
	/* the failure path: an invalid policy, EINVAL from the kernel */
	one("policy 12345", 12345, 0, 0);
	CHECK("policy 12345 is EINVAL", expected(12345, 0) == EINVAL);

	int policy1;
	struct sched_param sp1;
	CHECK("the creating thread's own policy is unchanged",
		pthread_getschedparam(pthread_self(), &policy1, &sp1) == 0 &&
		policy1 == policy0 && sp1.sched_priority == sp0.sched_priority);

	/* many in a row: the hand-off between the threads holds */
	int bad = 0;
	for (int i = 0; i < 200; i++) {
		struct probe q = { .policy = i & 1 ? SCHED_BATCH : SCHED_OTHER };
		if (explicit(&q) || !q.ran || q.got_policy != q.policy) bad++;
	}
	CHECK("200 explicit creations alternating SCHED_OTHER and SCHED_BATCH", bad == 0);
	return report();
}
