/* The escape suite's attacker (docs/confinement.md, "The escape suite"): one
 * attempt per vector, by raw system call (sys-x86_64.h, sys-aarch64.h), never through a
 * libc wrapper. `attacker NAME` makes the attempt NAME and prints
 * "NAME RESULT"; with no argument it makes every attempt in turn (the two
 * that die of SIGSYS when blocked, x32 and int80, only when named).
 * (All in one process is for a quick look only: earlier attempts change the
 * later ones, e.g. unshare_user drops the capabilities of the rest and the
 * descriptors they open take number 9; run.sh runs one vector a process.)
 * RESULT is the returned value when >= 0, else the errno's name (EPERM,
 * EFAULT, ... or E<number>). vectors.tsv says what each result means.
 *
 * Built twice from this file: -nostdlib with its own _start (no libc, so
 * nothing but the launcher confines it: modes a and c), and with
 * -DWITH_LIBC through the toolchain's libc, whose start-up confines the
 * process (mode b). Descriptors the test arranges: 3 the granted directory
 * G, 4 a directory R granted read-only, 5 a read-only file outside G, 9
 * (mode a and c) a stray descriptor. The working directory is G;
 * "../outside" is the test's scratch directory outside G. Harmless arguments only: invalid pointers (BAD) and
 * descriptors, signal 0, files the test owns. */
#if defined(__x86_64__)
#include "sys-x86_64.h"
#define X86_ONLY(x) x
#elif defined(__aarch64__)
#include "sys-aarch64.h"
#define X86_ONLY(x)     /* vectors.tsv: n/a on aarch64, with the reason */
#else
#error "the attacker knows x86_64 and aarch64"
#endif

#define BAD 8L          /* an address that is never mapped */
#define AT_FDCWD (-100L)
#define G 3
#define R 4
#define RO 5

static char buf[512];   /* stat buffers and the like */

#ifdef __x86_64__
static long open_etc_passwd(void) { return sys2(NR_open, "/etc/passwd", 0); }
#endif
static long openat_fdcwd(void) { return sys3(NR_openat, AT_FDCWD, "/etc/passwd", 0); }
static long openat_fdcwd_high(void) { return sys3(NR_openat, 0x12345678ffffff9cL, "/etc/passwd", 0); }
static long openat_g_absolute(void) { return sys3(NR_openat, G, "/etc/passwd", 0); }
static long openat_g_dotdot(void) { return sys3(NR_openat, G, "../outside/x", 0); }
static long openat_g_sub_dotdot(void) { return sys3(NR_openat, G, "sub/../../outside/x", 0); }
static long openat_g_symlink_out(void) { return sys3(NR_openat, G, "link-out", 0); }
static long openat_g_symlink_up(void) { return sys3(NR_openat, G, "up/outside/x", 0); }
static long openat2_g_absolute(void)
{
	static unsigned long how[3] = { 0, 0, 0 };   /* flags, mode, resolve */
	return sys4(NR_openat2, G, "/etc/passwd", how, sizeof how);
}
static long linkat_into_g(void) { return sys5(NR_linkat, G, "../outside/x", G, "linked", 0); }
static long renameat_out_of_g(void) { return sys4(NR_renameat, G, "victim", G, "../outside/moved"); }
static long proc_self_root(void) { return sys3(NR_openat, G, "/proc/self/root/etc/passwd", 0); }
static long proc_self_fd_reopen_rw(void) { return sys3(NR_openat, G, "/proc/self/fd/5", 1 /* O_WRONLY */); }
static long proc_1_environ(void) { return sys3(NR_openat, G, "/proc/1/environ", 0); }
static long proc_1_cmdline(void) { return sys3(NR_openat, G, "/proc/1/cmdline", 0); }
static long chdir_then_open(void)
{
	long r = sys1(NR_chdir, "/etc");
	return r < 0 ? r : sys3(NR_openat, AT_FDCWD, "passwd", 0);
}
static long fchdir_then_dotdot(void)
{
	long r = sys1(NR_fchdir, G);
	return r < 0 ? r : sys3(NR_openat, AT_FDCWD, "../outside/x", 0);
}
#ifdef __x86_64__
static long stat_outside(void) { return sys2(NR_stat, "/etc/passwd", buf); }
#endif
#ifdef __x86_64__
static long lstat_outside(void) { return sys2(NR_lstat, "/etc/passwd", buf); }
#endif
static long fstatat_fdcwd(void) { return sys4(NR_newfstatat, AT_FDCWD, "/etc/passwd", buf, 0); }
static long fstatat_g_absolute(void) { return sys4(NR_newfstatat, G, "/etc/passwd", buf, 0); }
static long statx_fdcwd(void) { return sys5(NR_statx, AT_FDCWD, "/etc/passwd", 0, 0x7ff, buf); }
#ifdef __x86_64__
static long access_outside(void) { return sys2(NR_access, "/etc/passwd", 4); }
#endif
static long faccessat_fdcwd(void) { return sys3(NR_faccessat, AT_FDCWD, "/etc/passwd", 4); }
#ifdef __x86_64__
static long readlink_outside(void) { return sys3(NR_readlink, "/proc/self/exe", buf, sizeof buf); }
#endif
static long readlinkat_fdcwd(void) { return sys4(NR_readlinkat, AT_FDCWD, "/proc/self/exe", buf, sizeof buf); }
static long statfs_outside(void) { return sys2(NR_statfs, "/", buf); }
static long fchmodat_outside(void) { return sys3(NR_fchmodat, G, "../outside/x", 0600); }
static long fchownat_outside(void) { return sys5(NR_fchownat, G, "../outside/x", -1, -1, 0); }
static long utimensat_outside(void) { return sys4(NR_utimensat, G, "../outside/x", 0, 0); }
static long setxattr_outside(void) { return sys5(NR_setxattr, "../outside/x", "user.escape", BAD, 1, 0); }
static long truncate_outside(void) { return sys2(NR_truncate, "../outside/x", 0); }
/* O_TRUNC in a directory granted read-only: Landlock checks TRUNCATE
 * from ABI 3; before, a read-only grant lets a file be emptied. */
