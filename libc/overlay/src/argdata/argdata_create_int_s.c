#include "argdata_impl.h"

argdata_t *argdata_create_int_s(intmax_t value)
{
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(1 + argdata_int_put(NULL, value), &bytes);
	if (ad == NULL)
		return NULL;
	bytes[0] = ARGDATA_TAG_INT;
	argdata_int_put(bytes + 1, value);
	return ad;
}
