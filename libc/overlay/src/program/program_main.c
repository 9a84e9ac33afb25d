#include <program.h>
#include <stdlib.h>
#include "program_impl.h"

int main(int, char **, char **);

/* The default entry point, in an archive member of its own: a program
 * that defines program_main never links it. */
_Noreturn void program_main(const argdata_t *ad)
{
	(void)ad;
	exit(main(__program_argc, __program_argv, __program_argv + __program_argc + 1));
}
