/* The tests ctest runs through cloudabi-run (descriptor 3: the build dir). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void greet(const char *who);

static void *work(void *arg) { *(int *)arg = 42; return NULL; }

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "greet") == 0) {
		greet(argv[2]);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "write") == 0) {
		/* a file in the granted directory, written and read back */
		FILE *f = fopenat(3, "written-by-test.txt", "w+");
		if (!f) { perror("fopenat"); return 1; }
		char buf[16] = "";
		fputs("capability", f);
		rewind(f);
		if (!fgets(buf, sizeof buf, f)) return 1;
		fclose(f);
		return strcmp(buf, "capability") != 0;
	}
	if (argc == 2 && strcmp(argv[1], "escape") == 0) {
		/* outside the granted directory: refused */
		int a = openat(3, "/etc/passwd", O_RDONLY);
		int b = openat(3, "../CMakeLists.txt", O_RDONLY);
		printf("absolute: %d (%s), dot-dot: %d\n", a, strerror(errno), b);
		return !(a < 0 && b < 0);
	}
	if (argc == 2 && strcmp(argv[1], "thread") == 0) {
		pthread_t t;
		int v = 0;
		if (pthread_create(&t, NULL, work, &v) != 0 || pthread_join(t, NULL) != 0) return 1;
		return v != 42;
	}
	fprintf(stderr, "usage: demo greet NAME | write | escape | thread\n");
	return 2;
}
