/* A tiny self-checking harness for target programs: each CHECK prints
 * "ok - NAME" or "FAIL - NAME", and main returns report(). */
#include <stdio.h>

static int checks_failed;

#define CHECK(name, cond)                                                   \
	do {                                                                \
		if (cond) {                                                 \
			printf("ok   - %s\n", name);                        \
		} else {                                                    \
			printf("FAIL - %s (%s:%d: %s)\n", name, __FILE__,   \
			       __LINE__, #cond);                            \
			checks_failed++;                                    \
		}                                                           \
	} while (0)

/* A case that cannot run here (say, under qemu-user), with the reason: it
 * is printed as "skip - NAME: WHY" and counted neither way. */
#define SKIP(name, why) printf("skip - %s: %s\n", name, why)

static int report(void)
{
	fflush(stdout);
	return checks_failed != 0;
}
