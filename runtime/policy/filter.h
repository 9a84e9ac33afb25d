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

#ifdef __cplusplus
}
#endif

#endif
