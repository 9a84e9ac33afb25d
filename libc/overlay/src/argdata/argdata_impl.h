/* Internals shared by src/argdata/: the representation of argdata_t, the
 * iterators' private layout, and the encoding helpers. Everything here is
 * static, so libc.a gains no names beyond the public argdata_*. */
#ifndef ARGDATA_IMPL_H
#define ARGDATA_IMPL_H

#include <argdata.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	ARGDATA_TAG_BINARY = 1,
	ARGDATA_TAG_BOOL = 2,
	ARGDATA_TAG_FD = 3,
	ARGDATA_TAG_FLOAT = 4,
	ARGDATA_TAG_INT = 5,
	ARGDATA_TAG_MAP = 6,
	ARGDATA_TAG_SEQ = 7,
	ARGDATA_TAG_STR = 8,
	ARGDATA_TAG_TIMESTAMP = 9,
};

/* A value is either encoded bytes (from argdata_from_buffer, the constants,
 * and every created scalar, whose encoding is stored right after the
 * struct) or a created map or seq, which points to its entries. */
enum { ARGDATA_BUFFER, ARGDATA_MAP, ARGDATA_SEQ };

struct argdata_t {
	unsigned char kind;
	/* ARGDATA_BUFFER: how many maps and seqs enclose this value within
	 * its argdata_from_buffer value; at ARGDATA_MAX_DEPTH it is not
	 * iterated. */
	unsigned short depth;
	union {
		struct {
			const unsigned char *buf;
			size_t len;
			int (*convert_fd)(void *, size_t);
			void *arg;
		} buffer;
		struct {
			const argdata_t *const *keys;
			const argdata_t *const *values;
			size_t count;
		} map;
		struct {
			const argdata_t *const *entries;
			size_t count;
		} seq;
	} u;
};

/* The private layout of both iterator types. For a created map or seq the
 * entries are its arrays; for encoded data, pos..end is what follows the
 * current entry, decoded into key and value (a seq uses value only). */
struct argdata_iter {
	size_t index;
	bool encoded;
	union {
		struct {
			const unsigned char *pos, *end;
		} enc;
		struct {
			const argdata_t *const *keys, *const *values;
			size_t count;
		} mem;
	} u;
	argdata_t key, value;
};

_Static_assert(sizeof(struct argdata_iter) <= sizeof(argdata_map_iterator_t) &&
               sizeof(struct argdata_iter) <= sizeof(argdata_seq_iterator_t),
               "iterator types too small");
_Static_assert(_Alignof(struct argdata_iter) <= _Alignof(argdata_map_iterator_t) &&
               _Alignof(struct argdata_iter) <= _Alignof(argdata_seq_iterator_t),
               "iterator types not aligned enough");
_Static_assert(offsetof(struct argdata_iter, index) == offsetof(argdata_map_iterator_t, index) &&
               offsetof(struct argdata_iter, index) == offsetof(argdata_seq_iterator_t, index),
               "iterator index misplaced");

/* A value of kind ARGDATA_BUFFER wrapping static or trailing bytes. */
static inline void argdata_init_buffer(argdata_t *ad, const void *buf, size_t len,
                                       int (*convert_fd)(void *, size_t), void *arg,
                                       unsigned depth)
{
	ad->kind = ARGDATA_BUFFER;
	ad->depth = depth;
	ad->u.buffer.buf = buf;
	ad->u.buffer.len = len;
	ad->u.buffer.convert_fd = convert_fd;
	ad->u.buffer.arg = arg;
}

/* The payload of an encoded value of type tag, or EINVAL. */
static inline int argdata_payload(const argdata_t *ad, unsigned char tag,
                                  const unsigned char **payload, size_t *len)
{
	if (ad->kind != ARGDATA_BUFFER || ad->u.buffer.len == 0 ||
	    ad->u.buffer.buf[0] != tag)
		return EINVAL;
	*payload = ad->u.buffer.buf + 1;
	*len = ad->u.buffer.len - 1;
	return 0;
}

/* Field lengths: base-128 digits, most significant first, the high bit set
 * on the last one. */
static inline size_t argdata_varint_len(size_t n)
{
	size_t len = 1;
	while (n >= 128) {
		n >>= 7;
		len++;
	}
	return len;
}

static inline size_t argdata_varint_put(unsigned char *out, size_t n)
{
	size_t len = argdata_varint_len(n);
	for (size_t i = len; i-- > 0; n >>= 7)
		out[i] = n & 0x7f;
	out[len - 1] |= 0x80;
	return len;
}

/* Read one field from *pos (before end): its bytes are *field, *field_len,
 * and *pos moves past it. False when the length is truncated or longer
 * than what remains. */
