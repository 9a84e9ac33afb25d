/* cloudabi-run --explain: Landlock's denials, from the kernel's audit
 * records (docs/confinement.md, "Denied calls explained").
 *
 * The seccomp filter never sees what Landlock denies: the filter let the
 * call through, and the kernel refused it later, on the path or the port
 * it reached. Since Landlock ABI 7 (Linux 6.15) the kernel writes an
 * audit record for each such denial: which domain denied it, the access
 * it lacked ("blockers=fs.read_file") and the object (the path, the port,
 * the process), followed by the system call's own record (its number,
 * result and first four arguments). A process with CAP_AUDIT_READ can
 * read them as they are made, from the audit netlink socket's read-log
 * group, while the kernel's audit is on (auditd's "auditctl -e 1").
 *
 * Which records are the program's: a domain's first denial comes with a
 * record of the domain ("status=allocated") and the process that made
 * it. The launcher's child makes one (it becomes the program, and
 * main.c asks Landlock to record denials after its exec too), and the
 * libc's start-up makes another in the same process; a domain made by
 * the program or by a process it started is the program's. Records of
 * other domains (other programs on the machine) are skipped.
 *
 * Records reach this process after the call has returned (the kernel
 * sends them from a thread of its own), so when the program has ended,
 * the supervisor writes a record of its own (AUDIT_USER) and reads until
 * that comes back: every record of the program was queued before it.
 *
 * Nothing here decides anything: the program's calls have run, and the
 * records are only shown. Without CAP_AUDIT_READ, with audit off or on a
 * kernel before Landlock ABI 7, one line says that Landlock's denials are
 * not explained, and why. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "cloudabi-run.h"

#ifdef CLOUDABI_SECCOMP_FILTER
#include "explain.h"

/* Record types of Landlock's audit (not in Linux 6.1's headers). */
#define LANDLOCK_ACCESS_RECORD 1423   /* AUDIT_LANDLOCK_ACCESS */
#define LANDLOCK_DOMAIN_RECORD 1424   /* AUDIT_LANDLOCK_DOMAIN */
#define SYSCALL_RECORD 1300           /* AUDIT_SYSCALL */
#define END_OF_EVENT_RECORD 1320      /* AUDIT_EOE */
#define USER_RECORD 1005              /* AUDIT_USER */
#define RECORD_MAX 8970               /* libaudit's MAX_AUDIT_MESSAGE_LENGTH */

/* One netlink request to the kernel's audit, no reply asked for. */
static int audit_send(int fd, int type, const void *data, size_t len)
{
	char buf[NLMSG_SPACE(512)] = { 0 };
	if (len > 512) return -1;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	h->nlmsg_len = NLMSG_LENGTH(len);
	h->nlmsg_type = (unsigned short)type;
	h->nlmsg_flags = NLM_F_REQUEST;
	memcpy(NLMSG_DATA(h), data, len);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	return sendto(fd, buf, h->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0 ? -1 : 0;
}

/* Is the kernel's audit on? 1, 0, or -1 when it cannot be asked. */
static int audit_enabled(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) return -1;
	int on = -1;
	if (!audit_send(fd, AUDIT_GET, NULL, 0)) {
		struct pollfd p = { fd, POLLIN, 0 };
		char buf[NLMSG_SPACE(sizeof(struct audit_status)) + 64];
		while (on < 0 && poll(&p, 1, 1000) > 0) {
			ssize_t n = recv(fd, buf, sizeof buf, 0);
			if (n <= 0) break;
			struct nlmsghdr *h = (struct nlmsghdr *)buf;
			if (!NLMSG_OK(h, (size_t)n)) break;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);
				if (e->error) break;   /* refused (no CAP_AUDIT_CONTROL) */
			} else if (h->nlmsg_type == AUDIT_GET) {
				on = ((struct audit_status *)NLMSG_DATA(h))->enabled != 0;
			}
		}
	}
	close(fd);
	return on;
}

