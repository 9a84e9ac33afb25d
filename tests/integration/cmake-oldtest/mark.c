/* mark NAME [ARGS...]: write "marker-NAME" into descriptor 3 (granted by
 * cloudabi-run), holding the arguments after NAME, one per line, in
 * brackets. Fails when descriptor 3 is not a directory. */
#include <stdio.h>

int main(int argc, char **argv)
{
	char name[256];
	if (argc < 2) return 2;
	snprintf(name, sizeof name, "marker-%s", argv[1]);
	FILE *f = fopenat(3, name, "w");
	if (!f) {
		perror("fopenat(3): descriptor 3 should be the granted directory");
		return 1;
	}
	for (int i = 2; i < argc; i++) fprintf(f, "[%s]\n", argv[i]);
	return fclose(f) != 0;
}
