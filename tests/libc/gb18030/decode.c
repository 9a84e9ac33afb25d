/* Target side of the GB18030 test (CVE-2026-6042, libc/patches/0018): reads
 * the cases oracle.c printed with the host's glibc on stdin, decodes each
 * sequence with this libc's iconv and checks each group of four-byte
 * sequences agrees with glibc.
 *
 * The two-byte group is not checked (the patch leaves that table alone):
 * it finds where the two tables differ because glibc follows a later
 * edition of GB18030, which moved those characters between two-byte and
 * four-byte forms. A four-byte case that disagrees only in such a
 * character (this libc's answer or glibc's is one of them) is printed as a
 * "skip" line; there can be no more of those than two-byte differences.
 * Lines starting "# " are details, for when a check fails. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static iconv_t cd;

/* Decode the N bytes at B: the code point, or -1 for EILSEQ, -2 for any
 * other outcome (which never agrees with glibc). */
static long decode(const unsigned char *b, size_t n)
{
	unsigned char o[8];
	char *in = (char *)b, *out = (char *)o;
	size_t inl = n, outl = sizeof o;
	iconv(cd, NULL, NULL, NULL, NULL);
	errno = 0;
	size_t r = iconv(cd, &in, &inl, &out, &outl);
	if (r == (size_t)-1)
		return errno == EILSEQ ? -1 : -2;
	if (inl != 0 || outl != sizeof o - 4)
		return -2;
	return o[0] | o[1] << 8 | o[2] << 16 | (long)o[3] << 24;
}

static void show(char *buf, size_t size, long cp)
{
	if (cp == -1) snprintf(buf, size, "EILSEQ");
	else if (cp < 0) snprintf(buf, size, "an error other than EILSEQ");
	else snprintf(buf, size, "U+%04lX", cp);
}

/* Code points in two-byte sequences on which this libc and glibc differ. */
static long moved[256];
static int nmoved, ntwo_diff;

static int is_moved(long cp)
{
	for (int i = 0; i < nmoved; i++)
		if (moved[i] == cp) return 1;
	return 0;
}

static void add_moved(long cp)
{
	if (cp >= 0 && !is_moved(cp) && nmoved < (int)(sizeof moved / sizeof *moved))
		moved[nmoved++] = cp;
}

static char group[128];
static int two_byte, cases, wrong, edition, shown;

static void end_group(void)
{
	char name[256];
	if (!group[0]) return;
	if (two_byte) {
		snprintf(name, sizeof name, "GB18030 two-byte sequences: %d decoded, %d differ from glibc",
		         cases, ntwo_diff);
		CHECK(name, cases == 126 * 190 && wrong == 0);
	} else {
		if (edition)
			snprintf(name, sizeof name, "GB18030 %s: %d four-byte sequences agree with glibc "
			         "but for %d edition differences", group, cases, edition);
		else
			snprintf(name, sizeof name, "GB18030 %s: %d four-byte sequences agree with glibc",
			         group, cases);
		if (wrong)
			printf("# %s: %d of %d sequences disagree with glibc\n", group, wrong, cases);
		CHECK(name, cases > 0 && wrong == 0);
	}
	fflush(stdout);
}

int main(void)
{
	char line[256];
	int total_edition = 0, lines = 0, ended = 0;
	cd = iconv_open("UTF-32LE", "GB18030");
	CHECK("iconv_open(UTF-32LE, GB18030)", cd != (iconv_t)-1);
	if (cd == (iconv_t)-1) return report();
	while (fgets(line, sizeof line, stdin)) {
		lines++;
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#') {
			end_group();
			if (strcmp(line, "# end") == 0) {
				ended = 1;
				break;
			}
			snprintf(group, sizeof group, "%s", line + 2);
			two_byte = strncmp(group, "two-byte", 8) == 0;
			cases = wrong = edition = shown = 0;
			continue;
		}
		unsigned char b[4];
		size_t n = 0;
		char *p = line;
		while (n < 4 && p[0] && p[0] != ' ') {
			unsigned v;
			if (sscanf(p, "%2x", &v) != 1) break;
			b[n++] = v;
			p += 2;
		}
		if (*p != ' ' || (n != 2 && n != 4)) {
			printf("# unreadable line %d: %s\n", lines, line);
			wrong++;
			continue;
		}
		long want = strcmp(p + 1, "EILSEQ") == 0 ? -1 : strtol(p + 1, NULL, 16);
		long got = decode(b, n);
		cases++;
		if (got == want) continue;
		char g[64], w[64];
		show(g, sizeof g, got);
		show(w, sizeof w, want);
		if (two_byte) {
			if (got < 0) wrong++; /* the two-byte table has every sequence */
			ntwo_diff++;
			add_moved(got);
			add_moved(want);
			printf("# two-byte %s: glibc %s, this libc %s: an edition difference\n", line, w, g);
		} else if ((got >= 0 && is_moved(got)) || (want >= 0 && is_moved(want))) {
			edition++;
			total_edition++;
			printf("skip - GB18030 %.8s: glibc %s, this libc %s: a character the editions moved\n",
			       line, w, g);
		} else {
			wrong++;
			if (shown++ < 10)
				printf("# %s: %.8s is %s, glibc says %s\n", group, line, g, w);
		}
	}
	if (!ended) end_group();
	char name[160];
	snprintf(name, sizeof name, "GB18030: all %d lines of the oracle were read, to its end line", lines);
	CHECK(name, ended);
	CHECK("GB18030: edition differences are no more than the two-byte differences",
	      total_edition <= ntwo_diff);
	iconv_close(cd);
	return report();
}
