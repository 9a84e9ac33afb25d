/* libm and the compiler-rt builtins: results checked against identities
 * and exactly representable values, not against printed text. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

/* volatile: make the compiler call the library, not fold constants */
static volatile double two = 2.0, third = 1.0 / 3.0, big = 1e300;
static volatile int64_t num = -7000000000001, den = 3;

int main(void)
{
	double r = sqrt(two);
	CHECK("sqrt(2)^2 is 2 within one ulp", fabs(r * r - 2.0) <= 2 * DBL_EPSILON);
	CHECK("sin^2 + cos^2 = 1", fabs(pow(sin(third), 2) + pow(cos(third), 2) - 1) < 4 * DBL_EPSILON);
	CHECK("exp(log(x)) = x", fabs(exp(log(third)) - third) < 4 * DBL_EPSILON);
	CHECK("atan(1) * 4 = pi", fabs(atan(two / 2) * 4 - 3.14159265358979323846) < 4 * DBL_EPSILON);
	CHECK("fma is exact", fma(third, 3.0, -1.0) != 0.0 || third * 3.0 == 1.0);
	CHECK("floor, ceil, trunc, round", floor(-2.5) == -3 && ceil(-2.5) == -2 && trunc(-2.5) == -2 && round(-2.5) == -3);
	CHECK("fmod(7.5, 2) = 1.5", fmod(two * 3.75, two) == 1.5);
	CHECK("overflow gives inf", isinf(big * big));
	CHECK("nan compares unequal", isnan(sqrt(-two)) && sqrt(-two) != sqrt(-two));
	CHECK("lgamma(5) = log(24)", fabs(lgamma(two + 3) - log(24.0)) < 8 * DBL_EPSILON);
	CHECK("64-bit division and remainder", num / den == -2333333333333 && num % den == -2);
	CHECK("strtod/printf round trip", ({ char b[64]; snprintf(b, sizeof b, "%.17g", r); strtod(b, 0) == r; }));
	return report();
}
