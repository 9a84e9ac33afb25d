#include <string.h>
#include <sys/stat.h>
void greet(const char *who);
int main(int argc, char **argv)
{
	struct stat st;
	if (argc != 2) return 2;
	greet(argv[1]);
	/* meson test runs it through cloudabi-run: the build dir is descriptor 3 */
	return !(fstat(3, &st) == 0 && S_ISDIR(st.st_mode));
}
