/* The seccomp policy, tested. Built for the host (x86_64) with one
 * generated filter linked in, filter-x86_64.c or filter-aarch64.c:
 *
 *   policy-test kernel LIST    (x86_64 filter only) every case twice, each
 *       in a forked child: once under the filter, installed with
 *       PR_SET_NO_NEW_PRIVS + seccomp(SECCOMP_SET_MODE_FILTER), and once
 *       without it (the negative control: a vector the filter must block
 *       has to get through unfiltered, or the case tests nothing). Also
 *       checks that the BPF emulator below agrees with the kernel.
 *   policy-test emulate LIST   the filter as data: well-formed, kills a
 *       wrong architecture, gives every plain row of the table its action,
 *       and every case its expected verdict, through a classic BPF
 *       interpreter (qemu-user cannot install seccomp filters, so this is
 *       how the aarch64 filter is checked).
 *
 * LIST is "gen-filter --list policy.tsv ARCH": number, name, action per
 * row. Each case uses harmless arguments (an invalid descriptor or
 * pointer, signal 0, an impossible flag) so that a filter failing open
 * changes nothing on the machine. Output: "ok   - ", "FAIL - ", "skip - "
 * lines, one check each. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "filter.h"

_Static_assert(sizeof(struct sock_filter) == sizeof(struct cloudabi_sock_filter), "layout");
_Static_assert(offsetof(struct sock_filter, code) == offsetof(struct cloudabi_sock_filter, code), "code");
_Static_assert(offsetof(struct sock_filter, jt) == offsetof(struct cloudabi_sock_filter, jt), "jt");
_Static_assert(offsetof(struct sock_filter, jf) == offsetof(struct cloudabi_sock_filter, jf), "jf");
_Static_assert(offsetof(struct sock_filter, k) == offsetof(struct cloudabi_sock_filter, k), "k");
_Static_assert(sizeof(struct seccomp_data) == 64, "seccomp_data");

/* x86_64 numbers newer than the build machine's 6.1 headers */
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_setxattrat
#define SYS_setxattrat 463
#endif
#ifndef SYS_getxattrat
#define SYS_getxattrat 464
#endif
#ifndef SYS_file_setattr
#define SYS_file_setattr 469
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1
#endif
#define MFD_NOEXEC_SEAL_ 8
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define TIOCLINUX_ 0x541c
#define AUDIT_ARCH_ARM_ 0x40000028u
#define AUDIT_ARCH_AARCH64_BE 0x800000b7u

#ifdef POLICY_ARCH_AARCH64
#define ARCH_NAME "aarch64"
#define ARCH_AUDIT 0xc00000b7u
#define OTHER_ARCHES { AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_ARM_, AUDIT_ARCH_AARCH64_BE, 0 }
#else
#define ARCH_NAME "x86_64"
#define ARCH_AUDIT 0xc000003eu
#define OTHER_ARCHES { AUDIT_ARCH_I386, 0xc00000b7u, AUDIT_ARCH_ARM_, 0x4000003eu, 0 }
#endif

