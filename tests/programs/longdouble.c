/* long double: 80-bit x87 on x86_64, IEEE quad on aarch64 (whose arithmetic
 * comes from compiler-rt's soft-float builtins). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static volatile long double two = 2.0L, third = 1.0L / 3.0L;

int main(void)
{
#if defined(__x86_64__)
	CHECK("LDBL_MANT_DIG is 64 on x86_64", LDBL_MANT_DIG == 64);
#elif defined(__aarch64__)
	CHECK("LDBL_MANT_DIG is 113 on aarch64", LDBL_MANT_DIG == 113);
#endif
	CHECK("long double is wider than double", LDBL_EPSILON < DBL_EPSILON && LDBL_MANT_DIG > DBL_MANT_DIG);
	CHECK("1 + LDBL_EPSILON > 1", (long double)1 + LDBL_EPSILON > 1);
	long double r = sqrtl(two);
	CHECK("sqrtl(2)^2 is 2 within two ulps", fabsl(r * r - 2) <= 2 * LDBL_EPSILON);
	CHECK("third * 3 is 1 within one ulp", fabsl(third * 3 - 1) <= LDBL_EPSILON);
	char buf[128];
	snprintf(buf, sizeof buf, "%.40Lg", r);
	CHECK("printf %Lg and strtold round trip", strtold(buf, 0) == r);
	snprintf(buf, sizeof buf, "%.6Lf", two * 1000 + third);
	CHECK("printf %Lf", strcmp(buf, "2000.333333") == 0);
	long double big = LDBL_MAX;
	CHECK("LDBL_MAX * 2 is inf", isinf(big * two));
	CHECK("conversion to and from long long", (long long)(two * 1e15L + 1) == 2000000000000001LL);
	return report();
}
