#include "argdata_impl.h"

argdata_t *argdata_from_buffer(const void *buf, size_t len,
                               int (*convert_fd)(void *, size_t), void *arg)
{
	argdata_t *ad = malloc(sizeof(*ad));
	if (ad == NULL)
		return NULL;
	argdata_init_buffer(ad, buf, len, convert_fd, arg, 0);
	return ad;
}
