#include "argdata_impl.h"

void argdata_seq_iterate(const argdata_t *ad, argdata_seq_iterator_t *it)
{
	argdata_iter_start(ad, (struct argdata_iter *)it, false);
}
