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

/* classic BPF (linux/filter.h, linux/bpf_common.h) */
#define BPF_LD_W_ABS 0x20
#define BPF_ALU_AND_K 0x54
#define BPF_JMP_JA 0x05
#define BPF_JMP_JEQ_K 0x15
#define BPF_JMP_JGE_K 0x35
#define BPF_JMP_JSET_K 0x45
#define BPF_RET_K 0x06
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

enum action { ALLOW, DENY, ENOSYS_, CHECK };
static const char *const action_names[] = { "allow", "deny", "enosys", "check" };

static uint32_t ret_value(enum action a)
{
	switch (a) {
	case ALLOW: return SECCOMP_RET_ALLOW;
	case DENY: return SECCOMP_RET_ERRNO | ERRNO_EPERM;
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

/* ---- code ---- */

struct insn {
	uint16_t code;
	uint8_t jt, jf;
	uint8_t jt_ret, jf_ret;   /* 1 + verdict: jt/jf go to a shared return */
	uint32_t k;
	char *comment;
};
/* leaf: 1 + the verdict when the program is one plain leaf not yet
 * written (its parent jumps to a shared return instead); desc says what
 * the leaf covers, for the parent's comment. */
struct prog { struct insn *v; size_t n, cap; int leaf; char *desc; };

static void emit(struct prog *p, uint16_t code, unsigned jt, unsigned jf, uint32_t k,
		 const char *fmt, ...)
{
	if (jt > 255 || jf > 255) die("internal: a conditional jump is out of range");
	if (p->n == p->cap) p->v = realloc(p->v, (p->cap = p->cap * 2 + 64) * sizeof *p->v);
	struct insn *i = &p->v[p->n++];
	i->code = code;
	i->jt = jt;
	i->jf = jf;
	i->k = k;
	i->jt_ret = i->jf_ret = 0;
	i->comment = NULL;
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		char buf[512];
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		i->comment = xstrdup(buf);
	}
}

static void append(struct prog *dst, struct prog *src)
{
	for (size_t i = 0; i < src->n; i++) {
		struct insn *s = &src->v[i];
		emit(dst, s->code, s->jt, s->jf, s->k, s->comment ? "%s" : NULL, s->comment);
		dst->v[dst->n - 1].jt_ret = s->jt_ret;
		dst->v[dst->n - 1].jf_ret = s->jf_ret;
		free(s->comment);
	}
	free(src->v);
	*src = (struct prog){ 0 };
}

static const char *verdict(enum action a)
{
	switch (a) {
	case ALLOW: return "allow";
	case DENY: return "EPERM";
	default: return "ENOSYS";
	}
}

static size_t term_size(const struct term *t)
{
	size_t half = 2 + (t->has_mask != 0);
	return t->lo32 ? half : 2 * half;
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

/* One clause: its terms, each falling through when true and jumping to
 * the next clause (fail) when false, then the clause's return. */
static void gen_clause(struct prog *p, const struct row *r, const struct clause *c)
{
	size_t size = 1;
	for (size_t i = 0; i < c->nterms; i++) size += term_size(&c->terms[i]);
	size_t start = p->n;
#define FAIL_FROM_HERE() ((unsigned)(start + size - (p->n + 1)))
	for (size_t i = 0; i < c->nterms; i++) {
		const struct term *t = &c->terms[i];
		char what[160];
		describe_term(what, sizeof what, t);
		uint32_t vlo = (uint32_t)t->value, vhi = (uint32_t)(t->value >> 32);
		uint32_t mlo = (uint32_t)t->mask, mhi = (uint32_t)(t->mask >> 32);
		emit(p, BPF_LD_W_ABS, 0, 0, OFF_ARG_LO(t->arg), "%s: %s", r->name, what);
		if (t->has_mask) emit(p, BPF_ALU_AND_K, 0, 0, mlo, NULL);
		if (t->lo32) {
			if (t->ne) emit(p, BPF_JMP_JEQ_K, FAIL_FROM_HERE(), 0, vlo, NULL);
			else emit(p, BPF_JMP_JEQ_K, 0, FAIL_FROM_HERE(), vlo, NULL);
			continue;
		}
		/* all 64 bits: the high half too */
		unsigned rest = 2 + (t->has_mask != 0);
		if (t->ne) emit(p, BPF_JMP_JEQ_K, 0, rest, vlo, NULL);  /* low differs: true */
		else emit(p, BPF_JMP_JEQ_K, 0, FAIL_FROM_HERE(), vlo, NULL);
		emit(p, BPF_LD_W_ABS, 0, 0, OFF_ARG_HI(t->arg), NULL);
		if (t->has_mask) emit(p, BPF_ALU_AND_K, 0, 0, mhi, NULL);
		if (t->ne) emit(p, BPF_JMP_JEQ_K, FAIL_FROM_HERE(), 0, vhi, NULL);
		else emit(p, BPF_JMP_JEQ_K, 0, FAIL_FROM_HERE(), vhi, NULL);
	}
#undef FAIL_FROM_HERE
	emit(p, BPF_RET_K, 0, 0, ret_value(c->action), "%s: %s%s", r->name,
	     c->nterms ? "" : "otherwise ", verdict(c->action));
	if (p->n - start != size) die("internal: clause size");
}

struct range {
	uint32_t first, last;
	enum action action;   /* CHECK: row says which */
	const struct row *row;
	const struct row *first_row, *last_row;  /* for the comment */
	size_t ncalls;
};
static struct range *ranges;
static size_t nranges;

static void gen_leaf(struct prog *p, const struct range *g)
{
	if (g->action == CHECK) {
		for (size_t i = 0; i < g->row->nclauses; i++)
			gen_clause(p, g->row, &g->row->clauses[i]);
		return;
	}
	char buf[256];
	if (!g->ncalls)
		snprintf(buf, sizeof buf, "nr %u-%u: none in the policy: ENOSYS", g->first, g->last);
	else if (g->ncalls == 1)
		snprintf(buf, sizeof buf, "%s: %s", g->first_row->name, verdict(g->action));
	else
		snprintf(buf, sizeof buf, "%s .. %s (%zu calls): %s", g->first_row->name,
			 g->last_row->name, g->ncalls, verdict(g->action));
	p->leaf = 1 + (int)g->action;
	p->desc = xstrdup(buf);
}

/* A plain leaf written out: its own return. */
static void write_leaf(struct prog *p)
{
	if (!p->leaf) return;
	enum action a = (enum action)(p->leaf - 1);
	emit(p, BPF_RET_K, 0, 0, ret_value(a), "%s", p->desc);
	p->leaf = 0;
}

/* Attaching a filter costs time in proportion to its length (see
 * bench/seccomp-attach.sh), so the tree does not give every plain leaf its
 * own return: a jump to it goes to one shared return per verdict, placed
 * after the subtree that uses it (a conditional jump reaches 255
 * instructions ahead, so a subtree is closed off this way before it grows
 * past that). */
#define POOL_REACH 240
static void close_pool(struct prog *p)
{
	write_leaf(p);
	size_t at[3] = { 0 };
	int used[3] = { 0 };
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].jt_ret) used[p->v[i].jt_ret - 1] = 1;
		if (p->v[i].jf_ret) used[p->v[i].jf_ret - 1] = 1;
	}
	for (int a = 0; a < 3; a++)
		if (used[a]) {
			at[a] = p->n;
			emit(p, BPF_RET_K, 0, 0, ret_value((enum action)a), "shared: %s",
			     verdict((enum action)a));
		}
	for (size_t i = 0; i < p->n; i++) {
		struct insn *in = &p->v[i];
		if (in->jt_ret) {
			size_t d = at[in->jt_ret - 1] - (i + 1);
			if (d > 255) die("internal: a shared return is out of reach");
			in->jt = (uint8_t)d;
			in->jt_ret = 0;
		}
		if (in->jf_ret) {
			size_t d = at[in->jf_ret - 1] - (i + 1);
			if (d > 255) die("internal: a shared return is out of reach");
			in->jf = (uint8_t)d;
			in->jf_ret = 0;
		}
	}
}

