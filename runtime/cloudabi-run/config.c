/* The configuration: CloudABI's YAML (%TAG ! tag:nuxi.nl,2015:cloudabi/),
 * whose plain scalars, maps and sequences become argdata values and whose
 * tags make descriptors:
 *
 *   !fd stdin|stdout|stderr|N          one of the launcher's descriptors
 *   !file {path: P, mode: ro|rw|append, create: true|false}
 *   !file {path: DIR, rights: ro|rw|read,write,create,remove,exec}
 *   !socket {bind: ADDR | connect: ADDR, type: stream|dgram}
 *   !executable                        the program itself
 *
 * Every error names the file, line and column and stops the launcher
 * before anything runs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "cloudabi-run.h"

#define CLOUDABI_TAG "tag:nuxi.nl,2015:cloudabi/"

static const char *file_name;
static yaml_document_t doc;
static struct grants *grants;
static int program;

noreturn static void at(const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void at(const yaml_node_t *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail("%s:%zu:%zu: %s", file_name, n->start_mark.line + 1, n->start_mark.column + 1, msg);
}

/* The CloudABI tag of N without its prefix, or NULL for a plain node. */
static const char *cloudabi_tag(const yaml_node_t *n)
{
	const char *t = (const char *)n->tag;
	if (!t) return NULL;
	if (!strncmp(t, CLOUDABI_TAG, strlen(CLOUDABI_TAG))) return t + strlen(CLOUDABI_TAG);
	if (t[0] == '!' && t[1] != '!') return t + 1;
	return NULL;
}

static const char *scalar(const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) at(n, "%s must be a scalar", what);
	return (const char *)n->data.scalar.value;
}

/* The value of KEY in mapping N, or NULL. */
static yaml_node_t *member(const yaml_node_t *n, const char *key)
{
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		if (k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
			return yaml_document_get_node(&doc, p->value);
	}
	return NULL;
}

/* A key that appears twice in one mapping (YAML forbids it, libyaml does
 * not check): the second one is an error, naming where the first was. In
 * the top-level map that is a name granted twice. */
static void no_duplicate_keys(const yaml_node_t *n)
{
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		if (k->type != YAML_SCALAR_NODE) continue;
		for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *e = yaml_document_get_node(&doc, q->key);
			if (e->type == YAML_SCALAR_NODE && e->data.scalar.length == k->data.scalar.length &&
			    !memcmp(e->data.scalar.value, k->data.scalar.value, k->data.scalar.length))
				at(k, "the key '%s' appears twice in this map (first at line %zu, column %zu)",
				   (char *)k->data.scalar.value, e->start_mark.line + 1, e->start_mark.column + 1);
		}
	}
}

static void only_keys(const yaml_node_t *n, const char *tag, const char *const *allowed)
{
	no_duplicate_keys(n);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		const char *name = scalar(k, "a key");
		const char *const *a;
		for (a = allowed; *a && strcmp(*a, name); a++);
		if (!*a) at(k, "!%s has no key '%s'", tag, name);
	}
}

static bool yaml_true(const yaml_node_t *n, const char *what)
{
	const char *s = scalar(n, what);
	if (!strcmp(s, "true")) return true;
	if (!strcmp(s, "false")) return false;
	at(n, "%s must be true or false, not '%s'", what, s);
}

static const argdata_t *fd_value(int number)
{
	const argdata_t *ad = argdata_create_fd(number);
	if (!ad) fail("out of memory");
	return ad;
}

