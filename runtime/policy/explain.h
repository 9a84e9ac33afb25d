/* Denied system calls explained (docs/confinement.md, "Denied calls
 * explained"): the table gen-filter --explain writes from policy.tsv,
 * explain.tsv and libc/manifest.tsv (explain-x86_64.c, explain-aarch64.c),
 * and the one line printed for a denied call, written once for both
 * places that explain: cloudabi-run --explain (a host glibc program, the
 * supervisor of seccomp user notifications) and the libc's start-up under
 * CLOUDABI_EXPLAIN=1 (musl target code, a SIGSYS handler).
 *
 * Static inline, no header beyond <stdint.h> and <stddef.h>, no stdio and
 * no allocation: the line is formatted into the caller's buffer, and the
 * only memory of the program that is read (path strings) is read through
 * the caller's function, so it is safe in a signal handler. */
#ifndef CLOUDABI_POLICY_EXPLAIN_H
#define CLOUDABI_POLICY_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { CLOUDABI_EXPLAIN_ALLOW, CLOUDABI_EXPLAIN_DENY, CLOUDABI_EXPLAIN_ENOSYS, CLOUDABI_EXPLAIN_CHECK };

/* One term of a check row's clause: argN [& MASK] ==|!= VALUE. */
struct cloudabi_explain_term {
	unsigned char arg, lo32, has_mask, ne;
	unsigned long long mask, value;
};

/* One clause, as the table writes it ("lo32(arg0) == AT_FDCWD -> deny"),
 * with the replacement to show when it denies, and its terms
 * (cloudabi_explain_terms from FIRST_TERM). Strings are offsets into
 * cloudabi_explain_strings, 0 for none: the table holds no pointer, so a
 * program that links it has nothing more to relocate at start-up. */
struct cloudabi_explain_clause {
	unsigned short text, use, first_term;
	unsigned char nterms, action;
};

/* One row of the policy that does not simply allow, by number. */
struct cloudabi_explain_row {
	unsigned short nr;
	unsigned char action, nclauses;
	unsigned short first_clause;   /* in cloudabi_explain_clauses */
	unsigned short name;           /* the call */
	unsigned short why;            /* the policy's reason (not for a check row) */
	unsigned short args;           /* explain.tsv's argument kinds */
	unsigned short use;            /* the manifest's replacement */
};

extern const struct cloudabi_explain_row cloudabi_explain_rows[];
extern const unsigned short cloudabi_explain_nrows;
extern const struct cloudabi_explain_clause cloudabi_explain_clauses[];
extern const struct cloudabi_explain_term cloudabi_explain_terms[];
extern const char cloudabi_explain_strings[];

/* The string at offset OFF, or NULL for 0. */
static inline const char *cloudabi_explain_s(unsigned off)
{
	return off ? cloudabi_explain_strings + off : 0;
}

/* The number no row names that cloudabi-run --explain answers as its
 * probe (CLOUDABI_EXPLAIN_PROBE_NR with the two magic arguments): the
 * libc's start-up asks it whether the launcher's supervisor is there. */
#define CLOUDABI_EXPLAIN_PROBE_NR 1000
#define CLOUDABI_EXPLAIN_PROBE_A 0x636c6f7564616269ULL   /* "cloudabi" */
#define CLOUDABI_EXPLAIN_PROBE_B 0x6578706c61696e21ULL   /* "explain!" */
#define CLOUDABI_EXPLAIN_PROBE_REPLY 0x4558               /* "EX" */

/* Reads a NUL-terminated string of at most SIZE - 1 bytes at ADDR in the
 * program's memory into OUT; returns its length, or -1 when it cannot. */
typedef long (*cloudabi_explain_read)(void *ctx, unsigned long long addr, char *out, size_t size);

struct cloudabi_explain_buf { char *p; size_t n, size; };

/* Does S start with the LEN bytes of P? */
static inline int cloudabi_explain_starts(const char *s, const char *p, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] && s[i] == p[i]) i++;
	return i == len;
}

static inline void cloudabi_explain_put(struct cloudabi_explain_buf *b, const char *s)
{
	if (!s) s = "";
	while (*s && b->n + 1 < b->size) b->p[b->n++] = *s++;
	b->p[b->n] = 0;
}

