/* A failing program: one message on stderr, status 3. */
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "stderr-message: something went wrong\n");
	return 3;
}