static int passed, failed;
static void ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ok(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("ok   - %s ", ARCH_NAME);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	passed++;
}
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL - %s ", ARCH_NAME);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	failed++;
}
static void result(int good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void result(int good, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (good) ok("%s", buf);
	else fail("%s", buf);
}

/* ---- the cases ---- */

enum verdict { ALLOW, EPERM_, ENOSYS_, KILL, PROBE };
static const char *const verdict_names[] = { "allow", "EPERM", "ENOSYS", "killed (SIGSYS)",
	"the probe's answer (errno CLOUDABI_SECCOMP_PROBE_REPLY)" };

/* argument markers, resolved at run time */
#define MARK(x) (0x5eed000000000000ul | (x))
#define BAD 8ul             /* an address that is never mapped */
#define PID MARK(1)
#define TID MARK(2)
#define PPID MARK(3)
#define BUF MARK(4)         /* a writable, zeroed buffer */
#define STR_X MARK(5)       /* "x" */
#define STR_Y MARK(6)       /* "y" */
#define EMPTY MARK(7)       /* "" */
#define ALLOWPROG MARK(8)   /* a struct sock_fprog that allows everything */
#define HOW MARK(9)         /* a zeroed struct open_how */
#define NAME MARK(10)       /* "policy-test" */
#define ID_LO MARK(11)      /* the low half of cloudabi_seccomp_filter_id */
#define ID_HI MARK(12)      /* its high half */

enum special { NONE, INT80, SPAWN_CHILD, RAW_NR };
#define X86_ONLY 1          /* flags */
#define A64_ONLY 2
#define NO_CONTROL 4        /* the kernel blocks it by itself: no negative control */

struct tcase {
	const char *vector;
	const char *sys;        /* the row of policy.tsv */
	long x86_nr;            /* x86_64 number from the host's <sys/syscall.h> */
	unsigned long a[6];
	enum verdict expect;
	enum special special;
	int flags;
	const char *why_no_control;
};

#define C(vec, name, exp, ...) { vec, #name, SYS_##name, { __VA_ARGS__ }, exp, NONE, 0, NULL }
#define C86(vec, name, exp, ...) { vec, #name, SYS_##name, { __VA_ARGS__ }, exp, NONE, X86_ONLY, NULL }
#define AT_FDCWD_ ((unsigned long)-100)

static const struct tcase cases[] = {
	/* *at calls: the directory argument may not be AT_FDCWD */
	C("openat(AT_FDCWD, path)", openat, EPERM_, AT_FDCWD_, BAD, O_RDONLY),
	C("openat(AT_FDCWD zero-extended 0x00000000ffffff9c, path)", openat, EPERM_, 0xffffff9cul, BAD, O_RDONLY),
	C("openat(AT_FDCWD with garbage high bits 0x12345678ffffff9c, path)", openat, EPERM_, 0x12345678ffffff9cul, BAD, O_RDONLY),
	C("openat(999, \"x\")", openat, ALLOW, 999, STR_X, O_RDONLY),
	C("openat(999 with garbage high bits 0xdeadbeef000003e7, \"x\")", openat, ALLOW, 0xdeadbeef000003e7ul, STR_X, O_RDONLY),
	C("openat2(AT_FDCWD, path)", openat2, EPERM_, AT_FDCWD_, BAD, HOW, 24),
	C("openat2(999, \"x\")", openat2, ALLOW, 999, STR_X, HOW, 24),
	C("mkdirat(AT_FDCWD, path)", mkdirat, EPERM_, AT_FDCWD_, BAD, 0700),
	C("mkdirat(999, \"x\")", mkdirat, ALLOW, 999, STR_X, 0700),
	C("mknodat(AT_FDCWD, path, S_IFIFO)", mknodat, EPERM_, AT_FDCWD_, BAD, S_IFIFO | 0600, 0),
	C("mknodat(999, \"x\", S_IFIFO)", mknodat, ALLOW, 999, STR_X, S_IFIFO | 0600, 0),
	C("unlinkat(AT_FDCWD, path)", unlinkat, EPERM_, AT_FDCWD_, BAD, 0),
	C("unlinkat(999, \"x\")", unlinkat, ALLOW, 999, STR_X, 0),
	C("renameat(999, \"x\", AT_FDCWD, path)", renameat, EPERM_, 999, STR_X, AT_FDCWD_, BAD),
	C("renameat(999, \"x\", 999, \"y\")", renameat, ALLOW, 999, STR_X, 999, STR_Y),
	C("renameat2(AT_FDCWD, path, 999, \"y\")", renameat2, EPERM_, AT_FDCWD_, BAD, 999, STR_Y, 0),
	C("renameat2(999, \"x\", AT_FDCWD, path)", renameat2, EPERM_, 999, STR_X, AT_FDCWD_, BAD, 0),
	C("renameat2(999, \"x\", 999, \"y\")", renameat2, ALLOW, 999, STR_X, 999, STR_Y, 0),
	C("linkat(AT_FDCWD, path, 999, \"y\")", linkat, EPERM_, AT_FDCWD_, BAD, 999, STR_Y, 0),
	C("linkat(999, \"x\", AT_FDCWD, path)", linkat, EPERM_, 999, STR_X, AT_FDCWD_, BAD, 0),
	C("linkat(999, \"x\", 999, \"y\")", linkat, ALLOW, 999, STR_X, 999, STR_Y, 0),
	C("symlinkat(\"x\", AT_FDCWD, path): the directory is arg1", symlinkat, EPERM_, STR_X, AT_FDCWD_, BAD),
	C("symlinkat(\"x\", 999, \"y\")", symlinkat, ALLOW, STR_X, 999, STR_Y),
	C("symlinkat(arg0 = -100, 999, \"y\"): arg0 is text, not checked", symlinkat, ALLOW, AT_FDCWD_, 999, STR_Y),
	C("readlinkat(AT_FDCWD, path)", readlinkat, EPERM_, AT_FDCWD_, BAD, BUF, 64),
	C("readlinkat(999, \"x\")", readlinkat, ALLOW, 999, STR_X, BUF, 64),
	C("newfstatat(AT_FDCWD, path)", newfstatat, EPERM_, AT_FDCWD_, BAD, BUF, 0),
	C("newfstatat(999, \"x\")", newfstatat, ALLOW, 999, STR_X, BUF, 0),
	C("newfstatat(999, \"\", AT_EMPTY_PATH)", newfstatat, ALLOW, 999, EMPTY, BUF, AT_EMPTY_PATH),
	C("statx(AT_FDCWD, path)", statx, EPERM_, AT_FDCWD_, BAD, 0, 0x7ff, BUF),
	C("statx(999, \"\", AT_EMPTY_PATH)", statx, ALLOW, 999, EMPTY, AT_EMPTY_PATH, 0x7ff, BUF),
	C("faccessat(AT_FDCWD, path)", faccessat, EPERM_, AT_FDCWD_, BAD, F_OK),
	C("faccessat(999, \"x\")", faccessat, ALLOW, 999, STR_X, F_OK),
	C("faccessat2(AT_FDCWD, path)", faccessat2, EPERM_, AT_FDCWD_, BAD, F_OK, 0),
	C("faccessat2(999, \"x\")", faccessat2, ALLOW, 999, STR_X, F_OK, 0),
	C("utimensat(999, \"x\", NULL): a path", utimensat, EPERM_, 999, STR_X, 0, 0),
	C("utimensat(999, path 0x100000000: only high bits)", utimensat, EPERM_, 999, 0x100000000ul, 0, 0),
	C("utimensat(999, NULL): the descriptor form (futimens)", utimensat, ALLOW, 999, 0, 0, 0),
	C("execveat(999, \"\", AT_EMPTY_PATH): exec by descriptor", execveat, ALLOW, 999, EMPTY, 0, 0, AT_EMPTY_PATH),
	C("execveat(999, \"x\", flags 0)", execveat, EPERM_, 999, STR_X, 0, 0, 0),
	C("execveat(AT_FDCWD, path, AT_EMPTY_PATH)", execveat, EPERM_, AT_FDCWD_, BAD, 0, 0, AT_EMPTY_PATH),
	C("execveat(999, \"\", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW)", execveat, EPERM_, 999, EMPTY, 0, 0, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW),
	C("execve(path)", execve, EPERM_, BAD, 0, 0),

	/* path calls denied whole */
	C86("open(path)", open, EPERM_, BAD, O_RDONLY),
	C86("creat(path)", creat, EPERM_, BAD, 0600),
	C86("stat(path)", stat, EPERM_, BAD, BUF),
	C86("lstat(path)", lstat, EPERM_, BAD, BUF),
	C86("access(path)", access, EPERM_, BAD, F_OK),
	C86("readlink(path)", readlink, EPERM_, BAD, BUF, 64),
	C86("mkdir(path)", mkdir, EPERM_, BAD, 0700),
	C86("rename(path, path)", rename, EPERM_, BAD, BAD),
	C86("link(path, path)", link, EPERM_, BAD, BAD),
	C86("unlink(path)", unlink, EPERM_, BAD),
	C86("chmod(path)", chmod, EPERM_, BAD, 0),
	C86("chown(path)", chown, EPERM_, BAD, -1ul, -1ul),
	C86("futimesat(999, \"x\")", futimesat, EPERM_, 999, STR_X, 0),
	C("truncate(path)", truncate, EPERM_, BAD, 0),
	C("statfs(path)", statfs, EPERM_, BAD, BUF),
	C("chdir(path)", chdir, EPERM_, BAD),
	C("fchdir(999)", fchdir, EPERM_, 999),
	C("chroot(path)", chroot, EPERM_, BAD),
	C("getcwd()", getcwd, EPERM_, BAD, 4096),
	C("fchmodat(999, \"x\")", fchmodat, EPERM_, 999, STR_X, 0),
	C("fchmodat2(999, \"x\")", fchmodat2, EPERM_, 999, STR_X, 0, 0),
	C("fchownat(999, \"x\")", fchownat, EPERM_, 999, STR_X, -1ul, -1ul, 0),
	C("setxattr(path)", setxattr, EPERM_, BAD, BAD, BUF, 1, 0),
	C("lsetxattr(path)", lsetxattr, EPERM_, BAD, BAD, BUF, 1, 0),
	C("getxattr(path)", getxattr, EPERM_, BAD, BAD, BUF, 64),
	C("listxattr(path)", listxattr, EPERM_, BAD, BUF, 64),
	C("removexattr(path)", removexattr, EPERM_, BAD, BAD),
	C("setxattrat(999, \"x\")", setxattrat, EPERM_, 999, STR_X, 0, NAME, BAD, 32),
	C("getxattrat(999, \"x\")", getxattrat, EPERM_, 999, STR_X, 0, NAME, BAD, 32),
	C("file_setattr(999, \"x\")", file_setattr, EPERM_, 999, STR_X, BUF, 24, 0),
	C("name_to_handle_at(999, \"x\")", name_to_handle_at, EPERM_, 999, STR_X, BAD, BAD, 0),
	C("open_by_handle_at(999)", open_by_handle_at, EPERM_, 999, BAD, 0),
	C("inotify_add_watch(999, \"x\")", inotify_add_watch, EPERM_, 999, STR_X, 1),
	C("inotify_init1() (harmless without add_watch)", inotify_init1, ALLOW, 0),
	C("fanotify_init(bad flags)", fanotify_init, EPERM_, 0xffffffff, 0),

	/* descriptors */
	C("read(999)", read, ALLOW, 999, BUF, 1),
	C("write(999)", write, ALLOW, 999, BUF, 1),
	C("close(999)", close, ALLOW, 999),
	C("close_range(1000, 1010)", close_range, ALLOW, 1000, 1010, 0),
	C("lseek(999)", lseek, ALLOW, 999, 0, SEEK_SET),
	C("fstat(999)", fstat, ALLOW, 999, BUF),
	C("getdents64(999)", getdents64, ALLOW, 999, BUF, 64),
	C("dup3(999, 1000)", dup3, ALLOW, 999, 1000, 0),
	C("pipe2(bad pointer)", pipe2, ALLOW, BAD, 0),
	C("ftruncate(999)", ftruncate, ALLOW, 999, 0),
	C("fchmod(999)", fchmod, ALLOW, 999, 0600),
	C("fchown(999)", fchown, ALLOW, 999, -1ul, -1ul),
	C("fsync(999)", fsync, ALLOW, 999),
	C("syncfs(999)", syncfs, ALLOW, 999),
	C("fsetxattr(999)", fsetxattr, ALLOW, 999, NAME, BUF, 1, 0),
	C("fcntl(999, F_GETFD)", fcntl, ALLOW, 999, F_GETFD),
	C("fcntl(999, F_SETFL)", fcntl, ALLOW, 999, F_SETFL, O_NONBLOCK),
	C("fcntl(999, F_SETOWN, 1)", fcntl, EPERM_, 999, F_SETOWN, 1),
	C("fcntl(999, F_SETOWN_EX)", fcntl, EPERM_, 999, F_SETOWN_EX, BAD),
	C("fcntl(999, F_SETSIG)", fcntl, EPERM_, 999, F_SETSIG, SIGUSR1),
	C("fcntl(999, F_SETOWN with high bits 0x100000008)", fcntl, EPERM_, 999, 0x100000000ul | F_SETOWN, 1),
	C("ioctl(999, TIOCSTI)", ioctl, EPERM_, 999, TIOCSTI, BUF),
	C("ioctl(999, TIOCSTI with high bits 0x100005412)", ioctl, EPERM_, 999, 0x100000000ul | TIOCSTI, BUF),
	C("ioctl(999, TIOCSTI with high bits 0xffffffff00005412)", ioctl, EPERM_, 999, 0xffffffff00000000ul | TIOCSTI, BUF),
	C("ioctl(999, TIOCLINUX)", ioctl, EPERM_, 999, TIOCLINUX_, BUF),
	C("ioctl(0, TIOCGWINSZ)", ioctl, ALLOW, 0, TIOCGWINSZ, BUF),
	C("ioctl(999, FIONREAD)", ioctl, ALLOW, 999, FIONREAD, BUF),
	C("ioctl(999, 0x15412: not TIOCSTI)", ioctl, ALLOW, 999, 0x10000 | TIOCSTI, BUF),
	C("memfd_create(name, MFD_CLOEXEC): may become executable", memfd_create, EPERM_, BAD, MFD_CLOEXEC),
	C("memfd_create(name, MFD_NOEXEC_SEAL|MFD_CLOEXEC), bad name", memfd_create, ALLOW, BAD, MFD_NOEXEC_SEAL_ | MFD_CLOEXEC),
	C("memfd_create(\"policy-test\", MFD_NOEXEC_SEAL)", memfd_create, ALLOW, NAME, MFD_NOEXEC_SEAL_),

	/* memory, threads, time */
	C("mmap(anonymous)", mmap, ALLOW, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1ul, 0),
	C("brk(0)", brk, ALLOW, 0),
	C("futex(bad, FUTEX_WAKE)", futex, ALLOW, BAD, 1, 1),
	C("getrandom(8 bytes)", getrandom, ALLOW, BUF, 8, 0),
	C("clock_gettime(CLOCK_MONOTONIC)", clock_gettime, ALLOW, CLOCK_MONOTONIC, BUF),
	C("nanosleep(0)", nanosleep, ALLOW, BUF, 0),
	C("sched_yield()", sched_yield, ALLOW, 0),
	C("getpid()", getpid, ALLOW, 0),
	C("gettid()", gettid, ALLOW, 0),
	C("getuid()", getuid, ALLOW, 0),
	C("uname()", uname, ALLOW, BUF),
	C("umask(022)", umask, ALLOW, 022),
	C("getrusage(RUSAGE_SELF)", getrusage, ALLOW, RUSAGE_SELF, BUF),
	C("getcpu()", getcpu, ALLOW, BUF, 0, 0),
	C("mbind(len 0)", mbind, EPERM_, 0, 0, 0, 0, 0, 0),
	C86("modify_ldt(read)", modify_ldt, EPERM_, 0, BUF, 16),
	C("clone(CLONE_NEWUSER|CLONE_FS) (invalid pair)", clone, EPERM_, CLONE_NEWUSER | CLONE_FS, 0, 0, 0, 0),
	C("clone(CLONE_NEWNS|CLONE_FS) (invalid pair)", clone, EPERM_, CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0),
	C("clone(CLONE_NEWPID|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWPID | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_NEWNET|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWNET | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_NEWUTS|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWUTS | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_NEWIPC|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWIPC | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_NEWCGROUP|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWCGROUP | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_NEWTIME bit 0x80|CLONE_THREAD) (no SIGHAND: invalid)", clone, EPERM_, CLONE_NEWTIME | CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_THREAD) (no SIGHAND: invalid)", clone, ALLOW, CLONE_THREAD, 0, 0, 0, 0),
	C("clone(CLONE_THREAD with high bits 0x10000000000)", clone, ALLOW, 0x10000000000ul | CLONE_THREAD, 0, 0, 0, 0),
	{ "clone(SIGCHLD|CLONE_PIDFD) as pdfork makes it; the child exits at once", "clone", SYS_clone,
	  { SIGCHLD | CLONE_PIDFD, 0, BUF, 0, 0 }, ALLOW, SPAWN_CHILD, 0, NULL },
	C("clone3(bad pointer)", clone3, ENOSYS_, BAD, 88),
	C("unshare(bad flag 1)", unshare, EPERM_, 1),
	C("setns(999)", setns, EPERM_, 999, 0),
	C("mount(bad pointers)", mount, EPERM_, BAD, BAD, BAD, 0, 0),
	C("umount2(bad pointer)", umount2, EPERM_, BAD, 0),
	C("pivot_root(bad pointers)", pivot_root, EPERM_, BAD, BAD),
	C("open_tree(999, \"x\")", open_tree, EPERM_, 999, STR_X, 0),
	C("fsopen(bad pointer)", fsopen, EPERM_, BAD, 0),
	C("listmount(bad pointer)", listmount, EPERM_, BAD, BAD, 0, 0),

	/* processes */
	C("kill(1, 0)", kill, EPERM_, 1, 0),
	C("kill(-1, 0)", kill, EPERM_, -1ul, 0),
	C("kill(parent, 0)", kill, EPERM_, PPID, 0),
	C("tgkill(own pid, own tid, 0)", tgkill, ALLOW, PID, TID, 0),
	C("tkill(own tid, 0)", tkill, ALLOW, TID, 0),
	C("rt_sigqueueinfo(own pid, 0, bad)", rt_sigqueueinfo, EPERM_, PID, 0, BAD),
	C("rt_tgsigqueueinfo(own pid, own tid, 0, bad)", rt_tgsigqueueinfo, EPERM_, PID, TID, 0, BAD),
	C("pidfd_open(own pid)", pidfd_open, EPERM_, PID, 0),
	C("pidfd_send_signal(999, 0): pdkill", pidfd_send_signal, ALLOW, 999, 0, 0, 0),
	C("pidfd_getfd(999, 0)", pidfd_getfd, EPERM_, 999, 0, 0),
	C("waitid(P_PIDFD, 999): pdwait", waitid, ALLOW, P_PIDFD, 999, BUF, WEXITED, 0),
	C("waitid(P_ALL, WNOHANG)", waitid, EPERM_, P_ALL, 0, BUF, WEXITED | WNOHANG, 0),
	C("waitid(P_PID 1, WNOHANG)", waitid, EPERM_, P_PID, 1, BUF, WEXITED | WNOHANG, 0),
	C("wait4(-1, WNOHANG)", wait4, EPERM_, -1ul, 0, WNOHANG, 0),
	C("ptrace(PTRACE_ATTACH, no such pid)", ptrace, EPERM_, 16, 0x7fffffff, 0, 0),
	C("process_vm_readv(own pid, bad)", process_vm_readv, EPERM_, PID, BAD, 1, BAD, 1, 0),
	C("kcmp(own pid, own pid, KCMP_FILE, 0, 0)", kcmp, EPERM_, PID, PID, 0, 0, 0),
	C("prlimit64(0, RLIMIT_NOFILE, read)", prlimit64, ALLOW, 0, RLIMIT_NOFILE, 0, BUF),
	C("prlimit64(pid 0 with high bits 0x100000000, read)", prlimit64, ALLOW, 0x100000000ul, RLIMIT_NOFILE, 0, BUF),
	C("prlimit64(1, RLIMIT_NOFILE, read)", prlimit64, EPERM_, 1, RLIMIT_NOFILE, 0, BUF),
	C("sched_getaffinity(0)", sched_getaffinity, ALLOW, 0, 128, BUF),
	C("sched_getaffinity(1)", sched_getaffinity, EPERM_, 1, 128, BUF),
	C("sched_setaffinity(0, bad)", sched_setaffinity, ALLOW, 0, 8, BAD),
	C("sched_setaffinity(1, bad)", sched_setaffinity, EPERM_, 1, 8, BAD),
	C("sched_getparam(0)", sched_getparam, ALLOW, 0, BUF),
	C("sched_getparam(1)", sched_getparam, EPERM_, 1, BUF),
	C("sched_setparam(0, bad)", sched_setparam, ALLOW, 0, BAD),
	C("sched_setparam(1, bad)", sched_setparam, EPERM_, 1, BAD),
	C("sched_getscheduler(0)", sched_getscheduler, ALLOW, 0),
	C("sched_getscheduler(1)", sched_getscheduler, EPERM_, 1),
	C("sched_setscheduler(0, SCHED_OTHER, bad)", sched_setscheduler, ALLOW, 0, 0, BAD),
	C("sched_setscheduler(1, SCHED_OTHER, bad)", sched_setscheduler, EPERM_, 1, 0, BAD),
	C("sched_getattr(0)", sched_getattr, ALLOW, 0, BUF, 56, 0),
	C("sched_getattr(1)", sched_getattr, EPERM_, 1, BUF, 56, 0),
	C("sched_setattr(0, bad)", sched_setattr, ALLOW, 0, BAD, 0),
	C("sched_setattr(1, bad)", sched_setattr, EPERM_, 1, BAD, 0),
	C("sched_rr_get_interval(0)", sched_rr_get_interval, ALLOW, 0, BUF),
	C("sched_rr_get_interval(1)", sched_rr_get_interval, EPERM_, 1, BUF),
	C("getpriority(PRIO_PROCESS, 0)", getpriority, ALLOW, PRIO_PROCESS, 0),
	C("getpriority(PRIO_PROCESS, 1)", getpriority, EPERM_, PRIO_PROCESS, 1),
	C("getpriority(PRIO_USER, 0): every process of the user", getpriority, EPERM_, PRIO_USER, 0),
	C("setpriority(PRIO_PROCESS, 0, 19): own process", setpriority, ALLOW, PRIO_PROCESS, 0, 19),
	C("setpriority(PRIO_USER, no such uid, 0)", setpriority, EPERM_, PRIO_USER, 0x7ffffff0, 0),
	C("ioprio_get(IOPRIO_WHO_PROCESS, 0)", ioprio_get, ALLOW, 1, 0),
	C("ioprio_get(IOPRIO_WHO_PROCESS, 1)", ioprio_get, EPERM_, 1, 1),
	C("ioprio_set(IOPRIO_WHO_PROCESS, 0, best-effort 4)", ioprio_set, ALLOW, 1, 0, (2 << 13) | 4),
	C("ioprio_set(IOPRIO_WHO_PROCESS, 1, invalid class)", ioprio_set, EPERM_, 1, 1, 0xffff),
	C("get_robust_list(0): own thread, as pthread_mutexattr_setrobust asks", get_robust_list, ALLOW, 0, BUF, BUF),
	C("get_robust_list(pid 0 with high bits 0x100000000): pid is an int", get_robust_list, ALLOW, 0x100000000ul, BUF, BUF),
	C("get_robust_list(parent, bad, bad): another process's list", get_robust_list, EPERM_, PPID, BAD, BAD),
	C("get_robust_list(own tid): the filter cannot tell it from another", get_robust_list, EPERM_, TID, BUF, BUF),
	C("get_robust_list(-1): no such process", get_robust_list, EPERM_, -1ul, BUF, BUF),
	C("getpgid(0)", getpgid, ALLOW, 0),
	C("getpgid(1)", getpgid, EPERM_, 1),
	C("getsid(0)", getsid, ALLOW, 0),
	C("getsid(1)", getsid, EPERM_, 1),
	C("setpgid(0, 0)", setpgid, EPERM_, 0, 0),
	C("capget(bad)", capget, EPERM_, BAD, BAD),
	C("capset(bad): own process only", capset, ALLOW, BAD, BAD),
	C("personality(0xffffffff): query", personality, EPERM_, 0xffffffff),
	C("prctl(PR_SET_NO_NEW_PRIVS, 1)", prctl, ALLOW, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
	C("prctl(PR_GET_NO_NEW_PRIVS)", prctl, ALLOW, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
	C("prctl(PR_GET_SECCOMP)", prctl, ALLOW, PR_GET_SECCOMP, 0, 0, 0, 0),
	C("prctl(PR_SET_NAME)", prctl, ALLOW, PR_SET_NAME, NAME, 0, 0, 0),
	C("prctl(PR_GET_NAME)", prctl, ALLOW, PR_GET_NAME, BUF, 0, 0, 0),
	C("prctl(PR_GET_DUMPABLE)", prctl, ALLOW, PR_GET_DUMPABLE, 0, 0, 0, 0),
	C("prctl(PR_SET_DUMPABLE, 0)", prctl, ALLOW, PR_SET_DUMPABLE, 0, 0, 0, 0),
	C("prctl(PR_SET_DUMPABLE, 1)", prctl, EPERM_, PR_SET_DUMPABLE, 1, 0, 0, 0),
	C("prctl(PR_SET_DUMPABLE, 0x100000000)", prctl, EPERM_, PR_SET_DUMPABLE, 0x100000000ul, 0, 0, 0),
	C("prctl(PR_SET_PDEATHSIG, 0)", prctl, ALLOW, PR_SET_PDEATHSIG, 0, 0, 0, 0),
	C("prctl(PR_CAPBSET_READ, 0)", prctl, ALLOW, PR_CAPBSET_READ, 0, 0, 0, 0),
	C("prctl(PR_CAPBSET_DROP, invalid cap)", prctl, ALLOW, PR_CAPBSET_DROP, 9999, 0, 0, 0),
	C("prctl(PR_CAP_AMBIENT, CLEAR_ALL)", prctl, ALLOW, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0),
	C("prctl(PR_CAP_AMBIENT, RAISE, invalid cap)", prctl, EPERM_, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 9999, 0, 0),
	C("prctl(PR_SET_MM, PR_SET_MM_MAP_SIZE, bad)", prctl, EPERM_, PR_SET_MM, PR_SET_MM_MAP_SIZE, BAD, 0, 0),
	C("prctl(PR_SET_SECCOMP, invalid mode)", prctl, EPERM_, PR_SET_SECCOMP, 99, 0, 0, 0),
	C("prctl(PR_SET_VMA, invalid)", prctl, EPERM_, 0x53564d41, 0xffff, 0, 0, 0),
	C("seccomp(SET_MODE_FILTER, 0, bad)", seccomp, ALLOW, SECCOMP_SET_MODE_FILTER, 0, BAD),
	C("seccomp(SET_MODE_FILTER, TSYNC, bad)", seccomp, ALLOW, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, BAD),
	C("seccomp(SET_MODE_FILTER, FLAG_LOG, bad)", seccomp, EPERM_, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, BAD),
	C("seccomp(SET_MODE_FILTER, NEW_LISTENER, bad)", seccomp, EPERM_, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, BAD),
	C("seccomp(GET_ACTION_AVAIL)", seccomp, EPERM_, SECCOMP_GET_ACTION_AVAIL, 0, BUF),
	C("seccomp(SET_MODE_FILTER, 0, allow-all): a nested filter really installs", seccomp, ALLOW, SECCOMP_SET_MODE_FILTER, 0, ALLOWPROG),
	C("landlock_create_ruleset(VERSION)", landlock_create_ruleset, ALLOW, 0, 0, 1),
	C("landlock_add_rule(999)", landlock_add_rule, ALLOW, 999, 1, BAD, 0),
	C("landlock_restrict_self(999)", landlock_restrict_self, ALLOW, 999, 0),

	/* sockets */
	C("socket(unknown family)", socket, EPERM_, 12345, SOCK_STREAM, 0),
	C("connect(999)", connect, EPERM_, 999, BAD, 16),
	C("bind(999)", bind, EPERM_, 999, BAD, 16),
	C("listen(999)", listen, EPERM_, 999, 1),
	C("accept4(999)", accept4, ALLOW, 999, 0, 0, 0),
	C("socketpair(AF_UNIX, SOCK_STREAM, bad)", socketpair, ALLOW, AF_UNIX, SOCK_STREAM, 0, BAD),
	C("socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC|SOCK_NONBLOCK, bad)", socketpair, ALLOW, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, BAD),
	C("socketpair(AF_UNIX, SOCK_DGRAM, bad)", socketpair, EPERM_, AF_UNIX, SOCK_DGRAM, 0, BAD),
	C("socketpair(AF_INET, SOCK_STREAM, bad)", socketpair, EPERM_, AF_INET, SOCK_STREAM, 0, BAD),
	C("socketpair(AF_UNIX, SOCK_STREAM|0x40, bad)", socketpair, EPERM_, AF_UNIX, SOCK_STREAM | 0x40, 0, BAD),
	C("sendto(999, NULL address)", sendto, ALLOW, 999, BUF, 1, 0, 0, 0),
	C("sendto(999, an address)", sendto, EPERM_, 999, BUF, 1, 0, BAD, 16),
	C("sendto(999, address 0x100000000: only high bits)", sendto, EPERM_, 999, BUF, 1, 0, 0x100000000ul, 16),
	C("sendmsg(999): address unreadable, allowed", sendmsg, ALLOW, 999, BAD, 0),
	C("recvmsg(999)", recvmsg, ALLOW, 999, BAD, 0),
	C("recvfrom(999)", recvfrom, ALLOW, 999, BUF, 1, 0, 0, 0),
	C("shutdown(999)", shutdown, ALLOW, 999, SHUT_RDWR),
	C("getsockopt(999)", getsockopt, ALLOW, 999, SOL_SOCKET, SO_TYPE, BUF, BUF),

	/* the system */
	C("sysinfo(bad): allowed, read-only counts (EFAULT here)", sysinfo, ALLOW, BAD),
	C("sysinfo(buffer)", sysinfo, ALLOW, BUF),
	C("syslog(SIZE_BUFFER)", syslog, EPERM_, 10, 0, 0),
	C("sethostname(bad)", sethostname, EPERM_, BAD, 1),
	C("setdomainname(bad)", setdomainname, EPERM_, BAD, 1),
	C("settimeofday(bad)", settimeofday, EPERM_, BAD, 0),
	C("clock_settime(CLOCK_REALTIME, bad)", clock_settime, EPERM_, CLOCK_REALTIME, BAD),
	C("adjtimex(bad)", adjtimex, EPERM_, BAD),
	C("reboot(bad magic)", reboot, EPERM_, 0, 0, 0, 0),
	C("swapon(bad)", swapon, EPERM_, BAD, 0),
	C("acct(bad)", acct, EPERM_, BAD),
	C("bpf(invalid command)", bpf, EPERM_, 0xffffffff, BAD, 0),
	C("perf_event_open(bad)", perf_event_open, EPERM_, BAD, 0, -1ul, -1ul, 0),
	C("userfaultfd(bad flags)", userfaultfd, EPERM_, 0xffffffff),
	C("keyctl(invalid)", keyctl, EPERM_, 0xffffffff, 0, 0, 0, 0),
	C("add_key(bad)", add_key, EPERM_, BAD, BAD, 0, 0, 0),
	C("request_key(bad)", request_key, EPERM_, BAD, BAD, 0, 0),
	C("io_uring_setup(0, bad)", io_uring_setup, EPERM_, 0, BAD),
	C("io_setup(0, bad)", io_setup, EPERM_, 0, BAD),
	C("shmget(IPC_PRIVATE, size 0)", shmget, EPERM_, 0, 0, 0),
	C("semget(IPC_PRIVATE, -1)", semget, EPERM_, 0, -1ul, 0),
	C("msgget(absent key)", msgget, EPERM_, 0x7ea1, 0),
	C("mq_open(bad)", mq_open, EPERM_, BAD, O_RDONLY, 0, 0),

	/* the architecture and unknown numbers */
	{ "syscall(__X32_SYSCALL_BIT | getpid)", NULL, 0x40000000l | SYS_getpid, { 0 }, KILL, RAW_NR, X86_ONLY,
	  NULL },
	{ "syscall(0xffffffff): has the x32 bit", NULL, -1, { 0 }, KILL, RAW_NR, X86_ONLY | NO_CONTROL,
	  "the kernel treats nr -1 as no call at all" },
	{ "int $0x80 getpid (eax 20): AUDIT_ARCH_I386", NULL, 20, { 0 }, KILL, INT80, X86_ONLY, NULL },
	{ "syscall(1000): not in the policy", NULL, 1000, { 0 }, ENOSYS_, RAW_NR, NO_CONTROL,
	  "the kernel has no system call 1000 (ENOSYS either way)" },
	/* the probe (filter.h): answered only with this filter's id */
	{ "syscall(1001, the filter's id): the probe", NULL, CLOUDABI_SECCOMP_PROBE_NR, { ID_LO, ID_HI }, PROBE,
	  RAW_NR, 0, NULL },
	{ "syscall(1001, the id's halves swapped): not the probe", NULL, CLOUDABI_SECCOMP_PROBE_NR, { ID_HI, ID_LO },
	  ENOSYS_, RAW_NR, NO_CONTROL, "the kernel has no system call 1001 (ENOSYS either way)" },
	{ "syscall(1001, 0, 0): not the probe", NULL, CLOUDABI_SECCOMP_PROBE_NR, { 0, 0 }, ENOSYS_, RAW_NR,
	  NO_CONTROL, "the kernel has no system call 1001 (ENOSYS either way)" },
	{ "syscall(0x3fffffff): not in the policy", NULL, 0x3fffffff, { 0 }, ENOSYS_, RAW_NR, NO_CONTROL,
	  "the kernel has no such system call (ENOSYS either way)" },
	{ "syscall(0xffffffff): not in the policy, no x32 bit on aarch64", NULL, -1, { 0 }, ENOSYS_, RAW_NR,
	  A64_ONLY | NO_CONTROL, NULL },
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ---- the table, as gen-filter --list prints it ---- */

struct lrow { long nr; char name[64]; char action[16]; };
static struct lrow *list;
static size_t nlist;

static void read_list(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) { perror(path); exit(2); }
	char line[256];
	while (fgets(line, sizeof line, f)) {
		list = realloc(list, (nlist + 1) * sizeof *list);
		struct lrow *r = &list[nlist];
		if (sscanf(line, "%ld %63s %15s", &r->nr, r->name, r->action) != 3) {
			fprintf(stderr, "%s: bad line: %s", path, line);
			exit(2);
		}
		nlist++;
	}
	fclose(f);
	if (!nlist) { fprintf(stderr, "%s: empty\n", path); exit(2); }
}

static const struct lrow *find_row(const char *name)
{
	for (size_t i = 0; i < nlist; i++)
		if (!strcmp(list[i].name, name)) return &list[i];
	return NULL;
}

/* The case's number on this architecture, or -1 when it does not apply. */
static long case_nr(const struct tcase *c)
{
#ifdef POLICY_ARCH_AARCH64
	if (c->flags & X86_ONLY) return -1;
#else
	if (c->flags & A64_ONLY) return -1;
#endif
	if (!c->sys) return c->x86_nr == -1 ? 0xffffffffl : c->x86_nr;
	const struct lrow *r = find_row(c->sys);
	return r ? r->nr : -1;
}

/* ---- run-time arguments ---- */

static char buf[4096] __attribute__((aligned(64)));
static struct sock_filter allow_all[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
static struct sock_fprog allow_prog = { 1, allow_all };
static char how[24];

static unsigned long resolve(unsigned long a)
{
	switch (a) {
	case PID: return (unsigned long)getpid();
	case TID: return (unsigned long)gettid();
	case PPID: return (unsigned long)getppid();
	case BUF: return (unsigned long)buf;
	case STR_X: return (unsigned long)"x";
	case STR_Y: return (unsigned long)"y";
	case EMPTY: return (unsigned long)"";
	case ALLOWPROG: return (unsigned long)&allow_prog;
	case HOW: return (unsigned long)how;
	case NAME: return (unsigned long)"policy-test";
	case ID_LO: return (uint32_t)cloudabi_seccomp_filter_id;
	case ID_HI: return (uint32_t)(cloudabi_seccomp_filter_id >> 32);
	default: return a;
	}
}

/* ---- a classic BPF interpreter for what gen-filter emits ---- */

static const struct cloudabi_sock_filter *prog = cloudabi_seccomp_filter;
#define PROG_LEN cloudabi_seccomp_filter_len

static uint32_t emulate(const struct seccomp_data *d)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS];
	int written[BPF_MEMWORDS] = { 0 };
	const unsigned char *bytes = (const unsigned char *)d;
	for (size_t pc = 0; pc < PROG_LEN; pc++) {
		const struct cloudabi_sock_filter *i = &prog[pc];
		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (i->k > sizeof *d - 4 || i->k % 4) return 0xdeadbeef;
			memcpy(&A, bytes + i->k, 4);
			break;
		case BPF_LD | BPF_IMM: A = i->k; break;
		case BPF_LD | BPF_MEM:
			if (i->k >= BPF_MEMWORDS || !written[i->k]) return 0xdeadbeef;
			A = M[i->k];
			break;
		case BPF_ST:
			if (i->k >= BPF_MEMWORDS) return 0xdeadbeef;
			M[i->k] = A;
			written[i->k] = 1;
			break;
		case BPF_MISC | BPF_TAX: X = A; break;
		case BPF_ALU | BPF_LSH | BPF_X: A = X < 32 ? A << X : 0; break;
		case BPF_ALU | BPF_AND | BPF_K: A &= i->k; break;
		case BPF_JMP | BPF_JA: pc += i->k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += A == i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += A >= i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K: pc += A > i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (A & i->k) ? i->jt : i->jf; break;
		case BPF_RET | BPF_K: return i->k;
		default: return 0xdeadbeef;
		}
	}
	return 0xdeadbeef;   /* fell off the end */
}

static int ret_verdict(uint32_t r)
{
	switch (r) {
	case SECCOMP_RET_ALLOW: return ALLOW;
	case SECCOMP_RET_ERRNO | EPERM: return EPERM_;
	case SECCOMP_RET_ERRNO | ENOSYS: return ENOSYS_;
	case SECCOMP_RET_KILL_PROCESS: return KILL;
	case SECCOMP_RET_ERRNO | CLOUDABI_SECCOMP_PROBE_REPLY: return PROBE;
	default: return -1;
	}
}

static const char *vname(int v) { return v < 0 ? "(not a policy verdict)" : verdict_names[v]; }

static int emulate_case(const struct tcase *c, long nr)
{
	struct seccomp_data d = { .nr = (int)nr, .arch = ARCH_AUDIT };
	if (c->special == INT80) d.arch = AUDIT_ARCH_I386;
	for (int i = 0; i < 6; i++) d.args[i] = resolve(c->a[i]);
	return ret_verdict(emulate(&d));
}

/* ---- emulate mode ---- */

static void check_wellformed(void)
{
	size_t n = PROG_LEN;
	char why[256] = "";
	result(n > 0 && n <= BPF_MAXINSNS, "filter: %zu instructions, within 1..%d", n, BPF_MAXINSNS);
	result(cloudabi_seccomp_filter_arch == ARCH_AUDIT, "filter: cloudabi_seccomp_filter_arch is 0x%08x",
	       ARCH_AUDIT);

	int good = 1;
	for (size_t pc = 0; pc < n && good; pc++) {
		uint16_t code = prog[pc].code;
		if (code != (BPF_LD | BPF_W | BPF_ABS) && code != (BPF_ALU | BPF_AND | BPF_K) &&
		    code != (BPF_LD | BPF_IMM) && code != (BPF_LD | BPF_MEM) && code != BPF_ST &&
		    code != (BPF_MISC | BPF_TAX) && code != (BPF_ALU | BPF_LSH | BPF_X) &&
		    code != (BPF_JMP | BPF_JA) && code != (BPF_JMP | BPF_JEQ | BPF_K) &&
		    code != (BPF_JMP | BPF_JGE | BPF_K) && code != (BPF_JMP | BPF_JSET | BPF_K) &&
		    code != (BPF_RET | BPF_K)) {
			good = 0;
			snprintf(why, sizeof why, ": instruction %zu has opcode 0x%x", pc, code);
		}
	}
	result(good, "filter: only ld, ld M[], st, tax, lsh x, and, jeq, jge, jset, ja, ret instructions%s", why);

	good = 1;
	for (size_t pc = 0; pc < n && good; pc++)
		if (prog[pc].code == (BPF_LD | BPF_W | BPF_ABS) &&
		    (prog[pc].k % 4 || prog[pc].k > sizeof(struct seccomp_data) - 4)) {
			good = 0;
			snprintf(why, sizeof why, ": instruction %zu loads offset %u", pc, prog[pc].k);
		}
	result(good, "filter: every load reads an aligned word of seccomp_data%s", good ? "" : why);

	good = 1;
	for (size_t pc = 0; pc < n && good; pc++) {
		const struct cloudabi_sock_filter *i = &prog[pc];
		if (BPF_CLASS(i->code) != BPF_JMP) continue;
		size_t t = i->code == (BPF_JMP | BPF_JA) ? pc + 1 + i->k : pc + 1 + i->jt;
		size_t f = i->code == (BPF_JMP | BPF_JA) ? t : pc + 1 + i->jf;
		if (t >= n || f >= n) {
			good = 0;
			snprintf(why, sizeof why, ": instruction %zu jumps to %zu/%zu of %zu", pc, t, f, n);
		}
	}
	result(good, "filter: every jump lands inside the program%s", good ? "" : why);
	result(prog[n - 1].code == (BPF_RET | BPF_K), "filter: the last instruction is a return");

	/* Every instruction reachable; nothing falls off the end; every
	 * return one of the four verdicts. */
	unsigned char *reach = calloc(n, 1);
	reach[0] = 1;
	int rets_ok = 1, falls_off = 0;
	for (size_t pc = 0; pc < n; pc++) {
		if (!reach[pc]) continue;
		const struct cloudabi_sock_filter *i = &prog[pc];
		if (i->code == (BPF_RET | BPF_K)) {
			if (ret_verdict(i->k) < 0) rets_ok = 0;
		} else if (i->code == (BPF_JMP | BPF_JA)) {
			if (pc + 1 + i->k < n) reach[pc + 1 + i->k] = 1;
		} else if (BPF_CLASS(i->code) == BPF_JMP) {
			if (pc + 1 + i->jt < n) reach[pc + 1 + i->jt] = 1;
			if (pc + 1 + i->jf < n) reach[pc + 1 + i->jf] = 1;
		} else if (pc + 1 < n) {
			reach[pc + 1] = 1;
		} else {
			falls_off = 1;
		}
	}
	size_t unreachable = 0;
	for (size_t pc = 0; pc < n; pc++) unreachable += !reach[pc];
	free(reach);
	result(!unreachable && !falls_off, "filter: every instruction is reachable and none falls off the end "
	       "(%zu unreachable)", unreachable);
	result(rets_ok, "filter: every return is allow, EPERM, ENOSYS, kill-process or the probe's answer");

	result(n > 3 && prog[0].code == (BPF_LD | BPF_W | BPF_ABS) && prog[0].k == offsetof(struct seccomp_data, arch) &&
	       prog[1].code == (BPF_JMP | BPF_JEQ | BPF_K) && prog[1].k == ARCH_AUDIT && prog[1].jf == 0 &&
	       prog[2].code == (BPF_RET | BPF_K) && prog[2].k == SECCOMP_RET_KILL_PROCESS,
	       "filter: it starts by loading seccomp_data.arch and killing on anything but 0x%08x", ARCH_AUDIT);
#ifndef POLICY_ARCH_AARCH64
	result(n > 6 && prog[3].code == (BPF_LD | BPF_W | BPF_ABS) && prog[3].k == offsetof(struct seccomp_data, nr) &&
	       prog[4].code == (BPF_JMP | BPF_JSET | BPF_K) && prog[4].k == 0x40000000 && prog[4].jt == 0 &&
	       prog[5].code == (BPF_RET | BPF_K) && prog[5].k == SECCOMP_RET_KILL_PROCESS,
	       "filter: then it kills any number with __X32_SYSCALL_BIT");
#endif
}

static void check_table(void)
{
	static const uint32_t others[] = OTHER_ARCHES;
	int good = 1;
	char why[256] = "";
	for (const uint32_t *a = others; *a && good; a++)
		for (long nr = 0; nr < 1024 && good; nr++) {
			struct seccomp_data d = { .nr = (int)nr, .arch = *a };
			if (ret_verdict(emulate(&d)) != KILL) {
				good = 0;
				snprintf(why, sizeof why, ": arch 0x%08x nr %ld", *a, nr);
			}
		}
	result(good, "table: every number under another architecture (i386, arm, the other 64-bit one, "
	       "big-endian) kills%s", why);

	/* plain rows: the same verdict whatever the arguments */
	static const uint64_t patterns[][6] = {
		{ 0 },
		{ ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull },
		{ 0xffffff9c, 0x5412, 0x1000, 0x7e020080, 0xffffffffffffff9cull, 8 },
	};
	size_t plain = 0;
	good = 1;
	for (size_t i = 0; i < nlist; i++) {
		const struct lrow *r = &list[i];
		int want = !strcmp(r->action, "allow") ? ALLOW : !strcmp(r->action, "deny") ? EPERM_ :
			   !strcmp(r->action, "enosys") ? ENOSYS_ : -1;
		if (want < 0) continue;
		plain++;
		for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
			struct seccomp_data d = { .nr = (int)r->nr, .arch = ARCH_AUDIT };
			memcpy(d.args, patterns[p], sizeof d.args);
			int got = ret_verdict(emulate(&d));
			if (got != want && good) {
				good = 0;
				snprintf(why, sizeof why, ": %s (%ld) gives %s, the table says %s", r->name, r->nr,
					 vname(got), r->action);
			}
		}
	}
	result(good, "table: each of its %zu plain rows gets its action, whatever the arguments%s", plain, why);

	good = 1;
	size_t unknown = 0;
	for (long nr = 0; nr < 2048 && good; nr++) {
		int known = 0;
		for (size_t i = 0; i < nlist; i++) known |= list[i].nr == nr;
		if (known) continue;
		unknown++;
		struct seccomp_data d = { .nr = (int)nr, .arch = ARCH_AUDIT };
		if (ret_verdict(emulate(&d)) != ENOSYS_) {
			good = 0;
			snprintf(why, sizeof why, ": nr %ld", nr);
		}
	}
	result(good, "table: the %zu numbers below 2048 that no row names get ENOSYS%s", unknown, why);

	/* Both sides of every check are cases. */
	for (size_t i = 0; i < nlist; i++) {
		const struct lrow *r = &list[i];
		if (strcmp(r->action, "check")) continue;
		int allow = 0, block = 0;
		for (size_t k = 0; k < NCASES; k++) {
			if (!cases[k].sys || strcmp(cases[k].sys, r->name) || case_nr(&cases[k]) < 0) continue;
			if (cases[k].expect == ALLOW) allow++;
			else block++;
		}
		result(allow && block, "table: check row %s has cases on both sides (%d allowed, %d blocked)",
		       r->name, allow, block);
	}
}

