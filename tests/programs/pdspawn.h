/* pdfork for test programs: standard output is flushed first, so no
 * buffered line is printed twice, and a child that hangs (a lock fork did
 * not reset, a test gone wrong) dies of SIGALRM after 30 s rather than
 * hold the test's output open. Returns what pdfork returns. */
#include <stdio.h>
#include <sys/procdesc.h>
#include <unistd.h>

static int spawn(int *fd)
{
	fflush(stdout);
	int r = pdfork(fd, 0);
	if (r == 0)
		alarm(30);
	return r;
}
