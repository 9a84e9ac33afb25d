/* A program with main only: prints argc and argv. */
#include <stdio.h>
int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 0; i < argc; i++) printf("argv[%d] %s\n", i, argv[i]);
	return 0;
}
