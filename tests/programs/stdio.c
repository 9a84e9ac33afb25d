/* stdio without files: formatting, scanning, memory streams and the
 * standard descriptors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <locale.h>
#include "check.h"

int main(void)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%d|%5s|%-4x|%08.3f|%c|%%", -42, "ab", 255, 3.14159, 'z');
	CHECK("snprintf formats", strcmp(buf, "-42|   ab|ff  |0003.142|z|%") == 0);
	CHECK("snprintf reports the untruncated length", snprintf(buf, 4, "%s", "abcdefgh") == 8 && strcmp(buf, "abc") == 0);

	int a; char word[16]; double d;
	CHECK("sscanf parses", sscanf("17 apples 2.5", "%d %15s %lf", &a, word, &d) == 3 &&
	      a == 17 && strcmp(word, "apples") == 0 && d == 2.5);

	char *mem = 0; size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	CHECK("open_memstream opens", f != 0);
	if (f) {
		for (int i = 0; i < 1000; i++) fprintf(f, "%d,", i);
		fclose(f);
		CHECK("open_memstream grows to the written length", len == strlen(mem) && len == 3890);
		free(mem);
	}
	f = fmemopen(buf, sizeof buf, "w+");
	CHECK("fmemopen opens", f != 0);
	if (f) {
		fputs("line one\nline two\n", f);
		rewind(f);
		char line[32];
		CHECK("fgets reads back from fmemopen", fgets(line, sizeof line, f) && strcmp(line, "line one\n") == 0);
		fclose(f);
	}
	CHECK("setlocale C.UTF-8 without locale files", setlocale(LC_CTYPE, "C.UTF-8") != 0);
	wchar_t w[8];
	CHECK("mbstowcs decodes UTF-8", mbstowcs(w, "h\xc3\xa9", 8) == 2 && w[1] == 0xe9);
	CHECK("stdout and stderr are open", fileno(stdout) == 1 && fputs("", stderr) >= 0);
	return report();
}
