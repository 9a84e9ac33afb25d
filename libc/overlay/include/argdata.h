/*
 * <argdata.h>: CloudABI's argdata, a tree of typed values in a compact
 * binary encoding, used for program arguments (program_main) and for
 * passing descriptors (program_exec). Signatures follow CloudABI's, so its
 * code ports unchanged.
 *
 * Encoding (one value = one byte string; its length is that of the
 * enclosing buffer or field):
 *   null       zero bytes
 *   binary     01, the bytes
 *   bool       02 (false) or 02 01 (true)
 *   fd         03, 4 bytes big-endian
 *   float      04, 8 bytes: the big-endian IEEE 754 double
 *   int        05, minimal big-endian two's complement (0 is 05 alone,
 *              -1 is 05 FF, 128 is 05 00 80)
 *   map        06, then key, value, key, value ... as fields
 *   seq        07, then the entries as fields
 *   str        08, UTF-8, 00
 *   timestamp  09, nanoseconds since 1970-01-01T00:00:00Z as an int
 * A field is its length in big-endian base-128 digits, the high bit set
 * on the LAST digit (0 is 80, 6 is 86, 200 is 01 C8), then the value.
 *
 * Decisions this implementation makes where the format leaves a choice:
 * - Lifetimes. argdata_from_buffer refers to the buffer, it does not copy
 *   it. argdata_create_{binary,str,str_c} copy their bytes, and
 *   argdata_create_{map,seq} copy their arrays of pointers, but not the
 *   values pointed to: a map or seq refers to its entries, which must
 *   outlive it. argdata_free frees one value, never its entries. The
 *   argdata_t pointers argdata_map_get and argdata_seq_get return for an
 *   argdata_from_buffer value live in the iterator: valid until the next
 *   argdata_*_next or argdata_*_iterate on that iterator. Never pass
 *   argdata_null, argdata_true or argdata_false to argdata_free.
 * - Decoding is lazy and strict about what it reads: argdata_from_buffer
 *   checks nothing; every getter and iterator checks the bytes it uses and
 *   never reads outside the buffer. A wrong type, the null value, a
 *   truncated or malformed value, a string without its final NUL or not
 *   valid UTF-8 (RFC 3629: no overlong forms, surrogates or values above
 *   U+10FFFF), and a descriptor that convert_fd rejects (or any descriptor
 *   when convert_fd is NULL) give EINVAL. Ints are decoded in any length
 *   (redundant sign bytes are accepted); a value outside the asked range
 *   gives ERANGE. argdata_get_str_c gives EILSEQ for a string holding a
 *   NUL byte (argdata_get_str returns it with its length).
 * - Iteration ends with index ARGDATA_ITERATOR_END, or
 *   ARGDATA_ITERATOR_INVALID when the value is not a map (seq), is
 *   malformed from that point on (an overlong field length, a map key
 *   without a value), or is nested too deeply: a map or seq inside
 *   ARGDATA_MAX_DEPTH (256) or more others of one argdata_from_buffer
 *   value is not decoded, so that no function recurses without bound on
 *   received data. Getters write their outputs only on success.
 * - Creating: argdata_create_str and _str_c fail with EILSEQ on invalid
 *   UTF-8 (NUL bytes inside are valid UTF-8 and allowed in _str);
 *   argdata_create_fd fails with EBADF on a negative number;
 *   argdata_create_timestamp fails with EINVAL when tv_nsec is outside
 *   [0, 999999999]; every create function fails with ENOMEM when out of
 *   memory. Failures return NULL with errno set.
 * - Serializing writes the minimal encodings. Descriptors are renumbered
 *   in order of appearance, one slot per descriptor value (a descriptor
 *   appearing twice gets two slots): the value written is the index in
 *   fds[], and fds[index] is the descriptor (after convert_fd for decoded
 *   data). With fds == NULL the descriptor numbers themselves are written
 *   (as CloudABI did). A descriptor convert_fd rejects is written as
 *   FF FF FF FF and takes no slot. argdata_serialize returns the number of
 *   slots used, which argdata_serialized_length gives beforehand in
 *   *nfds; the byte length it gives is exact. Either pointer may be NULL.
 *   Decoded data is copied as it is but for its descriptors, which are
 *   found as the decoder would find them (a malformed tail, unreachable,
 *   is copied unchanged).
 * - argdata_get_timestamp rounds towards negative infinity, so tv_nsec is
 *   always in [0, 999999999]; ERANGE when the seconds do not fit time_t.
 * - argdata_print_yaml writes one YAML 1.2 document: the line
 *   "%TAG ! tag:nuxi.nl,2015:cloudabi/", "---", the value in flow style
 *   (one map or seq entry per line, indented by two spaces per level; a
 *   key that is a map or seq is written as an explicit "? key" entry),
 *   and a newline. Scalars: null, true, false; ints in decimal (beyond
 *   128 bits: hexadecimal, "0x..." or "-0x..."); floats in the shortest
 *   form that reads back exactly, always with a "." (1.0, 0.1, 1.0e+100),
 *   or .inf, -.inf, .nan; strings double-quoted with YAML escapes (\0 \a
 *   \b \t \n \v \f \r \e \" \\ \N \L \P, \xXX and \uXXXX for other
 *   non-printable characters); !!binary "base64"; !fd N (the number
 *   argdata_get_fd gives); !!timestamp "YYYY-MM-DDTHH:MM:SS[.fraction]Z"
 *   (the fraction without trailing zeros). A value that cannot be decoded
 *   is written !invalid "" (as the last entry of a map or seq that is
 *   malformed from there on, for a map as the entry !invalid "": !invalid "").
 */
