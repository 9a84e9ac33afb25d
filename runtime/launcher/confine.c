/* What the kernel offers for confinement, and the report of --check. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "launcher.h"

#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif

/* The Landlock ABI version (0 when the kernel has no Landlock). */
int landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : (int)abi;
}

bool seccomp_available(void)
{
	unsigned action = SECCOMP_RET_ERRNO;
	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

bool userns_available(void)
{
	FILE *f = fopen("/proc/sys/user/max_user_namespaces", "r");
	long n = 0;
	if (f) {
		if (fscanf(f, "%ld", &n) != 1) n = 0;
		fclose(f);
	}
	return n > 0;
}

/* What a kernel with Landlock ABI ABI does not enforce (one line). */
const char *landlock_gaps(int abi)
{
	static char buf[512];
	buf[0] = 0;
	if (abi < 3) strcat(buf, "truncate of granted files; ");
	if (abi < 4) strcat(buf, "TCP bind/connect by a raw socket call (seccomp still denies socket()); ");
	if (abi < 5) strcat(buf, "ioctl on devices; ");
	if (abi < 6) strcat(buf, "signals to other processes of the same user, abstract UNIX sockets; ");
	size_t l = strlen(buf);
	if (l >= 2) buf[l - 2] = 0;
	return buf;
}

void print_check(void)
{
	int abi = landlock_abi();
	printf("landlock: %s", abi ? "available" : "missing");
	if (abi) printf(", ABI %d", abi);
	printf("\nseccomp: %s\n", seccomp_available() ? "available" : "missing");
	printf("user namespaces: %s\n", userns_available() ? "available" : "missing");
	if (!abi) printf("gaps: no Landlock: cloudabi-run refuses to run programs without --unconfined\n");
	else if (*landlock_gaps(abi)) printf("gaps: not enforced on this kernel: %s\n", landlock_gaps(abi));
	else printf("gaps: none known\n");
}