static long truncate_ro_dir(void) { return sys3(NR_openat, R, "file", 01000 /* O_TRUNC */); }
/* An ioctl on a device node in G (a /dev/null the test made): Landlock
 * checks IOCTL_DEV from ABI 5. TCGETS reaches the driver, which has none. */
static long ioctl_dev_in_g(void)
{
	long fd = sys3(NR_openat, G, "null", 0);
	return fd < 0 ? fd : sys3(NR_ioctl, fd, 0x5401 /* TCGETS */, BAD);
}
static long mknodat_in_g(void) { return sys4(NR_mknodat, G, "node", 020600 /* S_IFCHR */, (1 << 8) | 3); }
#ifdef __x86_64__
static long mknod_outside(void) { return sys3(NR_mknod, "../outside/node", 010600 /* S_IFIFO */, 0); }
#endif

static long execve_sh(void) { return sys3(NR_execve, "/bin/sh", BAD, 0); }
/* The exec attempts pass a valid argv: before Linux 6.8 the kernel reads
 * argv before it opens the file, so a bad one would fail (EFAULT) before
 * any check. What they exec is never a valid program: a 4-byte "\177ELF"
 * and an empty memfd fail with ENOEXEC once past every check. */
static long execveat_g_file(void)
{
	const char *argv[2];
	argv[0] = "x", argv[1] = 0;   /* on the stack: no relocations to apply */
	long fd = sys3(NR_openat, G, "tool", 0);
	return fd < 0 ? fd : sys5(NR_execveat, fd, "", argv, 0, 0x1000 /* AT_EMPTY_PATH */);
}
static long memfd_exec(void)
{
	const char *argv[2];
	argv[0] = "x", argv[1] = 0;
	long fd = sys2(NR_memfd_create, "x", 0);
	return fd < 0 ? fd : sys5(NR_execveat, fd, "", argv, 0, 0x1000);
}

static long socket_inet(void) { return sys3(NR_socket, 2, 1, 0); }
static long socket_udp(void) { return sys3(NR_socket, 2, 2, 0); }
static long socket_unix(void) { return sys3(NR_socket, 1, 1, 0); }
static long socket_netlink(void) { return sys3(NR_socket, 16, 3, 0); }
static long socket_packet(void) { return sys3(NR_socket, 17, 3, 0); }
static long socketpair_dgram(void) { static int sv[2]; return sys4(NR_socketpair, 1, 2, 0, sv); }
static long connect_any(void) { return sys3(NR_connect, -1, BAD, 16); }
static long bind_any(void) { return sys3(NR_bind, -1, BAD, 16); }
static long listen_any(void) { return sys2(NR_listen, -1, 1); }
static long sendto_address(void) { return sys6(NR_sendto, -1, (long)buf, 1, 0, BAD, 16); }
/* Not in vectors.tsv (it needs its own grants): tests/escape and tests/vm
 * run `attacker sendmsg_abstract NAME` with a datagram UNIX socket granted
 * as descriptor 3 and an abstract socket "\0NAME" bound outside. sendmsg's
 * address is behind a pointer, so only Landlock's abstract-socket scope
 * (ABI 6) stops it: EPERM then, 1 (the byte sent) before. */