#ifndef _ARGDATA_H
#define _ARGDATA_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct argdata_t argdata_t;

/* Iterators are allocated by the caller (on the stack). index is the
 * position of the current entry, or one of the two values below. The
 * rest is private. */
#define ARGDATA_ITERATOR_END ((size_t)-1)
#define ARGDATA_ITERATOR_INVALID ((size_t)-2)
#define ARGDATA_MAX_DEPTH 256

typedef struct {
	size_t index;
	size_t __private[19];
} argdata_map_iterator_t;

typedef struct {
	size_t index;
	size_t __private[19];
} argdata_seq_iterator_t;

extern const argdata_t argdata_null;
extern const argdata_t argdata_true;
extern const argdata_t argdata_false;

argdata_t *argdata_from_buffer(const void *, size_t,
                               int (*)(void *, size_t), void *);
argdata_t *argdata_create_binary(const void *, size_t);
argdata_t *argdata_create_fd(int);
argdata_t *argdata_create_float(double);
argdata_t *argdata_create_int_s(intmax_t);
argdata_t *argdata_create_int_u(uintmax_t);
argdata_t *argdata_create_map(const argdata_t *const *,
                              const argdata_t *const *, size_t);
argdata_t *argdata_create_seq(const argdata_t *const *, size_t);
argdata_t *argdata_create_str(const char *, size_t);
argdata_t *argdata_create_str_c(const char *);
argdata_t *argdata_create_timestamp(const struct timespec *);
void argdata_free(argdata_t *);

void argdata_serialized_length(const argdata_t *, size_t *, size_t *);
size_t argdata_serialize(const argdata_t *, void *, int *);

int argdata_get_binary(const argdata_t *, const void **, size_t *);
int argdata_get_bool(const argdata_t *, bool *);
int argdata_get_fd(const argdata_t *, int *);
int argdata_get_float(const argdata_t *, double *);
int argdata_get_int_s(const argdata_t *, intmax_t *, intmax_t, intmax_t);
int argdata_get_int_u(const argdata_t *, uintmax_t *, uintmax_t);
int argdata_get_str(const argdata_t *, const char **, size_t *);
int argdata_get_str_c(const argdata_t *, const char **);
int argdata_get_timestamp(const argdata_t *, struct timespec *);

