/* The Landlock and capability half of confinement, written once for both
 * places that confine: cloudabi-run (a host glibc program, before it execs
 * the program) and the libc's start-up code (musl target code, before any
 * constructor runs). filter.h is the seccomp half.
 *
 * The includer defines CONFINE_SYSCALL(nr, a, b, c, d, e): a system call
 * that returns its result, or -errno on failure (musl's __syscall is one;
 * cloudabi-run wraps glibc's syscall()). Everything here is static inline
 * and names no header beyond <stdint.h>, so either side can include it.
 *
 * The failure rule, the same on both sides: a step whose failure would
 * leave the program with more authority than intended (no_new_privs,
 * dropping capabilities, creating or enforcing the Landlock ruleset, the
 * seccomp filter) stops the program before it runs: cloudabi-run exits 2,
 * the start-up code refuses to start (exit 127). A rule that cannot be
 * added only takes access away: self-confinement skips it (an inherited
 * descriptor the kernel will not make a rule for, such as a memfd, keeps
 * no path rights), while cloudabi-run stops, since its rules are the grants
 * its user asked for. The one way to run unconfined is to say so
 * (cloudabi-run --unconfined; CLOUDABI_ALLOW_UNCONFINED=1, honoured only
 * where the kernel cannot confine at all). */
#ifndef CLOUDABI_POLICY_CONFINE_H
#define CLOUDABI_POLICY_CONFINE_H

#include <stdint.h>

/* Landlock's interface (linux/landlock.h), spelled out: neither the libc's
 * headers nor Debian 12's kernel headers know the newer rights. */
#define CONFINE_CREATE_RULESET_VERSION 1U
#define CONFINE_RULE_PATH_BENEATH 1
#define CONFINE_FS_EXECUTE     (1ULL << 0)
#define CONFINE_FS_WRITE_FILE  (1ULL << 1)
#define CONFINE_FS_READ_FILE   (1ULL << 2)
#define CONFINE_FS_READ_DIR    (1ULL << 3)
#define CONFINE_FS_REMOVE_DIR  (1ULL << 4)
#define CONFINE_FS_REMOVE_FILE (1ULL << 5)
#define CONFINE_FS_MAKE_CHAR   (1ULL << 6)
#define CONFINE_FS_MAKE_DIR    (1ULL << 7)
#define CONFINE_FS_MAKE_REG    (1ULL << 8)
#define CONFINE_FS_MAKE_SOCK   (1ULL << 9)
#define CONFINE_FS_MAKE_FIFO   (1ULL << 10)
#define CONFINE_FS_MAKE_BLOCK  (1ULL << 11)
#define CONFINE_FS_MAKE_SYM    (1ULL << 12)
#define CONFINE_FS_REFER       (1ULL << 13)   /* ABI 2 */
#define CONFINE_FS_TRUNCATE    (1ULL << 14)   /* ABI 3 */
#define CONFINE_FS_IOCTL_DEV   (1ULL << 15)   /* ABI 5 */
#define CONFINE_NET_BIND_TCP    (1ULL << 0)   /* ABI 4 */
#define CONFINE_NET_CONNECT_TCP (1ULL << 1)
#define CONFINE_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)   /* ABI 6 */
#define CONFINE_SCOPE_SIGNAL               (1ULL << 1)

struct confine_ruleset_attr { uint64_t fs, net, scoped; };
struct confine_path_beneath { uint64_t allowed; int32_t parent_fd; } __attribute__((packed));

/* prctl and capabilities (linux/prctl.h, linux/capability.h). */
#define CONFINE_PR_SET_NO_NEW_PRIVS 38
#define CONFINE_CAP_VERSION_3 0x20080522

/* The Landlock ABI of this kernel, 0 when it has none. */
static inline int confine_landlock_abi(void)
{
	long abi = CONFINE_SYSCALL(SYS_landlock_create_ruleset, 0, 0, CONFINE_CREATE_RULESET_VERSION, 0, 0);
	return abi < 0 ? 0 : (int)abi;
}

/* What a ruleset handles: every right the kernel's ABI knows, so that
 * whatever no rule allows is denied. Returns the size of the attribute
 * structure that ABI takes. */
static inline unsigned long confine_handled(int abi, struct confine_ruleset_attr *attr)
{
	unsigned long size = sizeof attr->fs;
	attr->fs = (1ULL << 13) - 1;   /* ABI 1: EXECUTE .. MAKE_SYM */
	attr->net = attr->scoped = 0;
	if (abi >= 2) attr->fs |= CONFINE_FS_REFER;
	if (abi >= 3) attr->fs |= CONFINE_FS_TRUNCATE;
	if (abi >= 4) { attr->net = CONFINE_NET_BIND_TCP | CONFINE_NET_CONNECT_TCP; size = 2 * sizeof(uint64_t); }
	if (abi >= 5) attr->fs |= CONFINE_FS_IOCTL_DEV;
	if (abi >= 6) { attr->scoped = CONFINE_SCOPE_ABSTRACT_UNIX_SOCKET | CONFINE_SCOPE_SIGNAL; size = sizeof *attr; }
	return size;
}

