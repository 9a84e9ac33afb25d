/*
 * The CloudABI compiler driver.
 *
 * One program installed under every tool name of a target, for example
 * bin/x86_64-unknown-cloudabi-cc -> ../libexec/cloudabi/driver. It works out
 * the target and the tool from the name it was started under, finds the
 * installation prefix from its own location (so a prefix can be copied
 * anywhere), and runs the matching LLVM tool:
 *
 *   cc, clang, c++, clang++, cpp   clang with --config=<prefix>/share/cloudabi/<triple>.cfg
 *   ld                             ld.lld, then marks the executable ELFOSABI_CLOUDABI
 *   ar, ranlib, nm, objcopy, ...   the llvm-* tool of the same name
 *   cc-<version>, c++-<version>    cc and c++, if <version> is this toolchain's
 *                                  (distcc sends the name; docs/distributed.md)
 *
 * The LLVM binaries come from LLVM_BIN_DIR (set at build time) unless
 * CLOUDABI_LLVM_BIN_DIR names another directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef LLVM_BIN_DIR
#define LLVM_BIN_DIR "/usr/lib/llvm-19/bin"
#endif
#ifndef CLOUDABI_VERSION
#define CLOUDABI_VERSION "unknown"
#endif

#define ELFOSABI_CLOUDABI 17

static const char *const arches[] = {"x86_64", "aarch64"};
#define TRIPLE_SUFFIX "-unknown-cloudabi"

enum kind { COMPILER, LINKER, BINUTIL };

static const struct tool {
	const char *name;   /* suffix after "<triple>-" */
	const char *llvm;   /* program in the LLVM bin directory */
	enum kind kind;
} tools[] = {
	{"cc", "clang", COMPILER},       {"clang", "clang", COMPILER},
	{"c++", "clang++", COMPILER},    {"clang++", "clang++", COMPILER},
	{"cpp", "clang-cpp", COMPILER},  {"ld", "ld.lld", LINKER},
	{"ar", "llvm-ar", BINUTIL},      {"ranlib", "llvm-ranlib", BINUTIL},
	{"nm", "llvm-nm", BINUTIL},      {"objcopy", "llvm-objcopy", BINUTIL},
	{"objdump", "llvm-objdump", BINUTIL}, {"strip", "llvm-strip", BINUTIL},
	{"size", "llvm-size", BINUTIL},  {"readelf", "llvm-readelf", BINUTIL},
};

/* Host settings that would make Clang search the build machine's own
 * headers, libraries or programs; a cross compiler must not see them. */
static const char *const host_env[] = {
	"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH",
	"LIBRARY_PATH", "COMPILER_PATH", "GCC_EXEC_PREFIX",
};

static const char *progname = "cloudabi-driver";

__attribute__((__format__(__printf__, 1, 2)))
static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: error: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (!r) die("%s", "out of memory");
	return r;
}

static char *join(const char *a, const char *b, const char *c)
{
	char *r;
	if (asprintf(&r, "%s%s%s", a, b, c) < 0) die("%s", "out of memory");
	return r;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The compilers that also have a versioned name, <triple>-cc-<version>:
 * the name a distcc client sends, so that a build host with another version
 * has no such name and refuses the job (docs/distributed.md). */
static bool versioned(const struct tool *tool)
{
	return strcmp(tool->name, "cc") == 0 || strcmp(tool->name, "c++") == 0;
}

/* If NAME is "<arch>-unknown-cloudabi-<tool>" (or "...-<tool>-<version>" of
 * a versioned tool), fill in both and return true. A versioned name of
 * another version is an error: this compiler is not the one it asks for. */
static bool parse_name(const char *name, const char **arch, const struct tool **tool)
{
	for (size_t a = 0; a < sizeof arches / sizeof *arches; a++) {
		size_t n = strlen(arches[a]);
		if (strncmp(name, arches[a], n) != 0 ||
		    strncmp(name + n, TRIPLE_SUFFIX "-", strlen(TRIPLE_SUFFIX) + 1) != 0)
			continue;
		const char *t = name + n + strlen(TRIPLE_SUFFIX) + 1;
		for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
			size_t len = strlen(tools[i].name);
			if (strcmp(t, tools[i].name) != 0 &&
			    !(versioned(&tools[i]) && strncmp(t, tools[i].name, len) == 0 && t[len] == '-'))
				continue;
			if (t[len] == '-' && strcmp(t + len + 1, CLOUDABI_VERSION) != 0)
				die("%s: this is CloudABI toolchain %s, not %s "
				    "(a build host needs the client's version)",
				    name, CLOUDABI_VERSION, t + len + 1);
			*arch = arches[a];
			*tool = &tools[i];
			return true;
		}
	}
	return false;
}

