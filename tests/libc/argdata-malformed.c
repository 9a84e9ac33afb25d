/* argdata: malformed encodings are rejected with EINVAL (or end an
 * iteration as ARGDATA_ITERATOR_INVALID), and nothing is read past the
 * buffer: each one sits at the end of a page followed by an inaccessible
 * page, so an overread would crash the program. */
#include <stdint.h>
#include "argdata-util.h"
#include "check.h"

/* Every getter on ad: none may succeed. */
static int nothing_decodes(const argdata_t *ad)
{
	const void *data;
	size_t len;
	bool b;
	int fd;
	double d;
	intmax_t i;
	uintmax_t u;
	const char *s;
	struct timespec ts;
	argdata_map_iterator_t mi;
	argdata_seq_iterator_t si;
	argdata_map_iterate(ad, &mi);
	argdata_seq_iterate(ad, &si);
	return argdata_get_binary(ad, &data, &len) == EINVAL && argdata_get_bool(ad, &b) == EINVAL &&
	       argdata_get_fd(ad, &fd) == EINVAL && argdata_get_float(ad, &d) == EINVAL &&
	       argdata_get_int_s(ad, &i, INTMAX_MIN, INTMAX_MAX) == EINVAL &&
	       argdata_get_int_u(ad, &u, UINTMAX_MAX) == EINVAL &&
	       argdata_get_str(ad, &s, &len) == EINVAL && argdata_get_str_c(ad, &s) == EINVAL &&
	       argdata_get_timestamp(ad, &ts) == EINVAL && mi.index == ARGDATA_ITERATOR_INVALID &&
	       si.index == ARGDATA_ITERATOR_INVALID;
}

static int str_rejected(const argdata_t *ad)
{
	const char *s = NULL;
	size_t len = 12345;
	int ok = argdata_get_str(ad, &s, &len) == EINVAL && argdata_get_str_c(ad, &s) == EINVAL &&
	         s == NULL && len == 12345;
	argdata_free((argdata_t *)ad);
	return ok;
}

/* How a seq iteration over ad ends, after how many entries. */
static size_t seq_entries(const argdata_t *ad, size_t *end)
{
	argdata_seq_iterator_t it;
	const argdata_t *v;
	size_t n = 0;
	for (argdata_seq_iterate(ad, &it); argdata_seq_get(&it, &v); argdata_seq_next(&it))
		n++;
	*end = it.index;
	return n;
}

static size_t map_entries(const argdata_t *ad, size_t *end)
{
	argdata_map_iterator_t it;
	const argdata_t *k, *v;
	size_t n = 0;
	for (argdata_map_iterate(ad, &it); argdata_map_get(&it, &k, &v); argdata_map_next(&it))
		n++;
	*end = it.index;
	return n;
}

static int reject_all(void *arg, size_t fd)
{
	(void)arg;
	(void)fd;
	return -1;
}

