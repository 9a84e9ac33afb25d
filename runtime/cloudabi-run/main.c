/*
 * cloudabi-run: start a program with exactly the descriptors its
 * configuration names, confined so that it can reach nothing else.
 *
 *   cloudabi-run [OPTION...] [--] PROGRAM [ARGS...]
 *   cloudabi-run --check | --help | --version
 *
 * The options are in help() below; the steps, in order, each with the
 * reason for it, are in main().
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "cloudabi-run.h"
#ifdef CLOUDABI_SECCOMP_FILTER
#include "filter.h"
#endif

#ifndef CLOUDABI_VERSION
#define CLOUDABI_VERSION "unknown"   /* build.sh passes scripts/version.sh's */
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

static const char usage_text[] =
	"usage: cloudabi-run [--config FILE|-] [--dir NAME=PATH[:RIGHTS]] [--file NAME=PATH[:MODE]]\n"
	"                    [--socket NAME=bind|connect:ADDR[:TYPE]] [--env NAME=VALUE] [--no-stderr]\n"
	"                    [--isolate] [--strict] [--unconfined] [--explain[=FILE]] [--] PROGRAM [ARGS...]\n"
	"       cloudabi-run --check | --help | --version\n";

static noreturn void usage(void)
{
	fputs(usage_text, stderr);
	exit(2);
}

/* A usage error: one line saying what, then the usage, status 2. */
static noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage();
}

static noreturn void help(void)
{
	printf("cloudabi-run %s: run a program with exactly the descriptors named, confined\n"
	       "by Landlock and a seccomp policy so that it can reach nothing else.\n\n", CLOUDABI_VERSION);
	fputs(usage_text, stdout);
	fputs("\n"
	      "Grants, in the flag form: the program gets a map of NAME to descriptor, numbered\n"
	      "3, 4, ... in the order given; its standard descriptors are the launcher's.\n"
	      "  --dir NAME=PATH[:RIGHTS]   a directory tree. RIGHTS: ro (the default), rw, or a\n"
	      "                             comma-separated list of read, write, create, remove,\n"
	      "                             exec (rw is read,write,create,remove)\n"
	      "  --file NAME=PATH[:MODE]    one file. MODE: ro (the default), rw, append\n"
	      "  --socket NAME=bind:ADDR[:TYPE]     a socket bound to ADDR (listening, for stream)\n"
	      "  --socket NAME=connect:ADDR[:TYPE]  a socket connected to ADDR\n"
	      "                             ADDR: HOST:PORT, [V6ADDR]:PORT or an absolute path\n"
	      "                             (a UNIX socket); TYPE: stream (the default) or dgram\n"
	      "  --config FILE|-            the grants and the program's argdata as CloudABI's YAML\n"
	      "                             (!file, !fd, !socket, !executable; - reads stdin);\n"
	      "                             not together with --dir, --file or --socket\n"
	      "The program:\n"
	      "  --env NAME=VALUE           set NAME in its environment, which is otherwise empty\n"
	      "  --no-stderr                with --config: its stderr is /dev/null unless the config\n"
	      "                             names !fd stderr (by default it is the launcher's)\n"
	      "  PROGRAM                    a static executable; a name without a slash is looked\n"
	      "                             up in PATH, as env(1) does\n"
	      "Modes:\n"
	      "  (default)                  confined: Landlock and seccomp; refuses a kernel without\n"
	      "                             them, warns of what an older one leaves open\n"
	      "  --strict                   refuse, rather than warn, on a kernel with gaps\n"
	      "  --isolate                  also an empty, read-only root in new user and mount\n"
	      "                             namespaces, so absolute paths lead nowhere\n"
	      "  --unconfined               no Landlock, no seccomp: for a kernel that cannot confine,\n"
	      "                             or a program of another architecture (qemu-user)\n"
	      "  --explain[=FILE]           print one line per denied system call while the program\n"
	      "                             runs (to stderr, or FILE): the call, the policy row that\n"
	      "                             denied it and the replacement; the program still gets\n"
	      "                             its error. FILE is appended to. Landlock's denials too,\n"
	      "                             as root with the kernel's audit on (auditctl -e 1)\n"
	      "  --check                    print what this kernel can enforce, and exit\n"
	      "  -h, --help                 print this help;  --version  print the version\n"
	      "\n"
	      "Examples:\n"
	      "  cloudabi-run --dir data=./data:rw --file log=./run.log:append ./prog arg1\n"
	      "  cloudabi-run --socket http=bind:127.0.0.1:8080 --dir www=./www ./server\n"
	      "  cloudabi-run --config prog.yaml ./prog\n"
	      "  cloudabi-run --explain --dir data=./data ./prog\n"
	      "\n"
	      "A refusal is one line on stderr and status 2 (a usage error adds the usage),\n"
	      "before the program runs; otherwise the status is the program's.\n", stdout);
	exit(0);
}