/* The path argv[0] was found at: as given if it has a slash, else from PATH. */
static char *invoked_path(const char *argv0)
{
	if (strchr(argv0, '/')) return xstrdup(argv0);
	const char *path = getenv("PATH");
	if (!path) return NULL;
	char *copy = xstrdup(path), *save = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *cand = join(*dir ? dir : ".", "/", argv0);
		if (access(cand, X_OK) == 0) {
			free(copy);
			return cand;
		}
		free(cand);
	}
	free(copy);
	return NULL;
}

/*
 * Find the tool name: argv[0] itself, or the first name along its chain of
 * symbolic links that names a tool (so "cc -> x86_64-unknown-cloudabi-cc"
 * works as well as the installed names).
 */
static void identify(const char *argv0, const char **arch, const struct tool **tool)
{
	if (parse_name(base_name(argv0), arch, tool)) return;
	char *path = invoked_path(argv0);
	for (int hops = 0; path && hops < 40; hops++) {
		if (parse_name(base_name(path), arch, tool)) return;
		char target[PATH_MAX];
		ssize_t n = readlink(path, target, sizeof target - 1);
		if (n < 0) break;
		target[n] = '\0';
		char *next;
		if (target[0] == '/') {
			next = xstrdup(target);
		} else {
			char *dir = xstrdup(path);
			char *slash = strrchr(dir, '/');
			if (slash) slash[1] = '\0'; else dir[0] = '\0';
			next = join(dir, target, "");
			free(dir);
		}
		free(path);
		path = next;
	}
	die("cannot tell the tool from the name '%s': expected "
	    "<arch>-unknown-cloudabi-<tool>, arch x86_64 or aarch64", base_name(argv0));
}

/* The real binary is <prefix>/libexec/cloudabi/driver: go up three levels.
 * Without /proc (icecream runs compilers chrooted into its environment,
 * which has none), the name it was started under, links resolved. */
static char *find_prefix(const char *argv0)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n >= 0) {
		self[n] = '\0';
	} else {
		int err = errno;
		char *path = invoked_path(argv0);
		if (!path || !realpath(path, self))
			die("cannot read /proc/self/exe (%s) nor find %s", strerror(err), argv0);
		free(path);
	}
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(self, '/');
		if (!slash) die("unexpected driver location %s", self);
		*slash = '\0';
	}
	return xstrdup(self);
}

static char *llvm_program(const char *name)
{
	const char *dir = getenv("CLOUDABI_LLVM_BIN_DIR");
	if (!dir || !*dir) dir = LLVM_BIN_DIR;
	return join(dir, "/", name);
}

static _Noreturn void run(char **argv)
{
	execv(argv[0], argv);
	die("cannot run %s: check that clang-19, lld-19 and llvm-19 are installed", argv[0]);
}

/* Wait for a child started with fork(); return its exit status for ours. */
static int wait_status(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) die("waitpid: %s", strerror(errno));
	if (WIFEXITED(status)) return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

/* ---- the linker: run ld.lld, then stamp the OS/ABI byte ---- */

static const char *linker_output(int argc, char **argv)
{
	const char *out = "a.out";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
		     strcmp(a, "-output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (strncmp(a, "--output=", 9) == 0)
			out = a + 9;
		else if (strncmp(a, "-o", 2) == 0 && a[2] != '\0')
			out = a + 2;
	}
	return out;
}

