#include "argdata_impl.h"

void argdata_seq_next(argdata_seq_iterator_t *it)
{
	argdata_iter_next((struct argdata_iter *)it, false);
}