static void landlock(int abi, const struct grants *g, int program, unsigned flags)
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
	r = confine_restrict_self(rs, flags);
	if (r) fail("landlock_restrict_self: %s", strerror(-r));
	close(rs);
}

/* PROGRAM named without a slash: the first executable regular file of
 * that name in PATH (confstr's default when PATH is unset), as env(1) and
 * execvp do. */
static char *search_path(const char *name)
{
	const char *path = getenv("PATH");
	char def[256];
	if (!path) {
		if (!confstr(_CS_PATH, def, sizeof def)) strcpy(def, "/bin:/usr/bin");
		path = def;
	}
	char *denied = NULL;
	for (const char *p = path;; p++) {
		const char *colon = strchrnul(p, ':');
		char *candidate;
		/* an empty entry is the current directory */
		if (asprintf(&candidate, "%.*s%s%s", (int)(colon - p), p, colon == p ? "" : "/", name) < 0)
			fail("out of memory");
		struct stat st;
		if (!stat(candidate, &st) && S_ISREG(st.st_mode)) {
			if (!access(candidate, X_OK)) return candidate;
			if (!denied) denied = strdup(candidate);
		}
		free(candidate);
		if (!*colon) break;
		p = colon;
	}
	if (denied) fail("cannot run %s: %s is not executable (Permission denied)", name, denied);
	fail("cannot run %s: not found in PATH (%s)", name, path);
}

/* The program file, opened once and exec'd later by this descriptor.
 * Every reason it cannot run is one line: here, then what the file is
 * (inspect_program), then whether it may be executed. */
static int open_program(const char *name, const char *path)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) fail("cannot run %s: %s", name, strerror(errno));
	struct stat st;
	if (fstat(fd, &st)) fail("cannot run %s: %s", name, strerror(errno));
	if (S_ISDIR(st.st_mode)) fail("cannot run %s: it is a directory", name);
	if (!S_ISREG(st.st_mode)) fail("cannot run %s: it is not a regular file", name);
	return fd;
}

/* After inspect_program: may this user execute it? */
static void check_executable(const char *name, const char *path, int fd)
{
	struct stat st;
	if (access(path, X_OK) && !fstat(fd, &st))
		fail("cannot run %s: %s (mode %04o%s)", name, strerror(errno), (unsigned)(st.st_mode & 07777),
		     st.st_mode & 0111 ? "; is its file system mounted noexec?" : ": it is not executable");
}

#define ELFOSABI_CLOUDABI 17

struct program_elf {
	int machine;       /* EM_* */
	int osabi;         /* e_ident[EI_OSABI] */
	char *interp;      /* PT_INTERP, or NULL for a static executable */
};

/* What the program file is: an ELF executable (its machine, OS/ABI and
 * interpreter), or the reason it is not one. */
