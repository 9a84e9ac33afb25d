/* Opening what a configuration grants, and numbering it for the program:
 * 0, 1, 2 for the standard descriptors, then 3, 4, ... in order of first
 * appearance. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "cloudabi-run.h"

void grants_init(struct grants *g)
{
	memset(g, 0, sizeof *g);
	g->next = 3;
	g->std[0] = g->std[1] = g->std[2] = -1;
}

static struct grant *add(struct grants *g)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->v = realloc(g->v, g->cap * sizeof *g->v);
		if (!g->v) fail("out of memory");
	}
	return &g->v[g->n++];
}

/* A descriptor the launcher opened: the next number. */
int grant_fd(struct grants *g, int fd, bool directory, unsigned rights)
{
	struct grant *e = add(g);
	*e = (struct grant){ .fd = fd, .number = g->next++, .directory = directory, .rights = rights };
	return e->number;
}

/* FD given to the program as standard descriptor WHICH (0, 1, 2). */
static int grant_as_std(struct grants *g, int fd, int which)
{
	g->std[which] = g->n;
	struct grant *e = add(g);
	*e = (struct grant){ .fd = fd, .number = which };
	return which;
}

/* One of the launcher's standard descriptors, passed at its own number:
 * it stays where it is (main.c moves every other grant into place). */
int grant_std(struct grants *g, int which)
{
	if (g->std[which] >= 0) return which;
	if (fcntl(which, F_GETFD) < 0) fail("descriptor %d is not open", which);
	grant_as_std(g, which, which);
	g->v[g->std[which]].in_place = true;
	return which;
}

/* Standard descriptors nobody named become /dev/null, so that a file the
 * program opens never becomes its stdout by accident. */
void grant_null_std(struct grants *g)
{
	for (int s = 0; s < 3; s++) {
		if (g->std[s] >= 0) continue;
		int null = openat(AT_FDCWD, "/dev/null", O_RDWR | O_CLOEXEC);
		if (null < 0) fail("/dev/null: %s", strerror(errno));
		grant_as_std(g, null, s);
	}
}

int open_file(const char *where, const char *path, const char *mode, bool create)
{
	int flags;
	if (!mode || !strcmp(mode, "ro")) flags = O_RDONLY;
	else if (!strcmp(mode, "rw")) flags = O_RDWR;
	else if (!strcmp(mode, "append")) flags = O_WRONLY | O_APPEND;
	else fail("%s: mode must be ro, rw or append, not '%s'", where, mode);
	if (create) {
		if (flags == O_RDONLY) fail("%s: create needs mode rw or append", where);
		flags |= O_CREAT;
	}
	int fd = openat(AT_FDCWD, path, flags | O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0) fail("%s: cannot open %s: %s", where, path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (flags != O_RDONLY) fail("%s: %s is a directory; grant it with rights, not a mode", where, path);
	}
	return fd;
}

int open_dir(const char *where, const char *path)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) fail("%s: cannot open directory %s: %s", where, path, strerror(errno));
	return fd;
}

bool granted_dgram_unix;

/* ADDR: HOST:PORT, [V6ADDR]:PORT, or an absolute path (a UNIX socket). */
int open_socket(const char *where, const char *addr, bool bind_it, bool dgram)
{
	struct sockaddr_storage ss;
	socklen_t len;
	memset(&ss, 0, sizeof ss);
	if (addr[0] == '/') {
		struct sockaddr_un *un = (void *)&ss;
		if (strlen(addr) >= sizeof un->sun_path) fail("%s: socket path too long: %s", where, addr);
		un->sun_family = AF_UNIX;
		strcpy(un->sun_path, addr);
		len = sizeof *un;
	} else {
		char host[64];
		const char *colon = strrchr(addr, ':');
		if (!colon || colon == addr || (size_t)(colon - addr) >= sizeof host)
			fail("%s: '%s' is not HOST:PORT, [V6ADDR]:PORT or an absolute path", where, addr);
		char *end;
		unsigned long port = strtoul(colon + 1, &end, 10);
		if (!colon[1] || *end || port > 65535) fail("%s: bad port in '%s'", where, addr);
		memcpy(host, addr, colon - addr);
		host[colon - addr] = 0;
		if (host[0] == '[') {
			size_t l = strlen(host);
			if (host[l - 1] != ']') fail("%s: '%s' lacks the closing ]", where, addr);
			host[l - 1] = 0;
			struct sockaddr_in6 *s6 = (void *)&ss;
			if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1) fail("%s: bad IPv6 address in '%s'", where, addr);
			s6->sin6_family = AF_INET6;
			s6->sin6_port = htons(port);
			len = sizeof *s6;
		} else {
			struct sockaddr_in *s4 = (void *)&ss;
			if (inet_pton(AF_INET, host, &s4->sin_addr) != 1) fail("%s: bad IPv4 address in '%s'", where, addr);
			s4->sin_family = AF_INET;
			s4->sin_port = htons(port);
			len = sizeof *s4;
		}
	}
	if (dgram && ss.ss_family == AF_UNIX) granted_dgram_unix = true;
	int fd = socket(ss.ss_family, (dgram ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);
	if (fd < 0) fail("%s: socket: %s", where, strerror(errno));
	if (bind_it) {
		int one = 1;
		if (ss.ss_family != AF_UNIX) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, (void *)&ss, len)) fail("%s: bind %s: %s", where, addr, strerror(errno));
		if (!dgram && listen(fd, 128)) fail("%s: listen %s: %s", where, addr, strerror(errno));
	} else if (connect(fd, (void *)&ss, len)) {
		fail("%s: connect %s: %s", where, addr, strerror(errno));
	}
	return fd;
}

/* "ro", "rw", or a comma-separated list of read, write, create, remove, exec. */
bool parse_rights(const char *s, unsigned *rights)
{
	if (!strcmp(s, "ro")) { *rights = CONFINE_GRANT_READ; return true; }
	if (!strcmp(s, "rw")) { *rights = CONFINE_GRANT_READ | CONFINE_GRANT_WRITE | CONFINE_GRANT_CREATE | CONFINE_GRANT_REMOVE; return true; }
	*rights = 0;
	char *copy = strdup(s), *save = 0;
	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(0, ", ", &save)) {
		if (!strcmp(w, "read")) *rights |= CONFINE_GRANT_READ;
		else if (!strcmp(w, "write")) *rights |= CONFINE_GRANT_WRITE;
		else if (!strcmp(w, "create")) *rights |= CONFINE_GRANT_CREATE;
		else if (!strcmp(w, "remove")) *rights |= CONFINE_GRANT_REMOVE;
		else if (!strcmp(w, "exec")) *rights |= CONFINE_GRANT_EXEC;
		else { free(copy); return false; }
	}
	free(copy);
	return *rights != 0;
}
