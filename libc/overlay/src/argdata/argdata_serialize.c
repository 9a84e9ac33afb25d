#include "argdata_impl.h"

/* Write ad at out; *nfds counts the descriptors placed so far. */
static size_t serialize(const argdata_t *ad, unsigned char *out, int *fds, size_t *nfds)
{
	unsigned char *start = out;
	switch (ad->kind) {
	case ARGDATA_MAP:
	case ARGDATA_SEQ: {
		bool map = ad->kind == ARGDATA_MAP;
		size_t count = map ? ad->u.map.count : ad->u.seq.count;
		*out++ = map ? ARGDATA_TAG_MAP : ARGDATA_TAG_SEQ;
		for (size_t i = 0; i < 2 * count; i++) {
			/* Map fields alternate key and value; a seq has only
			 * values (the odd ones). */
			if (!map && i % 2 == 0)
				continue;
			const argdata_t *field = i % 2 == 0 ? ad->u.map.keys[i / 2] :
			                         map ? ad->u.map.values[i / 2] :
			                               ad->u.seq.entries[i / 2];
			size_t len;
			argdata_serialized_length(field, &len, NULL);
			out += argdata_varint_put(out, len);
			out += serialize(field, out, fds, nfds);
		}
		return out - start;
	}
	default: {
		size_t len = ad->u.buffer.len;
		if (len > 0)
			memcpy(out, ad->u.buffer.buf, len);
		*nfds += argdata_walk_fds(ad->u.buffer.buf, len, ARGDATA_MAX_DEPTH,
		                          ad->u.buffer.convert_fd, ad->u.buffer.arg, out, fds,
		                          *nfds);
		return len;
	}
	}
}

size_t argdata_serialize(const argdata_t *ad, void *buf, int *fds)
{
	size_t nfds = 0;
	serialize(ad, buf, fds, &nfds);
	return nfds;
}