static const char *arg;   /* the attacker's second argument, if any */
static long sendmsg_abstract(void)
{
	char addr[2 + 1 + 96] = { 1, 0, 0 };   /* AF_UNIX, then "\0NAME" */
	unsigned n = 3;
	for (const char *p = arg ? arg : "cloudabi-escape"; *p && n < sizeof addr; p++) addr[n++] = *p;
	struct { void *base; unsigned long len; } iov;
	struct { void *name; unsigned namelen; void *iov; unsigned long iovlen;
		void *control; unsigned long controllen; int flags; } msg;
	iov.base = buf, iov.len = 1;
	msg.name = addr, msg.namelen = n, msg.iov = &iov, msg.iovlen = 1;
	msg.control = 0, msg.controllen = 0, msg.flags = 0;
	return sys3(NR_sendmsg, 3, &msg, 0);
}

static long kill_init(void) { return sys2(NR_kill, 1, 0); }
static long kill_all(void) { return sys2(NR_kill, -1, 0); }
static long kill_parent(void) { return sys2(NR_kill, sys0(NR_getppid), 0); }
static long tgkill_init(void) { return sys3(NR_tgkill, 1, 1, 0); }
static long ptrace_seize_init(void) { return sys4(NR_ptrace, 0x4206 /* SEIZE */, 1, 1 /* addr must be 0 */, 0); }
static long process_vm_readv_init(void) { return sys6(NR_process_vm_readv, 1, BAD, 1, BAD, 1, 0); }
static long prlimit_init(void) { return sys4(NR_prlimit64, 1, 4, 0, 0); }
static long getpriority_init(void) { return sys2(NR_getpriority, 0, 1); }
static long sched_setaffinity_init(void) { return sys3(NR_sched_setaffinity, 1, 8, BAD); }
static long get_robust_list_init(void) { return sys3(NR_get_robust_list, 1, BAD, BAD); }
static long fcntl_setown_init(void)
{
	static int p[2];
	long r = sys2(NR_pipe2, p, 0);
	return r < 0 ? r : sys3(NR_fcntl, p[0], 8 /* F_SETOWN */, 1);
}
static long pidfd_open_init(void) { return sys2(NR_pidfd_open, 1, 0); }

static long io_uring_setup(void) { return sys2(NR_io_uring_setup, 1, BAD); }
static long unshare_user(void) { return sys1(NR_unshare, 0x10000000 /* CLONE_NEWUSER */); }
static long clone_newns(void) { return sys5(NR_clone, 0x00020000 | 0x00000200 /* NEWNS|FS: EINVAL */, 0, 0, 0, 0); }
static long clone3_any(void) { return sys2(NR_clone3, BAD, 88); }
static long setns_any(void) { return sys2(NR_setns, -1, 0); }
static long mount_any(void) { return sys5(NR_mount, BAD, BAD, BAD, 0, 0); }
static long umount_any(void) { return sys2(NR_umount2, BAD, 0); }
static long fsopen_any(void) { return sys2(NR_fsopen, BAD, 0); }
static long open_tree_any(void) { return sys3(NR_open_tree, G, BAD, 0); }
static long chroot_any(void) { return sys1(NR_chroot, BAD); }
static long open_by_handle(void) { return sys3(NR_open_by_handle_at, G, BAD, 0); }
static long name_to_handle(void) { return sys5(NR_name_to_handle_at, G, "data.txt", BAD, BAD, 0); }
static long keyctl_join(void) { return sys2(NR_keyctl, 1 /* JOIN_SESSION_KEYRING */, BAD); }
static long add_key_any(void) { return sys5(NR_add_key, BAD, BAD, 0, 0, -3); }
static long bpf_any(void) { return sys3(NR_bpf, 5 /* PROG_LOAD */, BAD, 144); }
static long perf_event_open_any(void) { return sys5(NR_perf_event_open, BAD, 0, -1, -1, 0); }
static long userfaultfd_any(void) { return sys1(NR_userfaultfd, 0x7fffffff /* invalid flags */); }
static long fanotify_any(void) { return sys2(NR_fanotify_init, 0x7fffffff, 0); }
static long personality_query(void) { return sys1(NR_personality, 0xffffffffL); }
static long shmget_any(void) { return sys3(NR_shmget, 0, 0, 0); }
static long semget_any(void) { return sys3(NR_semget, 0, -1, 0); }
static long msgget_any(void) { return sys2(NR_msgget, 0x45534350 /* no such queue */, 0); }
static long inotify_root(void)
{
	long fd = sys1(NR_inotify_init1, 0);
	return fd < 0 ? fd : sys3(NR_inotify_add_watch, fd, "/", 1 /* IN_ACCESS */);
}
#ifdef __x86_64__
static long x32_getpid(void) { return sys0(X32_BIT | NR_getpid); }
static long int80_getpid(void) { return sys_int80_getpid(); }
#endif
static long tiocsti(void) { return sys3(NR_ioctl, 0, 0x5412, BAD); }
static long tiocsti_high(void) { return sys3(NR_ioctl, 0, 0x100005412L, BAD); }
static long tioclinux(void) { return sys3(NR_ioctl, 0, 0x541c, BAD); }
static long sethostname_any(void) { return sys2(NR_sethostname, BAD, 4); }
static long settimeofday_any(void) { return sys2(NR_settimeofday, BAD, 0); }
static long clock_settime_any(void) { return sys2(NR_clock_settime, 0, BAD); }
static long setuid_any(void) { return sys1(NR_setuid, -1); }
static long reboot_any(void) { return sys4(NR_reboot, 0, 0, 0, 0); }
static long init_module_any(void) { return sys3(NR_init_module, BAD, 1, BAD); }
static long swapon_any(void) { return sys2(NR_swapon, BAD, 0); }
#ifdef __x86_64__
static long iopl_any(void) { return sys1(NR_iopl, 4); }
#endif
static long prctl_set_mm(void) { return sys3(NR_prctl, 35 /* PR_SET_MM */, 999, 0); }

