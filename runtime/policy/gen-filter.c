/* gen-filter: turn runtime/policy/policy.tsv into a classic BPF seccomp
 * filter for one architecture, as a C source file.
 *
 *	gen-filter POLICY.tsv x86_64|aarch64 OUT.c    write the filter
 *	gen-filter --list POLICY.tsv x86_64|aarch64   print "nr name action"
 *	gen-filter --explain POLICY.tsv EXPLAIN.tsv MANIFEST.tsv x86_64|aarch64 OUT.c
 *		write the table --explain prints from (explain.h): every row
 *		that is not allow, with its clauses, its arguments from
 *		EXPLAIN.tsv and its replacement from the libc's manifest
 *
 * The filter:
 *	A = arch; if A != AUDIT_ARCH_<arch>: kill the process
 *	A = nr;   (x86_64) if A & __X32_SYSCALL_BIT: kill the process
 *	a binary search on nr over ranges of numbers with one verdict; a
 *	range is a run of consecutive calls with the same plain action
 *	(allow, deny = EPERM, enosys = ENOSYS, and numbers no row names =
 *	ENOSYS), or one call whose row is "check", whose leaf evaluates
 *	the row's rule on the arguments. A plain range has no return of its
 *	own: the tree jumps to a return shared by every range with its
 *	verdict (one per verdict after each part of the tree that a jump
 *	can reach), which keeps the filter short.
 *
 * Host C11, no libseccomp. The output depends only on the table and the
 * architecture (no paths, no dates), so it is reproducible. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "filter.h"   /* CLOUDABI_SECCOMP_PROBE_NR, _REPLY */

/* classic BPF (linux/filter.h, linux/bpf_common.h) */
#define BPF_LD_W_ABS 0x20
#define BPF_ALU_AND_K 0x54
#define BPF_JMP_JA 0x05
#define BPF_JMP_JEQ_K 0x15
#define BPF_JMP_JGE_K 0x35
#define BPF_JMP_JSET_K 0x45
#define BPF_RET_K 0x06
#define BPF_LD_IMM 0x00
#define BPF_LD_MEM 0x60
#define BPF_ST 0x02
#define BPF_MISC_TAX 0x07
#define BPF_ALU_LSH_X 0x6c
#define BPF_MAXINSNS 4096

/* linux/seccomp.h */
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_ERRNO 0x00050000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define ERRNO_EPERM 1   /* the same on x86_64 and aarch64 */
#define ERRNO_ENOSYS 38

/* struct seccomp_data: nr, arch, instruction_pointer, args[6]; both
 * architectures are little-endian, so an argument's low half comes first. */
#define OFF_NR 0
#define OFF_ARCH 4
#define OFF_ARG_LO(n) (16 + 8 * (n))
#define OFF_ARG_HI(n) (20 + 8 * (n))

#define X32_SYSCALL_BIT 0x40000000u

enum { ARCH_X86_64, ARCH_AARCH64, NARCH };
static const char *const arch_names[NARCH] = { "x86_64", "aarch64" };
static const uint32_t audit_arch[NARCH] = { 0xc000003e, 0xc00000b7 };

enum action { ALLOW, DENY, ENOSYS_, CHECK, PROBE_ };   /* PROBE_: the probe's answer, no row's */
static const char *const action_names[] = { "allow", "deny", "enosys", "check" };

static uint32_t ret_value(enum action a)
{
	switch (a) {
	case ALLOW: return SECCOMP_RET_ALLOW;
	case DENY: return SECCOMP_RET_ERRNO | ERRNO_EPERM;
	case PROBE_: return SECCOMP_RET_ERRNO | CLOUDABI_SECCOMP_PROBE_REPLY;
	default: return SECCOMP_RET_ERRNO | ERRNO_ENOSYS;
	}
}

static const char *policy_path;
static int line_no;

_Noreturn static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "gen-filter: ");
	if (line_no) fprintf(stderr, "%s:%d: ", policy_path, line_no);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p) die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = xmalloc(strlen(s) + 1);
	return strcpy(p, s);
}

/* ---- the table ---- */

struct constant { char *name; uint64_t value; };
static struct constant *consts;
static size_t nconsts;

struct term {
	int arg;          /* 0-5 */
	int lo32;         /* compare the low 32 bits only */
	int has_mask;
	uint64_t mask, value;
	int ne;           /* != rather than == */
};
struct clause {
	struct term *terms;
	size_t nterms;    /* 0: the default */
	enum action action;
	char *text;       /* as the table writes it */
	int tests_fdcwd;  /* a term compares with AT_FDCWD */
};
struct row {
	char *name;
	long nr[NARCH];   /* -1: not on this architecture */
	enum action action;
	struct clause *clauses;
	size_t nclauses;
	char *rule;
	char *why;
	int line;
};
static struct row *rows;
static size_t nrows;

static char *trim(char *s)
{
	while (isspace((unsigned char)*s)) s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
	return s;
}

static int lookup_const(const char *name, uint64_t *v)
{
	for (size_t i = 0; i < nconsts; i++)
		if (!strcmp(consts[i].name, name)) { *v = consts[i].value; return 1; }
	return 0;
}

/* VALUE: ['~'] ['('] atom ('|' atom)* [')'], atom a number or a const. */
static uint64_t parse_value(const char *text)
{
	char *buf = xstrdup(text), *s = buf;
	int invert = 0;
	if (*s == '~') { invert = 1; s++; }
	size_t n = strlen(s);
	if (n >= 2 && s[0] == '(' && s[n - 1] == ')') { s[n - 1] = 0; s++; }
	if (!*s) die("empty value in '%s'", text);
	uint64_t v = 0;
	for (char *save = NULL, *atom = strtok_r(s, "|", &save); atom;
	     atom = strtok_r(NULL, "|", &save)) {
		uint64_t a;
		if (isdigit((unsigned char)atom[0]) || atom[0] == '-') {
			char *end;
			errno = 0;
			if (atom[0] == '-') a = (uint64_t)strtoll(atom, &end, 0);
			else a = strtoull(atom, &end, 0);
			if (errno || *end) die("bad number '%s'", atom);
		} else if (!lookup_const(atom, &a)) {
			die("unknown constant '%s'", atom);
		}
		v |= a;
	}
	free(buf);
	return invert ? ~v : v;
}

