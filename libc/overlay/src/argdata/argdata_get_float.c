#include "argdata_impl.h"

int argdata_get_float(const argdata_t *ad, double *value)
{
	const unsigned char *p;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_FLOAT, &p, &n);
	if (error != 0)
		return error;
	if (n != 8)
		return EINVAL;
	uint64_t bits = 0;
	for (int i = 0; i < 8; i++)
		bits = bits << 8 | p[i];
	memcpy(value, &bits, sizeof(*value));
	return 0;
}
