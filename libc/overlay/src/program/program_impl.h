#include <argdata.h>

/* argc and argv as the kernel gave them, for the default program_main */
extern hidden int __program_argc;
extern hidden char **__program_argv;
/* the argdata program_main received, for program_argdata(); null until
 * __argdata_startup has read one */
extern hidden const argdata_t *__program_argdata;

/* Read the argdata hand-off (CLOUDABI_ARGDATA_FD), before constructors. */
hidden const argdata_t *__argdata_startup(void);

#define ARGDATA_FD_ENV "CLOUDABI_ARGDATA_FD"

/* Confine the process to its inherited descriptors (Landlock, seccomp). */
hidden void __cloudabi_confine(void);

/* CLOUDABI_EXPLAIN=1 (__cloudabi_explain.c): is it set; is cloudabi-run
 * --explain's supervisor already answering this process's denied calls
 * (its probe); and the SIGSYS handler that explains a denied call of the
 * filter's TRAP variant and makes it fail with the policy's errno. */
hidden int __cloudabi_explain_requested(void);
hidden int __cloudabi_explain_supervised(void);
hidden void __cloudabi_explain_trap(void);
