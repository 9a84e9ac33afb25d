#include "argdata_impl.h"

/* The string ends with a NUL, which is not part of it. */
int argdata_get_str(const argdata_t *ad, const char **str, size_t *len)
{
	const unsigned char *p;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_STR, &p, &n);
	if (error != 0)
		return error;
	if (n == 0 || p[n - 1] != '\0' || !argdata_utf8_valid(p, n - 1))
		return EINVAL;
	*str = (const char *)p;
	*len = n - 1;
	return 0;
}
