/* A few escape vectors by raw system call, from a program with no libc at
 * all (x86_64; built -nostdlib), so that nothing but the kernel and the
 * launcher stands between it and the machine: the libc's own start-up
 * would confine it otherwise. Harmless arguments only. Prints
 * "NAME RESULT" per vector, RESULT being the raw return value. (The full
 * escape suite, with its negative controls, is tests/escape.) */

static long sys(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
}

static void report(const char *name, long value)
{
	char buf[96];
	int n = 0;
	while (*name) buf[n++] = *name++;
	buf[n++] = ' ';
	if (value < 0) { buf[n++] = '-'; value = -value; }
	char digits[24];
	int d = 0;
	do { digits[d++] = '0' + value % 10; value /= 10; } while (value);
	while (d) buf[n++] = digits[--d];
	buf[n++] = '\n';
	sys(1, 1, (long)buf, n);
}

void _start(void) __attribute__((noreturn));
void _start(void)
{
	report("open_etc_passwd", sys(2, (long)"/etc/passwd", 0, 0));
	report("openat_fdcwd", sys(257, -100, (long)"/etc/passwd", 0));
	report("openat_granted_absolute", sys(257, 3, (long)"/etc/passwd", 0));
	report("openat_granted_dotdot", sys(257, 3, (long)"..", 0));
	report("socket_inet", sys(41, 2, 1, 0));
	report("kill_init_signal0", sys(62, 1, 0, 0));
	report("openat_granted_inside", sys(257, 3, (long)"hello.txt", 0));
	sys(231, 0, 0, 0);
	__builtin_unreachable();
}
