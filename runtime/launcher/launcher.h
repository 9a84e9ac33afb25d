/* cloudabi-run: shared declarations of the launcher's parts. */
#ifndef LAUNCHER_H
#define LAUNCHER_H

#include <argdata.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* Landlock rights of a granted directory (see CONFINEMENT.md's table). */
#define RIGHT_READ   (1u << 0)
#define RIGHT_WRITE  (1u << 1)
#define RIGHT_CREATE (1u << 2)
#define RIGHT_REMOVE (1u << 3)
#define RIGHT_EXEC   (1u << 4)

/* A descriptor the program will receive. */
struct grant {
	int fd;            /* the launcher's descriptor */
	int number;        /* the number the program sees */
	bool directory;    /* a granted tree: gets a Landlock rule */
	unsigned rights;   /* RIGHT_* for a directory */
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

/* confine.c */
int landlock_abi(void);
bool seccomp_available(void);
bool userns_available(void);
void print_check(void);
#define ANY_GRANTS 2   /* landlock_gaps for --check: whatever a config may grant */
const char *landlock_gaps(int abi, int dgram_unix, bool memfd_noexec);
bool memfd_noexec_available(void);

/* grants.c: set when a datagram UNIX socket is granted (see landlock_gaps) */
extern bool granted_dgram_unix;

#endif