static struct program_elf inspect_program(int fd, const char *name)
{
	unsigned char head[64];
	ssize_t n = pread(fd, head, sizeof head, 0);
	if (n >= 2 && head[0] == '#' && head[1] == '!') {
		int l = 2;
		while (l < n && head[l] != '\n') l++;
		fail("cannot run %s: it is a script (%.*s), not an ELF executable; only static executables can run confined",
		     name, l, head);
	}
	if (n < (ssize_t)sizeof(Elf64_Ehdr) || memcmp(head, ELFMAG, SELFMAG))
		fail("cannot run %s: it is not an ELF executable", name);
	if (head[EI_CLASS] != ELFCLASS64)
		fail("cannot run %s: it is a 32-bit ELF program; only 64-bit ones run here", name);
	Elf64_Ehdr h;
	memcpy(&h, head, sizeof h);
	if (h.e_type == ET_REL) fail("cannot run %s: it is an object file (ELF relocatable), not an executable", name);
	if (h.e_type != ET_EXEC && h.e_type != ET_DYN) fail("cannot run %s: it is an ELF file but not an executable", name);
	struct program_elf e = { .machine = h.e_machine, .osabi = h.e_ident[EI_OSABI] };
	/* the program headers in one read (each system call counts at start-up) */
	static Elf64_Phdr phs[64];
	int nph = h.e_phentsize == sizeof(Elf64_Phdr) ? (h.e_phnum < 64 ? h.e_phnum : 64) : 0;
	ssize_t got = nph ? pread(fd, phs, nph * sizeof *phs, h.e_phoff) : 0;
	if (got < 0) got = 0;
	nph = (int)(got / (ssize_t)sizeof *phs);
	for (int k = 0; k < nph; k++) {
		Elf64_Phdr ph = phs[k];
		if (ph.p_type != PT_INTERP || ph.p_filesz == 0 || ph.p_filesz > 4096) continue;
		e.interp = calloc(1, ph.p_filesz + 1);
		if (!e.interp || pread(fd, e.interp, ph.p_filesz, ph.p_offset) != (ssize_t)ph.p_filesz)
			fail("cannot run %s: cannot read its ELF interpreter", name);
	}
	return e;
}

static const char *machine_name(int machine)
{
	switch (machine) {
	case EM_X86_64: return "x86_64";
	case EM_AARCH64: return "aarch64";
	case EM_RISCV: return "riscv64";
	case EM_PPC64: return "ppc64";
	case EM_S390: return "s390x";
	default: return NULL;
	}
}

/* The grants of the flag form, in the order given. */
enum grant_kind { DIR_GRANT, FILE_GRANT, SOCKET_GRANT };
struct flag_grant {
	enum grant_kind kind;
	const char *opt, *arg;      /* "--dir" and its NAME=PATH[:RIGHTS] */
	char *name, *path, *suffix;
};

/* NAME=PATH[:SUFFIX] of --dir, --file and --socket. */
static void split_grant(struct flag_grant *f)
{
	const char *eq = strchr(f->arg, '=');
	if (!eq || eq == f->arg || !eq[1]) {
		if (f->kind == SOCKET_GRANT) fail("--socket takes NAME=bind:ADDR or NAME=connect:ADDR, not '%s'", f->arg);
		fail("%s takes NAME=PATH[:%s], not '%s'", f->opt, f->kind == DIR_GRANT ? "RIGHTS" : "MODE", f->arg);
	}
	f->name = strndup(f->arg, eq - f->arg);
	f->path = strdup(eq + 1);
	f->suffix = NULL;
	if (f->kind == SOCKET_GRANT) return;
	char *colon = strrchr(f->path, ':');
	if (colon) { *colon = 0; f->suffix = colon + 1; }
}

/* --socket NAME=bind:ADDR[:TYPE] or NAME=connect:ADDR[:TYPE], with YAML's
 * !socket {bind|connect: ADDR, type: stream|dgram} words. */
static int open_flag_socket(struct flag_grant *f)
{
	char *rest = f->path;
	bool bind_it;
	if (!strncmp(rest, "bind:", 5)) bind_it = true, rest += 5;
	else if (!strncmp(rest, "connect:", 8)) bind_it = false, rest += 8;
	else fail("--socket %s: say bind:ADDR or connect:ADDR", f->arg);
	bool dgram = false;
	size_t l = strlen(rest);
	if (l > 6 && !strcmp(rest + l - 6, ":dgram")) dgram = true, rest[l - 6] = 0;
	else if (l > 7 && !strcmp(rest + l - 7, ":stream")) rest[l - 7] = 0;
	char where[64];
	snprintf(where, sizeof where, "--socket %s", f->name);
	return open_socket(where, rest, bind_it, dgram);
}

/* The value of option OPT: --opt=VALUE or the next argument. */
static const char *option_value(int argc, char **argv, int *i, const char *opt)
{
	const char *a = argv[*i];
	size_t l = strlen(opt);
	if (a[l] == '=') return a + l + 1;
	if (*i + 1 >= argc) usage_error("option '%s' needs a value", opt);
	return argv[++*i];
}