static void emulate_cases(void)
{
	for (size_t k = 0; k < NCASES; k++) {
		const struct tcase *c = &cases[k];
		long nr = case_nr(c);
		if (nr < 0) continue;
		int got = emulate_case(c, nr);
		result(got == (int)c->expect, "emulated: %s × expected %s × observed %s", c->vector,
		       verdict_names[c->expect], vname(got));
	}
}

/* The copy for kernels before Linux 6.3 (filter.h): it differs from the
 * filter in the two instructions of the memfd_create check alone, allows
 * memfd_create without MFD_NOEXEC_SEAL, and judges every other case as
 * the filter does. */
static void check_without_noexec(void)
{
	static struct cloudabi_sock_filter copy[BPF_MAXINSNS];
	cloudabi_seccomp_filter_without_noexec(copy);
	size_t differ = 0, at = cloudabi_seccomp_memfd_check;
	for (size_t pc = 0; pc < PROG_LEN; pc++)
		differ += memcmp(&copy[pc], &cloudabi_seccomp_filter[pc], sizeof copy[pc]) != 0;
	result(differ == 2 && copy[at].k == 0 && copy[at + 1].k == 0,
	       "before Linux 6.3: the copy differs in the memfd_create check alone (%zu instructions)", differ);
	prog = copy;
	for (size_t k = 0; k < NCASES; k++) {
		const struct tcase *c = &cases[k];
		long nr = case_nr(c);
		if (nr < 0) continue;
		int got = emulate_case(c, nr);
		int want = strncmp(c->vector, "memfd_create(", 13) ? (int)c->expect : ALLOW;
		result(got == want, "before Linux 6.3: %s × expected %s × observed %s", c->vector,
		       verdict_names[want], vname(got));
	}
	prog = cloudabi_seccomp_filter;
}

