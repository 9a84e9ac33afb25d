/* pdkill: send a signal to the child behind a process descriptor
 * (CloudABI), with pidfd_send_signal; kill() is removed and denied by the
 * confinement. Signal 0 only checks that the child can be signalled (it
 * has not been waited for). */
#include <sys/procdesc.h>
#include <errno.h>
#include "syscall.h"

int pdkill(int fd, int sig)
{
	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	return syscall(SYS_pidfd_send_signal, fd, sig, 0, 0);
}