/* The rights a directory can be granted, by cloudabi-run's words. */
#define CONFINE_GRANT_READ   (1u << 0)   /* read */
#define CONFINE_GRANT_WRITE  (1u << 1)   /* write */
#define CONFINE_GRANT_CREATE (1u << 2)   /* create */
#define CONFINE_GRANT_REMOVE (1u << 3)   /* remove */
#define CONFINE_GRANT_EXEC   (1u << 4)   /* exec */

/* The Landlock rights of a directory granted with the words in GRANT.
 * Never MAKE_CHAR, MAKE_BLOCK or IOCTL_DEV. */
static inline uint64_t confine_grant_rights(unsigned grant)
{
	uint64_t a = 0;
	if (grant & CONFINE_GRANT_READ) a |= CONFINE_FS_READ_FILE | CONFINE_FS_READ_DIR;
	if (grant & CONFINE_GRANT_WRITE) a |= CONFINE_FS_WRITE_FILE | CONFINE_FS_TRUNCATE;
	if (grant & CONFINE_GRANT_CREATE)
		a |= CONFINE_FS_MAKE_REG | CONFINE_FS_MAKE_DIR | CONFINE_FS_MAKE_SYM |
		     CONFINE_FS_MAKE_FIFO | CONFINE_FS_MAKE_SOCK;
	if (grant & CONFINE_GRANT_REMOVE) a |= CONFINE_FS_REMOVE_FILE | CONFINE_FS_REMOVE_DIR;
	if (grant & CONFINE_GRANT_EXEC) a |= CONFINE_FS_EXECUTE;
	/* moving files within or between trees needs both */
	if ((grant & CONFINE_GRANT_CREATE) && (grant & CONFINE_GRANT_REMOVE)) a |= CONFINE_FS_REFER;
	return a;
}

/* The rights of a descriptor a program inherited, at self-confinement: a
 * directory keeps every right but making devices; a regular file may be
 * read and executed (a program passes itself on to program_exec). */
static inline uint64_t confine_inherited_rights(int directory, uint64_t handled)
{
	if (directory) return handled & ~(CONFINE_FS_MAKE_CHAR | CONFINE_FS_MAKE_BLOCK);
	return handled & (CONFINE_FS_EXECUTE | CONFINE_FS_READ_FILE);
}

static inline long confine_create_ruleset(const struct confine_ruleset_attr *attr, unsigned long size)
{
	return CONFINE_SYSCALL(SYS_landlock_create_ruleset, (long)attr, size, 0, 0, 0);
}

static inline long confine_add_rule(int ruleset, int fd, uint64_t allowed)
{
	struct confine_path_beneath pb = { allowed, fd };
	return CONFINE_SYSCALL(SYS_landlock_add_rule, ruleset, CONFINE_RULE_PATH_BENEATH, (long)&pb, 0, 0);
}

/* landlock_restrict_self's flags (Landlock ABI 7, Linux 6.15): by default
 * the kernel's audit records the denials of the process that made the
 * domain only until it execs; this flag records them in the programs it
 * execs too (cloudabi-run --explain, which reads them: explain-audit.c). */
#define CONFINE_RESTRICT_SELF_LOG_NEW_EXEC_ON (1U << 1)

static inline long confine_restrict_self(int ruleset, unsigned flags)
{
	return CONFINE_SYSCALL(SYS_landlock_restrict_self, ruleset, flags, 0, 0, 0);
}

/* Landlock ABI 4 came with Linux 6.7, after MFD_NOEXEC_SEAL (6.3): where
 * it is there, no need to ask memfd_create (filter.h) whether the flag is. */
static inline int confine_memfd_noexec_implied(int abi)
{
	return abi >= 4;
}

/* Set-ID bits and file capabilities are ignored from here on; Landlock
 * and seccomp filters need it of an unprivileged process. */
static inline long confine_no_new_privs(void)
{
	return CONFINE_SYSCALL(SYS_prctl, CONFINE_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

/* Drop every capability: effective, permitted and inheritable to none,
 * which empties the ambient set too (the kernel keeps only ambient
 * capabilities that stay both permitted and inheritable). One system
 * call, as root or not. A filter already in place may deny capset (not
 * ours: it allows capset, which can only drop); that is no failure when
 * there is nothing to drop. 0, or the -errno of capset.
 *
 * The bounding set is left as it is. It only limits what an exec adds to
 * the permitted set, and under no_new_privs, which both callers set
 * first, an exec adds nothing: the kernel caps the new permitted set at
 * the old one (security/commoncap.c, cap_bprm_creds_from_file), empty
 * from here on, and with no capability left nothing can raise one again
 * (capset cannot add to permitted; ambient and inheritable need it in
 * permitted or CAP_SETPCAP). Dropping it took one prctl per capability,
 * 41 system calls, most of a root start-up's cost (bench/). */
static inline long confine_drop_capabilities(void)
{
	struct { uint32_t version; int pid; } hdr = { CONFINE_CAP_VERSION_3, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2] = {{0, 0, 0}, {0, 0, 0}};
	long r = CONFINE_SYSCALL(SYS_capset, (long)&hdr, (long)data, 0, 0, 0);
	if (!r) return 0;
	if (CONFINE_SYSCALL(SYS_capget, (long)&hdr, (long)data, 0, 0, 0) == 0 &&
	    !(data[0].permitted | data[1].permitted | data[0].effective | data[1].effective))
		return 0;
	return r;
}

#endif