/* ---- kernel mode ---- */

struct outcome {
	int verdict;           /* ALLOW, EPERM_, ENOSYS_, KILL; -1: something else */
	char detail[64];       /* "ok", an errno name, "signal N" */
};

static const char *errname(int e)
{
	static char other[32];
	switch (e) {
#define E(x) case x: return #x;
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM)
	E(EACCES) E(EFAULT) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR) E(EISDIR)
	E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(ENOSPC) E(ESPIPE) E(EROFS) E(ERANGE)
	E(ENOSYS) E(ENOTSOCK) E(EOPNOTSUPP) E(EAFNOSUPPORT) E(ENOTCONN) E(EPROTONOSUPPORT)
	E(ENAMETOOLONG) E(E2BIG) E(ENOEXEC) E(ENODATA) E(EDESTADDRREQ)
#undef E
	}
	snprintf(other, sizeof other, "errno %d", e);
	return other;
}

/* Run one case in a child, with or without the filter. */
static struct outcome run(const struct tcase *c, int filtered)
{
	struct outcome o = { -1, "" };
	int p[2];
	if (pipe(p)) { perror("pipe"); exit(2); }
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) { perror("fork"); exit(2); }
	if (!pid) {
		close(p[0]);
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);   /* no core file when killed */
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		alarm(10);
		long res[2] = { 0, 0 };
		if (filtered) {
			struct sock_fprog fp = { cloudabi_seccomp_filter_len,
						 (struct sock_filter *)cloudabi_seccomp_filter };
			if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp)) {
				res[0] = -2;
				res[1] = errno;
				if (write(p[1], res, sizeof res) < 0) _exit(3);
				_exit(0);
			}
		}
		unsigned long a[6];
		for (int i = 0; i < 6; i++) a[i] = resolve(c->a[i]);
		long r;
		if (c->special == INT80) {
			__asm__ volatile("int $0x80" : "=a"(r) : "a"(c->x86_nr) : "memory");
			if (r < 0 && r > -4096) { res[1] = -r; r = -1; }
		} else {
			long nr = c->x86_nr;
			r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			if (r < 0) res[1] = errno;
			if (c->special == SPAWN_CHILD && r == 0) syscall(SYS_exit_group, 0);
		}
		res[0] = r;
		if (write(p[1], res, sizeof res) < 0) _exit(3);
		_exit(0);
	}
	close(p[1]);
	long res[2];
	ssize_t got = read(p[0], res, sizeof res);
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) { perror("waitpid"); exit(2); }
	if (WIFSIGNALED(status)) {
		o.verdict = WTERMSIG(status) == SIGSYS ? KILL : -1;
		snprintf(o.detail, sizeof o.detail, "signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
		return o;
	}
	if (got != (ssize_t)sizeof res) {
		snprintf(o.detail, sizeof o.detail, "no result (exit status %d)", WEXITSTATUS(status));
		return o;
	}
	if (res[0] == -2) {
		snprintf(o.detail, sizeof o.detail, "installing the filter failed: %s", errname((int)res[1]));
		return o;
	}
	if (res[0] == -1) {
		snprintf(o.detail, sizeof o.detail, "%s", errname((int)res[1]));
		o.verdict = res[1] == EPERM ? EPERM_ : res[1] == ENOSYS ? ENOSYS_ :
			    res[1] == CLOUDABI_SECCOMP_PROBE_REPLY ? PROBE : ALLOW;
	} else {
		snprintf(o.detail, sizeof o.detail, "ok");
		o.verdict = ALLOW;
	}
	return o;
}

