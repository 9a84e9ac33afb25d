#ifndef _SYS_PROCDESC_H
#define _SYS_PROCDESC_H

/* Process descriptors (CloudABI): a child is known by a descriptor, never
 * by a process ID. Linux pidfds underneath; Linux 5.4 or later.
 *
 * pdfork(&fd, 0) returns 0 in the child and 1 in the parent, which gets
 * the child's descriptor (close-on-exec) in fd; -1 and errno on failure.
 * flags must be 0 (EINVAL otherwise).
 * pdwait(fd, &status, options) returns 1 when it stored a status (read it
 * with the W* macros of <sys/wait.h>), 0 under WNOHANG when the child has
 * nothing to report, -1 and errno on failure; options: WNOHANG, WUNTRACED,
 * WCONTINUED.
 * pdkill(fd, sig) sends sig (0 only checks) to the child.
 *
 * Closing the descriptor does not kill the child on Linux. */

#ifdef __cplusplus
extern "C" {
#endif

#include <features.h>

int pdfork(int *, int);
int pdwait(int, int *, int);
int pdkill(int, int);

#ifdef __cplusplus
}
#endif

#endif