static enum action parse_action(const char *s, int allow_check)
{
	for (int a = ALLOW; a <= CHECK; a++)
		if (!strcmp(s, action_names[a])) {
			if (a == CHECK && !allow_check) break;
			return a;
		}
	die("bad action '%s'", s);
}

/* A value compared with lo32(argN) must be a 32-bit quantity: its upper
 * half zero, or all ones (a negative int such as AT_FDCWD, ~MASK). */
static uint32_t narrow(uint64_t v, const char *what)
{
	uint32_t hi = v >> 32;
	if (hi != 0 && hi != 0xffffffffu) die("%s does not fit in 32 bits", what);
	return (uint32_t)v;
}

static void parse_term(char *text, struct term *t)
{
	char *tok[8];
	int n = 0;
	for (char *save = NULL, *p = strtok_r(text, " \t", &save); p;
	     p = strtok_r(NULL, " \t", &save)) {
		if (n == 8) die("term too long");
		tok[n++] = p;
	}
	if (n != 3 && n != 5) die("a term is 'OPERAND [& MASK] ==|!= VALUE'");
	memset(t, 0, sizeof *t);
	const char *op = tok[0];
	char c;
	if (sscanf(op, "lo32(arg%d%c", &t->arg, &c) == 2 && c == ')' &&
	    strlen(op) == strlen("lo32(arg0)"))
		t->lo32 = 1;
	else if (sscanf(op, "arg%d", &t->arg) == 1 && strlen(op) == strlen("arg0"))
		t->lo32 = 0;
	else
		die("bad operand '%s' (argN or lo32(argN))", op);
	if (t->arg < 0 || t->arg > 5) die("argument %d out of range", t->arg);
	int i = 1;
	if (n == 5) {
		if (strcmp(tok[1], "&")) die("expected '&' after '%s'", op);
		t->has_mask = 1;
		t->mask = parse_value(tok[2]);
		i = 3;
	}
	if (!strcmp(tok[i], "==")) t->ne = 0;
	else if (!strcmp(tok[i], "!=")) t->ne = 1;
	else die("expected == or != , not '%s'", tok[i]);
	t->value = parse_value(tok[i + 1]);
	if (t->lo32) {
		t->value = narrow(t->value, tok[i + 1]);
		if (t->has_mask) t->mask = narrow(t->mask, tok[2]);
	}
	if (t->has_mask && (t->value & ~t->mask))
		die("value has bits outside its mask: the term can never be true");
}

static void parse_rule(struct row *r)
{
	char *buf = xstrdup(r->rule);
	size_t cap = 1;
	for (char *p = buf; *p; p++) cap += *p == ';';
	r->clauses = xmalloc(cap * sizeof *r->clauses);
	for (char *save = NULL, *cl = strtok_r(buf, ";", &save); cl;
	     cl = strtok_r(NULL, ";", &save)) {
		struct clause *c = &r->clauses[r->nclauses++];
		cl = trim(cl);
		c->text = xstrdup(cl);
		c->tests_fdcwd = strstr(cl, "AT_FDCWD") != NULL;
		char *arrow = strstr(cl, "->");
		if (!arrow) {
			c->action = parse_action(cl, 0);
			continue;
		}
		*arrow = 0;
		c->action = parse_action(trim(arrow + 2), 0);
		char *cond = trim(cl);
		size_t nt = 1;
		for (char *p = strstr(cond, "&&"); p; p = strstr(p + 2, "&&")) nt++;
		c->terms = xmalloc(nt * sizeof *c->terms);
		char *t = cond;
		for (;;) {
			char *and = strstr(t, "&&");
			if (and) *and = 0;
			parse_term(t, &c->terms[c->nterms++]);
			if (!and) break;
			t = and + 2;
		}
	}
	if (r->nclauses < 2) die("%s: a rule needs a condition and a default", r->name);
	for (size_t i = 0; i < r->nclauses; i++) {
		int last = i + 1 == r->nclauses;
		if (last != (r->clauses[i].nterms == 0))
			die("%s: every clause but the last needs a condition; the last is a bare action", r->name);
	}
	free(buf);
}

static int split_tabs(char *line, char **f, int max)
{
	int n = 0;
	for (char *p = line;; ) {
		if (n == max) return n + 1;
		f[n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab) break;
		*tab = 0;
		p = tab + 1;
	}
	return n;
}

static long parse_nr(const char *s)
{
	if (!strcmp(s, "-")) return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v >= (long)X32_SYSCALL_BIT)
		die("bad system call number '%s'", s);
	return v;
}

