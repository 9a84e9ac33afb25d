/* pdfork: fork() that gives the parent a process descriptor (a pidfd)
 * instead of a process ID.
 *
 * This is musl's fork() and _Fork() (src/process/fork.c and _Fork.c) in
 * one function, unchanged but for the system call: the atfork handlers,
 * the internal locks taken around the clone and reset in the child, the
 * thread list and tid reset in the child, and __fork_handler all happen
 * exactly as in fork(). fork and _Fork themselves are removed from the
 * library (libc/manifest.tsv), so the weak defaults they provided live
 * here too.
 *
 * The child is made by clone(SIGCHLD|CLONE_PIDFD), which stores the
 * descriptor (always close-on-exec) through the parent_tid argument; that
 * argument is the third on every architecture. Where clone rejects
 * CLONE_PIDFD with EINVAL (qemu-user does) or ignores it (kernels before
 * 5.2, which leave the descriptor unset), the child is made by a plain
 * fork-style clone and the parent asks pidfd_open for the descriptor.
 * That fallback is only for such emulators and old kernels: the
 * confinement's seccomp policy denies pidfd_open, and every kernel it
 * runs on has CLONE_PIDFD. If pidfd_open fails, the child, known only by
 * its process ID, is killed and reaped, and pdfork fails with that error.
 *
 * flags must be 0 (EINVAL otherwise); it is kept for FreeBSD's signature
 * and for later use. *fdp is set in the parent only. */
#define _GNU_SOURCE
#include <sys/procdesc.h>
#include <sched.h>
#include <signal.h>
#include <errno.h>
#include "syscall.h"
#include "libc.h"
#include "lock.h"
#include "pthread_impl.h"
#include "fork_impl.h"
#include "aio_impl.h"

static volatile int *const dummy_lockptr = 0;

weak_alias(dummy_lockptr, __at_quick_exit_lockptr);
weak_alias(dummy_lockptr, __atexit_lockptr);
weak_alias(dummy_lockptr, __dlerror_lockptr);
weak_alias(dummy_lockptr, __gettext_lockptr);
weak_alias(dummy_lockptr, __locale_lockptr);
weak_alias(dummy_lockptr, __random_lockptr);
weak_alias(dummy_lockptr, __sem_open_lockptr);
weak_alias(dummy_lockptr, __stdio_ofl_lockptr);
weak_alias(dummy_lockptr, __syslog_lockptr);
weak_alias(dummy_lockptr, __timezone_lockptr);
weak_alias(dummy_lockptr, __bump_lockptr);

weak_alias(dummy_lockptr, __vmlock_lockptr);

static volatile int *const *const atfork_locks[] = {
	&__at_quick_exit_lockptr,
	&__atexit_lockptr,
	&__dlerror_lockptr,
	&__gettext_lockptr,
	&__locale_lockptr,
	&__random_lockptr,
	&__sem_open_lockptr,
	&__stdio_ofl_lockptr,
	&__syslog_lockptr,
	&__timezone_lockptr,
	&__bump_lockptr,
};

static void dummy(int x) { }
weak_alias(dummy, __fork_handler);
weak_alias(dummy, __malloc_atfork);
weak_alias(dummy, __ldso_atfork);
weak_alias(dummy, __aio_atfork);

static void dummy_0(void) { }
weak_alias(dummy_0, __tl_lock);
weak_alias(dummy_0, __tl_unlock);

/* _Fork's part. Returns the child's pid in the parent, with its
 * descriptor in *pidfd; 0 in the child; -errno on failure. */
static long clone_pd(int *pidfd)
{
	long ret;
	sigset_t set;
	__block_all_sigs(&set);
	__aio_atfork(-1);
	LOCK(__abort_lock);
	*pidfd = -1;
	ret = __syscall(SYS_clone, SIGCHLD|CLONE_PIDFD, 0, pidfd, 0, 0);
	if (ret == -EINVAL)
		ret = __syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (!ret) {
		pthread_t self = __pthread_self();
		self->tid = __syscall(SYS_gettid);
		self->robust_list.off = 0;
		self->robust_list.pending = 0;
		self->next = self->prev = self;
		__thread_list_lock = 0;
		libc.threads_minus_1 = 0;
		if (libc.need_locks) libc.need_locks = -1;
	} else if (ret > 0 && *pidfd < 0) {
		/* The fallback (see above). The child is unreaped, so its
		 * pid cannot have been reused, unless the program set
		 * SIGCHLD to SIG_IGN, which pdwait does not support. */
		long fd = __syscall(SYS_pidfd_open, ret, 0);
		if (fd < 0) {
			__syscall(SYS_kill, ret, SIGKILL);
			while (__syscall(SYS_wait4, ret, 0, 0, 0) == -EINTR);
			ret = fd;
		} else {
			*pidfd = fd;
		}
	}
	UNLOCK(__abort_lock);
	__aio_atfork(!ret);
	__restore_sigs(&set);
	return ret;
}

int pdfork(int *fdp, int flags)
{
	if (!fdp || flags) {
		errno = EINVAL;
		return -1;
	}

	/* fork()'s part */
	sigset_t set;
	int pidfd;
	__fork_handler(-1);
	__block_app_sigs(&set);
	int need_locks = libc.need_locks > 0;
	if (need_locks) {
		__ldso_atfork(-1);
		__inhibit_ptc();
		for (int i=0; i<sizeof atfork_locks/sizeof *atfork_locks; i++)
			if (*atfork_locks[i]) LOCK(*atfork_locks[i]);
		__malloc_atfork(-1);
		__tl_lock();
	}
	pthread_t self=__pthread_self(), next=self->next;
	long ret = clone_pd(&pidfd);
	if (need_locks) {
		if (!ret) {
			for (pthread_t td=next; td!=self; td=td->next)
				td->tid = -1;
			if (__vmlock_lockptr) {
				__vmlock_lockptr[0] = 0;
				__vmlock_lockptr[1] = 0;
			}
		}
		__tl_unlock();
		__malloc_atfork(!ret);
		for (int i=0; i<sizeof atfork_locks/sizeof *atfork_locks; i++)
			if (*atfork_locks[i])
				if (ret) UNLOCK(*atfork_locks[i]);
				else **atfork_locks[i] = 0;
		__release_ptc();
		__ldso_atfork(!ret);
	}
	__restore_sigs(&set);
	__fork_handler(!ret);
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	if (ret) {
		*fdp = pidfd;
		return 1;
	}
	return 0;
}
