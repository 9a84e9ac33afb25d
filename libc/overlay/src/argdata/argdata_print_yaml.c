#include "argdata_impl.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The format is described at the top of <argdata.h>. */

static void print_indent(FILE *f, unsigned indent)
{
	for (unsigned i = 0; i < indent; i++)
		fputc(' ', f);
}

static void print_invalid(FILE *f)
{
	fputs("!invalid \"\"", f);
}

static void print_wide(FILE *f, argdata_wide v)
{
	char digits[48];
	char *p = digits + sizeof(digits);
	argdata_uwide u = v < 0 ? -(argdata_uwide)v : (argdata_uwide)v;
	*--p = '\0';
	do {
		*--p = '0' + (int)(u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	fputs(p, f);
}

/* An int beyond 128 bits: its magnitude in hexadecimal. For a negative
 * value each byte of -v is ~b, but b's own negation for the lowest nonzero
 * byte, and zero below it. */
static void print_big_int(FILE *f, const unsigned char *p, size_t n)
{
	bool negative = (p[0] & 0x80) != 0;
	size_t lowest = n;
	while (lowest > 0 && p[lowest - 1] == 0)
		lowest--;
	/* lowest - 1 is the index of the lowest nonzero byte. */
	fputs(negative ? "-0x" : "0x", f);
	bool started = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = p[i];
		if (negative)
			b = i + 1 < lowest ? (unsigned char)~b :
			    i + 1 == lowest ? (unsigned char)-b : 0;
		if (!started && b == 0)
			continue;
		if (started)
			fprintf(f, "%02x", b);
		else
			fprintf(f, "%x", b);
		started = true;
	}
	if (!started)
		fputc('0', f);
}

/* Shortest decimal form that reads back exactly, with a '.' so that every
 * YAML version takes it as a float. */
static void print_float(FILE *f, double d)
{
	if (isnan(d)) {
		fputs(".nan", f);
		return;
	}
	if (isinf(d)) {
		fputs(d < 0 ? "-.inf" : ".inf", f);
		return;
	}
	char buf[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	char *e = strchr(buf, 'e');
	if (strchr(buf, '.') == NULL) {
		if (e != NULL) {
			fwrite(buf, 1, e - buf, f);
			fputs(".0", f);
			fputs(e, f);
			return;
		}
		fputs(buf, f);
		fputs(".0", f);
		return;
	}
	fputs(buf, f);
}

/* A double-quoted scalar; s is valid UTF-8. */
static void print_string(FILE *f, const unsigned char *s, size_t len)
{
	static const char named[0x20] = {
		[0] = '0', [7] = 'a', [8] = 'b', [9] = 't', [10] = 'n',
		[11] = 'v', [12] = 'f', [13] = 'r', [27] = 'e',
	};
	fputc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t n;
		if (c < 0x80) {
			cp = c;
			n = 1;
		} else if (c < 0xe0) {
			cp = (uint32_t)(c & 0x1f) << 6 | (s[i + 1] & 0x3f);
			n = 2;
		} else if (c < 0xf0) {
			cp = (uint32_t)(c & 0x0f) << 12 | (uint32_t)(s[i + 1] & 0x3f) << 6 |
			     (s[i + 2] & 0x3f);
			n = 3;
		} else {
			cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3f) << 12 |
			     (uint32_t)(s[i + 2] & 0x3f) << 6 | (s[i + 3] & 0x3f);
			n = 4;
		}
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp < 0x20 && named[cp] != '\0')
			fprintf(f, "\\%c", named[cp]);
		else if (cp == 0x85)
			fputs("\\N", f);
		else if (cp == 0x2028)
			fputs("\\L", f);
		else if (cp == 0x2029)
			fputs("\\P", f);
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			fprintf(f, "\\x%02X", (unsigned)cp);
		else if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
			fprintf(f, "\\u%04X", (unsigned)cp);
		else
			fwrite(s + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
}

static void print_base64(FILE *f, const unsigned char *p, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	fputs("!!binary \"", f);
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		fputc(digits[v >> 18], f);
		fputc(digits[v >> 12 & 63], f);
		fputc(i + 1 < len ? digits[v >> 6 & 63] : '=', f);
		fputc(i + 2 < len ? digits[v & 63] : '=', f);
	}
	fputc('"', f);
}