int main(void)
{
	argdata_t *ad;
	size_t end;

	ad = DECODED(NULL, NULL, 0x0A, 0x00);
	CHECK("an unknown tag (0A) decodes as nothing", nothing_decodes(ad));
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x00);
	CHECK("tag 00 decodes as nothing", nothing_decodes(ad));
	argdata_free(ad);

	/* Scalars of the wrong length */
	bool b;
	ad = DECODED(NULL, NULL, 0x02, 0x02);
	CHECK("bool 02 02 is neither true nor false (EINVAL)", argdata_get_bool(ad, &b) == EINVAL);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x02, 0x01, 0x00);
	CHECK("bool with two payload bytes is EINVAL", argdata_get_bool(ad, &b) == EINVAL);
	argdata_free(ad);
	double d;
	ad = DECODED(NULL, NULL, 0x04, 0x3F, 0xF0, 0, 0, 0, 0, 0);
	CHECK("float truncated to 7 bytes is EINVAL", argdata_get_float(ad, &d) == EINVAL);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x04, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0);
	CHECK("float of 9 bytes is EINVAL", argdata_get_float(ad, &d) == EINVAL);
	argdata_free(ad);
	int table[] = {3, 4, -1};
	int fd = 99;
	ad = DECODED(from_table, table, 0x03, 0x00, 0x00, 0x00);
	CHECK("fd truncated to 3 bytes is EINVAL", argdata_get_fd(ad, &fd) == EINVAL && fd == 99);
	argdata_free(ad);
	ad = DECODED(from_table, table, 0x03, 0x00, 0x00, 0x00, 0x05);
	CHECK("fd number convert_fd rejects (5, beyond the table) is EINVAL",
	      argdata_get_fd(ad, &fd) == EINVAL && fd == 99);
	argdata_free(ad);
	ad = DECODED(reject_all, NULL, 0x03, 0xFF, 0xFF, 0xFF, 0xFF);
	CHECK("fd FF FF FF FF rejected by convert_fd is EINVAL", argdata_get_fd(ad, &fd) == EINVAL);
	argdata_free(ad);

	/* Strings */
	CHECK("str without its final NUL is EINVAL", str_rejected(DECODED(NULL, NULL, 0x08, 'a', 'b')));
	CHECK("str of the tag alone (no NUL) is EINVAL", str_rejected(DECODED(NULL, NULL, 0x08)));
	CHECK("str with a lone continuation byte (80) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0x80, 0x00)));
	CHECK("str with an overlong encoding of '/' (C0 AF) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0xC0, 0xAF, 0x00)));
	CHECK("str with an overlong 3-byte form (E0 80 AF) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0xE0, 0x80, 0xAF, 0x00)));
	CHECK("str with a surrogate (ED A0 80, U+D800) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0xED, 0xA0, 0x80, 0x00)));
	CHECK("str above U+10FFFF (F4 90 80 80) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0xF4, 0x90, 0x80, 0x80, 0x00)));
	CHECK("str with a sequence cut by the NUL (E2 82 00) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0xE2, 0x82, 0x00)));
	CHECK("str whose last character is cut short by the NUL (61 C3 00) is EINVAL",
	      str_rejected(DECODED(NULL, NULL, 0x08, 0x61, 0xC3, 0x00)));
	CHECK("str with FF is EINVAL", str_rejected(DECODED(NULL, NULL, 0x08, 0xFF, 0x00)));
	errno = 0;
	CHECK("argdata_create_str refuses invalid UTF-8 with EILSEQ",
	      argdata_create_str("\xC0\xAF", 2) == NULL && errno == EILSEQ);
	errno = 0;
	CHECK("argdata_create_str_c refuses a truncated sequence with EILSEQ",
	      argdata_create_str_c("abc\xE2\x82") == NULL && errno == EILSEQ);
	errno = 0;
	CHECK("argdata_create_str(\"\\xE2\\x82\\xAC\", 2): a euro sign cut by the length is EILSEQ",
	      argdata_create_str("\xE2\x82\xAC", 2) == NULL && errno == EILSEQ);

	/* Field lengths */
	ad = DECODED(NULL, NULL, 0x07, 0x85, 0x05, 0x01);
	CHECK("seq whose entry length (5) runs past the end: iteration is INVALID at once",
	      seq_entries(ad, &end) == 0 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x82, 0x05, 0x01, 0x01);
	CHECK("seq whose last length has no final digit (01): one entry, then INVALID",
	      seq_entries(ad, &end) == 1 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F,
	             0x7F, 0xFF, 0x05);
	CHECK("seq with a 12-digit length (overflows size_t): INVALID, nothing read past",
	      seq_entries(ad, &end) == 0 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81, 0x05);
	CHECK("seq with a length of 2^70 + 1 (1 if it wrapped at 64 bits): INVALID",
	      seq_entries(ad, &end) == 0 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x81, 0x05, 0x82);
	CHECK("seq whose last length (2) runs past the end by one: one entry, then INVALID",
	      seq_entries(ad, &end) == 1 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x06, 0x83, 0x08, 0x61, 0x00);
	CHECK("map with a key and no value: no entry, INVALID",
	      map_entries(ad, &end) == 0 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x06, 0x81, 0x05, 0x81, 0x05, 0x81, 0x05);
	CHECK("map with three fields: one entry, then INVALID",
	      map_entries(ad, &end) == 1 && end == ARGDATA_ITERATOR_INVALID);
	argdata_free(ad);
	ad = DECODED(NULL, NULL, 0x07, 0x81, 0x08);
	const argdata_t *entry;
	argdata_seq_iterator_t si;
	argdata_seq_iterate(ad, &si);
	const char *s;
	CHECK("a malformed entry inside a well-formed seq is found, and rejected by its getter",
	      argdata_seq_get(&si, &entry) && argdata_get_str_c(entry, &s) == EINVAL &&
	      (argdata_seq_next(&si), !argdata_seq_get(&si, &entry)) &&
	      si.index == ARGDATA_ITERATOR_END);
	argdata_free(ad);

	/* Nesting: 256 levels of seqs can be opened, the 257th cannot. */
	enum { LEVELS = ARGDATA_MAX_DEPTH + 1 };
	/* Each seq holds the next, the innermost the int 0; written from the
	 * inside out, as lengths reach two digits. */
	size_t cap = 4 * LEVELS + 8, pos = cap;
	unsigned char *buf = malloc(cap);
	buf[--pos] = 0x05; /* innermost: int 0 */
	for (int i = 0; i < LEVELS; i++) {
		size_t inner = cap - pos;
		if (inner < 128) {
			buf[--pos] = 0x80 | (unsigned char)inner;
		} else {
			buf[--pos] = 0x80 | (unsigned char)(inner & 0x7F);
			buf[--pos] = (unsigned char)(inner >> 7);
		}
		buf[--pos] = 0x07;
	}
	ad = argdata_from_buffer(guarded(buf + pos, cap - pos), cap - pos, NULL, NULL);
	const argdata_t *cur = ad;
	argdata_seq_iterator_t its[LEVELS];
	int opened = 0;
	for (int i = 0; i < LEVELS; i++) {
		argdata_seq_iterate(cur, &its[i]);
		if (!argdata_seq_get(&its[i], &cur))
			break;
		opened++;
	}
	CHECK("seqs nested 257 deep: the outer 256 open, the innermost is INVALID",
	      opened == ARGDATA_MAX_DEPTH && its[ARGDATA_MAX_DEPTH].index == ARGDATA_ITERATOR_INVALID);
	size_t dlen, dfds;
	argdata_serialized_length(ad, &dlen, &dfds);
	CHECK("... and it still serializes to its own length", dlen == cap - pos && dfds == 0);
	argdata_free(ad);
	free(buf);
	return report();
}
