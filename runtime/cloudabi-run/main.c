/*
 * cloudabi-run: start a program with exactly the descriptors its
 * configuration names, confined so that it can reach nothing else.
 *
 *   cloudabi-run [--config FILE|-] [--dir NAME=PATH[:RIGHTS]] [--file NAME=PATH[:MODE]]
 *                [--env NAME=VALUE] [--isolate] [--strict] [--unconfined] [--] PROGRAM [ARGS...]
 *   cloudabi-run --check
 *
 * The steps, in order, each with the reason for it, are in main() below.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "cloudabi-run.h"
#ifdef CLOUDABI_SECCOMP_FILTER
#include "filter.h"
#endif

const char *progname = "cloudabi-run";

void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static noreturn void usage(void)
{
	fprintf(stderr,
		"usage: cloudabi-run [--config FILE|-] [--dir NAME=PATH[:RIGHTS]] [--file NAME=PATH[:MODE]]\n"
		"                    [--env NAME=VALUE] [--isolate] [--strict] [--unconfined] [--] PROGRAM [ARGS...]\n"
		"       cloudabi-run --check\n");
	exit(2);
}

static void landlock(int abi, const struct grants *g, int program)
{
	struct confine_ruleset_attr attr;
	unsigned long size = confine_handled(abi, &attr);
	long rs = confine_create_ruleset(&attr, size);
	if (rs < 0) fail("landlock_create_ruleset: %s", strerror(-rs));
	for (int i = 0; i < g->n; i++) {
		if (!g->v[i].directory) continue;
		uint64_t allowed = confine_grant_rights(g->v[i].rights) & attr.fs;
		long r = allowed ? confine_add_rule(rs, g->v[i].number, allowed) : 0;
		if (r) fail("landlock_add_rule: %s", strerror(-r));
	}
	/* the program file alone may be read and executed, so it can be exec'd
	 * by descriptor: the rights of any inherited regular file */
	long r = confine_add_rule(rs, program, confine_inherited_rights(0, attr.fs));
	if (r) fail("landlock_add_rule (program): %s", strerror(-r));
	r = confine_restrict_self(rs);
	if (r) fail("landlock_restrict_self: %s", strerror(-r));
	close(rs);
}

/* The program's ELF machine, to tell a native program from one that runs
 * under qemu-user (which cannot be confined). */
static int elf_machine(int fd, const char *path)
{
	Elf64_Ehdr h;
	if (pread(fd, &h, sizeof h, 0) != sizeof h || memcmp(h.e_ident, ELFMAG, SELFMAG))
		fail("%s is not an ELF executable", path);
	return h.e_machine;
}

/* NAME=PATH[:SUFFIX] of --dir and --file. */
static void split_grant(const char *opt, const char *arg, char **name, char **path, char **suffix)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) fail("%s takes NAME=PATH[:...], not '%s'", opt, arg);
	*name = strndup(arg, eq - arg);
	*path = strdup(eq + 1);
	char *colon = strrchr(*path, ':');
	*suffix = colon ? (*colon = 0, colon + 1) : NULL;
}

static int sealed_memfd(const void *buf, size_t len)
{
	int fd = memfd_create("argdata", MFD_CLOEXEC | MFD_ALLOW_SEALING | 8 /* MFD_NOEXEC_SEAL */);
	if (fd < 0 && errno == EINVAL) fd = memfd_create("argdata", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) fail("memfd_create: %s", strerror(errno));
	if (write(fd, buf, len) != (ssize_t)len) fail("writing the argdata: %s", strerror(errno));
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE))
		fail("sealing the argdata: %s", strerror(errno));
	return fd;
}

