#include "argdata_impl.h"

argdata_t *argdata_create_binary(const void *buf, size_t len)
{
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(len < SIZE_MAX ? len + 1 : SIZE_MAX, &bytes);
	if (ad == NULL)
		return NULL;
	bytes[0] = ARGDATA_TAG_BINARY;
	if (len > 0)
		memcpy(bytes + 1, buf, len);
	return ad;
}