/*
 * lld takes e_ident[EI_OSABI] from its -m emulation, and Clang always passes
 * one, so the executable's OS/ABI is written here. Relocatable objects
 * (ld -r) are left alone; executables become ELFOSABI_CLOUDABI.
 */
static void mark_cloudabi(const char *file)
{
	FILE *f = fopen(file, "r+b");
	if (!f) die("cannot open the linker's output %s", file);
	unsigned char h[18];
	if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h, "\177ELF", 4) != 0) {
		fclose(f);
		return;
	}
	unsigned type = h[5] == 2 ? (unsigned)(h[16] << 8 | h[17]) : (unsigned)(h[17] << 8 | h[16]);
	if (type == 2 /* ET_EXEC */ || type == 3 /* ET_DYN: static PIE */) {
		if (fseek(f, 7, SEEK_SET) != 0 || fputc(ELFOSABI_CLOUDABI, f) == EOF)
			die("cannot write the OS/ABI byte of %s", file);
	}
	if (fclose(f) != 0) die("cannot write %s", file);
}

static _Noreturn void linker(char *lld, const char *prefix, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-shared") == 0 || strcmp(argv[i], "--shared") == 0 ||
		    strcmp(argv[i], "-Bshareable") == 0)
			die("%s: shared libraries are not supported; CloudABI programs are "
			    "static, so build a static library (ar) instead", argv[i]);
	/* lld, then every argument, with the explanation script for links that
	 * refer to a name the capability libc removed (see ld-error-handler). */
	char **args = calloc((size_t)argc + 2, sizeof *args);
	if (!args) die("%s", "out of memory");
	args[0] = lld;
	args[1] = join("--error-handling-script=", prefix, "/libexec/cloudabi/ld-error-handler");
	memcpy(args + 2, argv + 1, (size_t)argc * sizeof *args);
	/* lld runs the script before it prints its own "error:" line, so the
	 * script writes its notes to this memory file (inherited: no
	 * MFD_CLOEXEC), and they are printed after lld has finished. */
	int notes = memfd_create("cloudabi-ld-notes", 0);
	if (notes >= 0) {
		char num[16];
		snprintf(num, sizeof num, "%d", notes);
		setenv("CLOUDABI_LD_NOTES_FD", num, 1);
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) die("fork: %s", strerror(errno));
	if (pid == 0) run(args);
	int rc = wait_status(pid);
	if (notes >= 0) {
		char buf[4096];
		ssize_t n;
		lseek(notes, 0, SEEK_SET);
		while ((n = read(notes, buf, sizeof buf)) > 0)
			if (write(2, buf, (size_t)n) < 0) break;
		close(notes);
	}
	if (rc == 0) {
		/* Only a linked executable is stamped: not ld -r output, and
		 * nothing when lld only answered --version or --help. */
		bool executable = true;
		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "--relocatable") == 0 ||
			    strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-v") == 0 ||
			    strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--help") == 0)
				executable = false;
		if (executable) mark_cloudabi(linker_output(argc, argv));
	}
	exit(rc);
}

/* ---- the compiler driver ---- */

/* Is T a name for this driver's own target? */
static bool own_target(const char *t, const char *arch)
{
	size_t n = strlen(arch);
	return strncmp(t, arch, n) == 0 &&
	       (strcmp(t + n, TRIPLE_SUFFIX) == 0 || strcmp(t + n, "-cloudabi") == 0);
}

/* Our version line, then clang --version with the internal triple replaced
 * by the CloudABI one. */
static _Noreturn void version(char **argv, const char *arch, const char *triple)
{
	printf("CloudABI toolchain %s (%s)\n", CLOUDABI_VERSION, triple);
	int fds[2];
	if (pipe(fds) < 0) die("pipe: %s", strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) die("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		run(argv);
	}
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	char *internal = join(arch, "-unknown-linux-musl", "");
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, in) > 0) {
		char *hit = strstr(line, internal);
		if (hit)
			printf("%.*s%s%s", (int)(hit - line), line, triple, hit + strlen(internal));
		else
			fputs(line, stdout);
	}
	fclose(in);
	exit(wait_status(pid));
}