static long no_new_privs(void) { return sys1(NR_prctl, 39 /* PR_GET_NO_NEW_PRIVS */); }
static long fd_beyond_grants(void) { return sys2(NR_fstat, 9, buf); }
static long rlimit_core(void)
{
	static unsigned long lim[2];
	long r = sys4(NR_prlimit64, 0, 4 /* RLIMIT_CORE */, 0, lim);
	return r < 0 ? r : (long)(lim[0] > 1000000 ? 1000000 : lim[0]);
}

/* Every vector, in order: X(NAME, FATAL). FATAL ones (killed by SIGSYS when
 * blocked) run only when named. No table of pointers: a -nostdlib static
 * PIE has nobody to apply its relocations. */
#define VECTORS \
	X86_ONLY(X(open_etc_passwd, 0)) \
	X(openat_fdcwd, 0) \
	X(openat_fdcwd_high, 0) \
	X(openat_g_absolute, 0) \
	X(openat_g_dotdot, 0) \
	X(openat_g_sub_dotdot, 0) \
	X(openat_g_symlink_out, 0) \
	X(openat_g_symlink_up, 0) \
	X(openat2_g_absolute, 0) \
	X(linkat_into_g, 0) \
	X(renameat_out_of_g, 0) \
	X(proc_self_root, 0) \
	X(proc_self_fd_reopen_rw, 0) \
	X(proc_1_environ, 0) \
	X(proc_1_cmdline, 0) \
	X(chdir_then_open, 0) \
	X(fchdir_then_dotdot, 0) \
	X86_ONLY(X(stat_outside, 0)) \
	X86_ONLY(X(lstat_outside, 0)) \
	X(fstatat_fdcwd, 0) \
	X(fstatat_g_absolute, 0) \
	X(statx_fdcwd, 0) \
	X86_ONLY(X(access_outside, 0)) \
	X(faccessat_fdcwd, 0) \
	X86_ONLY(X(readlink_outside, 0)) \
	X(readlinkat_fdcwd, 0) \
	X(statfs_outside, 0) \
	X(fchmodat_outside, 0) \
	X(fchownat_outside, 0) \
	X(utimensat_outside, 0) \
	X(setxattr_outside, 0) \
	X(truncate_outside, 0) \
	X(truncate_ro_dir, 0) \
	X(ioctl_dev_in_g, 0) \
	X(mknodat_in_g, 0) \
	X86_ONLY(X(mknod_outside, 0)) \
	X(execve_sh, 0) \
	X(execveat_g_file, 0) \
	X(memfd_exec, 0) \
	X(socket_inet, 0) \
	X(socket_udp, 0) \
	X(socket_unix, 0) \
	X(socket_netlink, 0) \
	X(socket_packet, 0) \
	X(socketpair_dgram, 0) \
	X(connect_any, 0) \
	X(bind_any, 0) \
	X(listen_any, 0) \
	X(sendto_address, 0) \
	X(sendmsg_abstract, 0) \
	X(kill_init, 0) \
	X(kill_all, 0) \
	X(kill_parent, 0) \
	X(tgkill_init, 0) \
	X(ptrace_seize_init, 0) \
	X(process_vm_readv_init, 0) \
	X(prlimit_init, 0) \
	X(getpriority_init, 0) \
	X(sched_setaffinity_init, 0) \
	X(get_robust_list_init, 0) \
	X(fcntl_setown_init, 0) \
	X(pidfd_open_init, 0) \
	X(io_uring_setup, 0) \
	X(unshare_user, 0) \
	X(clone_newns, 0) \
	X(clone3_any, 0) \
	X(setns_any, 0) \
	X(mount_any, 0) \
	X(umount_any, 0) \
	X(fsopen_any, 0) \
	X(open_tree_any, 0) \
	X(chroot_any, 0) \
	X(open_by_handle, 0) \
	X(name_to_handle, 0) \
	X(keyctl_join, 0) \
	X(add_key_any, 0) \
	X(bpf_any, 0) \
	X(perf_event_open_any, 0) \
	X(userfaultfd_any, 0) \
	X(fanotify_any, 0) \
	X(personality_query, 0) \
	X(shmget_any, 0) \
	X(semget_any, 0) \
	X(msgget_any, 0) \
	X(inotify_root, 0) \
	X86_ONLY(X(x32_getpid, 1)) \
	X86_ONLY(X(int80_getpid, 1)) \
	X(tiocsti, 0) \
	X(tiocsti_high, 0) \
	X(tioclinux, 0) \
	X(sethostname_any, 0) \
	X(settimeofday_any, 0) \
	X(clock_settime_any, 0) \
	X(setuid_any, 0) \
	X(reboot_any, 0) \
	X(init_module_any, 0) \
	X(swapon_any, 0) \
	X86_ONLY(X(iopl_any, 0)) \
	X(prctl_set_mm, 0) \
	X(no_new_privs, 0) \
	X(fd_beyond_grants, 0) \
	X(rlimit_core, 0)

