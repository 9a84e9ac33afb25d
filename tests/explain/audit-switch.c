/* The kernel's audit, on or off, for tests/explain's Landlock cases
 * (cloudabi-run --explain reads Landlock's denials from audit records).
 *
 *	audit-switch get      print 0 (off), 1 (on) or 2 (locked)
 *	audit-switch set N    turn it off (0) or on (1)
 *
 * The suite puts back what it found. Root only (CAP_AUDIT_CONTROL). */
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd;

/* Sends one request and returns the reply of TYPE (or the ack) in BUF. */
static struct nlmsghdr *ask(int type, const void *data, size_t len, int want, char *buf, size_t size)
{
	char req[NLMSG_SPACE(sizeof(struct audit_status))] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)req;
	h->nlmsg_len = NLMSG_LENGTH(len);
	h->nlmsg_type = (unsigned short)type;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	if (len) memcpy(NLMSG_DATA(h), data, len);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	if (sendto(fd, req, h->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) {
		perror("audit-switch: sendto");
		exit(1);
	}
	struct pollfd p = { fd, POLLIN, 0 };
	while (poll(&p, 1, 2000) > 0) {
		ssize_t n = recv(fd, buf, size, 0);
		if (n < (ssize_t)NLMSG_HDRLEN) break;
		struct nlmsghdr *r = (struct nlmsghdr *)buf;
		if (r->nlmsg_type == NLMSG_ERROR) {
			int err = ((struct nlmsgerr *)NLMSG_DATA(r))->error;
			if (err) {
				fprintf(stderr, "audit-switch: %s\n", strerror(-err));
				exit(1);
			}
			if (want == NLMSG_ERROR) return r;
		} else if (r->nlmsg_type == want) {
			return r;
		}
	}
	fprintf(stderr, "audit-switch: no reply from the kernel's audit\n");
	exit(1);
}

int main(int argc, char **argv)
{
	char buf[8192];
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("audit-switch: this kernel has no audit");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "get")) {
		struct nlmsghdr *r = ask(AUDIT_GET, NULL, 0, AUDIT_GET, buf, sizeof buf);
		printf("%u\n", ((struct audit_status *)NLMSG_DATA(r))->enabled);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "set") && (!strcmp(argv[2], "0") || !strcmp(argv[2], "1"))) {
		struct audit_status s = { .mask = AUDIT_STATUS_ENABLED, .enabled = (unsigned)atoi(argv[2]) };
		ask(AUDIT_SET, &s, sizeof s, NLMSG_ERROR, buf, sizeof buf);
		return 0;
	}
	fprintf(stderr, "usage: audit-switch get | set 0|1\n");
	return 2;
}
