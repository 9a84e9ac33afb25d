#include "argdata_impl.h"

int argdata_get_binary(const argdata_t *ad, const void **buf, size_t *len)
{
	const unsigned char *payload;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_BINARY, &payload, &n);
	if (error != 0)
		return error;
	*buf = payload;
	*len = n;
	return 0;
}
