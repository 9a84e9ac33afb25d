/* getaddrinfo and getnameinfo take numeric addresses and ports only
 * (libc/patches/0008), and their errors say so (0022): a host name is
 * EAI_NONAME, whose text says names are not resolved here, not "Name does
 * not resolve", which sent users to look at their network. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "check.h"

static int says_numeric_only(int code)
{
	const char *s = gai_strerror(code);
	printf("# gai_strerror(%d) = \"%s\"\n", code, s);
	return strstr(s, "CloudABI") && strstr(s, "numeric") && !strstr(s, "does not resolve");
}

int main(void)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = 0;

	/* control: a numeric address and port work */
	int r = getaddrinfo("127.0.0.1", "80", &hints, &res);
	CHECK("control: getaddrinfo(\"127.0.0.1\", \"80\") works", r == 0 && res &&
		res->ai_family == AF_INET &&
		ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) == 80);
	if (!r) freeaddrinfo(res);
	r = getaddrinfo("::1", "443", &hints, &res);
	CHECK("control: getaddrinfo(\"::1\", \"443\") works", r == 0 && res && res->ai_family == AF_INET6);
	if (!r) freeaddrinfo(res);

	/* a host name: EAI_NONAME, and the text says why */
	r = getaddrinfo("example.com", "80", &hints, &res);
	CHECK("getaddrinfo(\"example.com\") is EAI_NONAME", r == EAI_NONAME);
	CHECK("its gai_strerror says host names are not resolved, only numeric addresses",
		r == EAI_NONAME && says_numeric_only(r));
	r = getaddrinfo("localhost", 0, &hints, &res);
	CHECK("getaddrinfo(\"localhost\") is EAI_NONAME too (no /etc/hosts)", r == EAI_NONAME);

	/* a service name: EAI_SERVICE, the text says numeric ports */
	r = getaddrinfo("127.0.0.1", "http", &hints, &res);
	CHECK("getaddrinfo(\"127.0.0.1\", \"http\") is EAI_SERVICE", r == EAI_SERVICE);
	CHECK("its gai_strerror says only numeric ports", r == EAI_SERVICE && says_numeric_only(r));

	/* getnameinfo with NI_NAMEREQD: no name to give, EAI_NONAME */
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(80) };
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	char host[64], serv[16];
	r = getnameinfo((struct sockaddr *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv, NI_NAMEREQD);
	CHECK("getnameinfo(NI_NAMEREQD) is EAI_NONAME", r == EAI_NONAME);
	r = getnameinfo((struct sockaddr *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv, 0);
	CHECK("control: getnameinfo gives the numeric forms", r == 0 && !strcmp(host, "127.0.0.1") && !strcmp(serv, "80"));

	/* the other codes keep musl's texts */
	CHECK("EAI_FAMILY keeps its text", !strcmp(gai_strerror(EAI_FAMILY), "Unrecognized address family or invalid length"));
	CHECK("EAI_AGAIN keeps its text", !strcmp(gai_strerror(EAI_AGAIN), "Try again"));
	CHECK("EAI_OVERFLOW keeps its text", !strcmp(gai_strerror(EAI_OVERFLOW), "Overflow"));
	CHECK("an unknown code is \"Unknown error\"", !strcmp(gai_strerror(-999), "Unknown error"));
	return report();
}
