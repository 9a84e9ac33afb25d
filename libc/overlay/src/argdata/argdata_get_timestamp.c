#include "argdata_impl.h"

int argdata_get_timestamp(const argdata_t *ad, struct timespec *ts)
{
	const unsigned char *p;
	size_t n;
	int error = argdata_payload(ad, ARGDATA_TAG_TIMESTAMP, &p, &n);
	if (error != 0)
		return error;
	argdata_wide ns;
	error = argdata_int_get(p, n, &ns);
	if (error != 0)
		return error;
	/* Round the seconds down, so that tv_nsec is never negative. */
	argdata_wide sec = ns / 1000000000, rem = ns % 1000000000;
	if (rem < 0) {
		sec--;
		rem += 1000000000;
	}
	time_t t = (time_t)sec;
	if (t != sec)
		return ERANGE;
	ts->tv_sec = t;
	ts->tv_nsec = (long)rem;
	return 0;
}
