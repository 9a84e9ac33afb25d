#include "argdata_impl.h"

static const unsigned char true_bytes[] = {ARGDATA_TAG_BOOL, 1};
static const unsigned char false_bytes[] = {ARGDATA_TAG_BOOL};

/* null is the empty encoding. */
const argdata_t argdata_null = {.kind = ARGDATA_BUFFER};
const argdata_t argdata_true = {
	.kind = ARGDATA_BUFFER,
	.u.buffer = {.buf = true_bytes, .len = sizeof(true_bytes)},
};
const argdata_t argdata_false = {
	.kind = ARGDATA_BUFFER,
	.u.buffer = {.buf = false_bytes, .len = sizeof(false_bytes)},
};
