/* Linked into a program of this toolchain, this no-op replaces the libc's
 * start-up confinement (a program that defines __cloudabi_confine gets its
 * own, not the library's): the unconfined baseline of make bench. */
void __cloudabi_confine(void) {}
