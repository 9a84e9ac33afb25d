/* The seccomp filter of CloudABI programs, generated from
 * runtime/policy/policy.tsv by runtime/policy/gen-filter.c: one source
 * file per architecture (filter-x86_64.c, filter-aarch64.c) defines these.
 *
 * Used by the launcher (a host glibc program) and by the libc (musl target
 * code), so it does not include <linux/filter.h>: struct
 * cloudabi_sock_filter has the layout of struct sock_filter, and
 *
 *	struct sock_fprog prog = {
 *		.len = cloudabi_seccomp_filter_len,
 *		.filter = (struct sock_filter *)cloudabi_seccomp_filter,
 *	};
 *
 * is what seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog) takes.
 * cloudabi_seccomp_filter_arch is the AUDIT_ARCH_* value the filter
 * accepts; every other architecture is killed. */
#ifndef CLOUDABI_POLICY_FILTER_H
#define CLOUDABI_POLICY_FILTER_H

#ifdef __cplusplus
extern "C" {
#endif

struct cloudabi_sock_filter {
	unsigned short code;
	unsigned char jt;
	unsigned char jf;
	unsigned int k;
};

#if !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(struct cloudabi_sock_filter) == 8,
	"struct cloudabi_sock_filter must match struct sock_filter");
#endif

extern const struct cloudabi_sock_filter cloudabi_seccomp_filter[];
extern const unsigned short cloudabi_seccomp_filter_len;
extern const unsigned int cloudabi_seccomp_filter_arch;

/* Linux before 6.3 has no MFD_NOEXEC_SEAL: memfd_create rejects the flag
 * (EINVAL), and the policy, which allows memfd_create only with it, would
 * leave a program without tmpfile or program_exec there. On such a kernel
 * the launcher and the libc install a copy whose memfd_create check always
 * passes (its mask and value, at cloudabi_seccomp_memfd_check and the
 * instruction after it, become 0), and the launcher names the gap: a
 * memfd can then be made executable. Tell the kernels apart with
 * memfd_create(NULL, MFD_NOEXEC_SEAL): EINVAL before 6.3 (the flags are
 * checked first), EFAULT after (the name), and no descriptor either way. */
extern const unsigned short cloudabi_seccomp_memfd_check;
#define CLOUDABI_SECCOMP_FILTER_MAX 1024   /* gen-filter refuses a longer filter */

static inline void cloudabi_seccomp_filter_without_noexec(struct cloudabi_sock_filter *copy)
{
	for (unsigned i = 0; i < cloudabi_seccomp_filter_len; i++) copy[i] = cloudabi_seccomp_filter[i];
	copy[cloudabi_seccomp_memfd_check].k = 0;
	copy[cloudabi_seccomp_memfd_check + 1].k = 0;
}

/* Is this policy in force already? The filter answers one number no row
 * names, CLOUDABI_SECCOMP_PROBE_NR, with the errno
 * CLOUDABI_SECCOMP_PROBE_REPLY when its first two arguments are the low
 * and high halves of its own identity (a hash of the filter, the same for
 * its explain and pre-6.3 variants), and with ENOSYS otherwise; so does the
 * kernel without it. A program started by cloudabi-run, whose filter is
 * this one, then attaches no second copy (docs/confinement.md says why
 * that is no weaker: only a filter already in place can answer, and a
 * filter cannot be taken away). */
#define CLOUDABI_SECCOMP_PROBE_NR 1001
#define CLOUDABI_SECCOMP_PROBE_REPLY 3243   /* 0xcab */
extern const unsigned long long cloudabi_seccomp_filter_id;

/* cloudabi-run --explain and CLOUDABI_EXPLAIN=1 (explain.h): the filter
 * with every denial, EPERM or ENOSYS, returning RET instead, USER_NOTIF
 * (the launcher answers with the errno) or TRAP (the libc's SIGSYS handler
 * does). Nothing else changes: what is allowed and what kills is the same,
 * and the default filter is untouched. Applied to a copy (COPY holds
 * cloudabi_seccomp_filter_len instructions). */
#define CLOUDABI_SECCOMP_RET_TRAP 0x00030000U
#define CLOUDABI_SECCOMP_RET_USER_NOTIF 0x7fc00000U
static inline void cloudabi_seccomp_filter_explain(struct cloudabi_sock_filter *copy, unsigned int ret)
{
	for (unsigned i = 0; i < cloudabi_seccomp_filter_len; i++)
		if (copy[i].code == 0x06 /* BPF_RET|BPF_K */ &&
		    (copy[i].k == 0x00050001U /* ERRNO|EPERM */ || copy[i].k == 0x00050026U /* ERRNO|ENOSYS */))
			copy[i].k = ret;
}

#ifdef __cplusplus
}
#endif

#endif
