#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "filter.h"
#include "program_impl.h"
#include "syscall.h"
#define CONFINE_SYSCALL __syscall
#include "confine.h"

/*
 * Self-confinement, before any constructor runs (docs/confinement.md): every
 * program built with this toolchain confines itself to the descriptors it
 * inherited, whether cloudabi-run started it or not.
 *
 *   1. (the argdata descriptor has been read and closed already)
 *   2. no new privileges; every capability dropped (capset to none);
 *   3. Landlock: every right the kernel's ABI knows is handled; each
 *      inherited directory descriptor gets every right but MAKE_CHAR and
 *      MAKE_BLOCK, each inherited regular file READ_FILE and EXECUTE; the signal and
 *      abstract-socket scopes where the ABI has them;
 *   4. the seccomp filter of runtime/policy, unless the probe of
 *      filter.h finds that filter in force already (under cloudabi-run).
 *
 * Under cloudabi-run (CLOUDABI_LAUNCHED=1 in the environment, taken out of
 * it here, and the policy's filter in force) steps 3 and 4 are the
 * launcher's, made for exactly these descriptors, and are not repeated.
 *
 * With CLOUDABI_EXPLAIN=1 (__cloudabi_explain.c) the filter's denials trap
 * to a SIGSYS handler that prints one line each and fails them with the
 * same errno, installed first (a filter inherited from the program that
 * exec'd this one may trap already); under cloudabi-run --explain, whose
 * supervisor answers the probe, the launcher's filter alone explains.
 * Without it nothing differs: no system call more, the same filter.
 *
 * Landlock's rights and the capability dropping are runtime/policy's
 * confine.h, which cloudabi-run uses too; so is its failure rule: a step
 * that fails stops the program, except a rule the kernel will not add for
 * an inherited descriptor, which is skipped (that descriptor then keeps no
 * path rights).
 *
 * Under cloudabi-run this narrows what is already confined (its filter
 * allows exactly these calls). A kernel that cannot confine (no Landlock,
 * no seccomp filters; qemu-user has neither) makes the program refuse to
 * start, unless CLOUDABI_ALLOW_UNCONFINED=1, which is honoured only then;
 * under qemu-user the refusal says so (emulated_on below).
 */

#define PR_GET_SECCOMP   21
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_MODE_FILTER 2

struct filter_prog { unsigned short len; const struct cloudabi_sock_filter *filter; };

#if defined(__x86_64__)
#define THIS_ARCH "x86_64"
#elif defined(__aarch64__)
#define THIS_ARCH "aarch64"
#endif

/* The machine of the kernel this program runs on, when it is not the
 * program's own: then an emulator translates its system calls, qemu-user
 * on Linux (binfmt_misc or qemu-aarch64-static), which implements neither
 * Landlock nor seccomp (both answer ENOSYS) although the kernel beneath
 * may have both. /proc/sys/kernel/arch is the kernel's machine name
 * (Linux 6.0+; "the same output as uname -m", in the kernel's sysctl
 * documentation), which qemu-user passes through unchanged, while its
 * uname() reports the guest's machine. NULL when they agree or /proc
 * cannot tell. */
static const char *emulated_on(char *buf, long size)
{
	int fd = __syscall(SYS_openat, AT_FDCWD, "/proc/sys/kernel/arch", O_RDONLY | O_CLOEXEC);
	if (fd < 0) return 0;
	long n = __syscall(SYS_read, fd, buf, size - 1);
	__syscall(SYS_close, fd);
	if (n <= 0) return 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ')) n--;
	buf[n] = 0;
	if (!n || !strcmp(buf, THIS_ARCH)) return 0;
	return buf;
}

static void say(const char *s)
{
	__syscall(SYS_write, 2, s, strlen(s));
}

/* One line on stderr, status 127. Under qemu-user the reason is that,
 * whichever step found the kernel wanting. */
static _Noreturn void refuse(const char *why)
{
	char kernel[64];
	const char *on = emulated_on(kernel, sizeof kernel);
	say("cloudabi: cannot start: ");
	if (on) {
		say("this " THIS_ARCH " program runs under qemu-user on an ");
		say(on);
		say(" kernel, and qemu-user cannot confine it (it has neither Landlock nor seccomp);"
		    " CLOUDABI_ALLOW_UNCONFINED=1 runs it unconfined, an " THIS_ARCH " kernel runs it confined\n");
	} else {
		say(why);
		say(" (CLOUDABI_ALLOW_UNCONFINED=1 runs it unconfined)\n");
	}
	_Exit(127);
}

static int allow_unconfined(void)
{
	const char *v = getenv("CLOUDABI_ALLOW_UNCONFINED");
	return v && !strcmp(v, "1");
}

static int already_filtered(void)
{
	return __syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER;
}

/* Rules for the inherited descriptors, found with poll(): the scan stops
 * after a run of 256 descriptor numbers with none open (beyond the first
 * 256); a descriptor past such a gap gets no rule, which only takes
 * access away. One system call looks at 1024 numbers (256 where
 * RLIMIT_NOFILE is below that: ppoll takes no more), since at start-up
 * every system call counts (bench/). */
