#include "argdata_impl.h"

/* The array is copied (after the struct); the entries are not. */
argdata_t *argdata_create_seq(const argdata_t *const *entries, size_t count)
{
	if (count > (SIZE_MAX - sizeof(argdata_t)) / sizeof(argdata_t *)) {
		errno = ENOMEM;
		return NULL;
	}
	argdata_t *ad = malloc(sizeof(argdata_t) + count * sizeof(argdata_t *));
	if (ad == NULL)
		return NULL;
	const argdata_t **copy = (const argdata_t **)(ad + 1);
	if (count > 0)
		memcpy(copy, entries, count * sizeof(*copy));
	ad->kind = ARGDATA_SEQ;
	ad->depth = 0;
	ad->u.seq.entries = copy;
	ad->u.seq.count = count;
	return ad;
}
