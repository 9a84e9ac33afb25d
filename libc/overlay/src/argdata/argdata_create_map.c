#include "argdata_impl.h"

/* The arrays are copied (after the struct); the entries are not. */
argdata_t *argdata_create_map(const argdata_t *const *keys,
                              const argdata_t *const *values, size_t count)
{
	if (count > (SIZE_MAX - sizeof(argdata_t)) / (2 * sizeof(argdata_t *))) {
		errno = ENOMEM;
		return NULL;
	}
	argdata_t *ad = malloc(sizeof(argdata_t) + 2 * count * sizeof(argdata_t *));
	if (ad == NULL)
		return NULL;
	const argdata_t **copy = (const argdata_t **)(ad + 1);
	if (count > 0) {
		memcpy(copy, keys, count * sizeof(*copy));
		memcpy(copy + count, values, count * sizeof(*copy));
	}
	ad->kind = ARGDATA_MAP;
	ad->depth = 0;
	ad->u.map.keys = copy;
	ad->u.map.values = copy + count;
	ad->u.map.count = count;
	return ad;
}
