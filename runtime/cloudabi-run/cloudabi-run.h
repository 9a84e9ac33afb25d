/* cloudabi-run: the declarations its parts share. */
#ifndef CLOUDABI_RUN_H
#define CLOUDABI_RUN_H

#include <argdata.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/syscall.h>

/* Landlock and capabilities: runtime/policy's confine.h, shared with the
 * libc's start-up code. Its system calls go through confine_syscall
 * (check.c). A granted directory's rights are its CONFINE_GRANT_* words. */
long confine_syscall(long nr, long a, long b, long c, long d, long e);
#define CONFINE_SYSCALL confine_syscall
#include "confine.h"

/* A descriptor the program will receive. */
struct grant {
	int fd;            /* the launcher's descriptor */
	int number;        /* the number the program sees */
	bool directory;    /* a granted tree: gets a Landlock rule */
	unsigned rights;   /* CONFINE_GRANT_* words, for a directory */
};

struct grants {
	struct grant *v;
	int n, cap;
	int next;          /* next number for a non-standard descriptor */
	int std[3];        /* index in v of the grant at 0, 1, 2, or -1 */
};

extern const char *progname;

noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* grants.c */
void grants_init(struct grants *);
int grant_fd(struct grants *, int fd, bool directory, unsigned rights);
int grant_std(struct grants *, int which);
void grant_null_std(struct grants *);
int open_file(const char *where, const char *path, const char *mode, bool create);
int open_dir(const char *where, const char *path);
int open_socket(const char *where, const char *addr, bool bind_it, bool dgram);
bool parse_rights(const char *s, unsigned *rights);

/* config.c: the YAML of --config, turned into argdata, opening what it names */
const argdata_t *load_config(const char *file, struct grants *, int program_fd);
const argdata_t *load_config_stream(FILE *, const char *name, struct grants *, int program_fd);

/* isolate.c: --isolate */
void isolate(void);

/* check.c: what the kernel offers, and --check */
bool seccomp_available(void);
bool userns_available(void);
void print_check(void);
#define ANY_GRANTS 2   /* landlock_gaps for --check: whatever a config may grant */
const char *landlock_gaps(int abi, int dgram_unix, bool memfd_noexec);
bool memfd_noexec_available(int landlock_abi);

/* explain.c: --explain, the supervisor of the program's denied calls:
 * relays the program's exit status, never returns */
#include <sys/types.h>
noreturn void explain_supervise(pid_t program, int sock, int out);

/* grants.c: set when a datagram UNIX socket is granted (see landlock_gaps) */
extern bool granted_dgram_unix;

#endif
