#include "argdata_impl.h"

static size_t length(const argdata_t *ad, size_t *nfds)
{
	switch (ad->kind) {
	case ARGDATA_MAP: {
		size_t total = 1;
		for (size_t i = 0; i < ad->u.map.count; i++) {
			size_t k = length(ad->u.map.keys[i], nfds);
			size_t v = length(ad->u.map.values[i], nfds);
			total += argdata_varint_len(k) + k + argdata_varint_len(v) + v;
		}
		return total;
	}
	case ARGDATA_SEQ: {
		size_t total = 1;
		for (size_t i = 0; i < ad->u.seq.count; i++) {
			size_t e = length(ad->u.seq.entries[i], nfds);
			total += argdata_varint_len(e) + e;
		}
		return total;
	}
	default:
		/* Encoded data keeps its length: descriptors are 4 bytes. */
		*nfds += argdata_walk_fds(ad->u.buffer.buf, ad->u.buffer.len, ARGDATA_MAX_DEPTH,
		                          ad->u.buffer.convert_fd, ad->u.buffer.arg, NULL, NULL, 0);
		return ad->u.buffer.len;
	}
}

void argdata_serialized_length(const argdata_t *ad, size_t *datalen, size_t *nfds)
{
	size_t n = 0;
	size_t len = length(ad, &n);
	if (datalen != NULL)
		*datalen = len;
	if (nfds != NULL)
		*nfds = n;
}