int main(int argc, char **argv)
{
	const char *config = NULL;
	bool strict = false, unconfined = false, isolated = false;
	const argdata_t **keys = calloc(argc, sizeof *keys), **values = calloc(argc, sizeof *values);
	char **env = calloc(argc + 2, sizeof *env);
	int nflags = 0, nenv = 0, i;
	struct grants g;
	grants_init(&g);

	/* 1. Options. Everything is checked and opened before anything runs. */
	char *dirs[argc], *files[argc];
	int ndirs = 0, nfiles = 0;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) { i++; break; }
		if (!strcmp(a, "--check")) { if (argc != 2) usage(); print_check(); return 0; }
		if (!strcmp(a, "--strict")) strict = true;
		else if (!strcmp(a, "--unconfined")) unconfined = true;
		else if (!strcmp(a, "--isolate")) isolated = true;
		else if (i + 1 < argc && !strcmp(a, "--config")) config = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--dir")) dirs[ndirs++] = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--file")) files[nfiles++] = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--env")) {
			if (!strchr(argv[i + 1], '=') || argv[i + 1][0] == '=') fail("--env takes NAME=VALUE, not '%s'", argv[i + 1]);
			env[nenv++] = argv[++i];
		} else usage();
	}
	if (i >= argc) usage();
	char **prog_argv = argv + i;

	/* 2. The program, opened once and exec'd later by this descriptor. */
	int program = open(prog_argv[0], O_RDONLY | O_CLOEXEC);
	if (program < 0) fail("cannot open %s: %s", prog_argv[0], strerror(errno));
	struct stat st;
	if (fstat(program, &st) || !S_ISREG(st.st_mode)) fail("%s is not a regular file", prog_argv[0]);
#if defined(__x86_64__)
	const int native = EM_X86_64;
#elif defined(__aarch64__)
	const int native = EM_AARCH64;
