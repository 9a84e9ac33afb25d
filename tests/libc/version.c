/* __cloudabi_libc_major__ and __cloudabi_libc_minor__ come with the libc
 * headers that include <features.h>: here only <stdio.h> is included. */
#include <stdio.h>
#include "check.h"

#if !defined(__cloudabi_libc_major__) || !defined(__cloudabi_libc_minor__)
#error the version macros are not defined by <stdio.h>
#endif
/* integer constants that #if can use */
#if __cloudabi_libc_major__ < 0 || __cloudabi_libc_minor__ < 0
#error the version macros are negative
#endif
_Static_assert(_Generic(__cloudabi_libc_major__, int: 1, default: 0), "major is an int");
_Static_assert(_Generic(__cloudabi_libc_minor__, int: 1, default: 0), "minor is an int");

int main(void)
{
	CHECK("the version macros are int constants usable in #if", 1);
	/* the current version; change this with the version, deliberately */
	CHECK("the version is 0.1",
	      __cloudabi_libc_major__ == 0 && __cloudabi_libc_minor__ == 1);
	printf("# libc version %d.%d\n", __cloudabi_libc_major__, __cloudabi_libc_minor__);
	return report();
}