static void read_policy(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) { fprintf(stderr, "gen-filter: %s: %s\n", path, strerror(errno)); exit(1); }
	policy_path = path;
	char *line = NULL;
	size_t cap = 0, rows_cap = 0, consts_cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		line_no++;
		if (len && line[len - 1] == '\n') line[--len] = 0;
		if (!line[0] || line[0] == '#') continue;
		char *fld[7];
		int n = split_tabs(line, fld, 6);
		if (!strcmp(fld[0], "const")) {
			if (n < 3 || n > 4) die("a const row is: const NAME VALUE [why]");
			uint64_t dummy;
			if (lookup_const(fld[1], &dummy)) die("constant %s defined twice", fld[1]);
			if (nconsts == consts_cap)
				consts = realloc(consts, (consts_cap = consts_cap * 2 + 16) * sizeof *consts);
			consts[nconsts].value = parse_value(fld[2]);
			consts[nconsts++].name = xstrdup(fld[1]);
			continue;
		}
		if (n != 6) die("a system call row has 6 tab-separated fields, not %d", n);
		if (nrows == rows_cap)
			rows = realloc(rows, (rows_cap = rows_cap * 2 + 64) * sizeof *rows);
		struct row *r = &rows[nrows];
		memset(r, 0, sizeof *r);
		r->name = xstrdup(fld[0]);
		for (size_t i = 0; i < nrows; i++)
			if (!strcmp(rows[i].name, r->name)) die("%s listed twice", r->name);
		r->nr[ARCH_X86_64] = parse_nr(fld[1]);
		r->nr[ARCH_AARCH64] = parse_nr(fld[2]);
		if (r->nr[0] < 0 && r->nr[1] < 0) die("%s: on no architecture", r->name);
		r->action = parse_action(fld[3], 1);
		r->rule = xstrdup(fld[4]);
		r->line = line_no;
		if (!fld[5][0]) die("%s: say why", r->name);
		r->why = xstrdup(fld[5]);
		if (r->action == CHECK) {
			if (!strcmp(r->rule, "-")) die("%s: check needs a rule", r->name);
			parse_rule(r);
		} else if (strcmp(r->rule, "-")) {
			die("%s: only check rows have a rule", r->name);
		}
		nrows++;
	}
	free(line);
	fclose(f);
	line_no = 0;
}

static int by_nr_arch;
static int cmp_rows(const void *a, const void *b)
{
	long x = (*(const struct row *const *)a)->nr[by_nr_arch];
	long y = (*(const struct row *const *)b)->nr[by_nr_arch];
	return (x > y) - (x < y);
}

/* The rows of one architecture, by number. */
static const struct row **arch_rows(int arch, size_t *count)
{
	const struct row **v = xmalloc(nrows * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < nrows; i++)
		if (rows[i].nr[arch] >= 0) v[n++] = &rows[i];
	by_nr_arch = arch;
	qsort(v, n, sizeof *v, cmp_rows);
	for (size_t i = 1; i < n; i++)
		if (v[i]->nr[arch] == v[i - 1]->nr[arch])
			die("%s and %s have the same number %ld on %s", v[i - 1]->name, v[i]->name,
			    v[i]->nr[arch], arch_names[arch]);
	*count = n;
	return v;
}

/* ---- code ---- */

/* The filter is written as instructions whose jumps name labels; the
 * labels are resolved at the end (every jump goes forward, at most 255
 * instructions: the filter is short enough that no jump needs more, and
 * gen-filter says so if one ever does). */
enum { L_NONE = -1, L_ALLOW, L_EPERM, L_ENOSYS, L_PROBE, L_FIRST_FREE };

struct insn {
	uint16_t code;
	int jt, jf;       /* labels, or L_NONE: the next instruction */
	uint32_t k;
	char *comment;
};
struct prog {
	struct insn *v;
	size_t n, cap;
	size_t *label_at;  /* label -> instruction index */
	size_t nlabels;
};

static int new_label(struct prog *p)
{
	p->label_at = realloc(p->label_at, (p->nlabels + 1) * sizeof *p->label_at);
	p->label_at[p->nlabels] = (size_t)-1;
	return (int)p->nlabels++;
}

static void place(struct prog *p, int label)
{
	if (p->label_at[label] != (size_t)-1) die("internal: label %d placed twice", label);
	p->label_at[label] = p->n;
}

static void emit(struct prog *p, uint16_t code, int jt, int jf, uint32_t k, const char *fmt, ...)
{
	if (p->n == p->cap) p->v = realloc(p->v, (p->cap = p->cap * 2 + 64) * sizeof *p->v);
	struct insn *i = &p->v[p->n++];
	*i = (struct insn){ .code = code, .jt = jt, .jf = jf, .k = k };
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		char buf[512];
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		i->comment = xstrdup(buf);
	}
}

static int verdict_label(enum action a)
{
	switch (a) {
	case ALLOW: return L_ALLOW;
	case DENY: return L_EPERM;
	case PROBE_: return L_PROBE;
	default: return L_ENOSYS;
	}
}

static void describe_term(char *buf, size_t size, const struct term *t)
{
	if (t->has_mask)
		snprintf(buf, size, "%s(arg%d) & 0x%llx %s 0x%llx", t->lo32 ? "lo32" : "u64",
			 t->arg, (unsigned long long)t->mask, t->ne ? "!=" : "==",
			 (unsigned long long)t->value);
	else
		snprintf(buf, size, "%s(arg%d) %s 0x%llx", t->lo32 ? "lo32" : "u64", t->arg,
			 t->ne ? "!=" : "==", (unsigned long long)t->value);
}

/* One comparison of a 32-bit half: "A [& mask] ==/!= value"; true goes to
 * yes, false to no (L_NONE: the next instruction). A holds the loaded
 * word unless `*loaded` already names it. */
static void emit_half(struct prog *p, uint32_t off, int has_mask, uint32_t mask, uint32_t value,
		      int ne, int yes, int no, uint32_t *loaded, const char *comment)
{
	if (*loaded != off) {
		emit(p, BPF_LD_W_ABS, L_NONE, L_NONE, off, comment ? "%s" : NULL, comment);
		comment = NULL;
	}
	*loaded = off;
	if (has_mask) {
		emit(p, BPF_ALU_AND_K, L_NONE, L_NONE, mask, comment ? "%s" : NULL, comment);
		comment = NULL;
		*loaded = UINT32_MAX;   /* A is masked now */
	}
	if (ne) emit(p, BPF_JMP_JEQ_K, no, yes, value, comment ? "%s" : NULL, comment);
	else emit(p, BPF_JMP_JEQ_K, yes, no, value, comment ? "%s" : NULL, comment);
}

/* A row's rule: each clause's terms in turn, a term that fails going to
 * the next clause, the last term that holds jumping to the clause's
 * verdict. The default clause costs nothing: the failing jumps before it
 * go to its verdict's shared return. An argument word loaded by a clause
 * of one unmasked term is still in A when the next clause starts (the
 * only way there is that term's failing jump), so it is not loaded again. */