static const char *errname(long e)
{
	switch (e) {
	case 1: return "EPERM"; case 2: return "ENOENT"; case 3: return "ESRCH";
	case 5: return "EIO"; case 7: return "E2BIG"; case 8: return "ENOEXEC";
	case 9: return "EBADF"; case 12: return "ENOMEM"; case 13: return "EACCES";
	case 14: return "EFAULT"; case 16: return "EBUSY"; case 17: return "EEXIST";
	case 18: return "EXDEV"; case 20: return "ENOTDIR"; case 21: return "EISDIR";
	case 22: return "EINVAL"; case 25: return "ENOTTY"; case 38: return "ENOSYS";
	case 40: return "ELOOP"; case 88: return "ENOTSOCK"; case 93: return "EPROTONOSUPPORT";
	case 95: return "EOPNOTSUPP"; case 97: return "EAFNOSUPPORT"; case 126: return "ENOKEY";
	default: return 0;
	}
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b) a++, b++;
	return *a == *b;
}

static void report(const char *name, long value)
{
	char out[128];
	int n = 0;
	while (*name && n < 80) out[n++] = *name++;
	out[n++] = ' ';
	const char *e = value < 0 ? errname(-value) : 0;
	if (e) {
		while (*e) out[n++] = *e++;
	} else {
		if (value < 0) { out[n++] = 'E'; value = -value; }
		char digits[24];
		int d = 0;
		do { digits[d++] = (char)('0' + value % 10); value /= 10; } while (value);
		while (d) out[n++] = digits[--d];
	}
	out[n++] = '\n';
	sys3(NR_write, 1, out, n);
}

static int attack(int argc, char **argv)
{
	int found = 0;
	arg = argc > 2 ? argv[2] : 0;
#define X(f, fatal) \
	if (argc > 1 ? same(argv[1], #f) : !fatal) { report(#f, f()); found = 1; }
	VECTORS
#undef X
	if (!found) {
		sys3(NR_write, 2, "attacker: no such vector\n", 25);
		return 2;
	}
	return 0;
}

#ifdef WITH_LIBC
int main(int argc, char **argv) { return attack(argc, argv); }
#else
__attribute__((used)) void start_c(long *sp) __attribute__((noreturn));
__attribute__((used)) void start_c(long *sp)
{
	sys1(NR_exit_group, attack((int)sp[0], (char **)(sp + 1)));
	__builtin_unreachable();
}
#ifdef __x86_64__
__asm__(".text\n.globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %rsp, %rdi\n"
	"\tand $-16, %rsp\n\tcall start_c\n\thlt\n");
#else
__asm__(".text\n.globl _start\n_start:\n\tmov x29, #0\n\tmov x30, #0\n"
	"\tmov x0, sp\n\tbl start_c\n\tbrk #0\n");
#endif
#endif
