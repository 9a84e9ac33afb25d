/* The launcher floor: the least a launcher can be. A static program with no
 * C library (built for the host with -nostdlib -static) whose whole work is
 * one execve(2) of its first argument with the rest of its arguments and
 * its environment; no descriptor opened, nothing confined, no memory
 * allocated. Started on the confinement floor program
 * (bench/floor-confine.c), it is what any launcher that execs a confined
 * program costs at the least: one more process image and the floor. make
 * bench compares cloudabi-run with it.
 *
 *   launch-floor PROGRAM [ARG...] */

#if defined(__x86_64__)
#define NR_write 1
#define NR_execve 59
#define NR_exit_group 231
__asm__(".text\n.globl _start\n_start:\n"
        "\txor %rbp, %rbp\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall start_c\n\thlt\n");

static long sys3(long n, long a, long b, long c)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__aarch64__)
#define NR_write 64
#define NR_execve 221
#define NR_exit_group 94
__asm__(".text\n.globl _start\n_start:\n\tmov x29, #0\n\tmov x30, #0\n\tmov x0, sp\n\tbl start_c\n\tbrk #0\n");

static long sys3(long n, long a, long b, long c)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}
#else
#error "launch-floor.c: x86_64 or aarch64 only"
#endif

static const char usage[] = "launch-floor: usage: launch-floor PROGRAM [ARG...]\n";
static const char failed[] = "launch-floor: execve failed\n";

__attribute__((used, noreturn)) void start_c(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	if (argc < 2) {
		sys3(NR_write, 2, (long)usage, sizeof usage - 1);
		for (;;) sys3(NR_exit_group, 2, 0, 0);
	}
	sys3(NR_execve, (long)argv[1], (long)(argv + 1), (long)envp);
	sys3(NR_write, 2, (long)failed, sizeof failed - 1);
	for (;;) sys3(NR_exit_group, 127, 0, 0);
}
