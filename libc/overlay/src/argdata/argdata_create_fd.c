#include "argdata_impl.h"

/* A created descriptor is stored encoded, with the number itself. */
static int identity(void *arg, size_t fd)
{
	(void)arg;
	return fd <= INT_MAX ? (int)fd : -1;
}

argdata_t *argdata_create_fd(int fd)
{
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(5, &bytes);
	if (ad == NULL)
		return NULL;
	bytes[0] = ARGDATA_TAG_FD;
	bytes[1] = (uint32_t)fd >> 24;
	bytes[2] = (uint32_t)fd >> 16;
	bytes[3] = (uint32_t)fd >> 8;
	bytes[4] = (uint32_t)fd;
	ad->u.buffer.convert_fd = identity;
	return ad;
}
