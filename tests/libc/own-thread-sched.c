/* Scheduling and affinity of the calling thread, which the seccomp policy
 * allows (by id 0), from a confined program. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include "check.h"

int main(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CHECK("pthread_getaffinity_np on the calling thread", pthread_getaffinity_np(pthread_self(), sizeof set, &set) == 0 &&
	      CPU_COUNT(&set) >= 1);
	CHECK("pthread_setaffinity_np on the calling thread", pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0);
	int policy;
	struct sched_param sp;
	CHECK("pthread_getschedparam on the calling thread", pthread_getschedparam(pthread_self(), &policy, &sp) == 0 &&
	      policy == SCHED_OTHER);
	CHECK("pthread_setschedprio on the calling thread (0 under SCHED_OTHER)", pthread_setschedprio(pthread_self(), 0) == 0);
	return report();
}
