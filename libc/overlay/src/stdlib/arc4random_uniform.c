/* arc4random_uniform: a random value below upper_bound, without modulo
 * bias: values below 2**32 % upper_bound are drawn again, so the rest
 * holds every residue equally often. Bounds 0 and 1 give 0. */
#define _BSD_SOURCE
#include <stdlib.h>
#include <stdint.h>

uint32_t arc4random_uniform(uint32_t upper_bound)
{
	uint32_t r, min;
	if (upper_bound < 2)
		return 0;
	min = -upper_bound % upper_bound;	/* 2**32 % upper_bound */
	do r = arc4random();
	while (r < min);
	return r % upper_bound;
}
