#ifndef BENEATH_H
#define BENEATH_H

/*
 * Path lookups that stay beneath a directory descriptor.
 *
 * Every *at function of the capability libc resolves its path here: an
 * absolute path, a ".." above the descriptor or a symbolic link leading
 * out fails with -ENOTCAPABLE. The kernel's openat2(RESOLVE_BENEATH) does
 * the work where it exists; elsewhere (Linux before 5.6, qemu-user) a walk
 * one component at a time does, following symbolic links by hand.
 *
 * The functions return a descriptor or -errno, as musl's __syscall does.
 */

#include <sys/types.h>

/* Open PATH beneath DIRFD with open(2) FLAGS and MODE. */
hidden int __beneath_open(int dirfd, const char *path, int flags, mode_t mode);

/* The component-by-component fallback of __beneath_open. */
hidden int __beneath_walk(int dirfd, const char *path, int flags, mode_t mode);

/*
 * For calls that act on a name in a directory (mkdirat, unlinkat, ...):
 * open the directory that will hold the last component of PATH, beneath
 * DIRFD, and point *NAME at that component inside BUF (PATH_MAX bytes).
 * Returns a descriptor to close, or -errno. The last component is never
 * "..": such a path names a directory, which is opened, and *NAME is ".".
 */
hidden int __beneath_parent(int dirfd, const char *path, char *buf, const char **name);

/* Open PATH beneath FD to change its mode, owner or times through the
 * descriptor (read-only, else write-only); EOPNOTSUPP for a last symbolic
 * link when NOFOLLOW. */
hidden int __beneath_open_attr(int fd, const char *path, int nofollow);

/* Set by tests (see tests/libc) to take the fallback even where openat2
 * exists; 0 in programs. */
extern int __cloudabi_beneath_fallback;

#endif
