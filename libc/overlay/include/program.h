#ifndef _PROGRAM_H
#define _PROGRAM_H

/*
 * <program.h>: how a CloudABI program starts and starts another.
 *
 * program_main is the entry point. cloudabi-run (or program_exec) hands the
 * program its arguments as argdata, in a sealed memfd named by the
 * environment variable CLOUDABI_ARGDATA_FD; the start-up code reads it,
 * closes the descriptor and removes the variable before any constructor
 * runs. A program started any other way gets &argdata_null. The C
 * library's own program_main calls main(argc, argv, envp), so a program
 * that defines only main works as usual, and program_argdata() gives it
 * the argdata program_main received (&argdata_null if there was none).
 *
 * program_exec replaces the process image with the executable FD, passing
 * exactly the descriptors AD names, at the numbers they have now (so the
 * argdata the new program receives is AD as it stands), plus descriptors
 * 0, 1 and 2: those AD does not name become an empty sealed memfd (reads
 * see end of file, writes fail). Every other descriptor is closed. The new
 * program's argv is { "program", NULL } and its environment the caller's.
 * It returns only on failure, with an errno value; by then the
 * close-on-exec flags of the caller's descriptors may have changed.
 */

#include <argdata.h>

#ifdef __cplusplus
extern "C" {
#endif

_Noreturn void program_main(const argdata_t *);
const argdata_t *program_argdata(void);
int program_exec(int, const argdata_t *);

#ifdef __cplusplus
}
#endif

#endif
