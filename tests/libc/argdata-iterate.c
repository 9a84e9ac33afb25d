/* argdata: iterating maps and seqs, created in memory and decoded. */
#include "argdata-util.h"
#include "check.h"

int main(void)
{
	/* A created map: the iterator hands out the very entries given. */
	argdata_t *k1 = argdata_create_str_c("one"), *k2 = argdata_create_str_c("two");
	argdata_t *v1 = argdata_create_int(1), *v2 = argdata_create_int(2);
	const argdata_t *keys[] = {k1, k2}, *values[] = {v1, v2};
	argdata_t *map = argdata_create_map(keys, values, 2);
	keys[0] = values[0] = NULL; /* the map holds its own copy of the arrays */
	argdata_map_iterator_t mi;
	const argdata_t *k, *v;
	argdata_map_iterate(map, &mi);
	CHECK("created map: entry 0 is (k1, v1), index 0",
	      mi.index == 0 && argdata_map_get(&mi, &k, &v) && k == k1 && v == v1);
	argdata_map_next(&mi);
	CHECK("created map: entry 1 is (k2, v2), index 1",
	      mi.index == 1 && argdata_map_get(&mi, &k, &v) && k == k2 && v == v2);
	argdata_map_next(&mi);
	CHECK("created map: then argdata_map_get is false, index END",
	      !argdata_map_get(&mi, &k, &v) && mi.index == ARGDATA_ITERATOR_END);
	argdata_map_next(&mi);
	CHECK("argdata_map_next at the end stays at the end",
	      mi.index == ARGDATA_ITERATOR_END && !argdata_map_get(&mi, &k, &v));

	/* The same map, serialized and decoded. */
	size_t len;
	unsigned char *bytes = serialize(map, &len, NULL, NULL);
	argdata_t *decoded = argdata_from_buffer(bytes, len, NULL, NULL);
	const char *s1 = NULL, *s2 = NULL;
	int i1 = 0, i2 = 0;
	size_t n = 0;
	for (argdata_map_iterate(decoded, &mi); argdata_map_get(&mi, &k, &v); argdata_map_next(&mi)) {
		if (n == 0 && argdata_get_str_c(k, &s1) == 0)
			argdata_get_int(v, &i1);
		if (n == 1 && argdata_get_str_c(k, &s2) == 0)
			argdata_get_int(v, &i2);
		n++;
	}
	CHECK("decoded map: two entries in order, \"one\": 1 and \"two\": 2",
	      n == 2 && s1 != NULL && strcmp(s1, "one") == 0 && i1 == 1 && s2 != NULL &&
	      strcmp(s2, "two") == 0 && i2 == 2 && mi.index == ARGDATA_ITERATOR_END);
	CHECK("decoded strings point into the serialized buffer",
	      s1 >= (const char *)bytes && s1 < (const char *)bytes + len &&
	      s2 >= (const char *)bytes && s2 < (const char *)bytes + len);
	argdata_free(decoded);
	free(bytes);

	/* Wrong types */
	argdata_seq_iterator_t si;
	argdata_seq_iterate(map, &si);
	CHECK("argdata_seq_iterate on a map: INVALID, argdata_seq_get false",
	      si.index == ARGDATA_ITERATOR_INVALID && !argdata_seq_get(&si, &v));
	argdata_map_iterate(v1, &mi);
	CHECK("argdata_map_iterate on an int: INVALID", mi.index == ARGDATA_ITERATOR_INVALID &&
	                                                   !argdata_map_get(&mi, &k, &v));
	argdata_map_iterate(&argdata_null, &mi);
	CHECK("argdata_map_iterate on null: INVALID", mi.index == ARGDATA_ITERATOR_INVALID);
	argdata_free(map);

	/* Empty containers end at once. */
	argdata_t *empty = argdata_create_seq(NULL, 0);
	argdata_seq_iterate(empty, &si);
	CHECK("empty created seq: END at once", si.index == ARGDATA_ITERATOR_END &&
	                                            !argdata_seq_get(&si, &v));
	argdata_free(empty);
	argdata_t *ad = DECODED(NULL, NULL, 0x06);
	argdata_map_iterate(ad, &mi);
	CHECK("empty decoded map (06): END at once", mi.index == ARGDATA_ITERATOR_END);
	argdata_free(ad);

	/* A decoded seq of mixed entries. */
	ad = DECODED(NULL, NULL, 0x07, 0x80, 0x82, 0x02, 0x01, 0x83, 0x08, 0x78, 0x00, 0x81, 0x07);
	argdata_seq_iterate(ad, &si);
	bool b = false;
	const char *str = NULL;
	argdata_seq_iterator_t inner;
	int got_null = argdata_seq_get(&si, &v) && argdata_get_bool(v, &b) == EINVAL;
	argdata_seq_next(&si);
	int got_true = si.index == 1 && argdata_seq_get(&si, &v) && argdata_get_bool(v, &b) == 0 && b;
	argdata_seq_next(&si);
	int got_str = si.index == 2 && argdata_seq_get(&si, &v) && argdata_get_str_c(v, &str) == 0 &&
	              strcmp(str, "x") == 0;
	argdata_seq_next(&si);
	int got_seq = si.index == 3 && argdata_seq_get(&si, &v);
	argdata_seq_iterate(v, &inner);
	argdata_seq_next(&si);
	CHECK("decoded seq [null, true, \"x\", []]: each entry with its type",
	      got_null && got_true && got_str && got_seq);
	CHECK("... then END; the inner empty seq ends at once",
	      si.index == ARGDATA_ITERATOR_END && inner.index == ARGDATA_ITERATOR_END);
	argdata_free(ad);

	/* An inner iterator outlives the step of the outer one that found
	 * its container. */
	ad = DECODED(NULL, NULL, 0x07, 0x85, 0x07, 0x81, 0x05, 0x81, 0x05, 0x82, 0x05, 0x03);
	argdata_seq_iterate(ad, &si);
	argdata_seq_get(&si, &v);
	argdata_seq_iterate(v, &inner);
	argdata_seq_next(&si); /* the outer iterator now holds the int 3 */
	int count = 0;
	for (; argdata_seq_get(&inner, &v); argdata_seq_next(&inner))
		count++;
	int three = 0;
	argdata_seq_get(&si, &v);
	argdata_get_int(v, &three);
	CHECK("nested iteration: the inner seq still has its 2 entries after the outer moved on",
	      count == 2 && three == 3);
	argdata_free(ad);

	/* Nested maps, decoded: {"m": {"k": 5}} */
	ad = DECODED(NULL, NULL, 0x06, 0x83, 0x08, 0x6D, 0x00, 0x88, 0x06, 0x83, 0x08, 0x6B, 0x00,
	             0x82, 0x05, 0x05);
	argdata_map_iterator_t outer_it, inner_it;
	const char *ks = NULL, *kk = NULL;
	int five = 0;
	argdata_map_iterate(ad, &outer_it);
	if (argdata_map_get(&outer_it, &k, &v) && argdata_get_str_c(k, &ks) == 0) {
		argdata_map_iterate(v, &inner_it);
		if (argdata_map_get(&inner_it, &k, &v) && argdata_get_str_c(k, &kk) == 0)
			argdata_get_int(v, &five);
	}
	CHECK("decoded nested map {\"m\": {\"k\": 5}}",
	      ks != NULL && strcmp(ks, "m") == 0 && kk != NULL && strcmp(kk, "k") == 0 && five == 5);
	argdata_free(ad);

	/* A created seq holding a decoded entry holding a descriptor. */
	int table[] = {40, 41, -1};
	argdata_t *fdv = DECODED(from_table, table, 0x03, 0x00, 0x00, 0x00, 0x01);
	const argdata_t *entries[] = {fdv, &argdata_true};
	argdata_t *seq = argdata_create_seq(entries, 2);
	int fd = -1;
	argdata_seq_iterate(seq, &si);
	CHECK("created seq with a decoded entry: the entry keeps its convert_fd",
	      argdata_seq_get(&si, &v) && v == fdv && argdata_get_fd(v, &fd) == 0 && fd == 41);
	argdata_free(seq);
	argdata_free(fdv);
	argdata_free(k1);
	argdata_free(k2);
	argdata_free(v1);
	argdata_free(v2);
	return report();
}
