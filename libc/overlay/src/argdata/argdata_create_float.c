#include "argdata_impl.h"

argdata_t *argdata_create_float(double value)
{
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(9, &bytes);
	if (ad == NULL)
		return NULL;
	uint64_t bits;
	memcpy(&bits, &value, sizeof(bits));
	bytes[0] = ARGDATA_TAG_FLOAT;
	for (int i = 0; i < 8; i++)
		bytes[8 - i] = (unsigned char)(bits >> (8 * i));
	return ad;
}
