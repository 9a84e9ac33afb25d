#ifndef _CLOUDABI_VERSION_H
#define _CLOUDABI_VERSION_H

/* The version of the CloudABI C library (musl 1.2.3 underneath). The
 * minor number grows when functions are added, the major number when a
 * change can break a program built against an earlier version.
 * <features.h> includes this header, so every libc header that includes
 * <features.h> defines these: <stdio.h>, <stdlib.h>, <unistd.h> and most
 * others, but not the freestanding ones (<stdint.h>, <stddef.h>, ...) nor
 * a few more musl headers (<strings.h>, <getopt.h>, <fnmatch.h>, ...).
 * Include <cloudabi_version.h> to be sure. */
#define __cloudabi_libc_major__ 0
#define __cloudabi_libc_minor__ 1

#endif
