#include "argdata_impl.h"

int argdata_get_bool(const argdata_t *ad, bool *value)
{
	const unsigned char *payload;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_BOOL, &payload, &n);
	if (error != 0)
		return error;
	if (n == 0)
		*value = false;
	else if (n == 1 && payload[0] == 1)
		*value = true;
	else
		return EINVAL;
	return 0;
}
