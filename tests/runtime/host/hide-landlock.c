/* A sandbox that hides Landlock, as a container engine's seccomp profile
 * older than Landlock does: a filter that fails landlock_create_ruleset
 * with ENOSYS and allows everything else, then exec of argv[1]. The
 * runtime suite starts a CloudABI program under it, which must refuse to
 * run without its path rules. Host program (glibc), x86_64 and aarch64. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: hide-landlock PROGRAM [ARG...]\n");
		return 2;
	}
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_landlock_create_ruleset, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof code / sizeof code[0], code };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("hide-landlock: seccomp");
		return 2;
	}
	execv(argv[1], argv + 1);
	perror("hide-landlock: exec");
	return 2;
}
