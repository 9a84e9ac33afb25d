// argdata from C++: argdata_create_int and argdata_get_int are overloads
// for every integer type (the C header uses _Generic). tests/libc/run.sh
// builds this in C++11, C++17 and C++20 without the C++ library.
#include <argdata.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

// The bytes ad serializes to, compared with want.
static bool encodes_as(const argdata_t *ad, const unsigned char *want, size_t len)
{
	size_t n, nfds;
	argdata_serialized_length(ad, &n, &nfds);
	unsigned char buf[32];
	if (n != len || n > sizeof(buf))
		return false;
	argdata_serialize(ad, buf, nullptr);
	return memcmp(buf, want, len) == 0;
}

template <typename T> static bool creates(T value, const unsigned char *want, size_t len)
{
	argdata_t *ad = argdata_create_int(value);
	bool ok = ad != nullptr && encodes_as(ad, want, len);
	argdata_free(ad);
	return ok;
}

int main()
{
	static const unsigned char c8[] = {0x05, 0x00, 0xC8}, m56[] = {0x05, 0xC8},
	                           u64max[] = {0x05, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
	                                       0xFF, 0xFF, 0xFF, 0xFF},
	                           one[] = {0x05, 0x01}, ffff[] = {0x05, 0x00, 0xFF, 0xFF};
	CHECK("C++: argdata_create_int((unsigned char)200) is 05 00 C8",
	      creates((unsigned char)200, c8, sizeof(c8)));
	CHECK("C++: argdata_create_int((signed char)-56) is 05 C8",
	      creates((signed char)-56, m56, sizeof(m56)));
	CHECK("C++: argdata_create_int(UINT64_MAX) is 05 00 FF*8",
	      creates((unsigned long long)UINT64_MAX, u64max, sizeof(u64max)));
	CHECK("C++: argdata_create_int(true) is 05 01", creates(true, one, sizeof(one)));
	CHECK("C++: argdata_create_int(u'\\uFFFF') (char16_t, unsigned) is 05 00 FF FF",
	      creates(u'\uFFFF', ffff, sizeof(ffff)));
#ifdef __cpp_char8_t
	CHECK("C++20: argdata_create_int((char8_t)0xC8) (unsigned) is 05 00 C8",
	      creates(static_cast<char8_t>(0xC8), c8, sizeof(c8)));
#endif

	argdata_t *big = argdata_create_int(70000);
	short s = 1;
	unsigned short us = 1;
	int i = 0;
	long l = 0;
	char16_t c16 = 0;
	char32_t c32 = 0;
	CHECK("C++: 70000 does not fit short, unsigned short or char16_t (ERANGE, unchanged)",
	      argdata_get_int(big, &s) == ERANGE && argdata_get_int(big, &us) == ERANGE &&
	      argdata_get_int(big, &c16) == ERANGE && s == 1 && us == 1 && c16 == 0);
	CHECK("C++: 70000 fits int, long and char32_t",
	      argdata_get_int(big, &i) == 0 && i == 70000 && argdata_get_int(big, &l) == 0 &&
	      l == 70000 && argdata_get_int(big, &c32) == 0 && c32 == 70000);
	argdata_free(big);

	argdata_t *neg = argdata_create_int(-1);
	unsigned u = 5;
	bool b = true;
	wchar_t w = 0;
	CHECK("C++: -1 into unsigned or bool is ERANGE",
	      argdata_get_int(neg, &u) == ERANGE && argdata_get_int(neg, &b) == ERANGE && u == 5);
	CHECK("C++: -1 into wchar_t follows wchar_t's signedness",
	      argdata_get_int(neg, &w) == (WCHAR_MIN < 0 ? 0 : ERANGE));
	argdata_free(neg);

	// The rest of the API from C++: the constants and an iteration.
	const argdata_t *entries[] = {&argdata_true, &argdata_null};
	argdata_t *seq = argdata_create_seq(entries, 2);
	argdata_seq_iterator_t it;
	const argdata_t *v;
	int n = 0;
	for (argdata_seq_iterate(seq, &it); argdata_seq_get(&it, &v); argdata_seq_next(&it))
		n++;
	CHECK("C++: iterating a seq of the constants", n == 2 && it.index == ARGDATA_ITERATOR_END);
	argdata_free(seq);
	return report();
}
