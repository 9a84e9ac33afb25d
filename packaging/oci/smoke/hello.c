/* The OCI image's first C program (smoke.sh): it must print exactly this. */
#include <stdio.h>

int main(void)
{
	puts("hello, C");
	return 0;
}
