#include "argdata_impl.h"

argdata_t *argdata_create_str(const char *str, size_t len)
{
	if (!argdata_utf8_valid((const unsigned char *)str, len)) {
		errno = EILSEQ;
		return NULL;
	}
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(len < SIZE_MAX - 1 ? len + 2 : SIZE_MAX, &bytes);
	if (ad == NULL)
		return NULL;
	bytes[0] = ARGDATA_TAG_STR;
	if (len > 0)
		memcpy(bytes + 1, str, len);
	bytes[len + 1] = '\0';
	return ad;
}