#define SCAN_GAP 256
static void inherited_rules(int ruleset, uint64_t handled)
{
	struct pollfd p[4 * SCAN_GAP];
	int block = 4 * SCAN_GAP;
	for (int base = 0; base < (1 << 20); base += block) {
		for (int i = 0; i < block; i++) p[i] = (struct pollfd){ .fd = base + i };
		long r = __syscall(SYS_ppoll, p, block, &(struct timespec){0}, 0, 8);
		if (r == -EINVAL && block > SCAN_GAP) {   /* nfds above RLIMIT_NOFILE */
			block = SCAN_GAP;
			base -= block;
			continue;
		}
		if (r < 0) return;
		int stop = 0;
		for (int gap = 0; gap < block; gap += SCAN_GAP) {
			int any = 0;
			for (int i = gap; i < gap + SCAN_GAP; i++) {
				if (p[i].revents & POLLNVAL) continue;
				any = 1;
				if (base + i == ruleset) continue;   /* our own, not inherited */
				struct stat st;
				if (__syscall(SYS_fstat, base + i, &st)) continue;
				if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) continue;
				/* skipped when the kernel refuses it (a memfd): less access */
				confine_add_rule(ruleset, base + i, confine_inherited_rights(S_ISDIR(st.st_mode), handled));
			}
			if (!any && base + gap) { stop = 1; break; }
		}
		if (stop) return;
	}
}

/* Is the policy's filter in force already (filter.h's probe)? Only a
 * filter in place can answer it, and none can be taken away: under
 * cloudabi-run, whose filter is this one, a second copy would make every
 * system call run through both and cost the start-up an attach
 * (docs/confinement.md). */
static int policy_in_force(void)
{
	return __syscall(CLOUDABI_SECCOMP_PROBE_NR, (long)(uint32_t)cloudabi_seccomp_filter_id,
			 (long)(uint32_t)(cloudabi_seccomp_filter_id >> 32), 0, 0, 0) == -CLOUDABI_SECCOMP_PROBE_REPLY;
}

/* Did cloudabi-run start this program? Its variable is taken out of the
 * environment either way, so that no program this one starts inherits it
 * (each confines itself again). */
static int launched(void)
{
	const char *v = getenv("CLOUDABI_LAUNCHED");
	int yes = v && !strcmp(v, "1");
	if (v) unsetenv("CLOUDABI_LAUNCHED");
	return yes;
}

hidden void __cloudabi_confine(void)
{
	int by_launcher = launched();
	int explain = __cloudabi_explain_requested(), supervised = 0;
	if (explain) {
		__cloudabi_explain_trap();
		supervised = already_filtered() && __cloudabi_explain_supervised();
	}
	if (confine_no_new_privs()) {
		if (allow_unconfined()) return;
		refuse("no_new_privs is not available");
	}
	if (confine_drop_capabilities()) refuse("cannot drop capabilities");

	/* Under cloudabi-run the launcher made a Landlock domain for exactly
	 * the descriptors this program has, with no more rights than this
	 * start-up would give them (a read-only grant stays read-only), and
	 * attached the policy's filter: a layer of its own would narrow
	 * nothing. The variable alone is not believed: only where the
	 * policy's filter answers its probe (or, under --explain, the
	 * supervisor answers) is this the launcher's doing. Whoever could
	 * set both without the launcher is an unconfined ancestor, which
	 * holds everything this program would (docs/confinement.md). */
	if (by_launcher && (supervised || (!explain && policy_in_force()))) return;

	int abi = confine_landlock_abi();
	if (abi <= 0) {
		/* A seccomp filter already in place may hide Landlock (a
		 * container engine's profile older than Landlock): that is no
		 * reason to run without path rules, so refuse as cloudabi-run
		 * does. CLOUDABI_ALLOW_UNCONFINED=1 runs the program there with
		 * its seccomp filter still added below. */
		if (already_filtered()) {
			if (!allow_unconfined())
				refuse("Landlock is not available here (a seccomp filter already in place hides it)");
			goto seccomp;
		}
		if (allow_unconfined()) return;
		refuse("this kernel has no Landlock");
	}
	struct confine_ruleset_attr attr;
	unsigned long size = confine_handled(abi, &attr);
	int rs = confine_create_ruleset(&attr, size);
	if (rs < 0) refuse("landlock_create_ruleset failed");
	inherited_rules(rs, attr.fs);
	if (confine_restrict_self(rs, 0)) refuse("landlock_restrict_self failed");
	__syscall(SYS_close, rs);

seccomp:;
	/* cloudabi-run --explain's filter, the policy's with its denials
	 * answered by its supervisor, is in place: a second copy here would
	 * answer them first, unexplained (docs/confinement.md says why this
	 * is not weaker). */
	if (supervised) return;
	/* The policy already there (cloudabi-run's): nothing to add, unless
	 * this start-up explains its denials itself (the trapping copy then
	 * answers first). */
	if (!explain && policy_in_force()) return;
	struct filter_prog prog = { cloudabi_seccomp_filter_len, cloudabi_seccomp_filter };
	/* Linux before 6.3 has no MFD_NOEXEC_SEAL (memfd_create's flags are
	 * checked before its name: EINVAL there): a copy of the filter that
	 * allows memfd_create without it, or tmpfile and program_exec could
	 * not work there (filter.h; cloudabi-run's warning names the gap). */
	struct cloudabi_sock_filter old_kernel[CLOUDABI_SECCOMP_FILTER_MAX];
	if (!confine_memfd_noexec_implied(abi) && __syscall(SYS_memfd_create, 0, 8 /* MFD_NOEXEC_SEAL */) == -EINVAL) {
		cloudabi_seccomp_filter_without_noexec(old_kernel);
		prog.filter = old_kernel;
	}
	if (explain) {
		if (prog.filter != old_kernel)
			memcpy(old_kernel, cloudabi_seccomp_filter, cloudabi_seccomp_filter_len * sizeof *old_kernel);
		cloudabi_seccomp_filter_explain(old_kernel, CLOUDABI_SECCOMP_RET_TRAP);
		prog.filter = old_kernel;
	}
	int r = __syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	if (r == 0) return;
	if (already_filtered()) return;    /* a filter that allows no nesting */
	if (allow_unconfined()) return;
	refuse("this kernel has no seccomp filters");
}