static const argdata_t *tagged(const yaml_node_t *n, const char *tag)
{
	char where[600];
	snprintf(where, sizeof where, "%s:%zu:%zu", file_name, n->start_mark.line + 1, n->start_mark.column + 1);
	if (!strcmp(tag, "fd")) {
		const char *s = scalar(n, "!fd");
		int which;
		if (!strcmp(s, "stdin")) which = 0;
		else if (!strcmp(s, "stdout")) which = 1;
		else if (!strcmp(s, "stderr")) which = 2;
		else {
			char *end;
			long v = strtol(s, &end, 10);
			if (!*s || *end || v < 0 || v > 1 << 20) at(n, "!fd takes stdin, stdout, stderr or a number, not '%s'", s);
			which = v;
		}
		if (which <= 2) return fd_value(grant_std(grants, which));
		if (fcntl(which, F_GETFD) < 0) at(n, "!fd %d: descriptor %d is not open", which, which);
		int fd = dup_cloexec(which, 10);
		return fd_value(grant_fd(grants, fd, false, 0));
	}
	if (!strcmp(tag, "executable")) return fd_value(grant_fd(grants, dup_cloexec(program, 10), false, 0));
	if (!strcmp(tag, "file")) {
		static const char *const keys[] = { "path", "mode", "create", "rights", 0 };
		if (n->type != YAML_MAPPING_NODE) at(n, "!file takes a map with a path");
		only_keys(n, "file", keys);
		yaml_node_t *path = member(n, "path"), *mode = member(n, "mode"), *create = member(n, "create"),
			*rights = member(n, "rights");
		if (!path) at(n, "!file needs a path");
		const char *p = scalar(path, "path");
		struct stat st;
		if (stat(p, &st)) {
			if (errno != ENOENT || !create || !yaml_true(create, "create"))
				at(path, "cannot open %s: %s", p, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			if (mode) at(mode, "%s is a directory: give it rights, not a mode", p);
			unsigned r = CONFINE_GRANT_READ;
			if (rights && !parse_rights(scalar(rights, "rights"), &r))
				at(rights, "rights are ro, rw or a list of read, write, create, remove, exec");
			return fd_value(grant_fd(grants, open_dir(where, p), true, r));
		}
		if (rights) at(rights, "%s is not a directory: give it a mode, not rights", p);
		int fd = open_file(where, p, mode ? scalar(mode, "mode") : NULL, create && yaml_true(create, "create"));
		return fd_value(grant_fd(grants, fd, false, 0));
	}
	if (!strcmp(tag, "socket")) {
		static const char *const keys[] = { "bind", "connect", "type", 0 };
		if (n->type != YAML_MAPPING_NODE) at(n, "!socket takes a map with bind or connect");
		only_keys(n, "socket", keys);
		yaml_node_t *b = member(n, "bind"), *c = member(n, "connect"), *t = member(n, "type");
		if (!!b == !!c) at(n, "!socket takes exactly one of bind and connect");
		bool dgram = false;
		if (t) {
			const char *ty = scalar(t, "type");
			if (!strcmp(ty, "dgram")) dgram = true;
			else if (strcmp(ty, "stream")) at(t, "type is stream or dgram, not '%s'", ty);
		}
		int fd = open_socket(where, scalar(b ? b : c, b ? "bind" : "connect"), b != NULL, dgram);
		return fd_value(grant_fd(grants, fd, false, 0));
	}
	at(n, "unknown tag !%s (expected !fd, !file, !socket or !executable)", tag);
}

/* A plain scalar is null, a bool, an int, a float or a string (YAML 1.1's
 * core forms); a quoted one is always a string. */
static const argdata_t *plain(const yaml_node_t *n)
{
	const char *s = (const char *)n->data.scalar.value;
	const argdata_t *ad;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) goto string;
	if (!*s || !strcmp(s, "~") || !strcmp(s, "null")) return &argdata_null;
	if (!strcmp(s, "true")) return &argdata_true;
	if (!strcmp(s, "false")) return &argdata_false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 0);
	if (!*end && !errno && (isdigit((unsigned char)s[0]) || ((s[0] == '-' || s[0] == '+') && s[1])))
		return (ad = argdata_create_int(v)) ? ad : (fail("out of memory"), NULL);
	double d = strtod(s, &end);
	if (!*end && (isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.'))
		return (ad = argdata_create_float(d)) ? ad : (fail("out of memory"), NULL);
string:
	ad = argdata_create_str(s, n->data.scalar.length);
	if (!ad) at(n, "not valid UTF-8");
	return ad;
}

static const argdata_t *convert(yaml_node_t *n, int depth)
{
	if (depth > 100) at(n, "nested too deeply");
	const char *tag = cloudabi_tag(n);
	if (tag) return tagged(n, tag);
	if (n->tag && strncmp((char *)n->tag, "tag:yaml.org,2002:", 18))
		at(n, "unknown tag %s (expected !fd, !file, !socket or !executable)", (char *)n->tag);
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return plain(n);
	case YAML_SEQUENCE_NODE: {
		size_t len = n->data.sequence.items.top - n->data.sequence.items.start;
		const argdata_t **items = calloc(len + 1, sizeof *items);
		for (size_t i = 0; i < len; i++)
			items[i] = convert(yaml_document_get_node(&doc, n->data.sequence.items.start[i]), depth + 1);
		return argdata_create_seq(items, len);
	}
	case YAML_MAPPING_NODE: {
		no_duplicate_keys(n);
		size_t len = n->data.mapping.pairs.top - n->data.mapping.pairs.start;
		const argdata_t **keys = calloc(len + 1, sizeof *keys), **values = calloc(len + 1, sizeof *values);
		for (size_t i = 0; i < len; i++) {
			keys[i] = convert(yaml_document_get_node(&doc, n->data.mapping.pairs.start[i].key), depth + 1);
			values[i] = convert(yaml_document_get_node(&doc, n->data.mapping.pairs.start[i].value), depth + 1);
		}
		return argdata_create_map(keys, values, len);
	}
	default:
		at(n, "empty node");
	}
}

/* The document in F (named NAME in messages), converted. */
const argdata_t *load_config_stream(FILE *f, const char *name, struct grants *g, int program_fd)
{
	file_name = name;
	grants = g;
	program = program_fd;

	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s:%zu:%zu: %s%s%s", file_name, parser.problem_mark.line + 1,
			 parser.problem_mark.column + 1, parser.problem ? parser.problem : "invalid YAML",
			 parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		fail("%s", msg);
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	const argdata_t *ad = root ? convert(root, 0) : &argdata_null;
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ad;
}

const argdata_t *load_config(const char *file, struct grants *g, int program_fd)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f) fail("cannot read %s: %s", file, strerror(errno));
	const argdata_t *ad = load_config_stream(f, strcmp(file, "-") ? file : "<stdin>", g, program_fd);
	if (f != stdin) fclose(f);
	return ad;
}
