/* Strings, conversions and stdlib without locale files or paths. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>
#include "check.h"

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void)
{
	char buf[64];
	CHECK("strlen, strcmp, strncmp", strlen("abc") == 3 && strcmp("a", "b") < 0 && strncmp("abcd", "abce", 3) == 0);
	CHECK("strchr, strrchr, strstr", strchr("a/b/c", '/') - "a/b/c" == 1 && *strrchr("a/b/c", '/') == '/' && strstr("hello", "ll"));
	CHECK("strtok_r splits", ({ char s[] = "a,b,,c", *save, *t; int n = 0; for (t = strtok_r(s, ",", &save); t; t = strtok_r(0, ",", &save)) n++; n == 3; }));
	CHECK("strcasecmp ignores case in the C locale", strcasecmp("HeLLo", "hello") == 0);
	static const char abc[] = "abcabc";
	CHECK("memmem, memrchr", memmem(abc, 6, "ca", 2) == abc + 2 && memrchr(abc, 'a', 6) == abc + 3);
	CHECK("strdup and strndup", ({ char *d = strndup("abcdef", 3); int ok = d && !strcmp(d, "abc"); free(d); ok; }));
	CHECK("strtol with base detection", strtol("0x1f", 0, 0) == 31 && strtol("-017", 0, 0) == -15);
	CHECK("strtol overflow is ERANGE", ({ errno = 0; strtol("99999999999999999999", 0, 10) == LONG_MAX && errno == ERANGE; }));
	CHECK("strtoull of UINT64_MAX", strtoull("18446744073709551615", 0, 10) == UINT64_MAX);
	CHECK("strtod parses hex floats", strtod("0x1.8p1", 0) == 3.0);
	CHECK("strtod of inf and nan", strtod("inf", 0) > 1e308 && strtod("nan", 0) != strtod("nan", 0));
	CHECK("atoi and atol", atoi("  42x") == 42 && atol("-7") == -7);
	CHECK("snprintf of PRIu64 and PRIx32", snprintf(buf, sizeof buf, "%" PRIu64 " %" PRIx32, UINT64_C(1) << 40, 0xabcu) > 0 &&
	      !strcmp(buf, "1099511627776 abc"));
	int v[] = {5, 3, 9, 1, 7};
	qsort(v, 5, sizeof *v, cmp_int);
	CHECK("qsort sorts", v[0] == 1 && v[2] == 5 && v[4] == 9);
	int key = 7;
	CHECK("bsearch finds", bsearch(&key, v, 5, sizeof *v, cmp_int) == &v[3]);
	CHECK("div and ldiv", div(7, -2).quot == -3 && div(7, -2).rem == 1 && ldiv(-7L, 2L).rem == -1);
	CHECK("abs, labs, llabs", abs(-3) == 3 && labs(-4L) == 4 && llabs(-5LL) == 5);
	CHECK("ctype in the C locale", isalpha('a') && !isalpha('1') && isspace('\t') && toupper('q') == 'Q');
	CHECK("getenv sees the environment; setenv and unsetenv change it",
	      setenv("CLOUDABI_TEST_VAR", "1", 1) == 0 && !strcmp(getenv("CLOUDABI_TEST_VAR"), "1") &&
	      unsetenv("CLOUDABI_TEST_VAR") == 0 && getenv("CLOUDABI_TEST_VAR") == NULL);
	CHECK("the C locale's decimal point", !strcmp(localeconv()->decimal_point, "."));
	setlocale(LC_CTYPE, "C.UTF-8");
	wchar_t w[8];
	CHECK("mbstowcs and wcstombs round-trip UTF-8", mbstowcs(w, "\xe2\x82\xac!", 8) == 2 && w[0] == 0x20ac &&
	      wcstombs(buf, w, sizeof buf) == 4 && !strcmp(buf, "\xe2\x82\xac!"));
	CHECK("wcslen and wcscmp", wcslen(L"abc") == 3 && wcscmp(L"a", L"b") < 0);
	struct tm tm = {0};
	CHECK("strptime parses a date and time", strptime("2024-02-29 13:05:09", "%Y-%m-%d %H:%M:%S", &tm) &&
	      tm.tm_year == 124 && tm.tm_mon == 1 && tm.tm_mday == 29 && tm.tm_sec == 9);
	tm.tm_isdst = 0;
	CHECK("timegm of a leap day (and it fills in the weekday)", timegm(&tm) == 1709211909 && tm.tm_wday == 4);
	CHECK("strftime in the C locale", strftime(buf, sizeof buf, "%a %d %b %Y %T", &tm) && !strcmp(buf, "Thu 29 Feb 2024 13:05:09"));
	struct timespec ts;
	CHECK("clock_gettime REALTIME and MONOTONIC", clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1700000000 &&
	      clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
	return report();
}