static void gen_rule(struct prog *p, const struct row *r, const char *names)
{
	uint32_t loaded = UINT32_MAX;
	for (size_t ci = 0; ci + 1 < r->nclauses; ci++) {
		const struct clause *c = &r->clauses[ci];
		const struct clause *next = &r->clauses[ci + 1];
		int fail = next->nterms ? new_label(p) : verdict_label(next->action);
		int ok = verdict_label(c->action);
		for (size_t ti = 0; ti < c->nterms; ti++) {
			const struct term *t = &c->terms[ti];
			int last = ti + 1 == c->nterms;
			char what[300], desc[160];
			describe_term(desc, sizeof desc, t);
			snprintf(what, sizeof what, "%s: %s", names, desc);
			uint32_t vlo = (uint32_t)t->value, vhi = (uint32_t)(t->value >> 32);
			uint32_t mlo = (uint32_t)t->mask, mhi = (uint32_t)(t->mask >> 32);
			int then = last ? ok : L_NONE;   /* where a true term goes */
			if (t->lo32) {
				emit_half(p, OFF_ARG_LO(t->arg), t->has_mask, mlo, vlo, t->ne, then, fail, &loaded, what);
			} else if (!t->ne) {
				/* both halves equal */
				emit_half(p, OFF_ARG_LO(t->arg), t->has_mask, mlo, vlo, 0, L_NONE, fail, &loaded, what);
				emit_half(p, OFF_ARG_HI(t->arg), t->has_mask, mhi, vhi, 0, then, fail, &loaded, NULL);
			} else {
				/* either half differs: true at the low half already */
				int high = new_label(p), after = then == L_NONE ? new_label(p) : then;
				emit_half(p, OFF_ARG_LO(t->arg), t->has_mask, mlo, vlo, 1, after, high, &loaded, what);
				place(p, high);
				emit_half(p, OFF_ARG_HI(t->arg), t->has_mask, mhi, vhi, 1, after, fail, &loaded, NULL);
				if (then == L_NONE) place(p, after);
				loaded = UINT32_MAX;   /* two ways in */
			}
			if (!t->lo32) loaded = UINT32_MAX;
		}
		/* A is known at the next clause only after one unmasked 32-bit term */
		if (!(c->nterms == 1 && c->terms[0].lo32 && !c->terms[0].has_mask)) loaded = UINT32_MAX;
		if (next->nterms) place(p, fail);
	}
}

/* ---- the layout ----
 *
 * Every number belongs to one class: allow, EPERM, ENOSYS, or a rule
 * (rows whose rules are the same share one). The numbers are cut into
 * words of 32; M[0] holds 1 << (nr % 32), and a binary search on nr finds
 * the word. A word whose numbers are all of one class is that class's
 * target; a word of several tests M[0] against one mask per class but the
 * last. Nothing here depends on the arguments until a rule runs, and no
 * return is written twice: the shared returns come last. */

#define WORD_BITS 32

struct body { const struct row *row; char *names; int label; };
static struct body *bodies;
static size_t nbodies;

static int same_rule(const struct row *a, const struct row *b)
{
	if (a->nclauses != b->nclauses) return 0;
	for (size_t i = 0; i < a->nclauses; i++) {
		const struct clause *x = &a->clauses[i], *y = &b->clauses[i];
		if (x->action != y->action || x->nterms != y->nterms) return 0;
		for (size_t t = 0; t < x->nterms; t++) {
			const struct term *s = &x->terms[t], *u = &y->terms[t];
			if (s->arg != u->arg || s->lo32 != u->lo32 || s->has_mask != u->has_mask ||
			    s->ne != u->ne || s->value != u->value || (s->has_mask && s->mask != u->mask))
				return 0;
		}
	}
	return 1;
}

/* class of a number: 0 allow, 1 EPERM, 2 ENOSYS, 3 + body index */
static int body_of(const struct row *r)
{
	for (size_t i = 0; i < nbodies; i++)
		if (same_rule(bodies[i].row, r)) {
			size_t len = strlen(bodies[i].names) + strlen(r->name) + 3;
			char *names = xmalloc(len);
			snprintf(names, len, "%s, %s", bodies[i].names, r->name);
			free(bodies[i].names);
			bodies[i].names = names;
			return 3 + (int)i;
		}
	bodies = realloc(bodies, (nbodies + 1) * sizeof *bodies);
	bodies[nbodies] = (struct body){ r, xstrdup(r->name), -1 };
	return 3 + (int)nbodies++;
}

struct segment { uint32_t first, last; int uniform; int cls; size_t word; };

static int class_label(int cls)
{
	return cls < 3 ? cls /* L_ALLOW, L_EPERM, L_ENOSYS */ : bodies[cls - 3].label;
}

static const char *class_name(int cls)
{
	static const char *const plain[] = { "allow", "EPERM", "ENOSYS" };
	return cls < 3 ? plain[cls] : bodies[cls - 3].names;
}

static int *classes;     /* by number, below nwords * WORD_BITS */
static size_t probe_at;  /* the probe's rule: ld, jeq id lo, ld, jeq id hi */
static size_t nwords;

/* A word of several classes: one jset per class but the last, the most
 * frequent first (allow), each jumping to its class's target. */
static void gen_word(struct prog *p, size_t w)
{
	int present[3 + 256] = { 0 }, order[3 + 256], n = 0;
	uint32_t mask[3 + 256] = { 0 };
	for (uint32_t b = 0; b < WORD_BITS; b++) {
		int c = classes[w * WORD_BITS + b];
		if (!present[c]) { present[c] = 1; order[n++] = c; }
		mask[c] |= 1u << b;
	}
	/* allow first: most calls a program makes are allowed ones */
	for (int i = 1; i < n; i++)
		if (order[i] == 0) { order[i] = order[0]; order[0] = 0; }
	emit(p, BPF_LD_MEM, L_NONE, L_NONE, 0, "nr %zu-%zu: A = M[0] = 1 << (nr %% 32)",
	     w * WORD_BITS, w * WORD_BITS + WORD_BITS - 1);
	for (int i = 0; i + 1 < n; i++)
		emit(p, BPF_JMP_JSET_K, class_label(order[i]), i + 2 == n ? class_label(order[n - 1]) : L_NONE,
		     mask[order[i]], i + 2 == n ? "%s, else %s" : "%s", class_name(order[i]), class_name(order[n - 1]));
}

