/* libFuzzer target over cloudabi-run's YAML-to-argdata conversion
 * (runtime/cloudabi-run/config.c), with the parts that open files, sockets and
 * descriptors replaced by stubs that hand out numbers, so no input can
 * touch the machine. An input either fails with a message (fail() returns
 * here through longjmp) or gives a value whose encoding survives
 * decode(encode(x)) == x. */
#include <argdata.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cloudabi-run.h"

const char *progname = "config_fuzz";
static jmp_buf back;

void fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	longjmp(back, 1);
}

/* Stubs: numbers, never descriptors. */
void grants_init(struct grants *g) { memset(g, 0, sizeof *g); g->next = 3; }
int grant_fd(struct grants *g, int fd, bool directory, unsigned rights)
{
	(void)fd; (void)directory; (void)rights;
	return g->next < 1000 ? g->next++ : 999;
}
int grant_std(struct grants *g, int which) { (void)g; return which; }
int open_file(const char *w, const char *p, const char *m, bool c) { (void)w; (void)p; (void)m; (void)c; return 100; }
int open_dir(const char *w, const char *p) { (void)w; (void)p; return 101; }
int open_socket(const char *w, const char *a, bool b, bool d) { (void)w; (void)a; (void)b; (void)d; return 102; }
bool parse_rights(const char *s, unsigned *r) { *r = 1; return *s != 0; }

static int any_fd(void *arg, size_t fd) { (void)arg; return fd < 1000 ? (int)fd : -1; }

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	if (!f) return 0;
	struct grants g;
	grants_init(&g);
	static const argdata_t *volatile ad;
	if (setjmp(back) == 0) {
		ad = load_config_stream(f, "fuzz.yaml", &g, 100);
		size_t len1, n1, len2, n2;
		argdata_serialized_length(ad, &len1, &n1);
		unsigned char *b1 = malloc(len1 + 1), *b2;
		argdata_serialize(ad, b1, NULL);
		argdata_t *again = argdata_from_buffer(b1, len1, any_fd, NULL);
		argdata_serialized_length(again, &len2, &n2);
		b2 = malloc(len2 + 1);
		argdata_serialize(again, b2, NULL);
		if (len1 != len2 || memcmp(b1, b2, len1)) abort();
		free(b1);
		free(b2);
		argdata_free(again);
	}
	fclose(f);
	return 0;
}
