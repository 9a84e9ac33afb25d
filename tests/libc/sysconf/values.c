/* Built twice by tests/libc/run.sh: for the host (glibc, the oracle) and
 * for each target; both print the same lines, which must agree. Memory in
 * bytes (the page sizes may differ). Processors: musl counts the caller's
 * affinity mask, glibc's sysconf the online processors in /sys, so the
 * host side prints its affinity count (what nproc prints). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <unistd.h>

int main(void)
{
	long phys = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	printf("phys_bytes %lld\n", phys < 0 ? -1ll : (long long)phys * page);
#ifdef __CloudABI__
	printf("processors %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("get_nprocs %d\n", get_nprocs());
#else
	cpu_set_t set;
	CPU_ZERO(&set);
	sched_getaffinity(0, sizeof set, &set);
	printf("processors %d\n", CPU_COUNT(&set));
	printf("get_nprocs %d\n", CPU_COUNT(&set));
#endif
	return phys > 0 ? 0 : 1;
}