static void print_timestamp(FILE *f, const argdata_t *ad)
{
	struct timespec ts;
	struct tm tm;
	if (argdata_get_timestamp(ad, &ts) != 0 || gmtime_r(&ts.tv_sec, &tm) == NULL) {
		print_invalid(f);
		return;
	}
	fprintf(f, "!!timestamp \"%04lld-%02d-%02dT%02d:%02d:%02d", (long long)tm.tm_year + 1900,
	        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (ts.tv_nsec != 0) {
		char frac[11];
		snprintf(frac, sizeof(frac), ".%09ld", ts.tv_nsec);
		size_t n = strlen(frac);
		while (frac[n - 1] == '0')
			n--;
		fwrite(frac, 1, n, f);
	}
	fputs("Z\"", f);
}

static void print_value(FILE *f, const argdata_t *ad, unsigned indent);

static bool is_collection(const argdata_t *ad)
{
	if (ad->kind != ARGDATA_BUFFER)
		return true;
	return ad->u.buffer.len > 0 && ad->depth < ARGDATA_MAX_DEPTH &&
	       (ad->u.buffer.buf[0] == ARGDATA_TAG_MAP || ad->u.buffer.buf[0] == ARGDATA_TAG_SEQ);
}

/* One entry per line; a trailing entry !invalid "" when the data is
 * malformed from there on. */
static void print_collection(FILE *f, const argdata_t *ad, unsigned indent, bool map)
{
	struct argdata_iter it;
	argdata_iter_start(ad, &it, map);
	fputc(map ? '{' : '[', f);
	bool any = false;
	const argdata_t *key, *value;
	for (; argdata_iter_get(&it, map ? &key : NULL, &value); argdata_iter_next(&it, map)) {
		fputs(any ? ",\n" : "\n", f);
		any = true;
		print_indent(f, indent + 2);
		if (!map) {
			print_value(f, value, indent + 2);
		} else if (is_collection(key)) {
			fputs("? ", f);
			print_value(f, key, indent + 2);
			fputc('\n', f);
			print_indent(f, indent + 2);
			fputs(": ", f);
			print_value(f, value, indent + 2);
		} else {
			print_value(f, key, indent + 2);
			fputs(": ", f);
			print_value(f, value, indent + 2);
		}
	}
	if (it.index == ARGDATA_ITERATOR_INVALID) {
		fputs(any ? ",\n" : "\n", f);
		any = true;
		print_indent(f, indent + 2);
		print_invalid(f);
		if (map) {
			fputs(": ", f);
			print_invalid(f);
		}
	}
	if (any) {
		fputc('\n', f);
		print_indent(f, indent);
	}
	fputc(map ? '}' : ']', f);
}

static void print_value(FILE *f, const argdata_t *ad, unsigned indent)
{
	if (ad->kind == ARGDATA_MAP || ad->kind == ARGDATA_SEQ) {
		print_collection(f, ad, indent, ad->kind == ARGDATA_MAP);
		return;
	}
	if (ad->u.buffer.len == 0) {
		fputs("null", f);
		return;
	}
	const unsigned char *p = ad->u.buffer.buf + 1;
	size_t n = ad->u.buffer.len - 1;
	switch (ad->u.buffer.buf[0]) {
	case ARGDATA_TAG_BINARY:
		print_base64(f, p, n);
		return;
	case ARGDATA_TAG_BOOL: {
		bool b;
		if (argdata_get_bool(ad, &b) != 0)
			break;
		fputs(b ? "true" : "false", f);
		return;
	}
	case ARGDATA_TAG_FD: {
		int fd;
		if (argdata_get_fd(ad, &fd) != 0)
			break;
		fprintf(f, "!fd %d", fd);
		return;
	}
	case ARGDATA_TAG_FLOAT: {
		double d;
		if (argdata_get_float(ad, &d) != 0)
			break;
		print_float(f, d);
		return;
	}
	case ARGDATA_TAG_INT: {
		argdata_wide v;
		if (argdata_int_get(p, n, &v) == 0)
			print_wide(f, v);
		else
			print_big_int(f, p, n);
		return;
	}
	case ARGDATA_TAG_MAP:
	case ARGDATA_TAG_SEQ:
		if (ad->depth >= ARGDATA_MAX_DEPTH)
			break;
		print_collection(f, ad, indent, ad->u.buffer.buf[0] == ARGDATA_TAG_MAP);
		return;
	case ARGDATA_TAG_STR: {
		const char *s;
		size_t len;
		if (argdata_get_str(ad, &s, &len) != 0)
			break;
		print_string(f, (const unsigned char *)s, len);
		return;
	}
	case ARGDATA_TAG_TIMESTAMP:
		print_timestamp(f, ad);
		return;
	}
	print_invalid(f);
}

void argdata_print_yaml(const argdata_t *ad, FILE *f)
{
	fputs("%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n", f);
	print_value(f, ad, 0);
	fputc('\n', f);
}
