#include "argdata_impl.h"

int argdata_get_int_s(const argdata_t *ad, intmax_t *value, intmax_t min, intmax_t max)
{
	const unsigned char *p;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_INT, &p, &n);
	if (error != 0)
		return error;
	argdata_wide v;
	error = argdata_int_get(p, n, &v);
	if (error != 0)
		return error;
	if (v < min || v > max)
		return ERANGE;
	*value = (intmax_t)v;
	return 0;
}