void argdata_map_iterate(const argdata_t *, argdata_map_iterator_t *);
bool argdata_map_get(const argdata_map_iterator_t *, const argdata_t **,
                     const argdata_t **);
void argdata_map_next(argdata_map_iterator_t *);
void argdata_seq_iterate(const argdata_t *, argdata_seq_iterator_t *);
bool argdata_seq_get(const argdata_seq_iterator_t *, const argdata_t **);
void argdata_seq_next(argdata_seq_iterator_t *);

void argdata_print_yaml(const argdata_t *, FILE *);

#ifdef __cplusplus
}
#endif

/*
 * argdata_create_int(x) and argdata_get_int(ad, &x) for every integer
 * type: _Generic in C, overloads in C++. argdata_get_int gives ERANGE when
 * the value does not fit *x's type, and leaves *x alone on any error.
 */
#ifdef __cplusplus
#define __ARGDATA_INLINE inline
#else
#define __ARGDATA_INLINE static __inline
#endif
#define __ARGDATA_GET_S(name, type, min, max)                              \
	__ARGDATA_INLINE int name(const argdata_t *__ad, type *__v)           \
	{                                                                    \
		intmax_t __x;                                                \
		int __e = argdata_get_int_s(__ad, &__x, (min), (max));       \
		if (__e == 0)                                                \
			*__v = (type)__x;                                    \
		return __e;                                                  \
	}
#define __ARGDATA_GET_U(name, type, max)                                   \
	__ARGDATA_INLINE int name(const argdata_t *__ad, type *__v)           \
	{                                                                    \
		uintmax_t __x;                                               \
		int __e = argdata_get_int_u(__ad, &__x, (max));              \
		if (__e == 0)                                                \
			*__v = (type)__x;                                    \
		return __e;                                                  \
	}

#ifndef __cplusplus

__ARGDATA_GET_S(__argdata_get_int_c, char, CHAR_MIN, CHAR_MAX)
__ARGDATA_GET_S(__argdata_get_int_sc, signed char, SCHAR_MIN, SCHAR_MAX)
__ARGDATA_GET_S(__argdata_get_int_ss, short, SHRT_MIN, SHRT_MAX)
__ARGDATA_GET_S(__argdata_get_int_si, int, INT_MIN, INT_MAX)
__ARGDATA_GET_S(__argdata_get_int_sl, long, LONG_MIN, LONG_MAX)
__ARGDATA_GET_S(__argdata_get_int_sll, long long, LLONG_MIN, LLONG_MAX)
__ARGDATA_GET_U(__argdata_get_int_b, _Bool, 1)
__ARGDATA_GET_U(__argdata_get_int_uc, unsigned char, UCHAR_MAX)
__ARGDATA_GET_U(__argdata_get_int_us, unsigned short, USHRT_MAX)
__ARGDATA_GET_U(__argdata_get_int_ui, unsigned int, UINT_MAX)
__ARGDATA_GET_U(__argdata_get_int_ul, unsigned long, ULONG_MAX)
__ARGDATA_GET_U(__argdata_get_int_ull, unsigned long long, ULLONG_MAX)

#define argdata_create_int(value)                                          \
	(__extension__ _Generic((value),                                     \
		char: argdata_create_int_s,                                  \
		signed char: argdata_create_int_s,                           \
		short: argdata_create_int_s,                                 \
		int: argdata_create_int_s,                                   \
		long: argdata_create_int_s,                                  \
		long long: argdata_create_int_s,                             \
		_Bool: argdata_create_int_u,                                 \
		unsigned char: argdata_create_int_u,                         \
		unsigned short: argdata_create_int_u,                        \
		unsigned int: argdata_create_int_u,                          \
		unsigned long: argdata_create_int_u,                         \
		unsigned long long: argdata_create_int_u)(value))