static inline void cloudabi_explain_num(struct cloudabi_explain_buf *b, unsigned long long v, unsigned base, int neg)
{
	char d[32];
	int i = 0;
	if (neg) cloudabi_explain_put(b, "-");
	if (base == 16) cloudabi_explain_put(b, "0x");
	if (base == 8 && v) cloudabi_explain_put(b, "0");
	do { d[i++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
	char s[33];
	for (int k = 0; k < i; k++) s[k] = d[i - 1 - k];
	s[i] = 0;
	cloudabi_explain_put(b, s);
}

static inline void cloudabi_explain_int(struct cloudabi_explain_buf *b, unsigned long long v)
{
	int32_t x = (int32_t)(uint32_t)v;
	if (x < 0) cloudabi_explain_num(b, (unsigned long long)-(long long)x, 10, 1);
	else cloudabi_explain_num(b, (unsigned long long)x, 10, 0);
}

/* A string of the program's, quoted, with bytes outside printable ASCII
 * and quotes escaped: it comes from the program and is only shown. */
static inline void cloudabi_explain_str(struct cloudabi_explain_buf *b, unsigned long long addr,
					cloudabi_explain_read read, void *ctx)
{
	char s[256];
	if (!addr) { cloudabi_explain_put(b, "NULL"); return; }
	if (!read) { cloudabi_explain_put(b, "..."); return; }   /* not to be read: the call is over */
	long n = read(ctx, addr, s, sizeof s);
	if (n < 0) { cloudabi_explain_num(b, addr, 16, 0); return; }
	cloudabi_explain_put(b, "\"");
	for (long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[5] = { (char)c, 0 };
		if (c == '"' || c == '\\') e[0] = '\\', e[1] = (char)c, e[2] = 0;
		else if (c < 0x20 || c > 0x7e) {
			e[0] = '\\', e[1] = 'x', e[2] = "0123456789abcdef"[c >> 4], e[3] = "0123456789abcdef"[c & 15], e[4] = 0;
		}
		cloudabi_explain_put(b, e);
	}
	cloudabi_explain_put(b, n == (long)sizeof s - 1 ? "\"..." : "\"");
}

struct cloudabi_explain_name { unsigned long long value; const char *name; };

/* FLAGS as NAME|NAME|0xREST from a table; the first entry with value 0
 * names a zero field under MASK (O_RDONLY under O_ACCMODE). */
static inline void cloudabi_explain_flags(struct cloudabi_explain_buf *b, unsigned long long v,
					  const struct cloudabi_explain_name *names, unsigned long long zero_mask)
{
	int any = 0;
	for (const struct cloudabi_explain_name *n = names; n->name; n++) {
		if (n->value ? (v & n->value) != n->value : (v & zero_mask) != 0) continue;
		if (any) cloudabi_explain_put(b, "|");
		cloudabi_explain_put(b, n->name);
		v &= ~n->value;
		any = 1;
	}
	if (v || !any) {
		if (any) cloudabi_explain_put(b, "|");
		cloudabi_explain_num(b, v, 16, 0);
	}
}

/* the generic values: the same on x86_64 and aarch64 */
static const struct cloudabi_explain_name cloudabi_explain_oflags[] = {
	{ 0, "O_RDONLY" }, { 1, "O_WRONLY" }, { 2, "O_RDWR" }, { 0100, "O_CREAT" }, { 0200, "O_EXCL" },
	{ 01000, "O_TRUNC" }, { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" }, { 0200000, "O_DIRECTORY" },
	{ 0400000, "O_NOFOLLOW" }, { 02000000, "O_CLOEXEC" }, { 010000000, "O_PATH" }, { 0, 0 },
};
static const struct cloudabi_explain_name cloudabi_explain_families[] = {
	{ 1, "AF_UNIX" }, { 2, "AF_INET" }, { 10, "AF_INET6" }, { 16, "AF_NETLINK" }, { 17, "AF_PACKET" }, { 0, 0 },
};
static const struct cloudabi_explain_name cloudabi_explain_types[] = {
	{ 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" }, { 5, "SOCK_SEQPACKET" }, { 0, 0 },
};

static inline void cloudabi_explain_arg(struct cloudabi_explain_buf *b, const char *kind, size_t len,
					unsigned long long v, cloudabi_explain_read read, void *ctx)
{
#define KIND(s) (len == sizeof(s) - 1 && cloudabi_explain_starts(kind, s, len))
	if (KIND("fd")) {
		if ((uint32_t)v == (uint32_t)-100) cloudabi_explain_put(b, "AT_FDCWD");
		else cloudabi_explain_int(b, v);
	} else if (KIND("path") || KIND("str")) {
		cloudabi_explain_str(b, v, read, ctx);
	} else if (KIND("int") || KIND("pid") || KIND("sig")) {
		cloudabi_explain_int(b, v);
	} else if (KIND("ptr")) {
		if (v) cloudabi_explain_num(b, v, 16, 0);
		else cloudabi_explain_put(b, "NULL");
	} else if (KIND("oflags")) {
		cloudabi_explain_flags(b, (uint32_t)v, cloudabi_explain_oflags, 3);
	} else if (KIND("mode")) {
		cloudabi_explain_num(b, (uint32_t)v, 8, 0);
	} else if (KIND("af")) {
		const struct cloudabi_explain_name *n = cloudabi_explain_families;
		while (n->name && n->value != (uint32_t)v) n++;
		if (n->name) cloudabi_explain_put(b, n->name);
		else cloudabi_explain_int(b, v);
	} else if (KIND("type")) {
		uint32_t t = (uint32_t)v;
		const struct cloudabi_explain_name *n = cloudabi_explain_types;
		while (n->name && n->value != (t & 0xf)) n++;
		if (n->name) cloudabi_explain_put(b, n->name);
		else cloudabi_explain_num(b, t & 0xf, 10, 0);
		if (t & 02000000) cloudabi_explain_put(b, "|SOCK_CLOEXEC");
		if (t & 04000) cloudabi_explain_put(b, "|SOCK_NONBLOCK");
		if (t & ~(uint32_t)(0xf | 02000000 | 04000)) {
			cloudabi_explain_put(b, "|");
			cloudabi_explain_num(b, t & ~(uint32_t)(0xf | 02000000 | 04000), 16, 0);
		}
	} else {
		cloudabi_explain_num(b, v, 16, 0);   /* hex, and anything else */
	}
#undef KIND
}

static inline const struct cloudabi_explain_row *cloudabi_explain_find(long nr)
{
	unsigned lo = 0, hi = cloudabi_explain_nrows;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (cloudabi_explain_rows[mid].nr == nr) return &cloudabi_explain_rows[mid];
		if (cloudabi_explain_rows[mid].nr < nr) lo = mid + 1;
		else hi = mid;
	}
	return 0;
}

static inline int cloudabi_explain_term_holds(const struct cloudabi_explain_term *t, const unsigned long long *args)
{
	unsigned long long v = args[t->arg];
	if (t->lo32) v = (uint32_t)v;
	if (t->has_mask) v &= t->mask;
	unsigned long long want = t->lo32 ? (uint32_t)t->value : t->value;
	return (v == want) != t->ne;
}

/* The clause of a check row that decides ARGS, as the filter does. */
static inline const struct cloudabi_explain_clause *cloudabi_explain_clause_of(const struct cloudabi_explain_row *r,
									 const unsigned long long *args)
{
	for (unsigned i = 0; i < r->nclauses; i++) {
		const struct cloudabi_explain_clause *c = &cloudabi_explain_clauses[r->first_clause + i];
		unsigned k = 0;
		while (k < c->nterms && cloudabi_explain_term_holds(&cloudabi_explain_terms[c->first_term + k], args)) k++;
		if (k == c->nterms) return c;
	}
	return 0;
}

/* The errno the policy gives system call NR with ARGS: EPERM (1) for a
 * denial, ENOSYS (38) for an enosys row or a number no row names (the
 * same on x86_64 and aarch64). */
static inline int cloudabi_explain_errno(long nr, const unsigned long long *args)
{
	const struct cloudabi_explain_row *r = cloudabi_explain_find(nr);
	if (!r || r->action == CLOUDABI_EXPLAIN_ENOSYS) return 38;
	if (r->action == CLOUDABI_EXPLAIN_CHECK) {
		const struct cloudabi_explain_clause *c = cloudabi_explain_clause_of(r, args);
		if (c && c->action == CLOUDABI_EXPLAIN_ENOSYS) return 38;
	}
	return 1;
}

/* NAME(ARGS) of row R's call, its arguments as explain.tsv shows them
 * (strings read through READ; "..." when READ is NULL), the first NARGS
 * of them known ("..." for the others). */
static inline void cloudabi_explain_call(struct cloudabi_explain_buf *b, const struct cloudabi_explain_row *r,
					 const unsigned long long *args, int nargs, cloudabi_explain_read read, void *ctx)
{
	cloudabi_explain_put(b, cloudabi_explain_s(r->name));
	cloudabi_explain_put(b, "(");
	const char *k = r->args ? cloudabi_explain_s(r->args) : "";
	for (int i = 0; *k && i < 6; i++) {
		size_t len = 0;
		while (k[len] && k[len] != ',') len++;
		if (i) cloudabi_explain_put(b, ", ");
		if (i < nargs) cloudabi_explain_arg(b, k, len, args[i], read, ctx);
		else cloudabi_explain_put(b, "...");
		k += len;
		if (*k == ',') k++;
	}
	cloudabi_explain_put(b, ")");
}

/* The line for a denied call, in BUF (always NUL-terminated and ending in
 * a newline):
 *
 *	PREFIX: denied: open("/etc/passwd", O_RDONLY) = EPERM by seccomp
 *	policy row 'open' (WHY); use REPLACEMENT
 *
 * WHO, when not NULL, follows PREFIX ("process 1234"). Returns the errno
 * the call gets (cloudabi_explain_errno). */
static inline int cloudabi_explain_line(char *buf, size_t size, const char *prefix, const char *who, long nr,
					const unsigned long long *args, cloudabi_explain_read read, void *ctx)
{
	struct cloudabi_explain_buf b = { buf, 0, size - 1 };   /* room for the newline */
	buf[0] = 0;
	const struct cloudabi_explain_row *r = cloudabi_explain_find(nr);
	int err = cloudabi_explain_errno(nr, args);
	const char *ename = err == 38 ? "ENOSYS" : "EPERM";
	cloudabi_explain_put(&b, prefix);
	cloudabi_explain_put(&b, ": denied: ");
	if (who) { cloudabi_explain_put(&b, who); cloudabi_explain_put(&b, ": "); }
	if (!r) {
		cloudabi_explain_put(&b, "system call ");
		cloudabi_explain_num(&b, (unsigned long long)nr, 10, 0);
		cloudabi_explain_put(&b, "(...) = ENOSYS by seccomp policy (no row names this number)\n");
		return err;
	}
	cloudabi_explain_call(&b, r, args, 6, read, ctx);
	cloudabi_explain_put(&b, " = ");
	cloudabi_explain_put(&b, ename);
	cloudabi_explain_put(&b, " by seccomp policy row '");
	cloudabi_explain_put(&b, cloudabi_explain_s(r->name));
	const char *use = cloudabi_explain_s(r->use);
	if (r->action == CLOUDABI_EXPLAIN_CHECK) {
		const struct cloudabi_explain_clause *c = cloudabi_explain_clause_of(r, args);
		cloudabi_explain_put(&b, "', rule '");
		cloudabi_explain_put(&b, c ? cloudabi_explain_s(c->text) : "?");
		if (c) use = cloudabi_explain_s(c->use);
		cloudabi_explain_put(&b, "'");
	} else {
		cloudabi_explain_put(&b, "' (");
		cloudabi_explain_put(&b, cloudabi_explain_s(r->why));
		cloudabi_explain_put(&b, ")");
	}
	if (use) {
		/* the manifest's "nothing: WHY" has no replacement, only a reason */
		if (cloudabi_explain_starts(use, "nothing: ", 9)) {
			cloudabi_explain_put(&b, "; no replacement: ");
			cloudabi_explain_put(&b, use + 9);
		} else {
			cloudabi_explain_put(&b, "; use ");
			cloudabi_explain_put(&b, use);
		}
	}
	b.size = size;
	cloudabi_explain_put(&b, "\n");
	return err;
}

#ifdef __cplusplus
}
#endif

#endif
