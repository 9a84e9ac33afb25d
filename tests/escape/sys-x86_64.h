/* Raw x86_64 system calls by inline assembly, for the escape suite's
 * attacker: nothing of a libc between the attempt and the kernel. (aarch64
 * is not written yet: the suite runs the attacker on x86_64 only.) */
#ifndef ESCAPE_SYS_X86_64_H
#define ESCAPE_SYS_X86_64_H

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long r;
	__asm__ volatile ("syscall" : "=a"(r)
		: "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
		: "rcx", "r11", "memory");
	return r;
}
#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* The 32-bit entry: int $0x80 with eax = 20 (getpid in the i386 table). */
static inline long sys_int80_getpid(void)
{
	long r;
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(20L) : "rcx", "r11", "memory");
	return r;
}

/* x86_64 numbers used by the attacker. */
enum {
	NR_read = 0, NR_write = 1, NR_open = 2, NR_stat = 4, NR_fstat = 5, NR_lstat = 6,
	NR_ioctl = 16, NR_access = 21, NR_shmget = 29, NR_getpid = 39, NR_socket = 41,
	NR_connect = 42, NR_sendto = 44, NR_sendmsg = 46, NR_bind = 49, NR_listen = 50,
	NR_socketpair = 53, NR_clone = 56, NR_execve = 59, NR_exit = 60,
	NR_kill = 62, NR_semget = 64, NR_msgget = 68, NR_fcntl = 72,
	NR_truncate = 76, NR_chdir = 80, NR_fchdir = 81, NR_readlink = 89,
	NR_setuid = 105, NR_getppid = 110, NR_ptrace = 101, NR_getpriority = 140,
	NR_mknod = 133, NR_personality = 135, NR_statfs = 137, NR_prctl = 157,
	NR_chroot = 161, NR_settimeofday = 164, NR_mount = 165, NR_umount2 = 166,
	NR_swapon = 167, NR_reboot = 169, NR_sethostname = 170, NR_iopl = 172,
	NR_init_module = 175, NR_setxattr = 188, NR_sched_setaffinity = 203,
	NR_clock_settime = 227, NR_exit_group = 231, NR_tgkill = 234,
	NR_add_key = 248, NR_keyctl = 250, NR_inotify_add_watch = 254,
	NR_openat = 257, NR_mknodat = 259, NR_fchownat = 260, NR_newfstatat = 262,
	NR_renameat = 264, NR_linkat = 265, NR_readlinkat = 267, NR_fchmodat = 268,
	NR_faccessat = 269, NR_unshare = 272, NR_get_robust_list = 274,
	NR_utimensat = 280,
	NR_inotify_init1 = 294, NR_pipe2 = 293, NR_perf_event_open = 298,
	NR_fanotify_init = 300, NR_prlimit64 = 302, NR_name_to_handle_at = 303,
	NR_open_by_handle_at = 304, NR_setns = 308, NR_process_vm_readv = 310,
	NR_memfd_create = 319, NR_bpf = 321, NR_execveat = 322,
	NR_userfaultfd = 323, NR_statx = 332, NR_io_uring_setup = 425,
	NR_open_tree = 428, NR_fsopen = 430, NR_pidfd_open = 434, NR_clone3 = 435,
	NR_openat2 = 437,
};
#define X32_BIT 0x40000000L

#endif
