/* ENOTCAPABLE, the errno of a lookup that tries to leave its directory. */
#include <errno.h>
#include <string.h>
#include "check.h"

int main(void)
{
	CHECK("ENOTCAPABLE is 134", ENOTCAPABLE == 134);
	CHECK("strerror(ENOTCAPABLE) is \"Capabilities insufficient\"",
	      strcmp(strerror(ENOTCAPABLE), "Capabilities insufficient") == 0);
	char buf[64];
	CHECK("strerror_r agrees", strerror_r(ENOTCAPABLE, buf, sizeof buf) == 0 &&
	      strcmp(buf, "Capabilities insufficient") == 0);
	CHECK("errno values below stay Linux's", EHWPOISON == 133 && ENOENT == 2);
	return report();
}
