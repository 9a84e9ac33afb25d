#include "argdata_impl.h"

void argdata_map_iterate(const argdata_t *ad, argdata_map_iterator_t *it)
{
	argdata_iter_start(ad, (struct argdata_iter *)it, true);
}
