#include "argdata_impl.h"

argdata_t *argdata_create_str_c(const char *str)
{
	return argdata_create_str(str, strlen(str));
}
