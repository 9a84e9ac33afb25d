/*
 * The init of tests/vm's initramfs: it runs as PID 1 of a booted kernel,
 * unconfined, as root. It mounts what the suites need, then carries out
 * /plan, a list of steps tests/vm/run.sh wrote on the host, and prints each
 * result on the console for the host to judge; then it powers off.
 *
 * The host decides everything (which programs, which descriptors, what a
 * result means): this program only runs things and reports, so the
 * verdicts stay in one place (tests/escape/judge.sh, tests/lib.sh).
 *
 * /plan: one step a line, fields separated by tabs.
 *   mkdir PATH MODE          a directory (MODE in octal)
 *   write PATH MODE [TEXT]   a file holding TEXT and a newline (or empty)
 *   symlink TARGET PATH
 *   mknod PATH MAJOR MINOR   a character device, mode 0666
 *   copy SRC DST MODE        a copy of a file
 *   rm PATH...               unlink each (a missing one is fine)
 *   run ID OPTS ARGV...      run a program, wait, print its output and status
 *   bg ID OPTS ARGV...       start one and go on; `wait ID` reports it
 *   wait ID
 *   send PATH TEXT           connect to a UNIX socket (retrying while nobody
 *                            listens yet) and write TEXT
 *   abstract NAME            bind a datagram socket to the abstract address
 *                            "\0NAME" and keep it (a target outside any sandbox)
 *   say TEXT                 print "@say TEXT"
 * OPTS, comma-separated ("-" for none): uid=N (also gid N, no groups),
 * cwd=PATH, N=PATH (PATH opened read-only on descriptor N), core (no
 * limit on core files), quiet (standard error to /dev/null), timeout=SECONDS.
 * Standard input is /dev/null unless OPTS give 0=PATH.
 *
 * Output, on the console: "@out ID LINE" for each line a program wrote,
 * then "@status ID N" (its exit status, 128 + the signal that killed it, or
 * "timeout"). "@kernel RELEASE MACHINE", "@landlock ABI", "@error TEXT"
 * and "@end" frame the run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXARGS 64

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The end of every path: power off (qemu runs with -no-reboot, so a
 * restart ends it on both machines without ACPI or PSCI power-off). */
static _Noreturn void halt(void)
{
	say("@end");
	sync();
	reboot(RB_AUTOBOOT);
	for (;;) pause();
}

static void die(const char *what)
{
	say("@error %s: %s", what, strerror(errno));
	halt();
}

/* A program started by `bg`, reported by `wait`. */
struct job { char id[64]; pid_t pid; int out; int timeout; };
static struct job jobs[8];

/* The child's side of run/bg: descriptors, identity, limits, then exec. */
static _Noreturn void child(char *opts, char **argv, int out)
{
	int uid = -1, quiet = 0, core = 0;
	const char *cwd = "/";
	setsid();   /* its own process group: a timeout kills all of it */
	int null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(out, 1);
	dup2(out, 2);
	/* Each N=PATH is opened above the range the program sees, then
	 * moved into place, so that the order of OPTS does not matter. */
	int want[16], have[16], n = 0;
	for (char *o = strtok(opts, ","); o; o = strtok(NULL, ",")) {
		char *eq = strchr(o, '=');
		if (!strcmp(o, "-")) continue;
		else if (!strcmp(o, "quiet")) quiet = 1;
		else if (!strcmp(o, "core")) core = 1;
		else if (eq && !strncmp(o, "uid=", 4)) uid = atoi(eq + 1);
		else if (eq && !strncmp(o, "cwd=", 4)) cwd = eq + 1;
		else if (eq && !strncmp(o, "timeout=", 8)) continue;
		else if (eq && o[0] >= '0' && o[0] <= '9' && n < 16) {
			want[n] = atoi(o);
			have[n] = fcntl(open(eq + 1, O_RDONLY | O_CLOEXEC), F_DUPFD_CLOEXEC, 100);
			if (have[n] < 0) { dprintf(out, "vm-init: cannot open %s\n", eq + 1); _exit(125); }
			n++;
		} else { dprintf(out, "vm-init: bad option %s\n", o); _exit(125); }
	}
	if (quiet) dup2(null, 2);
	for (int k = 0; k < n; k++) dup2(have[k], want[k]);   /* dup2 clears CLOEXEC */
	if (core) setrlimit(RLIMIT_CORE, &(struct rlimit){ RLIM_INFINITY, RLIM_INFINITY });
	if (chdir(cwd)) { dprintf(out, "vm-init: chdir %s: %m\n", cwd); _exit(125); }
	if (uid >= 0 && (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))) {
		dprintf(out, "vm-init: cannot become %d: %m\n", uid);
		_exit(125);
	}
	/* Everything not asked for is closed (the console, the plan). */
	int top = 3;
	for (int k = 0; k < n; k++) if (want[k] >= top) top = want[k] + 1;
	for (int fd = 3; fd < top; fd++) {
		int asked = 0;
		for (int k = 0; k < n; k++) asked |= want[k] == fd;
		if (!asked) close(fd);
	}
	syscall(SYS_close_range, top, ~0U, 0);
	execv(argv[0], argv);
	dprintf(2, "vm-init: cannot run %s: %m\n", argv[0]);
	_exit(126);
}