__attribute__((unused)) static void kernel_cases(void)
{
	for (size_t k = 0; k < NCASES; k++) {
		const struct tcase *c = &cases[k];
		long nr = case_nr(c);
		if (nr < 0) continue;
		if (c->sys && nr != c->x86_nr) {
			fail("%s: policy.tsv numbers %s %ld, the host's <sys/syscall.h> %ld", c->vector, c->sys, nr,
			     c->x86_nr);
			continue;
		}
		struct outcome ctl = run(c, 0);
		struct outcome got = run(c, 1);
		int emu = emulate_case(c, nr);

		if (c->special == INT80 && ctl.verdict < 0) {
			printf("skip - %s kernel: %s: the 32-bit entry does not work here even unfiltered (%s)\n",
			       ARCH_NAME, c->vector, ctl.detail);
			continue;
		}

		/* the vector under the filter */
		int good = got.verdict == (int)c->expect && emu == (int)c->expect;
		if (good && c->expect == ALLOW) good = !strcmp(got.detail, ctl.detail);
		result(good, "kernel: %s × expected %s × observed %s%s%s (emulator: %s)", c->vector,
		       verdict_names[c->expect], got.verdict == ALLOW ? "allowed: " : "", got.detail,
		       good || c->expect != ALLOW ? "" : ", differs from unfiltered", vname(emu));

		/* the negative control */
		if (c->flags & NO_CONTROL) {
			printf("skip - %s control: %s: %s\n", ARCH_NAME, c->vector,
			       c->why_no_control ? c->why_no_control : "no control");
			continue;
		}
		good = ctl.verdict >= 0 && (c->expect == ALLOW ? ctl.verdict == ALLOW : ctl.verdict != (int)c->expect);
		if (c->expect == EPERM_ && ctl.verdict == EPERM_) good = 0;
		result(good, "control: %s gets through without the filter: %s", c->vector, ctl.detail);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "kernel") && strcmp(argv[1], "emulate"))) {
		fprintf(stderr, "usage: policy-test kernel|emulate LIST\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	read_list(argv[2]);
	if (!strcmp(argv[1], "emulate")) {
		check_wellformed();
		check_table();
		emulate_cases();
		check_without_noexec();
	} else {
#ifdef POLICY_ARCH_AARCH64
		fprintf(stderr, "policy-test: the aarch64 filter can only be emulated here\n");
		return 2;
#else
		kernel_cases();
#endif
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
