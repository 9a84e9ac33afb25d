/* What replaces network addresses: socketpair, descriptor passing with
 * SCM_RIGHTS, and pipes, between threads of one process. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <signal.h>
#include <unistd.h>
#include "check.h"

static int send_fd(int sock, int fd, const char *note)
{
	char ctl[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = { (void *)note, strlen(note) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(sock, &msg, 0) == (ssize_t)strlen(note) ? 0 : -1;
}

static int recv_fd(int sock, char *note, size_t size)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { note, size - 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	if (n < 0) return -1;
	note[n] = 0;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS) return -1;
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

static void *echo(void *arg)
{
	int s = *(int *)arg;
	char buf[32];
	ssize_t n = read(s, buf, sizeof buf);
	if (n > 0) write(s, buf, n);
	return 0;
}

int main(void)
{
	int sv[2];
	CHECK("socketpair AF_UNIX stream", socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, sv) == 0);
	pthread_t t;
	pthread_create(&t, 0, echo, &sv[1]);
	char buf[32] = {0};
	CHECK("a thread echoes through the pair", write(sv[0], "ping", 4) == 4 && read(sv[0], buf, sizeof buf) == 4 && !memcmp(buf, "ping", 4));
	pthread_join(t, 0);

	int file = openat(3, "passed", O_RDWR|O_CREAT|O_CLOEXEC, 0600);
	CHECK("a file in the granted directory", file >= 0 && write(file, "contents", 8) == 8);
	CHECK("sendmsg passes the descriptor with SCM_RIGHTS", send_fd(sv[0], file, "here") == 0);
	char note[16];
	int got = recv_fd(sv[1], note, sizeof note);
	CHECK("recvmsg receives a new descriptor and the data", got >= 0 && got != file && !strcmp(note, "here"));
	struct stat a, b;
	CHECK("the received descriptor is the same file", got >= 0 && fstat(got, &a) == 0 && fstat(file, &b) == 0 &&
	      a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	CHECK("MSG_CMSG_CLOEXEC set close-on-exec on it", got >= 0 && (fcntl(got, F_GETFD) & FD_CLOEXEC));
	CHECK("reading through it sees what was written", pread(got, buf, 8, 0) == 8 && !memcmp(buf, "contents", 8));

	int dgram[2];
	CHECK("socketpair AF_UNIX seqpacket keeps message boundaries",
	      socketpair(AF_UNIX, SOCK_SEQPACKET, 0, dgram) == 0 && write(dgram[0], "ab", 2) == 2 &&
	      write(dgram[0], "cde", 3) == 3 && read(dgram[1], buf, sizeof buf) == 2 && read(dgram[1], buf, sizeof buf) == 3);
	CHECK("shutdown gives end of file", shutdown(dgram[0], SHUT_WR) == 0 && read(dgram[1], buf, sizeof buf) == 0);

	int p[2];
	CHECK("pipe2", pipe2(p, O_CLOEXEC) == 0 && write(p[1], "x", 1) == 1 && read(p[0], buf, 1) == 1 && buf[0] == 'x');
	close(p[0]);
	CHECK("a closed pipe reader gives EPIPE (SIGPIPE ignored)", ({ signal(SIGPIPE, SIG_IGN); write(p[1], "x", 1) == -1 && errno == EPIPE; }));
	return report();
}
