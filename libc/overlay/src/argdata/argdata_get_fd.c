#include "argdata_impl.h"

int argdata_get_fd(const argdata_t *ad, int *value)
{
	const unsigned char *p;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_FD, &p, &n);
	if (error != 0)
		return error;
	if (n != 4 || ad->u.buffer.convert_fd == NULL)
		return EINVAL;
	uint32_t raw = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	int fd = ad->u.buffer.convert_fd(ad->u.buffer.arg, raw);
	if (fd < 0)
		return EINVAL;
	*value = fd;
	return 0;
}