/* segs[lo..hi] cover every number from segs[lo].first to segs[hi].last;
 * `target`: where the parent's jump lands (a label placed here, or a
 * uniform segment's class target, which needs no code here). */
static int gen_tree(struct prog *p, const struct segment *segs, size_t lo, size_t hi)
{
	if (lo == hi && segs[lo].uniform) return class_label(segs[lo].cls);
	int here = new_label(p);
	place(p, here);
	if (lo == hi) {
		gen_word(p, segs[lo].word);
		return here;
	}
	size_t mid = lo + (hi - lo + 1) / 2;
	/* the left subtree follows the test; the right is written after it
	 * unless it is a plain target */
	int right_label = segs[mid].uniform && mid == hi ? class_label(segs[mid].cls) : new_label(p);
	int left_label = lo == mid - 1 && segs[lo].uniform ? class_label(segs[lo].cls) : L_NONE;
	char what[64];
	snprintf(what, sizeof what, "nr >= %u ?", segs[mid].first);
	emit(p, BPF_JMP_JGE_K, right_label, left_label, segs[mid].first, "%s", what);
	if (left_label == L_NONE) {
		size_t before = p->n;
		int l = gen_tree(p, segs, lo, mid - 1);
		if (p->label_at[l] != before) die("internal: the left subtree is not next");
	}
	if (!(segs[mid].uniform && mid == hi)) {
		place(p, right_label);
		size_t before = p->n;
		int r = gen_tree(p, segs, mid, hi);
		/* gen_tree placed its own label at `before`: jump there */
		if (p->label_at[r] != before) die("internal: the right subtree is not next");
	}
	return here;
}

static struct prog build(int arch)
{
	size_t n;
	const struct row **v = arch_rows(arch, &n);
	uint32_t top = n ? (uint32_t)v[n - 1]->nr[arch] + 1 : 0;
	nwords = (top + WORD_BITS - 1) / WORD_BITS;
	classes = xmalloc(nwords * WORD_BITS * sizeof *classes);
	for (size_t i = 0; i < nwords * WORD_BITS; i++) classes[i] = 2;   /* no row: ENOSYS */
	nbodies = 0;
	for (size_t i = 0; i < n; i++)
		classes[v[i]->nr[arch]] = v[i]->action == CHECK ? body_of(v[i]) : (int)v[i]->action;
	/* the probe: a rule of its own, answering only this filter's id */
	static struct term probe_terms[2];
	static struct clause probe_clauses[2];
	static struct row probe_row = { .name = "probe", .action = CHECK, .clauses = probe_clauses, .nclauses = 2 };
	probe_terms[0] = (struct term){ .arg = 0, .lo32 = 1, .value = 0 };
	probe_terms[1] = (struct term){ .arg = 1, .lo32 = 1, .value = 0 };
	probe_clauses[0] = (struct clause){ .terms = probe_terms, .nterms = 2, .action = PROBE_ };
	probe_clauses[1] = (struct clause){ .action = ENOSYS_ };
	bodies = realloc(bodies, (nbodies + 1) * sizeof *bodies);
	bodies[nbodies] = (struct body){ &probe_row, xstrdup("the policy's probe (filter.h; its values are the filter's id)"), -1 };
	int probe_class = 3 + (int)nbodies++;
	if (3 + nbodies > 3 + 256) die("more than 256 distinct rules");
	free(v);

	/* segments: runs of uniform words with one class, and single mixed words */
	struct segment *segs = xmalloc((nwords + 1) * sizeof *segs);
	size_t nsegs = 0;
	for (size_t w = 0; w < nwords; w++) {
		int c = classes[w * WORD_BITS], uniform = 1;
		for (uint32_t b = 1; b < WORD_BITS; b++) uniform &= classes[w * WORD_BITS + b] == c;
		struct segment s = { (uint32_t)(w * WORD_BITS), (uint32_t)(w * WORD_BITS + WORD_BITS - 1), uniform, uniform ? c : -1, w };
		if (uniform && nsegs && segs[nsegs - 1].uniform && segs[nsegs - 1].cls == c)
			segs[nsegs - 1].last = s.last;
		else
			segs[nsegs++] = s;
	}
	/* Above the last word: ENOSYS, but for the probe's number. */
	if (nwords * WORD_BITS > CLOUDABI_SECCOMP_PROBE_NR) die("the probe's number %d is a system call's", CLOUDABI_SECCOMP_PROBE_NR);
	segs = realloc(segs, (nsegs + 3) * sizeof *segs);
	struct segment below = { (uint32_t)(nwords * WORD_BITS), CLOUDABI_SECCOMP_PROBE_NR - 1, 1, 2, nwords };
	if (below.first <= below.last) {
		if (nsegs && segs[nsegs - 1].uniform && segs[nsegs - 1].cls == 2) segs[nsegs - 1].last = below.last;
		else segs[nsegs++] = below;
	}
	segs[nsegs++] = (struct segment){ CLOUDABI_SECCOMP_PROBE_NR, CLOUDABI_SECCOMP_PROBE_NR, 1, probe_class, nwords };
	segs[nsegs++] = (struct segment){ CLOUDABI_SECCOMP_PROBE_NR + 1, 0xffffffffu, 1, 2, nwords };

	struct prog p = { 0 };
	for (int l = L_ALLOW; l < L_FIRST_FREE; l++) new_label(&p);
	for (size_t b = 0; b < nbodies; b++) bodies[b].label = new_label(&p);

