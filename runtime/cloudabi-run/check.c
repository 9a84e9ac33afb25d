/* What the kernel offers for confinement, and the report of --check
 * (cloudabi-run --check). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "cloudabi-run.h"

/* confine.h's system calls: the result, or -errno. */
long confine_syscall(long nr, long a, long b, long c, long d, long e)
{
	long r = syscall(nr, a, b, c, d, e);
	return r < 0 ? -errno : r;
}

bool seccomp_available(void)
{
	unsigned action = SECCOMP_RET_ERRNO;
	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

/* Does memfd_create know MFD_NOEXEC_SEAL (Linux 6.3)? The flags are
 * checked before the name: EINVAL without it, EFAULT with it. */
bool memfd_noexec_available(int landlock_abi)
{
	return confine_memfd_noexec_implied(landlock_abi) || !(syscall(SYS_memfd_create, NULL, 8 /* MFD_NOEXEC_SEAL */) < 0 && errno == EINVAL);
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

/* What Landlock ABI ABI leaves open that seccomp does not close either,
 * one item per right, each naming the ABI that closes it ("" when none).
 * Items must match vectors.tsv's gap column word for word: tests/vm
 * checks that an older kernel opens exactly the vectors named here.
 * Not listed, because the seccomp policy closes them on every kernel: TCP
 * bind/connect (ABI 4; socket, bind and connect are denied, a granted
 * socket is already bound or connected) and abstract UNIX sockets without
 * a granted datagram UNIX socket (ABI 6; connect and sendto with an
 * address are denied, and socketpair makes only connected pairs).
 * dgram_unix: a datagram UNIX socket is granted, whose sendmsg can name
 * any abstract address (the policy cannot read msg_name); ANY_GRANTS (for
 * --check, which knows no config) lists it too. memfd_noexec: the kernel
 * has MFD_NOEXEC_SEAL (Linux 6.3); without it the seccomp policy must allow
 * executable memfds (filter.h), so their exec is a gap too, though not
 * Landlock's. */
const char *landlock_gaps(int abi, int dgram_unix, bool memfd_noexec)
{
	static char buf[512];
	buf[0] = 0;
	if (abi < 3) strcat(buf, "truncating files in read-only directories (ABI 3); ");
	if (abi < 5) strcat(buf, "ioctl on devices (ABI 5); ");
	if (abi < 6) strcat(buf, "signals to other processes (ABI 6); ");
	if (abi < 6 && dgram_unix == ANY_GRANTS)
		strcat(buf, "abstract UNIX sockets, when a datagram UNIX socket is granted (ABI 6); ");
	else if (abi < 6 && dgram_unix)
		strcat(buf, "abstract UNIX sockets through the granted datagram socket (ABI 6); ");
	if (!memfd_noexec) strcat(buf, "exec of memory files (Linux 6.3); ");
	size_t l = strlen(buf);
	if (l >= 2) buf[l - 2] = 0;
	return buf;
}

void print_check(void)
{
	int abi = confine_landlock_abi();
	printf("landlock: %s", abi ? "available" : "missing");
	if (abi) printf(", ABI %d", abi);
	printf("\nseccomp: %s\n", seccomp_available() ? "available" : "missing");
	printf("user namespaces: %s\n", userns_available() ? "available" : "missing");
	if (!abi) printf("gaps: no Landlock: cloudabi-run refuses to run programs without --unconfined\n");
	else if (*landlock_gaps(abi, ANY_GRANTS, memfd_noexec_available(abi))) printf("gaps: not enforced on this kernel: %s\n", landlock_gaps(abi, ANY_GRANTS, memfd_noexec_available(abi)));
	else printf("gaps: none known\n");
}
