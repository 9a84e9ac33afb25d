/* Raw aarch64 system calls by inline assembly, for the escape suite's
 * attacker: nothing of a libc between the attempt and the kernel. aarch64
 * uses the generic system call table: there is no open, stat, lstat,
 * access, readlink or mknod (only their *at forms), no x32 bit, no 32-bit
 * entry of the kind int $0x80 is, and no iopl; vectors.tsv marks those
 * vectors n/a on aarch64 and this file has no numbers for them. */
#ifndef ESCAPE_SYS_AARCH64_H
#define ESCAPE_SYS_AARCH64_H

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;
	__asm__ volatile ("svc #0" : "+r"(x0)
		: "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
		: "memory");
	return x0;
}
#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* aarch64 numbers used by the attacker (include/uapi/asm-generic/unistd.h). */
enum {
	NR_setxattr = 5, NR_inotify_init1 = 26, NR_inotify_add_watch = 27,
	NR_fcntl = 25, NR_ioctl = 29, NR_mknodat = 33, NR_linkat = 37,
	NR_renameat = 38, NR_umount2 = 39, NR_mount = 40, NR_statfs = 43,
	NR_truncate = 45, NR_faccessat = 48, NR_chdir = 49, NR_fchdir = 50,
	NR_chroot = 51, NR_fchmodat = 53, NR_fchownat = 54, NR_openat = 56,
	NR_pipe2 = 59, NR_read = 63, NR_write = 64, NR_readlinkat = 78,
	NR_newfstatat = 79, NR_fstat = 80, NR_utimensat = 88, NR_personality = 92,
	NR_exit = 93, NR_exit_group = 94, NR_unshare = 97, NR_get_robust_list = 100,
	NR_init_module = 105,
	NR_clock_settime = 112, NR_ptrace = 117, NR_sched_setaffinity = 122,
	NR_kill = 129, NR_tgkill = 131, NR_getpriority = 141, NR_reboot = 142,
	NR_setuid = 146, NR_sethostname = 161, NR_prctl = 167,
	NR_settimeofday = 170, NR_getpid = 172, NR_getppid = 173, NR_msgget = 186,
	NR_semget = 190, NR_shmget = 194, NR_socket = 198, NR_socketpair = 199,
	NR_bind = 200, NR_listen = 201, NR_connect = 203, NR_sendto = 206, NR_sendmsg = 211,
	NR_add_key = 217, NR_keyctl = 219, NR_clone = 220, NR_execve = 221,
	NR_swapon = 224, NR_perf_event_open = 241, NR_prlimit64 = 261,
	NR_fanotify_init = 262, NR_name_to_handle_at = 264,
	NR_open_by_handle_at = 265, NR_setns = 268, NR_process_vm_readv = 270,
	NR_memfd_create = 279, NR_bpf = 280, NR_execveat = 281,
	NR_userfaultfd = 282, NR_statx = 291, NR_io_uring_setup = 425,
	NR_open_tree = 428, NR_fsopen = 430, NR_pidfd_open = 434, NR_clone3 = 435,
	NR_openat2 = 437,
};

#endif