#define argdata_get_int(ad, value)                                         \
	(__extension__ _Generic(*(value),                                    \
		char: __argdata_get_int_c,                                   \
		signed char: __argdata_get_int_sc,                           \
		short: __argdata_get_int_ss,                                 \
		int: __argdata_get_int_si,                                   \
		long: __argdata_get_int_sl,                                  \
		long long: __argdata_get_int_sll,                            \
		_Bool: __argdata_get_int_b,                                  \
		unsigned char: __argdata_get_int_uc,                         \
		unsigned short: __argdata_get_int_us,                        \
		unsigned int: __argdata_get_int_ui,                          \
		unsigned long: __argdata_get_int_ul,                         \
		unsigned long long: __argdata_get_int_ull)((ad), (value)))

#else /* __cplusplus */

extern "C++" {

#define __ARGDATA_CREATE(type, func)                                       \
	inline argdata_t *argdata_create_int(type __v)                       \
	{                                                                    \
		return func(__v);                                            \
	}
__ARGDATA_CREATE(char, argdata_create_int_s)
__ARGDATA_CREATE(signed char, argdata_create_int_s)
__ARGDATA_CREATE(short, argdata_create_int_s)
__ARGDATA_CREATE(int, argdata_create_int_s)
__ARGDATA_CREATE(long, argdata_create_int_s)
__ARGDATA_CREATE(long long, argdata_create_int_s)
__ARGDATA_CREATE(wchar_t, argdata_create_int_s)
__ARGDATA_CREATE(bool, argdata_create_int_u)
__ARGDATA_CREATE(unsigned char, argdata_create_int_u)
__ARGDATA_CREATE(unsigned short, argdata_create_int_u)
__ARGDATA_CREATE(unsigned int, argdata_create_int_u)
__ARGDATA_CREATE(unsigned long, argdata_create_int_u)
__ARGDATA_CREATE(unsigned long long, argdata_create_int_u)
__ARGDATA_CREATE(char16_t, argdata_create_int_u)
__ARGDATA_CREATE(char32_t, argdata_create_int_u)
#ifdef __cpp_char8_t
__ARGDATA_CREATE(char8_t, argdata_create_int_u)
#endif
#undef __ARGDATA_CREATE

__ARGDATA_GET_S(argdata_get_int, char, CHAR_MIN, CHAR_MAX)
__ARGDATA_GET_S(argdata_get_int, signed char, SCHAR_MIN, SCHAR_MAX)
__ARGDATA_GET_S(argdata_get_int, short, SHRT_MIN, SHRT_MAX)
__ARGDATA_GET_S(argdata_get_int, int, INT_MIN, INT_MAX)
__ARGDATA_GET_S(argdata_get_int, long, LONG_MIN, LONG_MAX)
__ARGDATA_GET_S(argdata_get_int, long long, LLONG_MIN, LLONG_MAX)
__ARGDATA_GET_S(argdata_get_int, wchar_t, WCHAR_MIN, WCHAR_MAX)
__ARGDATA_GET_U(argdata_get_int, bool, 1)
__ARGDATA_GET_U(argdata_get_int, unsigned char, UCHAR_MAX)
__ARGDATA_GET_U(argdata_get_int, unsigned short, USHRT_MAX)
__ARGDATA_GET_U(argdata_get_int, unsigned int, UINT_MAX)
__ARGDATA_GET_U(argdata_get_int, unsigned long, ULONG_MAX)
__ARGDATA_GET_U(argdata_get_int, unsigned long long, ULLONG_MAX)
__ARGDATA_GET_U(argdata_get_int, char16_t, UINT_LEAST16_MAX)
__ARGDATA_GET_U(argdata_get_int, char32_t, UINT_LEAST32_MAX)
#ifdef __cpp_char8_t
__ARGDATA_GET_U(argdata_get_int, char8_t, UCHAR_MAX)
#endif

} /* extern "C++" */

#endif /* __cplusplus */

#undef __ARGDATA_INLINE
#undef __ARGDATA_GET_S
#undef __ARGDATA_GET_U

#endif
