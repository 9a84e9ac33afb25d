/* The allowed suite's accept case: descriptor 3 is a listening socket
 * granted by cloudabi-run; accepting a connection and reading from it
 * must work confined. */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int c = accept(3, 0, 0);
	char buf[8] = {0};
	if (c < 0 || read(c, buf, 4) != 4) return 1;
	printf("accepted %s\n", buf);
	return 0;
}
