/* sysconf's memory and processor counts under confinement. musl 1.2.3
 * ignored a failed sysinfo, and the seccomp policy denied sysinfo, so
 * _SC_PHYS_PAGES and _SC_AVPHYS_PAGES were a silent 0 (errno EPERM); now
 * the policy allows sysinfo (read-only counts, see runtime/policy) and a
 * failure would be -1 (libc/patches/0020). The figures themselves are
 * compared with the host's glibc in run.sh (sysconf/values.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	errno = 0;
	long phys = sysconf(_SC_PHYS_PAGES);
	int e = errno;
	printf("# _SC_PHYS_PAGES %ld (errno %d)\n", phys, e);
	CHECK("sysconf(_SC_PHYS_PAGES) is a positive count, errno untouched", phys > 0 && e == 0);

	errno = 0;
	long av = sysconf(_SC_AVPHYS_PAGES);
	e = errno;
	printf("# _SC_AVPHYS_PAGES %ld (errno %d)\n", av, e);
	CHECK("sysconf(_SC_AVPHYS_PAGES) is positive, errno untouched", av > 0 && e == 0);
	CHECK("available pages do not exceed physical pages", av <= phys);

	long page = sysconf(_SC_PAGESIZE);
	CHECK("physical memory is at least 16 MiB", phys > 0 && (unsigned long long)phys * page >= 16ull << 20);
	CHECK("get_phys_pages() is sysconf(_SC_PHYS_PAGES)", get_phys_pages() == phys);
	CHECK("get_avphys_pages() is positive", get_avphys_pages() > 0);

	/* processors: the calling thread's affinity (id 0, allowed) */
	cpu_set_t set;
	CPU_ZERO(&set);
	int r = pthread_getaffinity_np(pthread_self(), sizeof set, &set);
	int n = CPU_COUNT(&set);
	printf("# pthread_getaffinity_np %d, %d processors; get_nprocs %d\n", r, n, get_nprocs());
	CHECK("control: pthread_getaffinity_np on the caller works confined", r == 0 && n >= 1);
	CHECK("sysconf(_SC_NPROCESSORS_ONLN) is the affinity count", sysconf(_SC_NPROCESSORS_ONLN) == n);
	CHECK("get_nprocs() is the affinity count", get_nprocs() == n);
	CHECK("get_nprocs_conf() is at least get_nprocs()", get_nprocs_conf() >= get_nprocs());
	return report();
}
