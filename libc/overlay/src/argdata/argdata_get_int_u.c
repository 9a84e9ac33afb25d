#include "argdata_impl.h"

int argdata_get_int_u(const argdata_t *ad, uintmax_t *value, uintmax_t max)
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
	if (v < 0 || v > max)
		return ERANGE;
	*value = (uintmax_t)v;
	return 0;
}
