/* try_run probe: cloudabi-run grants the build directory as descriptor 3. */
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;
	if (fstat(3, &st) == 0 && S_ISDIR(st.st_mode))
		printf("probe: fd 3 is a directory\n");
	return 7;
}
