/* pdwait: wait for the child behind a process descriptor (CloudABI).
 *
 * waitid(P_PIDFD, fd, WEXITED | options) underneath, a cancellation point
 * like waitid. The siginfo is encoded as the wait status waitpid would
 * have stored, so WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG,
 * WCOREDUMP, WIFSTOPPED, WSTOPSIG and WIFCONTINUED work on it.
 *
 * Returns 1 when a status was reported (stored in *status unless status
 * is NULL), 0 under WNOHANG when the child has nothing to report (*status
 * is left alone), -1 and errno on failure: EBADF for a descriptor that is
 * not a process descriptor, ECHILD once the child has been waited for,
 * EINVAL for options other than WNOHANG, WUNTRACED and WCONTINUED. */
#include <sys/procdesc.h>
#include <sys/wait.h>
#include <signal.h>
#include <errno.h>
#include "syscall.h"

int pdwait(int fd, int *status, int options)
{
	siginfo_t si;
	int st;
	long r;

	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	if (options & ~(WNOHANG|WUNTRACED|WCONTINUED)) {
		errno = EINVAL;
		return -1;
	}
	/* Under WNOHANG with nothing to report the kernel stores zeros, but
	 * qemu-user leaves the structure alone. */
	si.si_pid = 0;
	si.si_code = 0;
	r = __syscall_cp(SYS_waitid, P_PIDFD, fd, &si, WEXITED|options, 0);
	if (r < 0)
		return __syscall_ret(r);
	if (!si.si_pid)
		return 0;
	switch (si.si_code) {
	case CLD_EXITED:
		st = (si.si_status & 0xff) << 8;
		break;
	case CLD_KILLED:
		st = si.si_status & 0x7f;
		break;
	case CLD_DUMPED:
		st = (si.si_status & 0x7f) | 0x80;
		break;
	case CLD_STOPPED:
	case CLD_TRAPPED:
		st = (si.si_status & 0xff) << 8 | 0x7f;
		break;
	case CLD_CONTINUED:
		st = 0xffff;
		break;
	default:
		errno = EIO;
		return -1;
	}
	if (status)
		*status = st;
	return 1;
}
