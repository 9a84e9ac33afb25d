#include "argdata_impl.h"

void argdata_map_next(argdata_map_iterator_t *it)
{
	argdata_iter_next((struct argdata_iter *)it, true);
}
