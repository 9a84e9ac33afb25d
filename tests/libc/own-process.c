/* Kept libc functions that name the calling process or thread as 0, the
 * only id the seccomp policy allows for these calls, from a confined
 * program: getrlimit and setrlimit (prlimit64(0, ...)), nice
 * (getpriority/setpriority(PRIO_PROCESS, 0)), sysconf's processor count
 * (sched_getaffinity(0, ...)). Robust mutexes (get_robust_list(0)) have
 * their own program, robust-mutex.c; the calling thread's scheduling and
 * affinity are in own-thread-sched.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	struct rlimit nofile, core, now;
	CHECK("getrlimit(RLIMIT_NOFILE)", getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur > 2 &&
	      nofile.rlim_cur <= nofile.rlim_max);
	CHECK("getrlimit(RLIMIT_CORE)", getrlimit(RLIMIT_CORE, &core) == 0);
	struct rlimit lower = { 0, core.rlim_max };
	CHECK("setrlimit lowers the soft RLIMIT_CORE to 0", setrlimit(RLIMIT_CORE, &lower) == 0 &&
	      getrlimit(RLIMIT_CORE, &now) == 0 && now.rlim_cur == 0 && now.rlim_max == core.rlim_max);
	CHECK("setrlimit puts it back", setrlimit(RLIMIT_CORE, &core) == 0 && getrlimit(RLIMIT_CORE, &now) == 0 &&
	      now.rlim_cur == core.rlim_cur);

	errno = 0;
	int n = nice(0);
	CHECK("nice(0) reads the niceness", n != -1 || errno == 0);
	errno = 0;
	int m = nice(1);
	CHECK("nice(1) lowers the priority by one", m == (n < 19 ? n + 1 : 19) && errno == 0);

	cpu_set_t set;
	CPU_ZERO(&set);
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	CHECK("sysconf(_SC_NPROCESSORS_ONLN) counts the calling thread's processors",
	      pthread_getaffinity_np(pthread_self(), sizeof set, &set) == 0 && online == CPU_COUNT(&set));
	return report();
}