/* Is A the option OPT, alone or as --opt=VALUE? */
static bool is_option(const char *a, const char *opt, bool takes_value)
{
	size_t l = strlen(opt);
	return !strncmp(a, opt, l) && (a[l] == 0 || (takes_value && a[l] == '='));
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

/* A program of another architecture, under --unconfined: binfmt_misc
 * hands it to qemu-user. binfmt_misc refuses (ENOENT) a file exec'd by a
 * close-on-exec descriptor, since the interpreter could not reach it
 * afterwards; so the program goes by the path /proc/self/fd/N, which the
 * kernel resolves to the same open file before the exec (binfmt_misc's
 * O flag, Debian's, gives qemu-user the file itself). Without /proc (as
 * under --isolate) the descriptor stays open across the exec instead and
 * the exec is by descriptor. Without a binfmt_misc entry for it the
 * kernel says ENOEXEC: then one line with the qemu command that works. */
static noreturn void exec_foreign(int program, const char *file, char **prog_argv, char **env, const char *machine)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", program);
	execve(path, prog_argv, env);
	if (errno == ENOENT) {
		fcntl(program, F_SETFD, 0);
		syscall(SYS_execveat, program, "", prog_argv, env, AT_EMPTY_PATH);
	}
	int e = errno;
	if (e == ENOEXEC) {
		char cmd[4096] = "";
		size_t l = 0;
		for (int k = 0; prog_argv[k] && l < sizeof cmd - 8; k++) {
			const char *a = k ? prog_argv[k] : file;
			bool plain = *a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") == strlen(a);
			l += snprintf(cmd + l, sizeof cmd - l, plain ? " %s" : " '%s'", a);
		}
		fail("cannot run %s: this machine has no binfmt_misc entry for %s programs; run it with: "
		     "CLOUDABI_ALLOW_UNCONFINED=1 qemu-%s-static%s (unconfined, with the shell's descriptors)",
		     prog_argv[0], machine ? machine : "its", machine ? machine : "ARCH", cmd);
	}
	fail("cannot run %s: %s", prog_argv[0], strerror(e));
}

