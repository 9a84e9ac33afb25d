/* The calls a ported program most often makes into global namespaces,
 * written as a program would write them. Each marked line must fail to
 * compile, in C and in C++, with an error naming the replacement. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <netdb.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

extern char **environ;

void ported(void);
void ported(void)
{
	struct stat st;
	char buf[64], tmpl[] = "fileXXXXXX";
	pid_t pid = 0;
	int status;
	open("data.txt", O_RDONLY);                          /* expect open */
	stat("data.txt", &st);                               /* expect stat */
	fopen("data.txt", "r");                              /* expect fopen */
	opendir(".");                                        /* expect opendir */
	chdir("/");                                          /* expect chdir */
	getcwd(buf, sizeof buf);                             /* expect getcwd */
	execvp("ls", (char *const *)environ);                /* expect execvp */
	system("ls");                                        /* expect system */
	popen("ls", "r");                                    /* expect popen */
	posix_spawn(&pid, "/bin/ls", 0, 0, environ, environ); /* expect posix_spawn */
	pid = fork();                                        /* expect fork */
	waitpid(pid, &status, 0);                            /* expect waitpid */
	kill(pid, SIGTERM);                                  /* expect kill */
	pid = getpid();                                      /* expect getpid */
	(void)getuid();                                      /* expect getuid */
	socket(AF_INET, SOCK_STREAM, 0);                     /* expect socket */
	connect(3, 0, 0);                                    /* expect connect */
	bind(3, 0, 0);                                       /* expect bind */
	gethostbyname("example");                            /* expect gethostbyname */
	dlopen("libx.so", RTLD_NOW);                         /* expect dlopen */
	shm_open("/shm", O_RDWR, 0600);                      /* expect shm_open */
	sem_open("/sem", 0);                                 /* expect sem_open */
	mkstemp(tmpl);                                       /* expect mkstemp */
	realpath("x", buf);                                  /* expect realpath */
	syslog(LOG_ERR, "x");                                /* expect syslog */
	syscall(0);                                          /* expect syscall */
	unshare(0);                                          /* expect unshare */
	ptrace(PTRACE_TRACEME, 0, 0, 0);                     /* expect ptrace */
	mount("a", "b", "c", 0, 0);                          /* expect mount */
}
