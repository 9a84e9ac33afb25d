/* What used to reach files by absolute path now works without them:
 * tmpfile on anonymous memory, time zones from TZ rules only, numeric
 * network lookups, no locale or message-catalogue files, confstr. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <libintl.h>
#include <link.h>
#include <locale.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static long offset_at(const char *tz, time_t t, int *isdst)
{
	if (tz) setenv("TZ", tz, 1); else unsetenv("TZ");
	tzset();
	struct tm tm;
	localtime_r(&t, &tm);
	*isdst = tm.tm_isdst;
	return tm.tm_gmtoff;
}

static int phdr_name(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	*(const char **)arg = info->dlpi_name;
	return 1;
}

int main(void)
{
	/* tmpfile */
	FILE *f = tmpfile();
	CHECK("tmpfile opens", f != NULL);
	if (f) {
		char buf[16] = {0};
		fputs("scratch", f);
		rewind(f);
		CHECK("tmpfile reads back what was written", fgets(buf, sizeof buf, f) && !strcmp(buf, "scratch"));
		struct stat st;
		CHECK("tmpfile is anonymous (no name in any directory)", fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode));
		fclose(f);
	}

	/* time zones: POSIX rules from TZ, everything else UTC */
	int dst;
	time_t july = 1720000000;   /* 2024-07-03, summer in Europe */
	time_t january = 1705000000;  /* 2024-01-11 */
	CHECK("TZ rule: CET in winter is +1h", offset_at("CET-1CEST,M3.5.0,M10.5.0/3", january, &dst) == 3600 && !dst);
	CHECK("TZ rule: CEST in summer is +2h", offset_at("CET-1CEST,M3.5.0,M10.5.0/3", july, &dst) == 7200 && dst);
	CHECK("TZ rule: EST5EDT in summer is -4h", offset_at("EST5EDT,M3.2.0,M11.1.0", july, &dst) == -4 * 3600);
	CHECK("TZ rule with a fixed offset", offset_at("XYZ-5:30", january, &dst) == 5 * 3600 + 1800);
	CHECK("TZ naming a zoneinfo file is UTC", offset_at("Europe/Paris", july, &dst) == 0);
	CHECK("TZ naming an absolute file is UTC", offset_at(":/etc/localtime", july, &dst) == 0);
	CHECK("no TZ at all is UTC", offset_at(NULL, july, &dst) == 0);

	/* confstr(_CS_PATH): no program search path */
	char path[32] = "x";
	CHECK("confstr(_CS_PATH) is empty", confstr(_CS_PATH, path, sizeof path) == 1 && path[0] == 0);

	/* numeric network lookups only */
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	CHECK("getaddrinfo of a numeric IPv4 address and port", getaddrinfo("127.0.0.1", "8080", &hints, &res) == 0 &&
	      res->ai_family == AF_INET && ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) == 8080);
	if (res) freeaddrinfo(res), res = NULL;
	CHECK("getaddrinfo of a numeric IPv6 address", getaddrinfo("::1", "443", &hints, &res) == 0 && res->ai_family == AF_INET6);
	if (res) freeaddrinfo(res), res = NULL;
	CHECK("getaddrinfo with a numeric scope ID", getaddrinfo("fe80::1%2", "1", &hints, &res) == 0 &&
	      ((struct sockaddr_in6 *)res->ai_addr)->sin6_scope_id == 2);
	if (res) freeaddrinfo(res), res = NULL;
	CHECK("getaddrinfo of a host name is EAI_NONAME", getaddrinfo("localhost", "80", &hints, &res) == EAI_NONAME);
	CHECK("getaddrinfo with an interface name as scope is EAI_NONAME", getaddrinfo("fe80::1%lo", "80", &hints, &res) == EAI_NONAME);
	CHECK("getaddrinfo of a service name is EAI_SERVICE", getaddrinfo("127.0.0.1", "http", &hints, &res) == EAI_SERVICE);
	hints.ai_flags = AI_PASSIVE | AI_ADDRCONFIG;
	CHECK("AI_PASSIVE|AI_ADDRCONFIG with no host gives wildcard addresses", getaddrinfo(NULL, "9", &hints, &res) == 0 && res != NULL);
	if (res) freeaddrinfo(res), res = NULL;
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(22) };
	inet_pton(AF_INET, "10.1.2.3", &sin.sin_addr);
	char host[64], serv[16];
	CHECK("getnameinfo gives the numeric address and port", getnameinfo((void *)&sin, sizeof sin, host, sizeof host,
	      serv, sizeof serv, 0) == 0 && !strcmp(host, "10.1.2.3") && !strcmp(serv, "22"));
	CHECK("getnameinfo with NI_NAMEREQD is EAI_NONAME", getnameinfo((void *)&sin, sizeof sin, host, sizeof host,
	      0, 0, NI_NAMEREQD) == EAI_NONAME);

	/* locales and messages without files */
	CHECK("setlocale C.UTF-8", setlocale(LC_ALL, "C.UTF-8") != NULL);
	CHECK("bindtextdomain records a directory but nothing is read", bindtextdomain("demo", "locale") != NULL &&
	      textdomain("demo") != NULL && !strcmp(gettext("Hello"), "Hello"));

	const char *name = "unset";
	dl_iterate_phdr(phdr_name, &name);
	CHECK("dl_iterate_phdr names the program \"\", not /proc/self/exe", name && !strcmp(name, ""));
	return report();
}
