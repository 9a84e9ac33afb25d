#include "config.h"
#include <stdio.h>

void greet(void);

int main(void)
{
	greet();
#if defined(HAVE_OPEN) || defined(HAVE_FORK) || defined(HAVE_SYSTEM)
	puts("FAIL: configure found a removed function");
	return 1;
#endif
#if !defined(HAVE_OPENAT) || !defined(HAVE_FOPENAT) || !defined(HAVE_PDFORK) || !defined(HAVE_ARGDATA_H)
	puts("FAIL: configure missed a capability function");
	return 1;
#endif
	puts("configure: open, fork, system absent; openat, fopenat, pdfork, argdata.h present");
	return 0;
}