static inline bool argdata_field_get(const unsigned char **pos, const unsigned char *end,
                                     const unsigned char **field, size_t *field_len)
{
	const unsigned char *p = *pos;
	size_t n = 0;
	for (;;) {
		if (p == end)
			return false;
		unsigned char digit = *p++;
		if (n > (size_t)(end - p) >> 7)
			return false;
		n = n << 7 | (digit & 0x7f);
		if (digit & 0x80)
			break;
	}
	if (n > (size_t)(end - p))
		return false;
	*field = p;
	*field_len = n;
	*pos = p + n;
	return true;
}

/* Ints: minimal big-endian two's complement. Values are carried as 128-bit
 * integers, enough for intmax_t, uintmax_t and timestamps. */
typedef __int128 argdata_wide;
typedef unsigned __int128 argdata_uwide;

/* Write the minimal encoding of v to out (when not NULL); return its
 * length: 0 bytes for 0, else the fewest bytes whose top bit is v's sign. */
static inline size_t argdata_int_put(unsigned char *out, argdata_wide v)
{
	size_t len = 0;
	if (v != 0) {
		do
			len++;
		while (len < sizeof(argdata_wide) && (v >> (8 * len - 1)) != 0 &&
		       (v >> (8 * len - 1)) != -1);
	}
	if (out != NULL)
		for (size_t i = 0; i < len; i++)
			out[len - 1 - i] = (unsigned char)((argdata_uwide)v >> (8 * i));
	return len;
}

/* Decode an int of any length; ERANGE when it does not fit 128 bits. */
static inline int argdata_int_get(const unsigned char *p, size_t len, argdata_wide *v)
{
	if (len == 0) {
		*v = 0;
		return 0;
	}
	/* Skip redundant sign bytes. */
	unsigned char sign = p[0] & 0x80 ? 0xff : 0x00;
	while (len > 1 && p[0] == sign && (p[1] & 0x80) == (sign & 0x80)) {
		p++;
		len--;
	}
	if (len > sizeof(argdata_wide))
		return ERANGE;
	argdata_uwide u = sign ? ~(argdata_uwide)0 : 0;
	for (size_t i = 0; i < len; i++)
		u = u << 8 | p[i];
	*v = (argdata_wide)u;
	return 0;
}

/* RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above
 * U+10FFFF. NUL bytes are valid. */
static inline bool argdata_utf8_valid(const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	while (p < end) {
		unsigned char c = *p++;
		size_t more;
		unsigned char lo = 0x80, hi = 0xbf;
		if (c < 0x80)
			continue;
		else if (c >= 0xc2 && c <= 0xdf)
			more = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return false;
		if ((size_t)(end - p) < more)
			return false;
		if (p[0] < lo || p[0] > hi)
			return false;
		for (size_t i = 1; i < more; i++)
			if (p[i] < 0x80 || p[i] > 0xbf)
				return false;
		p += more;
	}
	return true;
}

/* Allocate a value holding len encoded bytes after the struct. */
static inline argdata_t *argdata_alloc_buffer(size_t len, unsigned char **bytes)
{
	if (len > SIZE_MAX - sizeof(argdata_t)) {
		errno = ENOMEM;
		return NULL;
	}
	argdata_t *ad = malloc(sizeof(argdata_t) + len);
	if (ad == NULL)
		return NULL;
	*bytes = (unsigned char *)(ad + 1);
	argdata_init_buffer(ad, *bytes, len, NULL, NULL, 0);
	return ad;
}

/* Iterators over encoded data: decode the entry at pos (a key and a value
 * for a map, a value for a seq) into the iterator, or mark the end, or
 * mark it invalid. */
static inline void argdata_iter_load(struct argdata_iter *it, bool map)
{
	if (it->u.enc.pos == it->u.enc.end) {
		it->index = ARGDATA_ITERATOR_END;
		return;
	}
	const unsigned char *f;
	size_t len;
	if (map) {
		if (!argdata_field_get(&it->u.enc.pos, it->u.enc.end, &f, &len))
			goto invalid;
		it->key.u.buffer.buf = f;
		it->key.u.buffer.len = len;
	}
	if (!argdata_field_get(&it->u.enc.pos, it->u.enc.end, &f, &len))
		goto invalid;
	it->value.u.buffer.buf = f;
	it->value.u.buffer.len = len;
	return;
invalid:
	it->index = ARGDATA_ITERATOR_INVALID;
}

