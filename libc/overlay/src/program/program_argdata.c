#include <program.h>
#include "program_impl.h"

/* The argdata the program was started with, for a program that defines
 * main instead of program_main (the same value program_main receives). */
const argdata_t *program_argdata(void)
{
	return __program_argdata ? __program_argdata : &argdata_null;
}
