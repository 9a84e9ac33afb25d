#include "argdata_impl.h"

/* Nanoseconds since the epoch, exactly: up to 12 bytes for any time_t. */
argdata_t *argdata_create_timestamp(const struct timespec *ts)
{
	if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000) {
		errno = EINVAL;
		return NULL;
	}
	argdata_wide ns = (argdata_wide)ts->tv_sec * 1000000000 + ts->tv_nsec;
	unsigned char *bytes;
	argdata_t *ad = argdata_alloc_buffer(1 + argdata_int_put(NULL, ns), &bytes);
	if (ad == NULL)
		return NULL;
	bytes[0] = ARGDATA_TAG_TIMESTAMP;
	argdata_int_put(bytes + 1, ns);
	return ad;
}