/* Start iterating ad, a map (tag 6) or a seq (tag 7). */
static inline void argdata_iter_start(const argdata_t *ad, struct argdata_iter *it, bool map)
{
	it->index = 0;
	if (ad->kind == (map ? ARGDATA_MAP : ARGDATA_SEQ)) {
		it->encoded = false;
		if (map) {
			it->u.mem.keys = ad->u.map.keys;
			it->u.mem.values = ad->u.map.values;
			it->u.mem.count = ad->u.map.count;
		} else {
			it->u.mem.keys = NULL;
			it->u.mem.values = ad->u.seq.entries;
			it->u.mem.count = ad->u.seq.count;
		}
		if (it->u.mem.count == 0)
			it->index = ARGDATA_ITERATOR_END;
		return;
	}
	const unsigned char *payload;
	size_t len;
	if (argdata_payload(ad, map ? ARGDATA_TAG_MAP : ARGDATA_TAG_SEQ, &payload, &len) != 0 ||
	    ad->depth >= ARGDATA_MAX_DEPTH) {
		it->index = ARGDATA_ITERATOR_INVALID;
		return;
	}
	it->encoded = true;
	it->u.enc.pos = payload;
	it->u.enc.end = payload + len;
	argdata_init_buffer(&it->key, NULL, 0, ad->u.buffer.convert_fd, ad->u.buffer.arg,
	                    ad->depth + 1);
	argdata_init_buffer(&it->value, NULL, 0, ad->u.buffer.convert_fd, ad->u.buffer.arg,
	                    ad->depth + 1);
	argdata_iter_load(it, map);
}

/* Move to the next entry. */
static inline void argdata_iter_next(struct argdata_iter *it, bool map)
{
	if (it->index == ARGDATA_ITERATOR_END || it->index == ARGDATA_ITERATOR_INVALID)
		return;
	it->index++;
	if (it->encoded)
		argdata_iter_load(it, map);
	else if (it->index == it->u.mem.count)
		it->index = ARGDATA_ITERATOR_END;
}

/* The current entry, or false at the end. */
static inline bool argdata_iter_get(const struct argdata_iter *it, const argdata_t **key,
                                    const argdata_t **value)
{
	if (it->index == ARGDATA_ITERATOR_END || it->index == ARGDATA_ITERATOR_INVALID)
		return false;
	if (it->encoded) {
		if (key != NULL)
			*key = &it->key;
		*value = &it->value;
	} else {
		if (key != NULL)
			*key = it->u.mem.keys[it->index];
		*value = it->u.mem.values[it->index];
	}
	return true;
}

/* Descriptors inside encoded data. Walk the value p[0..len) as the decoder
 * would (maps and seqs up to levels deep, map entries only as whole
 * pairs) and return how many descriptors convert_fd accepts. With out
 * (the copy of p in the output), patch each of them there: the slot
 * number (first + count) and fds[slot] = descriptor, or with fds == NULL
 * the descriptor itself; a rejected one becomes FF FF FF FF. */
static inline size_t argdata_walk_fds(const unsigned char *p, size_t len, unsigned levels,
                                      int (*convert_fd)(void *, size_t), void *arg,
                                      unsigned char *out, int *fds, size_t first)
{
	if (len == 0)
		return 0;
	if (p[0] == ARGDATA_TAG_FD && len == 5) {
		uint32_t raw = (uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 |
		               (uint32_t)p[3] << 8 | p[4];
		int fd = convert_fd == NULL ? -1 : convert_fd(arg, raw);
		if (out != NULL) {
			uint32_t v = fd < 0 ? UINT32_MAX : fds == NULL ? (uint32_t)fd : (uint32_t)first;
			if (fd >= 0 && fds != NULL)
				fds[first] = fd;
			out[1] = v >> 24;
			out[2] = v >> 16;
			out[3] = v >> 8;
			out[4] = v;
		}
		return fd < 0 ? 0 : 1;
	}
	if ((p[0] != ARGDATA_TAG_MAP && p[0] != ARGDATA_TAG_SEQ) || levels == 0)
		return 0;
	size_t count = 0;
	const unsigned char *pos = p + 1, *end = p + len;
	size_t per_entry = p[0] == ARGDATA_TAG_MAP ? 2 : 1;
	for (;;) {
		const unsigned char *f[2];
		size_t flen[2];
		size_t i;
		for (i = 0; i < per_entry; i++)
			if (!argdata_field_get(&pos, end, &f[i], &flen[i]))
				break;
		if (i < per_entry)
			break;
		for (i = 0; i < per_entry; i++)
			count += argdata_walk_fds(f[i], flen[i], levels - 1, convert_fd, arg,
			                          out == NULL ? NULL : out + (f[i] - p), fds,
			                          first + count);
	}
	return count;
}

#endif