static int has_pending(const struct prog *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].jt_ret || p->v[i].jf_ret) return 1;
	return 0;
}

/* ranges[lo..hi] cover every nr from ranges[lo].first to ranges[hi].last */
static void gen_tree(struct prog *p, size_t lo, size_t hi)
{
	if (lo == hi) {
		gen_leaf(p, &ranges[lo]);
		return;
	}
	size_t mid = lo + (hi - lo + 1) / 2;
	struct prog left = { 0 }, right = { 0 };
	gen_tree(&left, lo, mid - 1);
	gen_tree(&right, mid, hi);
	uint32_t k = ranges[mid].first;
	/* Too big to leave jumps to shared returns open: each side gets its
	 * own (or, a plain leaf, is written out). */
	if (p->n + 2 + left.n + right.n + 3 > POOL_REACH &&
	    (has_pending(&left) || has_pending(&right) || left.leaf || right.leaf)) {
		close_pool(&left);
		close_pool(&right);
	}
	char what[600];
	snprintf(what, sizeof what, "nr >= %u ?%s%s%s%s", k,
		 left.leaf ? " below: " : "", left.leaf ? left.desc : "",
		 right.leaf ? "; at or above: " : "", right.leaf ? right.desc : "");
	size_t at = p->n;
	if (left.leaf || left.n <= 255) {
		emit(p, BPF_JMP_JGE_K, left.n, 0, k, "%s", what);
	} else {
		emit(p, BPF_JMP_JGE_K, 0, 1, k, "%s", what);
		emit(p, BPF_JMP_JA, 0, 0, left.n, NULL);
	}
	if (left.leaf) p->v[at].jf_ret = (uint8_t)left.leaf;
	if (right.leaf) p->v[at].jt_ret = (uint8_t)right.leaf;
	free(left.desc);
	free(right.desc);
	append(p, &left);
	append(p, &right);
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

static void add_range(uint32_t first, uint32_t last, enum action a, const struct row *r)
{
	if (a != CHECK && nranges && ranges[nranges - 1].action == a &&
	    ranges[nranges - 1].last + 1 == first) {
		struct range *g = &ranges[nranges - 1];
		g->last = last;
		if (r) {
			if (!g->first_row) g->first_row = r;
			g->last_row = r;
			g->ncalls++;
		}
		return;
	}
	ranges = realloc(ranges, (nranges + 1) * sizeof *ranges);
	ranges[nranges++] = (struct range){
		.first = first, .last = last, .action = a, .row = a == CHECK ? r : NULL,
		.first_row = r, .last_row = r, .ncalls = r != NULL,
	};
}

static struct prog build(int arch)
{
	size_t n;
	const struct row **v = arch_rows(arch, &n);
	uint32_t next = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t nr = (uint32_t)v[i]->nr[arch];
		if (nr > next) add_range(next, nr - 1, ENOSYS_, NULL);
		add_range(nr, nr, v[i]->action, v[i]);
		next = nr + 1;
	}
	add_range(next, 0xffffffffu, ENOSYS_, NULL);
	free(v);

	struct prog p = { 0 };
	emit(&p, BPF_LD_W_ABS, 0, 0, OFF_ARCH, "A = seccomp_data.arch");
	emit(&p, BPF_JMP_JEQ_K, 1, 0, audit_arch[arch], "AUDIT_ARCH_%s ?",
	     arch == ARCH_X86_64 ? "X86_64" : "AARCH64");
	emit(&p, BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS, "another architecture: kill");
	emit(&p, BPF_LD_W_ABS, 0, 0, OFF_NR, "A = seccomp_data.nr");
	if (arch == ARCH_X86_64) {
		emit(&p, BPF_JMP_JSET_K, 0, 1, X32_SYSCALL_BIT, "__X32_SYSCALL_BIT ?");
		emit(&p, BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS, "x32: kill");
	}
	struct prog tree = { 0 };
	gen_tree(&tree, 0, nranges - 1);
	close_pool(&tree);
	free(tree.desc);
	append(&p, &tree);
	if (p.n > BPF_MAXINSNS) die("the filter has %zu instructions, more than %d", p.n, BPF_MAXINSNS);
	/* filter.h's CLOUDABI_SECCOMP_FILTER_MAX: the size of the copies the
	 * launcher and the libc make on kernels before Linux 6.3 */
	if (p.n > 1024) die("the filter has %zu instructions, more than filter.h's copies hold (1024)", p.n);
	return p;
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

	FILE *out = fopen(argv[3], "w");
	if (!out) { fprintf(stderr, "gen-filter: %s: %s\n", argv[3], strerror(errno)); return 1; }
	fprintf(out,
		"/* Generated by runtime/policy/gen-filter from runtime/policy/policy.tsv\n"
		" * for %s: do not edit. %zu instructions; %zu ranges of system call\n"
		" * numbers searched in a binary tree. */\n"
		"#include \"filter.h\"\n\n"
		"const struct cloudabi_sock_filter cloudabi_seccomp_filter[] = {\n",
		arch_names[arch], p.n, nranges);
	for (size_t i = 0; i < p.n; i++) {
		struct insn *in = &p.v[i];
		fprintf(out, "\t/* %4zu */ { 0x%02x, %3u, %3u, 0x%08x },", i, in->code, in->jt, in->jf,
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
		"const unsigned short cloudabi_seccomp_memfd_check = %zu;\n",
		p.n, audit_arch[arch], memfd);
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "gen-filter: writing %s failed\n", argv[3]);
		remove(argv[3]);
		return 1;
	}
	return 0;
}
