/* The confinement floor: the least a process can do and still be confined
 * by the same two kernel mechanisms as a program of this toolchain. Linked
 * into hello world in place of the libc's start-up confinement (a program
 * that defines __cloudabi_confine replaces the library's), it
 *
 *   1. sets no_new_privs (prctl PR_SET_NO_NEW_PRIVS), which both Landlock
 *      and an unprivileged seccomp filter require;
 *   2. creates a Landlock ruleset that handles every file-system right of
 *      the running kernel's ABI, adds no rule, and restricts itself to it
 *      (so the process can open no path at all);
 *   3. attaches a one-instruction seccomp filter: return ALLOW.
 *
 * Nothing else: no descriptor is inspected, no capability dropped, no
 * network right or scope handled, no policy filter. What remains is the
 * kernel's fixed price for a process to enter Landlock and seccomp, which
 * no confinement built on them can go below; make bench's start-up group
 * compares the real start-up confinement with it.
 *
 * The libc does not offer syscall() (raw system calls bypass its rules),
 * so the calls are made here with inline assembly, x86_64 and aarch64. */

#if defined(__x86_64__)
#define NR_close 3
#define NR_write 1
#define NR_exit_group 231
#define NR_prctl 157
#define NR_seccomp 317
#elif defined(__aarch64__)
#define NR_close 57
#define NR_write 64
#define NR_exit_group 94
#define NR_prctl 167
#define NR_seccomp 277
#else
#error "floor-confine.c: x86_64 or aarch64 only"
#endif
#define NR_landlock_create_ruleset 444
#define NR_landlock_restrict_self 446

#define PR_SET_NO_NEW_PRIVS 38
#define LANDLOCK_CREATE_RULESET_VERSION 1UL
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_RET_ALLOW 0x7fff0000U
#define BPF_RET_K 0x06

static long sys6(long n, long a, long b, long c, long d, long e)
{
#if defined(__x86_64__)
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
	                 : "rcx", "r11", "memory");
	return ret;
#else
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4) : "memory");
	return x0;
#endif
}

static _Noreturn void fail(const char *what, unsigned long len)
{
	sys6(NR_write, 2, (long)what, (long)len, 0, 0);
	for (;;) sys6(NR_exit_group, 1, 0, 0, 0, 0);
}
#define FAIL(s) fail("floor-confine: " s " failed\n", sizeof "floor-confine: " s " failed\n" - 1)

struct sock_filter_insn { unsigned short code; unsigned char jt, jf; unsigned int k; };
struct sock_fprog_hdr { unsigned short len; const struct sock_filter_insn *filter; };

void __cloudabi_confine(void)
{
	if (sys6(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) FAIL("no_new_privs");

	long abi = sys6(NR_landlock_create_ruleset, 0, 0, LANDLOCK_CREATE_RULESET_VERSION, 0, 0);
	if (abi < 1) FAIL("the Landlock ABI query");
	/* the file-system rights by ABI: 13 in 1, REFER in 2, TRUNCATE in 3,
	 * IOCTL_DEV in 5; later ABIs add network rights, scopes and logging */
	int rights = abi >= 5 ? 16 : abi >= 3 ? 15 : abi == 2 ? 14 : 13;
	struct { unsigned long long handled_access_fs; } attr = { (1ULL << rights) - 1 };
	long ruleset = sys6(NR_landlock_create_ruleset, (long)&attr, sizeof attr, 0, 0, 0);
	if (ruleset < 0) FAIL("landlock_create_ruleset");
	if (sys6(NR_landlock_restrict_self, ruleset, 0, 0, 0, 0) != 0) FAIL("landlock_restrict_self");
	sys6(NR_close, ruleset, 0, 0, 0, 0);

	static const struct sock_filter_insn allow = { BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW };
	struct sock_fprog_hdr prog = { 1, &allow };
	if (sys6(NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog, 0, 0) != 0) FAIL("seccomp");
}