static struct job start(char *id, char *opts, char **argv)
{
	struct job j = { .timeout = 60 };
	snprintf(j.id, sizeof j.id, "%s", id);
	char *t = strstr(opts, "timeout=");
	if (t) j.timeout = atoi(t + 8);
	int p[2];
	if (pipe2(p, O_CLOEXEC)) die("pipe");
	j.pid = fork();
	if (j.pid < 0) die("fork");
	if (j.pid == 0) child(opts, argv, p[1]);
	close(p[1]);
	j.out = p[0];
	return j;
}

/* Print what the job writes, line by line, until it closes its output or
 * its time is up; then its status. */
static void finish(struct job *j)
{
	char buf[4096], line[4096];
	size_t len = 0;
	time_t end = time(NULL) + j->timeout;
	int timed_out = 0;
	for (;;) {
		struct pollfd pfd = { j->out, POLLIN, 0 };
		int left = (int)(end - time(NULL));
		if (left <= 0 || poll(&pfd, 1, left * 1000) == 0) { timed_out = 1; break; }
		ssize_t r = read(j->out, buf, sizeof buf);
		if (r <= 0) break;
		for (ssize_t k = 0; k < r; k++) {
			if (buf[k] == '\n' || len == sizeof line - 1) {
				line[len] = 0;
				say("@out %s %s", j->id, line);
				len = 0;
				if (buf[k] == '\n') continue;
			}
			line[len++] = buf[k];
		}
	}
	if (len) { line[len] = 0; say("@out %s %s", j->id, line); }
	close(j->out);
	if (timed_out) kill(-j->pid, SIGKILL);
	int st;
	/* A daemon it left behind would hold the pipe; the job itself is waited for. */
	waitpid(j->pid, &st, 0);
	if (timed_out) say("@status %s timeout", j->id);
	else if (WIFSIGNALED(st)) say("@status %s %d", j->id, 128 + WTERMSIG(st));
	else say("@status %s %d", j->id, WEXITSTATUS(st));
}

static void send_text(const char *path, const char *text)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
	for (int tries = 0; tries < 100; tries++) {
		int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (s >= 0 && !connect(s, (void *)&a, sizeof a)) {
			if (write(s, text, strlen(text)) < 0) say("@error send: %s", strerror(errno));
			close(s);
			return;
		}
		close(s);
		usleep(100000);
	}
	say("@error send %s: nobody listens", path);
}

static int copy(const char *src, const char *dst, mode_t mode)
{
	int in = open(src, O_RDONLY | O_CLOEXEC), out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	char buf[65536];
	ssize_t r;
	if (in < 0 || out < 0) return -1;
	while ((r = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, r) != r) return -1;
	close(in);
	close(out);
	return r < 0 ? -1 : chmod(dst, mode);
}