int explain_audit_open(int landlock_abi, const char **why)
{
	if (landlock_abi < 7) {
		*why = "this kernel's Landlock writes no audit records (they came with Landlock ABI 7, Linux 6.15)";
		return -1;
	}
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_AUDIT);
	if (fd < 0) {
		*why = "this kernel has no audit";
		return -1;
	}
	struct sockaddr_nl group = { .nl_family = AF_NETLINK, .nl_groups = AUDIT_NLGRP_READLOG };
	if (bind(fd, (struct sockaddr *)&group, sizeof group)) {
		*why = "reading the kernel's audit records needs CAP_AUDIT_READ (run as root)";
		close(fd);
		return -1;
	}
	if (audit_enabled() != 1) {
		*why = "the kernel's audit is off (auditctl -e 1 turns it on)";
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- the records ---- */

/* The value of KEY= in a record's text, into OUT: a quoted string, a
 * hex-encoded one (audit writes a string with spaces, quotes or bytes
 * outside printable ASCII as bare hex), or a bare word. 0 if absent. */
static int field(const char *text, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	for (const char *s = text; (s = strstr(s, key)); s++) {
		if ((s != text && s[-1] != ' ') || s[klen] != '=') continue;
		const char *v = s + klen + 1;
		size_t n = 0;
		if (*v == '"') {
			for (v++; *v && *v != '"' && n + 1 < size; v++) out[n++] = *v;
		} else {
			size_t len = strcspn(v, " ");
			int hex = len >= 2 && len % 2 == 0 && strspn(v, "0123456789ABCDEF") == len &&
				  (!strcmp(key, "path") || !strcmp(key, "ocomm") || !strcmp(key, "name"));
			for (size_t i = 0; i < len && n + 1 < size; i += hex ? 2 : 1) {
				if (hex) {
					char byte[3] = { v[i], v[i + 1], 0 };
					out[n++] = (char)strtoul(byte, NULL, 16);
				} else {
					out[n++] = v[i];
				}
			}
		}
		out[n] = 0;
		return 1;
	}
	return 0;
}

static unsigned long long hex_field(const char *text, const char *key, int *found)
{
	char v[32];
	*found = field(text, key, v, sizeof v);
	return *found ? strtoull(v, NULL, 16) : 0;
}

static long long dec_field(const char *text, const char *key, int *found)
{
	char v[32];
	*found = field(text, key, v, sizeof v);
	return *found ? strtoll(v, NULL, 10) : 0;
}

/* Did PID come from the program (or is it the program)? Its parents, up
 * to the first process, from /proc. */
static int from_program(long pid, pid_t program)
{
	for (int depth = 0; pid > 1 && depth < 64; depth++) {
		if (pid == program) return 1;
		char path[64], buf[512];
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		FILE *f = fopen(path, "re");
		if (!f) return 0;
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = 0;
		const char *end = strrchr(buf, ')');   /* the name may hold anything */
		char state;
		if (!end || sscanf(end + 1, " %c %ld", &state, &pid) != 2) return 0;
	}
	return 0;
}

/* The domains that are the program's (their ids), and the event being
 * read: the records that share one serial number. */
static unsigned long long domains[256];
static int ndomains;

static struct {
	unsigned long serial;
	int naccess;
	struct { unsigned long long domain; char text[600]; } access[4];
	int have_call;
	long long pid, nr, result;
	unsigned long long args[4];
} ev;

static int ours(unsigned long long domain)
{
	for (int i = 0; i < ndomains; i++)
		if (domains[i] == domain) return 1;
	return 0;
}

/* A string of the record's, for cloudabi_explain_str to quote. */
static long local_string(void *ctx, unsigned long long addr, char *out, size_t size)
{
	(void)addr;
	snprintf(out, size, "%s", (const char *)ctx);
	return (long)strlen(out);
}

/* What the blockers were denied on, from the access record's fields. */
static void describe(struct cloudabi_explain_buf *b, const char *text)
{
	char blockers[128], v[512], w[64];
	if (!field(text, "blockers", blockers, sizeof blockers)) snprintf(blockers, sizeof blockers, "?");
	cloudabi_explain_put(b, blockers);
	if (field(text, "path", v, sizeof v)) {
		cloudabi_explain_put(b, " on ");
		cloudabi_explain_str(b, 1, local_string, v);
		cloudabi_explain_put(b, ", which no grant allows");
	} else if (field(text, "dest", v, sizeof v) || field(text, "src", v, sizeof v)) {
		cloudabi_explain_put(b, !strncmp(blockers, "net.bind", 8) ? " of port " : " to port ");
		cloudabi_explain_put(b, v);
		cloudabi_explain_put(b, ", which no grant allows");
	} else if (field(text, "opid", v, sizeof v)) {
		cloudabi_explain_put(b, " to process ");
		cloudabi_explain_put(b, v);
		if (field(text, "ocomm", w, sizeof w)) {
			cloudabi_explain_put(b, " ");
			cloudabi_explain_str(b, 1, local_string, w);
		}
		cloudabi_explain_put(b, ", outside the program's domain");
	} else {
		/* a kind of denial this launcher does not know: as the kernel says it */
		cloudabi_explain_put(b, " (");
		cloudabi_explain_put(b, text);
		cloudabi_explain_put(b, ")");
	}
}

/* The errors Landlock's denials end in, by name (any other by number). */
static const char *errno_name(int e)
{
	switch (e) {
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EXDEV: return "EXDEV";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	default: return NULL;
	}
}

/* The event read so far: one line for a call of the program's that
 * Landlock denied (a call can have several records: a link between two
 * directories is checked at both). */
static void flush(pid_t program, int out)
{
	int any = 0;
	for (int i = 0; i < ev.naccess; i++) any |= ours(ev.access[i].domain);
	if (!any) {
		memset(&ev, 0, sizeof ev);
		return;
	}
	char line[4096], who[48];
	struct cloudabi_explain_buf b = { line, 0, sizeof line - 1 };
	line[0] = 0;
	cloudabi_explain_put(&b, progname);
	cloudabi_explain_put(&b, ": denied: ");
	if (ev.have_call && ev.pid != program) {
		snprintf(who, sizeof who, "process %lld: ", ev.pid);
		cloudabi_explain_put(&b, who);
	}
	/* the call as the seccomp lines show it where the explain table has
	 * its row (its strings are gone: "..."), else by name */
	const struct cloudabi_explain_row *r = ev.have_call ? cloudabi_explain_find((long)ev.nr) : NULL;
	const char *name = ev.have_call ? syscall_name((long)ev.nr) : NULL;
	if (r) {
		unsigned long long args[6] = { ev.args[0], ev.args[1], ev.args[2], ev.args[3], 0, 0 };
		cloudabi_explain_call(&b, r, args, 4, NULL, NULL);
	} else if (name) {
		cloudabi_explain_put(&b, name);
		cloudabi_explain_put(&b, "(...)");
	} else if (ev.have_call) {
		cloudabi_explain_put(&b, "system call ");
		cloudabi_explain_int(&b, (unsigned long long)ev.nr);
		cloudabi_explain_put(&b, "(...)");
	} else {
		cloudabi_explain_put(&b, "a system call");
	}
	if (ev.have_call) {
		const char *e = ev.result < 0 ? errno_name((int)-ev.result) : NULL;
		cloudabi_explain_put(&b, " = ");
		if (e) cloudabi_explain_put(&b, e);
		else cloudabi_explain_int(&b, (unsigned long long)ev.result);
	}
	cloudabi_explain_put(&b, " by Landlock: ");
	for (int i = 0, n = 0; i < ev.naccess; i++) {
		if (!ours(ev.access[i].domain)) continue;
		if (n++) cloudabi_explain_put(&b, "; ");
		describe(&b, ev.access[i].text);
	}
	b.size = sizeof line;
	cloudabi_explain_put(&b, "\n");
	size_t len = strlen(line);
	if (write(out, line, len) != (ssize_t)len) { /* the output is only a report */ }
	memset(&ev, 0, sizeof ev);
}

/* One record. Returns 1 for the supervisor's own end marker MARK. */
static int record(int type, const char *msg, pid_t program, int out, const char *mark)
{
	/* "audit(SECONDS.MILLISECONDS:SERIAL): FIELDS" */
	const char *colon = strchr(msg, ':'), *text = strstr(msg, "): ");
	if (!colon || !text) return 0;
	unsigned long serial = strtoul(colon + 1, NULL, 10);
	text += 3;
	if (serial != ev.serial && (ev.naccess || ev.have_call)) flush(program, out);
	ev.serial = serial;
	int found;
	switch (type) {
	case LANDLOCK_ACCESS_RECORD:
		if (ev.naccess < 4) {
			ev.access[ev.naccess].domain = hex_field(text, "domain", &found);
			const char *blockers = strstr(text, "blockers=");
			snprintf(ev.access[ev.naccess].text, sizeof ev.access[0].text, "%s", blockers ? blockers : text);
			ev.naccess++;
		}
		break;
	case LANDLOCK_DOMAIN_RECORD:
		if (strstr(text, "status=allocated")) {
			unsigned long long domain = hex_field(text, "domain", &found);
			long long pid = dec_field(text, "pid", &found);
			if (found && from_program((long)pid, program) && !ours(domain) &&
			    ndomains < (int)(sizeof domains / sizeof *domains))
				domains[ndomains++] = domain;
		}
		break;
	case SYSCALL_RECORD:
		ev.have_call = 1;
		ev.nr = dec_field(text, "syscall", &found);
		ev.result = dec_field(text, "exit", &found);
		ev.pid = dec_field(text, "pid", &found);
		for (int i = 0; i < 4; i++) ev.args[i] = hex_field(text, (const char *[]){ "a0", "a1", "a2", "a3" }[i], &found);
		break;
	case END_OF_EVENT_RECORD:
		flush(program, out);
		break;
	case USER_RECORD:
		return mark && strstr(text, mark) != NULL;
	}
	return 0;
}

/* Reads what has come; returns 1 once MARK has. */
static int drain(int fd, pid_t program, int out, const char *mark)
{
	char buf[RECORD_MAX + NLMSG_HDRLEN + 1];
	int marked = 0;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
		/* ENOBUFS: records came faster than they were read, and some
		 * were lost; the rest are still there */
		if (n < 0 && (errno == EINTR || errno == ENOBUFS)) continue;
		if (n <= 0) break;   /* EAGAIN: all read */
		/* NLMSG_OK and NLMSG_NEXT, written out: the last message's
		 * padding may be beyond what was received */
		for (size_t off = 0; off + NLMSG_HDRLEN <= (size_t)n;) {
			struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
			if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > (size_t)n - off) break;
			off += NLMSG_ALIGN(h->nlmsg_len);
			size_t len = h->nlmsg_len - NLMSG_HDRLEN;
			char *msg = NLMSG_DATA(h);
			if (len >= RECORD_MAX) len = RECORD_MAX - 1;
			char saved = msg[len];
			msg[len] = 0;
			marked |= record(h->nlmsg_type, msg, program, out, mark);
			msg[len] = saved;
		}
	}
	return marked;
}

void explain_audit_read(int fd, pid_t program, int out)
{
	drain(fd, program, out, NULL);
}

void explain_audit_finish(int fd, pid_t program, int out)
{
	char mark[96];
	snprintf(mark, sizeof mark, "cloudabi-run --explain: program %d ended", (int)program);
	int sent = !audit_send(fd, USER_RECORD, mark, strlen(mark) + 1);
	/* at most two seconds; without the marker (no CAP_AUDIT_WRITE), a
	 * quarter of a second of nothing new */
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (drain(fd, program, out, mark)) break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (ms >= 2000) break;
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, sent ? (int)(2000 - ms) : 250) <= 0 && !sent) break;
	}
	flush(program, out);
}
#else
/* built without the policy: main.c refuses --explain before it gets here */
int explain_audit_open(int landlock_abi, const char **why)
{
	(void)landlock_abi;
	*why = "this cloudabi-run was built without its seccomp policy";
	return -1;
}
void explain_audit_read(int fd, pid_t program, int out) { (void)fd, (void)program, (void)out; }
void explain_audit_finish(int fd, pid_t program, int out) { (void)fd, (void)program, (void)out; }
#endif
