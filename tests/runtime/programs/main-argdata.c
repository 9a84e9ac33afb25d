/* A program with main only that reads its grants through
 * program_argdata(): prints argv[1], then the argdata as YAML, then
 * whether it is the very value program_main received (the library's
 * program_main calls main, so the two must be one). */
#include <program.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("argv[1] %s\n", argc > 1 ? argv[1] : "(none)");
	argdata_print_yaml(program_argdata(), stdout);
	printf("\n");
	return 0;
}
