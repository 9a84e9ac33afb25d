#include "argdata_impl.h"

bool argdata_map_get(const argdata_map_iterator_t *it, const argdata_t **key,
                     const argdata_t **value)
{
	return argdata_iter_get((const struct argdata_iter *)it, key, value);
}
