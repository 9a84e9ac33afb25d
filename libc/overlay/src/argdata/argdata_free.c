#include "argdata_impl.h"

/* One allocation per value; entries of a map or seq are not freed. */
void argdata_free(argdata_t *ad)
{
	free(ad);
}