int main(int argc, char **argv)
{
	const char *config = NULL, *explain = NULL;
	bool strict = false, unconfined = false, isolated = false, no_stderr = false;
	char **env = calloc(argc + 4, sizeof *env);
	struct flag_grant *flags = calloc(argc, sizeof *flags);
	int nflags = 0, nenv = 0, i;
	struct grants g;
	grants_init(&g);

	/* 1. Options. Everything is checked and opened before anything runs. */
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) { i++; break; }
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) help();
		if (!strcmp(a, "--version")) { printf("cloudabi-run %s\n", CLOUDABI_VERSION); return 0; }
		if (!strcmp(a, "--check")) {
			if (argc != 2) usage_error("%s takes no other arguments", a);
			print_check();
			return 0;
		}
		if (!strcmp(a, "--strict")) strict = true;
		else if (!strcmp(a, "--unconfined")) unconfined = true;
		else if (!strcmp(a, "--isolate")) isolated = true;
		else if (!strcmp(a, "--no-stderr")) no_stderr = true;
		else if (!strcmp(a, "--explain")) explain = "";
		else if (!strncmp(a, "--explain=", 10)) {
			explain = a + 10;
			if (!*explain) usage_error("%s: say which file, or give --explain alone (stderr)", a);
		}
		else if (is_option(a, "--config", true)) config = option_value(argc, argv, &i, "--config");
		else if (is_option(a, "--dir", true) || is_option(a, "--file", true) || is_option(a, "--socket", true)) {
			struct flag_grant *f = &flags[nflags++];
			f->kind = a[2] == 'd' ? DIR_GRANT : a[2] == 'f' ? FILE_GRANT : SOCKET_GRANT;
			f->opt = f->kind == DIR_GRANT ? "--dir" : f->kind == FILE_GRANT ? "--file" : "--socket";
			f->arg = option_value(argc, argv, &i, f->opt);
			split_grant(f);
			for (int k = 0; k < nflags - 1; k++)
				if (!strcmp(flags[k].name, f->name))
					fail("the name '%s' is granted twice (%s %s and %s %s)", f->name,
					     flags[k].opt, flags[k].arg, f->opt, f->arg);
		} else if (is_option(a, "--env", true)) {
			const char *e = option_value(argc, argv, &i, "--env");
			if (!strchr(e, '=') || e[0] == '=') fail("--env takes NAME=VALUE, not '%s'", e);
			env[nenv++] = (char *)e;
		} else {
			usage_error("unknown option '%s'", a);
		}
	}
	if (i >= argc) usage_error("%s", "no PROGRAM given");
	char **prog_argv = argv + i;
	if (config && nflags)
		fail("give grants either in --config or as --dir/--file/--socket, not both");
	if (no_stderr && !config) fail("--no-stderr goes with --config (the flag form passes stderr through)");
	if (explain && unconfined) fail("--explain explains what confinement denies; with --unconfined nothing is denied");
	/* --explain=FILE is opened now, so that a file that cannot be written
	 * is one line before anything runs. */
	int explain_out = -1;
	if (explain && *explain) {
		explain_out = openat(AT_FDCWD, explain, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
		if (explain_out < 0) fail("--explain=%s: %s", explain, strerror(errno));
		struct stat st;
		if (!fstat(explain_out, &st) && S_ISDIR(st.st_mode)) fail("--explain=%s: it is a directory", explain);
	}

	/* 2. The program: a name without a slash is looked up in PATH; it is
	 * opened once and exec'd later by this descriptor. */
	const char *path = strchr(prog_argv[0], '/') ? prog_argv[0] : search_path(prog_argv[0]);
	int program = open_program(prog_argv[0], path);
#if defined(__x86_64__)
	const int native = EM_X86_64;
#elif defined(__aarch64__)
	const int native = EM_AARCH64;
#endif
	struct program_elf elf = inspect_program(program, prog_argv[0]);
	check_executable(prog_argv[0], path, program);
	const char *machine = machine_name(elf.machine);
	bool foreign = elf.machine != native;
	if (foreign && !unconfined)
		fail("%s is built for %s, so it runs under qemu-user here, and qemu-user cannot confine it; "
		     "--unconfined runs it unconfined (a kernel for %s runs it confined)",
		     prog_argv[0], machine ? machine : "another architecture", machine ? machine : "its architecture");
	if (elf.interp && !unconfined)
		fail("%s is dynamically linked (interpreter %s): only static executables can run confined",
		     prog_argv[0], elf.interp);
	/* (unconfined, as when CMake runs qemu-user through the launcher,
	 * there is nothing to note) */
	if (elf.osabi != ELFOSABI_CLOUDABI && !unconfined)
		fprintf(stderr, "%s: note: %s is not a CloudABI program (ELF OS/ABI %d%s, not %d, CloudABI); it runs confined all the same\n",
			progname, prog_argv[0], elf.osabi, elf.osabi == ELFOSABI_SYSV ? ", System V" : elf.osabi == ELFOSABI_GNU ? ", GNU/Linux" : "",
			ELFOSABI_CLOUDABI);

	/* 3. What the program is given: the configuration's value, or a map
	 * of the --dir, --file and --socket grants (with the standard
	 * descriptors passed through, as a shell would). With a config, the
	 * launcher's stderr is the program's unless the config names stderr
	 * itself or --no-stderr says not to. */
	const argdata_t *ad;
	if (config) {
		ad = load_config(config, &g, program);
		if (!no_stderr && fcntl(2, F_GETFD) >= 0) grant_std(&g, 2);
	} else {
		const argdata_t **keys = calloc(nflags + 1, sizeof *keys), **values = calloc(nflags + 1, sizeof *values);
		for (int s = 0; s < 3; s++) grant_std(&g, s);
		for (int k = 0; k < nflags; k++) {
			struct flag_grant *f = &flags[k];
			int number;
			char where[256];
			snprintf(where, sizeof where, "%s %s", f->opt, f->arg);
			if (f->kind == DIR_GRANT) {
				unsigned r = CONFINE_GRANT_READ;
				if (f->suffix && !parse_rights(f->suffix, &r))
					fail("%s: rights are ro, rw or read,write,create,remove,exec", where);
				struct stat st;
				if (!stat(f->path, &st) && !S_ISDIR(st.st_mode))
					fail("%s: %s is not a directory (grant a file with --file)", where, f->path);
				number = grant_fd(&g, open_dir(where, f->path), true, r);
			} else if (f->kind == FILE_GRANT) {
				int fd = open_file(where, f->path, f->suffix, false);
				struct stat st;
				if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
					fail("%s: %s is a directory (grant it with --dir)", where, f->path);
				number = grant_fd(&g, fd, false, 0);
			} else {
				number = grant_fd(&g, open_flag_socket(f), false, 0);
			}
			keys[k] = argdata_create_str_c(f->name);
			values[k] = argdata_create_fd(number);
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
		const char *gaps = landlock_gaps(abi, granted_dgram_unix, memfd_noexec_available(abi));
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
	/* Under qemu-user (--unconfined, above) the program's own start-up
	 * cannot confine it either, and would refuse without this. */
	bool allowed = false;
	for (int k = 0; k < nenv; k++) allowed |= !strncmp(env[k], "CLOUDABI_ALLOW_UNCONFINED=", 26);
	if (foreign && !allowed) env[nenv++] = "CLOUDABI_ALLOW_UNCONFINED=1";
	/* --explain: the libc's start-up explains too, and, finding the
	 * launcher's supervisor there, leaves the denials to it. */
	if (explain) env[nenv++] = "CLOUDABI_EXPLAIN=1";
	/* The program's own start-up need not add a Landlock layer of its
	 * own: this one is made for exactly its descriptors (docs/confinement.md,
	 * "Self-confinement"). It believes this only where the policy's
	 * filter is in force, and takes the variable out of its environment. */
	if (!unconfined) env[nenv++] = "CLOUDABI_LAUNCHED=1";

	/* 6. Standard descriptors nobody named are /dev/null. */
	grant_null_std(&g);

	/* 7. Descriptors to their numbers: first all above the final range,
	 * then each into place; then every other descriptor is closed (no
	 * stray descriptor of the launcher's caller reaches the program).
	 * With --explain, two more stay, close-on-exec, just above: the
	 * socket the listener comes back on and where the lines go (the
	 * launcher's stderr, or FILE). */
	int sv[2] = { -1, -1 };
	if (explain) {
		if (explain_out < 0 && (explain_out = dup_cloexec(2, 3)) < 0)
			fail("--explain: no standard error to explain on (%s); give --explain=FILE", strerror(errno));
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) fail("socketpair: %s", strerror(errno));
		for (int k = 0; k < 3; k++) {
			int *fd = k < 2 ? &sv[k] : &explain_out, moved = dup_cloexec(*fd, argfd + 5);
			if (moved < 0) fail("dup: %s", strerror(errno));
			close(*fd);
			*fd = moved;
		}
	}
	int top = explain ? argfd + 5 : argfd + 2;
	for (int k = 0; k < g.n; k++) {
		if (g.v[k].in_place) continue;
		int fd = dup_cloexec(g.v[k].fd, top);
		if (fd < 0) fail("dup: %s", strerror(errno));
		g.v[k].fd = fd;
	}
	memfd = dup_cloexec(memfd, top);
	program = dup_cloexec(program, top);
	for (int k = 0; k < g.n; k++)
		if (!g.v[k].in_place && dup2(g.v[k].fd, g.v[k].number) < 0) fail("dup2: %s", strerror(errno));
	if (dup2(memfd, argfd) < 0) fail("dup2: %s", strerror(errno));
	if (dup2(program, argfd + 1) < 0) fail("dup2: %s", strerror(errno));
	program = argfd + 1;
	fcntl(program, F_SETFD, FD_CLOEXEC);   /* exec'd by descriptor, then gone */
	if (explain) {
		if (dup3(sv[0], argfd + 2, O_CLOEXEC) < 0 || dup3(sv[1], argfd + 3, O_CLOEXEC) < 0 ||
		    dup3(explain_out, argfd + 4, O_CLOEXEC) < 0)
			fail("dup3: %s", strerror(errno));
		sv[0] = argfd + 2, sv[1] = argfd + 3, explain_out = argfd + 4;
	}
	if (syscall(SYS_close_range, top, ~0U, 0)) fail("close_range: %s", strerror(errno));

	/* 7a. --explain: the launcher forks and stays, unconfined, as the
	 * supervisor of the program's denied calls (explain.c), holding only
	 * its end of the socket and the output: the child goes on with the
	 * steps below and is the program. */
	if (explain) {
		/* Landlock's denials come from the kernel's audit records: the
		 * socket is made before the program's domain, so that none is
		 * missed (explain-audit.c), or one line says why there is none. */
		const char *why = NULL;
		int audit = explain_audit_open(abi, &why);
		if (audit >= 0 && audit < top) {
			/* above the program's descriptors, which the parent closes */
			int moved = dup_cloexec(audit, top);
			close(audit);
			audit = moved;
		}
		if (audit < 0 && why)
			dprintf(explain_out, "%s: explain: Landlock's denials (EACCES on what no grant allows) are not "
				"explained here: %s\n", progname, why);
		fflush(stderr);
		pid_t pid = fork();
		if (pid < 0) fail("fork: %s", strerror(errno));
		if (pid > 0) {
			close(sv[1]);
			if (syscall(SYS_close_range, 0, sv[0] - 1, 0)) fail("close_range: %s", strerror(errno));
			explain_supervise(pid, sv[0], explain_out, audit);
		}
		close(sv[0]);
		close(explain_out);
		if (audit >= 0) close(audit);
	}

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
	if ((r = confine_drop_capabilities())) fail("dropping capabilities: %s", strerror(-r));

	if (!unconfined) {
		/* 12. Landlock: every file right the kernel knows is handled, and
		 * only the granted trees (plus EXECUTE of the program) allow any. */
		landlock(abi, &g, program, explain && abi >= 7 ? CONFINE_RESTRICT_SELF_LOG_NEW_EXEC_ON : 0);
#ifdef CLOUDABI_SECCOMP_FILTER
		/* 13. The seccomp policy (runtime/policy), shared with the libc. */
		struct sock_fprog prog = { cloudabi_seccomp_filter_len, (struct sock_filter *)cloudabi_seccomp_filter };
		/* Before Linux 6.3, a copy that allows memfd_create without
		 * MFD_NOEXEC_SEAL (filter.h; the warning above names it). */
		static struct cloudabi_sock_filter old_kernel[CLOUDABI_SECCOMP_FILTER_MAX];
		if (!memfd_noexec_available(abi)) {
			cloudabi_seccomp_filter_without_noexec(old_kernel);
			prog.filter = (struct sock_filter *)old_kernel;
		}
		if (!explain) {
			if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) fail("seccomp: %s", strerror(errno));
		} else {
			/* --explain: every denial waits for the supervisor, which
			 * answers with the same errno (explain.c). The listener
			 * goes to it; here it is close-on-exec, and closed. */
			if (prog.filter != (struct sock_filter *)old_kernel)
				memcpy(old_kernel, cloudabi_seccomp_filter, cloudabi_seccomp_filter_len * sizeof *old_kernel);
			cloudabi_seccomp_filter_explain(old_kernel, CLOUDABI_SECCOMP_RET_USER_NOTIF);
			prog.filter = (struct sock_filter *)old_kernel;
			long listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
			if (listener < 0) fail("seccomp (--explain, user notification): %s", strerror(errno));
			char byte = 0;
			union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } c = { 0 };
			struct iovec iov = { &byte, 1 };
			struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf, .msg_controllen = sizeof c.buf };
			struct cmsghdr *h = CMSG_FIRSTHDR(&msg);
			h->cmsg_level = SOL_SOCKET;
			h->cmsg_type = SCM_RIGHTS;
			h->cmsg_len = CMSG_LEN(sizeof(int));
			int fd = (int)listener;
			memcpy(CMSG_DATA(h), &fd, sizeof fd);
			if (sendmsg(sv[1], &msg, 0) != 1) fail("--explain: passing the listener: %s", strerror(errno));
			close(fd);
			close(sv[1]);
		}
#endif
	}

	/* 14. The program, by its descriptor, with an environment of only
	 * what --env gave and the argdata's descriptor. */
	if (!foreign) {
		syscall(SYS_execveat, program, "", prog_argv, env, AT_EMPTY_PATH);
		fail("cannot run %s: %s", prog_argv[0], strerror(errno));
	}
	exec_foreign(program, path, prog_argv, env, machine);
}
