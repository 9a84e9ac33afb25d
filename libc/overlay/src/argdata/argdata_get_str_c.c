#include "argdata_impl.h"

/* As argdata_get_str, for strings without NUL bytes inside. */
int argdata_get_str_c(const argdata_t *ad, const char **str)
{
	const char *s;
	size_t len;
	int error = argdata_get_str(ad, &s, &len);
	if (error != 0)
		return error;
	if (memchr(s, '\0', len) != NULL)
		return EILSEQ;
	*str = s;
	return 0;
}