	emit(&p, BPF_LD_W_ABS, L_NONE, L_NONE, OFF_ARCH, "A = seccomp_data.arch");
	emit(&p, BPF_JMP_JEQ_K, L_NONE, L_NONE, audit_arch[arch], "AUDIT_ARCH_%s ?",
	     arch == ARCH_X86_64 ? "X86_64" : "AARCH64");
	p.v[1].jt = new_label(&p);
	emit(&p, BPF_RET_K, L_NONE, L_NONE, SECCOMP_RET_KILL_PROCESS, "another architecture: kill");
	place(&p, p.v[1].jt);
	emit(&p, BPF_LD_W_ABS, L_NONE, L_NONE, OFF_NR, "A = seccomp_data.nr");
	if (arch == ARCH_X86_64) {
		int past = new_label(&p);
		emit(&p, BPF_JMP_JSET_K, L_NONE, past, X32_SYSCALL_BIT, "__X32_SYSCALL_BIT ?");
		emit(&p, BPF_RET_K, L_NONE, L_NONE, SECCOMP_RET_KILL_PROCESS, "x32: kill");
		place(&p, past);
	}
	emit(&p, BPF_ALU_AND_K, L_NONE, L_NONE, WORD_BITS - 1, "M[0] = 1 << (nr %% 32)");
	emit(&p, BPF_MISC_TAX, L_NONE, L_NONE, 0, NULL);
	emit(&p, BPF_LD_IMM, L_NONE, L_NONE, 1, NULL);
	emit(&p, BPF_ALU_LSH_X, L_NONE, L_NONE, 0, NULL);
	emit(&p, BPF_ST, L_NONE, L_NONE, 0, NULL);
	emit(&p, BPF_LD_W_ABS, L_NONE, L_NONE, OFF_NR, "A = seccomp_data.nr: which word?");
	size_t tree_at = p.n;
	int root = gen_tree(&p, segs, 0, nsegs - 1);
	if (root < L_FIRST_FREE || p.label_at[root] != tree_at) die("internal: the tree is not where it starts");
	for (size_t b = 0; b < nbodies; b++) {
		place(&p, bodies[b].label);
		gen_rule(&p, bodies[b].row, bodies[b].names);
	}
	place(&p, L_ALLOW);
	emit(&p, BPF_RET_K, L_NONE, L_NONE, SECCOMP_RET_ALLOW, "allow");
	place(&p, L_EPERM);
	emit(&p, BPF_RET_K, L_NONE, L_NONE, ret_value(DENY), "EPERM");
	place(&p, L_ENOSYS);
	emit(&p, BPF_RET_K, L_NONE, L_NONE, ret_value(ENOSYS_), "ENOSYS");
	place(&p, L_PROBE);
	emit(&p, BPF_RET_K, L_NONE, L_NONE, ret_value(PROBE_), "the probe's answer: this policy is in force");
	probe_at = p.label_at[bodies[probe_class - 3].label];
	free(segs);
	free(classes);
	return p;
}

/* The filter's identity, which the probe answers to: FNV-1a over the
 * filter with the identity's two words 0, then written into them. */
static uint64_t identify(struct prog *p)
{
	struct insn *lo = &p->v[probe_at + 1], *hi = &p->v[probe_at + 3];
	if (p->v[probe_at].code != BPF_LD_W_ABS || lo->code != BPF_JMP_JEQ_K ||
	    p->v[probe_at + 2].code != BPF_LD_W_ABS || hi->code != BPF_JMP_JEQ_K)
		die("internal: the probe's rule is not where it was written");
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t w[4] = { p->v[i].code, (uint32_t)p->v[i].jt, (uint32_t)p->v[i].jf, p->v[i].k };
		for (int k = 0; k < 4; k++)
			for (int b = 0; b < 4; b++) h = (h ^ ((w[k] >> (8 * b)) & 0xff)) * 0x100000001b3ULL;
	}
	lo->k = (uint32_t)h;
	hi->k = (uint32_t)(h >> 32);
	return h;
}

/* Labels to offsets. */
static void resolve(struct prog *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct insn *in = &p->v[i];
		int *j[2] = { &in->jt, &in->jf };
		for (int s = 0; s < 2; s++) {
			if (*j[s] == L_NONE) { *j[s] = 0; continue; }
			size_t at = p->label_at[*j[s]];
			if (at == (size_t)-1) die("internal: label %d never placed", *j[s]);
			if (at <= i) die("internal: instruction %zu jumps backwards", i);
			if (at - (i + 1) > 255)
				die("instruction %zu would jump %zu instructions ahead, more than classic BPF can (255): "
				    "the filter has outgrown its layout", i, at - (i + 1));
			*j[s] = (int)(at - (i + 1));
		}
	}
	if (p->n > BPF_MAXINSNS) die("the filter has %zu instructions, more than %d", p->n, BPF_MAXINSNS);
	/* filter.h's CLOUDABI_SECCOMP_FILTER_MAX: the size of the copies the
	 * launcher and the libc make on kernels before Linux 6.3 */
	if (p->n > 1024) die("the filter has %zu instructions, more than filter.h's copies hold (1024)", p->n);
}

static int parse_arch(const char *s)
{
	for (int a = 0; a < NARCH; a++)
		if (!strcmp(s, arch_names[a])) return a;
	fprintf(stderr, "gen-filter: unknown architecture '%s' (x86_64 or aarch64)\n", s);
	exit(2);
}

_Noreturn static void usage(void)
{
	fprintf(stderr, "usage: gen-filter POLICY.tsv x86_64|aarch64 OUT.c\n"
			"       gen-filter --list POLICY.tsv x86_64|aarch64\n"
			"       gen-filter --explain POLICY.tsv EXPLAIN.tsv MANIFEST.tsv x86_64|aarch64 OUT.c\n");
	exit(2);
}

/* ---- the explain table ---- */

struct shown { char *name, *args, *libc; int used; };
static struct shown *shown;
static size_t nshown;

