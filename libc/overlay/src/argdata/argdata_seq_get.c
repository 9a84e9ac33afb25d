#include "argdata_impl.h"

bool argdata_seq_get(const argdata_seq_iterator_t *it, const argdata_t **value)
{
	return argdata_iter_get((const struct argdata_iter *)it, NULL, value);
}
