#include <argdata.h>

/* argc and argv as the kernel gave them, for the default program_main */
extern hidden int __program_argc;
extern hidden char **__program_argv;

/* Read the argdata hand-off (CLOUDABI_ARGDATA_FD), before constructors. */
hidden const argdata_t *__argdata_startup(void);

#define ARGDATA_FD_ENV "CLOUDABI_ARGDATA_FD"

/* Confine the process to its inherited descriptors (Landlock, seccomp). */
hidden void __cloudabi_confine(void);