/* EXPLAIN.tsv: name, args, libc (explain.tsv says what they mean). */
static void read_explain(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) { fprintf(stderr, "gen-filter: %s: %s\n", path, strerror(errno)); exit(1); }
	policy_path = path;
	line_no = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		line_no++;
		if (len && line[len - 1] == '\n') line[--len] = 0;
		if (!line[0] || line[0] == '#') continue;
		char *fld[4];
		if (split_tabs(line, fld, 3) != 3) die("a row is: name args libc");
		size_t i;
		for (i = 0; i < nrows && strcmp(rows[i].name, fld[0]); i++) {}
		if (i == nrows) die("%s: no such call in the policy", fld[0]);
		if (rows[i].action == ALLOW) die("%s: the policy allows it; nothing to explain", fld[0]);
		for (size_t k = 0; k < nshown; k++)
			if (!strcmp(shown[k].name, fld[0])) die("%s listed twice", fld[0]);
		const char *kinds[] = { "fd", "path", "str", "int", "hex", "ptr", "oflags", "mode", "af", "type", "sig", "pid" };
		int nargs = 0;
		if (strcmp(fld[1], "-")) {
			char *a = xstrdup(fld[1]);
			for (char *save = NULL, *k = strtok_r(a, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
				size_t j;
				for (j = 0; j < sizeof kinds / sizeof *kinds && strcmp(kinds[j], k); j++) {}
				if (j == sizeof kinds / sizeof *kinds) die("%s: unknown argument kind '%s'", fld[0], k);
				nargs++;
			}
			free(a);
		}
		if (nargs > 6) die("%s: more than 6 arguments", fld[0]);
		shown = realloc(shown, (nshown + 1) * sizeof *shown);
		shown[nshown++] = (struct shown){ xstrdup(fld[0]), xstrdup(fld[1]), xstrdup(fld[2]), 0 };
	}
	free(line);
	fclose(f);
	line_no = 0;
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].action == ALLOW) continue;
		size_t k;
		for (k = 0; k < nshown && strcmp(shown[k].name, rows[i].name); k++) {}
		if (k == nshown) { fprintf(stderr, "gen-filter: %s: %s is not allow but has no row here\n", path, rows[i].name); exit(1); }
	}
}

/* MANIFEST.tsv: name (field 1) and replacement (field 7) of every row. */
struct replacement { char *name, *use; };
static struct replacement *repl;
static size_t nrepl;

static void read_manifest(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) { fprintf(stderr, "gen-filter: %s: %s\n", path, strerror(errno)); exit(1); }
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len && line[len - 1] == '\n') line[--len] = 0;
		if (!line[0] || line[0] == '#') continue;
		char *fld[8];
		if (split_tabs(line, fld, 7) != 7) continue;   /* libc/check-manifest.sh checks its form */
		repl = realloc(repl, (nrepl + 1) * sizeof *repl);
		repl[nrepl++] = (struct replacement){ xstrdup(fld[0]), xstrdup(fld[6]) };
	}
	free(line);
	fclose(f);
}

static const char *replacement_of(const char *name)
{
	for (size_t i = 0; i < nrepl; i++)
		if (!strcmp(repl[i].name, name)) return repl[i].use;
	return NULL;
}

/* The strings of the table, one blob: a string is its offset in it (0,
 * the empty string first, stands for none), so that the table holds no
 * pointer and a program linking it needs no relocation for it. */
static char *blob;
static size_t blob_len, blob_cap;

static unsigned add_string(const char *str)
{
	if (!str || !*str) return 0;
	size_t n = strlen(str);
	for (size_t i = 1; i + n < blob_len + 1; i++)   /* the same string again: the same offset */
		if (!memcmp(blob + i, str, n + 1) && blob[i - 1] == 0) return (unsigned)i;
	if (blob_len + n + 1 > blob_cap) blob = realloc(blob, blob_cap = (blob_len + n + 1) * 2);
	memcpy(blob + blob_len, str, n + 1);
	blob_len += n + 1;
	return (unsigned)(blob_len - n - 1);
}