#endif
	int machine = elf_machine(program, prog_argv[0]);
	if (machine != native && !unconfined)
		fail("%s is for another architecture and runs under qemu-user here, which cannot be confined; pass --unconfined",
		     prog_argv[0]);

	/* 3. What the program is given: the configuration's value, or a map
	 * of the --dir and --file grants (with the standard descriptors passed
	 * through, as a shell would). */
	const argdata_t *ad;
	if (config) {
		if (ndirs || nfiles) fail("give grants either in --config or as --dir/--file, not both");
		ad = load_config(config, &g, program);
	} else {
		for (int s = 0; s < 3; s++) grant_std(&g, s);
		for (int k = 0; k < ndirs; k++) {
			char *name, *path, *rights;
			split_grant("--dir", dirs[k], &name, &path, &rights);
			unsigned r = CONFINE_GRANT_READ;
			if (rights && !parse_rights(rights, &r)) fail("--dir %s: rights are ro, rw or read,write,create,remove,exec", dirs[k]);
			keys[nflags] = argdata_create_str_c(name);
			values[nflags++] = argdata_create_fd(grant_fd(&g, open_dir("--dir", path), true, r));
		}
		for (int k = 0; k < nfiles; k++) {
			char *name, *path, *mode;
			split_grant("--file", files[k], &name, &path, &mode);
			keys[nflags] = argdata_create_str_c(name);
			values[nflags++] = argdata_create_fd(grant_fd(&g, open_file("--file", path, mode, false), false, 0));
		}
		ad = nflags ? argdata_create_map(keys, values, nflags) : &argdata_null;
	}

	/* 4. The kernel must be able to confine, or the user must say not to. */
	int abi = confine_landlock_abi();
	if (!unconfined) {
		if (!abi) fail("this kernel has no Landlock; refusing to run %s (--unconfined runs it anyway)", prog_argv[0]);
		if (!seccomp_available()) fail("this kernel has no seccomp filters; refusing (--unconfined runs it anyway)");
#ifndef CLOUDABI_SECCOMP_FILTER
		fail("this cloudabi-run was built without its seccomp policy; refusing (--unconfined runs it anyway)");
#endif
		const char *gaps = landlock_gaps(abi, granted_dgram_unix, memfd_noexec_available());
		if (*gaps) {
			if (strict) fail("--strict: this kernel (Landlock ABI %d) does not enforce: %s", abi, gaps);
			fprintf(stderr, "%s: warning: this kernel (Landlock ABI %d) does not enforce: %s\n", progname, abi, gaps);
		}
	}

	/* 5. The argdata, in a memfd sealed against any change, on the first
	 * descriptor after the granted ones, named by CLOUDABI_ARGDATA_FD. */
	size_t len, nfds;
	argdata_serialized_length(ad, &len, &nfds);
	char *buf = malloc(len + 1);
	argdata_serialize(ad, buf, NULL);   /* descriptor values are final numbers */
	int memfd = sealed_memfd(buf, len);
	int argfd = g.next;
	char *argenv;
	if (asprintf(&argenv, "CLOUDABI_ARGDATA_FD=%d", argfd) < 0) fail("out of memory");
	env[nenv++] = argenv;

	/* 6. Standard descriptors nobody named are /dev/null. */
	grant_null_std(&g);

	/* 7. Descriptors to their numbers: first all above the final range,
	 * then each into place; then every other descriptor is closed (no
	 * stray descriptor of the launcher's caller reaches the program). */
	int top = argfd + 2;
	for (int k = 0; k < g.n; k++) {
		int fd = fcntl(g.v[k].fd, F_DUPFD_CLOEXEC, top);
		if (fd < 0) fail("dup: %s", strerror(errno));
		g.v[k].fd = fd;
	}
	memfd = fcntl(memfd, F_DUPFD_CLOEXEC, top);
	program = fcntl(program, F_DUPFD_CLOEXEC, top);
	for (int k = 0; k < g.n; k++)
		if (dup2(g.v[k].fd, g.v[k].number) < 0) fail("dup2: %s", strerror(errno));
	if (dup2(memfd, argfd) < 0) fail("dup2: %s", strerror(errno));
	if (dup2(program, argfd + 1) < 0) fail("dup2: %s", strerror(errno));
	program = argfd + 1;
	fcntl(program, F_SETFD, FD_CLOEXEC);   /* exec'd by descriptor, then gone */
	if (syscall(SYS_close_range, argfd + 2, ~0U, 0)) fail("close_range: %s", strerror(errno));

	/* 8. A new session: no controlling terminal to inject input into. */
	setsid();
	/* 9. No core files: a crash must not write memory to a file. */
	setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
	/* 10. No new privileges (set-ID bits are ignored from here on), and
	 * no capabilities at all when started as root. */
	long r = confine_no_new_privs();
	if (r) fail("PR_SET_NO_NEW_PRIVS: %s", strerror(-r));
	/* 11. --isolate: an empty root in new user and mount namespaces
	 * (before capabilities go: setting it up needs them inside). */
	if (isolated) isolate();
	if (geteuid() == 0 && (r = confine_drop_capabilities())) fail("dropping capabilities: %s", strerror(-r));

	if (!unconfined) {
		/* 12. Landlock: every file right the kernel knows is handled, and
		 * only the granted trees (plus EXECUTE of the program) allow any. */
		landlock(abi, &g, program);
#ifdef CLOUDABI_SECCOMP_FILTER
		/* 13. The seccomp policy (runtime/policy), shared with the libc. */
		struct sock_fprog prog = { cloudabi_seccomp_filter_len, (struct sock_filter *)cloudabi_seccomp_filter };
		/* Before Linux 6.3, a copy that allows memfd_create without
		 * MFD_NOEXEC_SEAL (filter.h; the warning above names it). */
		static struct cloudabi_sock_filter old_kernel[CLOUDABI_SECCOMP_FILTER_MAX];
		if (!memfd_noexec_available()) {
			cloudabi_seccomp_filter_without_noexec(old_kernel);
			prog.filter = (struct sock_filter *)old_kernel;
		}
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) fail("seccomp: %s", strerror(errno));
#endif
	}

	/* 14. The program, by its descriptor, with an environment of only
	 * what --env gave and the argdata's descriptor. */
	syscall(SYS_execveat, program, "", prog_argv, env, AT_EMPTY_PATH);
	fail("cannot run %s: %s", prog_argv[0], strerror(errno));
}