static void step(int argc, char **v)
{
	const char *verb = v[0];
	int r = 0;
	if (!strcmp(verb, "mkdir") && argc == 3) {
		r = mkdir(v[1], strtoul(v[2], NULL, 8));
		if (!r) r = chmod(v[1], strtoul(v[2], NULL, 8));   /* past the umask */
	} else if (!strcmp(verb, "write") && argc >= 3) {
		FILE *f = fopen(v[1], "w");
		if (!f) r = -1;
		else {
			if (argc > 3) fprintf(f, "%s\n", v[3]);
			r = fclose(f) | chmod(v[1], strtoul(v[2], NULL, 8));
		}
	} else if (!strcmp(verb, "symlink") && argc == 3) {
		r = symlink(v[1], v[2]);
	} else if (!strcmp(verb, "mknod") && argc == 4) {
		r = mknod(v[1], S_IFCHR | 0666, makedev(atoi(v[2]), atoi(v[3])));
		if (!r) r = chmod(v[1], 0666);
	} else if (!strcmp(verb, "copy") && argc == 4) {
		r = copy(v[1], v[2], strtoul(v[3], NULL, 8));
	} else if (!strcmp(verb, "rm")) {
		for (int k = 1; k < argc; k++)
			if (unlink(v[k]) && errno != ENOENT && rmdir(v[k])) r = -1;
	} else if (!strcmp(verb, "run") && argc >= 4) {
		struct job j = start(v[1], v[2], v + 3);
		finish(&j);
	} else if (!strcmp(verb, "bg") && argc >= 4) {
		for (int k = 0; k < 8; k++)
			if (!jobs[k].pid) { jobs[k] = start(v[1], v[2], v + 3); return; }
		say("@error too many background jobs");
	} else if (!strcmp(verb, "wait") && argc == 2) {
		for (int k = 0; k < 8; k++)
			if (jobs[k].pid && !strcmp(jobs[k].id, v[1])) { finish(&jobs[k]); jobs[k].pid = 0; return; }
		say("@error wait %s: no such job", v[1]);
	} else if (!strcmp(verb, "send") && argc == 3) {
		send_text(v[1], v[2]);
	} else if (!strcmp(verb, "abstract") && argc == 2) {
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		size_t n = strlen(v[1]);
		if (n + 1 >= sizeof a.sun_path) n = sizeof a.sun_path - 2;
		memcpy(a.sun_path + 1, v[1], n);
		int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		r = s < 0 ? -1 : bind(s, (void *)&a, offsetof(struct sockaddr_un, sun_path) + 1 + n);
	} else if (!strcmp(verb, "say")) {
		say("@say %s", argc > 1 ? v[1] : "");
	} else {
		say("@error bad step: %s (%d fields)", verb, argc);
		return;
	}
	if (r) say("@error %s %s: %s", verb, argc > 1 ? v[1] : "", strerror(errno));
}

int main(void)
{
	/* The initramfs is the kernel's rootfs, which pivot_root refuses to
	 * move (cloudabi-run --isolate pivots into an empty root): a bind
	 * mount of it, moved over /, is an ordinary mount that can be. */
	mkdir("/newroot", 0755);
	if (!mount("/", "/newroot", NULL, MS_BIND | MS_REC, NULL) && !chdir("/newroot")) {
		mount(".", "/", NULL, MS_MOVE, NULL);
		if (chroot(".") || chdir("/")) return 1;
	}
	/* The kernel found no /dev/console in the initramfs (it is built
	 * without root, so it holds no device nodes): devtmpfs has one. */
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) && errno != EBUSY) die("mount /dev");
	if (fcntl(1, F_GETFD) < 0) {
		int c = open("/dev/console", O_RDWR);
		if (c < 0) return 1;   /* nowhere to say anything */
		dup2(c, 0); dup2(c, 1); dup2(c, 2);
		if (c > 2) close(c);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* /proc for the /proc vectors and the launcher's --check; a tmpfs
	 * for the suites' scratch directories. */
	mkdir("/proc", 0555);
	mkdir("/tmp", 01777);
	if (mount("proc", "/proc", "proc", 0, NULL)) die("mount /proc");
	if (mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777")) die("mount /tmp");
	umask(022);

	struct utsname u;
	uname(&u);
	say("@kernel %s %s", u.release, u.machine);
	long abi = syscall(444 /* landlock_create_ruleset, both arches */, NULL, 0, 1 /* VERSION */);
	say("@landlock %ld", abi < 0 ? 0 : abi);

	FILE *plan = fopen("/plan", "re");
	if (!plan) die("/plan");
	static char line[65536];
	while (fgets(line, sizeof line, plan)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || line[0] == '#') continue;
		char *v[MAXARGS + 1];
		int n = 0;
		for (char *s = line, *tab; n < MAXARGS; s = tab + 1) {
			v[n++] = s;
			if (!(tab = strchr(s, '\t'))) break;
			*tab = 0;
		}
		v[n] = NULL;
		step(n, v);
	}
	halt();
}