static int write_explain(int arch, const char *manifest, const char *outpath)
{
	size_t n;
	const struct row **v = arch_rows(arch, &n);
	blob = xmalloc(blob_cap = 4096);
	blob_len = 1;
	FILE *out = fopen(outpath, "w");
	if (!out) { fprintf(stderr, "gen-filter: %s: %s\n", outpath, strerror(errno)); return 1; }
	fprintf(out,
		"/* Generated by runtime/policy/gen-filter --explain from runtime/policy/policy.tsv,\n"
		" * runtime/policy/explain.tsv and libc/manifest.tsv for %s: do not edit.\n"
		" * The rows that are not allow, by number (explain.h); strings are offsets\n"
		" * into cloudabi_explain_strings, so there is no pointer to relocate. */\n"
		"#include \"explain.h\"\n\n", arch_names[arch]);

	/* terms, then clauses, then rows, each an array indexed by number */
	size_t nterms = 0, nclauses = 0, count = 0;
	fprintf(out, "const struct cloudabi_explain_term cloudabi_explain_terms[] = {\n");
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; v[i]->action == CHECK && c < v[i]->nclauses; c++)
			for (size_t t = 0; t < v[i]->clauses[c].nterms; t++, nterms++) {
				const struct term *tm = &v[i]->clauses[c].terms[t];
				fprintf(out, "\t{ %d, %d, %d, %d, 0x%llxULL, 0x%llxULL },   /* %s */\n", tm->arg, tm->lo32,
					tm->has_mask, tm->ne, (unsigned long long)tm->mask, (unsigned long long)tm->value,
					v[i]->name);
			}
	if (!nterms) fprintf(out, "\t{ 0, 0, 0, 0, 0, 0 },\n");
	fprintf(out, "};\n\nconst struct cloudabi_explain_clause cloudabi_explain_clauses[] = {\n");
	size_t term = 0;
	for (size_t i = 0; i < n; i++) {
		const struct row *r = v[i];
		if (r->action != CHECK) continue;
		size_t k;
		for (k = 0; strcmp(shown[k].name, r->name); k++) {}
		for (size_t c = 0; c < r->nclauses; c++, nclauses++) {
			const struct clause *cl = &r->clauses[c];
			const char *use = cl->tests_fdcwd ? replacement_of("AT_FDCWD") :
				replacement_of(strcmp(shown[k].libc, "-") ? shown[k].libc : r->name);
			fprintf(out, "\t{ %u, %u, %zu, %zu, %d },   /* %s: %s */\n", add_string(cl->text),
				cl->action == ALLOW ? 0 : add_string(use), term, cl->nterms, cl->action, r->name, cl->text);
			term += cl->nterms;
		}
	}
	fprintf(out, "};\n\nconst struct cloudabi_explain_row cloudabi_explain_rows[] = {\n");
	size_t clause = 0;
	for (size_t i = 0; i < n; i++) {
		const struct row *r = v[i];
		if (r->action == ALLOW) continue;
		count++;
		size_t k;
		for (k = 0; strcmp(shown[k].name, r->name); k++) {}
		shown[k].used = 1;
		const char *libc = strcmp(shown[k].libc, "-") ? shown[k].libc : r->name;
		const char *use = replacement_of(libc);
		if (!use && strcmp(shown[k].libc, "-")) {
			fprintf(stderr, "gen-filter: %s: the manifest (%s) has no row %s\n", r->name, manifest, libc);
			fclose(out);
			remove(outpath);
			return 1;
		}
		/* a check row shows its clause, not its reason */
		fprintf(out, "\t{ %ld, %d, %zu, %zu, %u, %u, %u, %u },   /* %s */\n", r->nr[arch], r->action,
			r->action == CHECK ? r->nclauses : 0, r->action == CHECK ? clause : 0, add_string(r->name),
			r->action == CHECK ? 0 : add_string(r->why), add_string(strcmp(shown[k].args, "-") ? shown[k].args : NULL),
			add_string(use), r->name);
		if (r->action == CHECK) clause += r->nclauses;
	}
	/* as numbers: one string literal this long is more than C requires a
	 * compiler to take (4095 bytes) */
	fprintf(out, "};\n\nconst unsigned short cloudabi_explain_nrows = %zu;\n\n"
		"const char cloudabi_explain_strings[] = {", count);
	for (size_t i = 0; i < blob_len; i++)
		fprintf(out, "%s%d,", i % 16 ? " " : "\n\t", (unsigned char)blob[i]);
	fprintf(out, "\n}");
	fprintf(out, ";\n");
	free(v);
	if (blob_len > 0xffff || nterms > 0xffff || nclauses > 0xffff) {
		fprintf(stderr, "gen-filter: the explain table outgrows its 16-bit offsets\n");
		fclose(out);
		remove(outpath);
		return 1;
	}
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "gen-filter: writing %s failed\n", outpath);
		remove(outpath);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--list")) {
		read_policy(argv[2]);
		int arch = parse_arch(argv[3]);
		size_t n;
		const struct row **v = arch_rows(arch, &n);
		for (size_t i = 0; i < n; i++)
			printf("%ld\t%s\t%s\n", v[i]->nr[arch], v[i]->name, action_names[v[i]->action]);
		return 0;
	}
	if (argc == 7 && !strcmp(argv[1], "--explain")) {
		read_policy(argv[2]);
		read_explain(argv[3]);
		read_manifest(argv[4]);
		return write_explain(parse_arch(argv[5]), argv[4], argv[6]);
	}
	if (argc != 4) usage();
	read_policy(argv[1]);
	int arch = parse_arch(argv[2]);
	struct prog p = build(arch);
	resolve(&p);
	uint64_t id = identify(&p);

	FILE *out = fopen(argv[3], "w");
	if (!out) { fprintf(stderr, "gen-filter: %s: %s\n", argv[3], strerror(errno)); return 1; }
	fprintf(out,
		"/* Generated by runtime/policy/gen-filter from runtime/policy/policy.tsv\n"
		" * for %s: do not edit. %zu instructions: %zu words of 32 system call\n"
		" * numbers found by a binary search, %zu rules. */\n"
		"#include \"filter.h\"\n\n"
		"const struct cloudabi_sock_filter cloudabi_seccomp_filter[] = {\n",
		arch_names[arch], p.n, nwords, nbodies);
	for (size_t i = 0; i < p.n; i++) {
		struct insn *in = &p.v[i];
		fprintf(out, "\t/* %4zu */ { 0x%02x, %3d, %3d, 0x%08x },", i, in->code, in->jt, in->jf,
			in->k);
		if (in->comment) fprintf(out, " /* %s */", in->comment);
		fputc('\n', out);
	}
	/* The memfd_create check loads the flags, masks MFD_NOEXEC_SEAL and
	 * compares: filter.h's cloudabi_seccomp_filter_without_noexec opens it
	 * on kernels that have no such flag (before 6.3). */
	size_t memfd = 0;
	for (size_t i = 0; i + 2 < p.n; i++)
		if (p.v[i].comment && !strncmp(p.v[i].comment, "memfd_create: ", 14) &&
		    p.v[i].code == BPF_LD_W_ABS && p.v[i + 1].code == BPF_ALU_AND_K &&
		    p.v[i + 1].k == 8 && p.v[i + 2].code == BPF_JMP_JEQ_K && p.v[i + 2].k == 8)
			memfd = i + 1;
	if (!memfd) die("no memfd_create check of MFD_NOEXEC_SEAL in the filter");
	fprintf(out, "};\n\n"
		"const unsigned short cloudabi_seccomp_filter_len = %zu;\n"
		"const unsigned int cloudabi_seccomp_filter_arch = 0x%08x;\n"
		"const unsigned short cloudabi_seccomp_memfd_check = %zu;\n"
		"const unsigned long long cloudabi_seccomp_filter_id = 0x%016llxULL;\n",
		p.n, audit_arch[arch], memfd, (unsigned long long)id);
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "gen-filter: writing %s failed\n", argv[3]);
		remove(argv[3]);
		return 1;
	}
	return 0;
}
