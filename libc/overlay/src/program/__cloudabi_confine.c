#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "filter.h"
#include "program_impl.h"
#include "syscall.h"

/*
 * Self-confinement, before any constructor runs (CONFINEMENT.md): every
 * program built with this toolchain confines itself to the descriptors it
 * inherited, whether cloudabi-run started it or not.
 *
 *   1. (the argdata descriptor has been read and closed already)
 *   2. no new privileges; every capability dropped when running as root;
 *   3. Landlock: every right the kernel's ABI knows is handled; each
 *      inherited directory descriptor gets every right but MAKE_CHAR and
 *      MAKE_BLOCK, each inherited regular file EXECUTE; the signal and
 *      abstract-socket scopes where the ABI has them;
 *   4. the seccomp filter of runtime/policy.
 *
 * Under cloudabi-run this narrows what is already confined (its filter
 * allows exactly these calls). A kernel that cannot confine (no Landlock,
 * no seccomp filters; qemu-user has neither) makes the program refuse to
 * start, unless CLOUDABI_ALLOW_UNCONFINED=1, which is honoured only then.
 */

#define LL_CREATE_RULESET_VERSION 1U
#define LL_RULE_PATH_BENEATH 1
#define LL_FS_EXECUTE    (1ULL << 0)
#define LL_FS_READ_FILE  (1ULL << 2)
#define LL_FS_MAKE_CHAR  (1ULL << 6)
#define LL_FS_MAKE_BLOCK (1ULL << 11)
#define LL_SCOPES        3ULL   /* abstract UNIX sockets, signals (ABI 6) */
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_SECCOMP   21
#define PR_CAPBSET_DROP  24
#define PR_CAP_AMBIENT   47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_MODE_FILTER 2

struct ll_ruleset_attr { uint64_t fs, net, scoped; };
struct ll_path_beneath { uint64_t allowed; int32_t parent_fd; } __attribute__((packed));
struct filter_prog { unsigned short len; const struct cloudabi_sock_filter *filter; };

static _Noreturn void refuse(const char *why)
{
	static const char head[] = "cloudabi: cannot start: ";
	static const char tail[] = " (CLOUDABI_ALLOW_UNCONFINED=1 runs it unconfined)\n";
	__syscall(SYS_write, 2, head, sizeof head - 1);
	__syscall(SYS_write, 2, why, strlen(why));
	__syscall(SYS_write, 2, tail, sizeof tail - 1);
	_Exit(127);
}

static int allow_unconfined(void)
{
	const char *v = getenv("CLOUDABI_ALLOW_UNCONFINED");
	return v && !strcmp(v, "1");
}

static int already_filtered(void)
{
	return __syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER;
}

static void drop_capabilities(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };   /* _LINUX_CAPABILITY_VERSION_3 */
	struct { uint32_t effective, permitted, inheritable; } data[2] = {{0}};
	/* Nothing to drop when nothing is permitted (under cloudabi-run, which
	 * dropped them all, capget itself is denied): dropping the bounding
	 * set needs CAP_SETPCAP anyway. */
	if (__syscall(SYS_capget, &hdr, data) || !(data[0].permitted | data[1].permitted)) return;
	memset(data, 0, sizeof data);
	for (int cap = 0; cap < 64; cap++)
		if (__syscall(SYS_prctl, PR_CAPBSET_DROP, cap, 0, 0, 0) == -EINVAL) break;   /* past the last */
	__syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	__syscall(SYS_capset, &hdr, data);
}

static uint64_t fs_rights(int abi)
{
	uint64_t all = (1ULL << 13) - 1;
	if (abi >= 2) all |= 1ULL << 13;   /* REFER */
	if (abi >= 3) all |= 1ULL << 14;   /* TRUNCATE */
	if (abi >= 5) all |= 1ULL << 15;   /* IOCTL_DEV */
	return all;
}

/* Rules for the inherited descriptors, found with poll(): one system call
 * per 256 descriptor numbers, stopping after a block with none open. */
static void inherited_rules(int ruleset, uint64_t handled)
{
	struct pollfd p[256];
	for (int base = 0; base < (1 << 20); base += 256) {
		for (int i = 0; i < 256; i++) p[i] = (struct pollfd){ .fd = base + i };
		if (__syscall(SYS_ppoll, p, 256, &(struct timespec){0}, 0, 8) < 0) return;
		int any = 0;
		for (int i = 0; i < 256; i++) {
			if (p[i].revents & POLLNVAL) continue;
			any = 1;
			if (base + i == ruleset) continue;   /* our own, not inherited */
			struct stat st;
			if (__syscall(SYS_fstat, base + i, &st)) continue;
			struct ll_path_beneath pb = { 0, base + i };
			if (S_ISDIR(st.st_mode)) pb.allowed = handled & ~(LL_FS_MAKE_CHAR | LL_FS_MAKE_BLOCK);
			else if (S_ISREG(st.st_mode)) pb.allowed = handled & (LL_FS_EXECUTE | LL_FS_READ_FILE);
			else continue;
			__syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &pb, 0);
		}
		if (!any && base) return;
	}
}

hidden void __cloudabi_confine(void)
{
	if (__syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		if (allow_unconfined()) return;
		refuse("no_new_privs is not available");
	}
	if (__syscall(SYS_geteuid) == 0) drop_capabilities();

	int abi = __syscall(SYS_landlock_create_ruleset, 0, 0, LL_CREATE_RULESET_VERSION);
	if (abi <= 0) {
		if (already_filtered()) goto seccomp;   /* a sandbox that hides Landlock */
		if (allow_unconfined()) return;
		refuse("this kernel has no Landlock");
	}
	struct ll_ruleset_attr attr = { .fs = fs_rights(abi) };
	size_t size = sizeof attr.fs;
	if (abi >= 4) { attr.net = 3; size = 2 * sizeof(uint64_t); }   /* TCP bind, connect */
	if (abi >= 6) { attr.scoped = LL_SCOPES; size = sizeof attr; }
	int rs = __syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (rs < 0) refuse("landlock_create_ruleset failed");
	inherited_rules(rs, attr.fs);
	if (__syscall(SYS_landlock_restrict_self, rs, 0)) refuse("landlock_restrict_self failed");
	__syscall(SYS_close, rs);

seccomp:;
	struct filter_prog prog = { cloudabi_seccomp_filter_len, cloudabi_seccomp_filter };
	/* Linux before 6.3 has no MFD_NOEXEC_SEAL (memfd_create's flags are
	 * checked before its name: EINVAL there): a copy of the filter that
	 * allows memfd_create without it, or tmpfile and program_exec could
	 * not work there (filter.h; cloudabi-run's warning names the gap). */
	struct cloudabi_sock_filter old_kernel[CLOUDABI_SECCOMP_FILTER_MAX];
	if (__syscall(SYS_memfd_create, 0, 8 /* MFD_NOEXEC_SEAL */) == -EINVAL) {
		cloudabi_seccomp_filter_without_noexec(old_kernel);
		prog.filter = old_kernel;
	}
	int r = __syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	if (r == 0) return;
	if (already_filtered()) return;    /* a filter that allows no nesting */
	if (allow_unconfined()) return;
	refuse("this kernel has no seccomp filters");
}