static _Noreturn void compiler(char *clang, const char *cfg, const char *arch,
                               const char *triple, int argc, char **argv)
{
	/* clang --config=CFG, then the user's arguments minus our own target. */
	char **args = calloc((size_t)argc + 2, sizeof *args);
	if (!args) die("%s", "out of memory");
	int n = 0;
	args[n++] = clang;
	args[n++] = join("--config=", cfg, "");
	bool want_version = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *target = NULL;
		if (strncmp(a, "--target=", 9) == 0) target = a + 9;
		else if (strcmp(a, "-target") == 0 || strcmp(a, "--target") == 0) {
			if (i + 1 >= argc) die("%s needs an argument", a);
			target = argv[++i];
		}
		if (target) {
			if (!own_target(target, arch))
				die("this compiler targets only %s; refusing --target=%s "
				    "(use the <arch>-unknown-cloudabi-* tool of that target)",
				    triple, target);
			/* the config file already selects the target */
			continue;
		}
		if (strcmp(a, "-dumpmachine") == 0 || strcmp(a, "-print-target-triple") == 0 ||
		    strcmp(a, "-print-effective-triple") == 0) {
			printf("%s\n", triple);
			exit(0);
		}
		if (strcmp(a, "-shared") == 0 || strcmp(a, "--shared") == 0 ||
		    strcmp(a, "-Wl,-shared") == 0 || strcmp(a, "-Wl,--shared") == 0)
			die("%s: shared libraries are not supported; CloudABI programs are "
			    "static, so build a static library (ar) instead", a);
		if (strcmp(a, "-no-pie") == 0 || strcmp(a, "-nopie") == 0)
			die("%s: CloudABI executables are always static PIE", a);
		if (strcmp(a, "--version") == 0) want_version = true;
		args[n++] = argv[i];
	}
	args[n] = NULL;
	if (want_version) version(args, arch, triple);
	run(args);
}

int main(int argc, char **argv)
{
	const char *arch;
	const struct tool *tool;

	/* "driver --list-tools": the names to install, for the build. */
	if (argc == 2 && strcmp(argv[1], "--list-tools") == 0 &&
	    strcmp(base_name(argv[0]), "driver") == 0) {
		for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
			printf("%s\n", tools[i].name);
		for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
			if (versioned(&tools[i])) printf("%s-%s\n", tools[i].name, CLOUDABI_VERSION);
		return 0;
	}

	identify(argc > 0 ? argv[0] : "", &arch, &tool);
	char *triple = join(arch, TRIPLE_SUFFIX, "");
	progname = join(triple, "-", tool->name);

	for (size_t i = 0; i < sizeof host_env / sizeof *host_env; i++)
		unsetenv(host_env[i]);

	char *program = llvm_program(tool->llvm);
	char *prefix = find_prefix(argc > 0 ? argv[0] : "");
	switch (tool->kind) {
	case COMPILER: {
		char *cfg = join(prefix, "/share/cloudabi/", join(triple, ".cfg", ""));
		if (access(cfg, R_OK) != 0)
			die("no configuration for this target at %s: was it built? "
			    "(./build.sh --target all)", cfg);
		/* The sysroot comes in its own package; say which. */
		char *sysroot = join(prefix, "/", triple);
		if (access(sysroot, R_OK) != 0) {
			char *package = join(triple, "-c-runtime", "");
			for (char *c = package; *c; c++)
				if (*c == '_') *c = '-';
			die("no C runtime for %s at %s: install the package %s "
			    "(or build it: ./build.sh --target %s)", triple, sysroot, package, arch);
		}
		compiler(program, cfg, arch, triple, argc, argv);
	}
	case LINKER:
		linker(program, prefix, argc, argv);
	case BINUTIL:
		argv[0] = program;
		run(argv);
	}
	return 1;
}
