/* arc4random: a random 32-bit value from arc4random_buf (getrandom). */
#define _BSD_SOURCE
#include <stdlib.h>
#include <stdint.h>

uint32_t arc4random(void)
{
	uint32_t v;
	arc4random_buf(&v, sizeof v);
	return v;
}
