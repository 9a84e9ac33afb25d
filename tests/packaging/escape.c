/* A hostile binary with no C library at all (so it cannot confine itself):
 * it opens /etc/passwd by raw system call and says whether that worked.
 * Under cloudabi-run it must be refused; under --unconfined (the control)
 * it gets through. x86_64 only. */
static long raw(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
}

void _start(void)
{
	long r = raw(2, (long)"/etc/passwd", 0, 0); /* open(path, O_RDONLY) */
	if (r >= 0) raw(1, 1, (long)"opened\n", 7);
	else if (r == -1) raw(1, 1, (long)"EPERM\n", 6);
	else raw(1, 1, (long)"refused\n", 8);
	raw(60, 0, 0, 0); /* exit(0) */
	for (;;) {}
}
