/* POSIX threads: create/join, a mutex, a condition variable and
 * thread-local storage, with results computed and checked. */
#include <pthread.h>
#include <stdint.h>
#include "check.h"

#define NTHREADS 8
#define PER_THREAD 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int started;
static _Thread_local long mine;

static void *work(void *arg)
{
	long id = (long)(intptr_t)arg;
	for (int i = 0; i < PER_THREAD; i++) {
		mine += id;
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return (void *)(intptr_t)(mine == id * PER_THREAD);
}

int main(void)
{
	pthread_t t[NTHREADS];
	int created = 0;
	for (long i = 0; i < NTHREADS; i++)
		created += pthread_create(&t[i], 0, work, (void *)(intptr_t)(i + 1)) == 0;
	CHECK("pthread_create starts every thread", created == NTHREADS);

	pthread_mutex_lock(&lock);
	while (started < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	CHECK("the condition variable saw every thread", started == NTHREADS);

	int tls_ok = 0;
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;
		if (pthread_join(t[i], &ret) == 0 && ret) tls_ok++;
	}
	CHECK("thread-local storage is per thread", tls_ok == NTHREADS && mine == 0);
	CHECK("the mutex kept every increment", counter == (long)NTHREADS * PER_THREAD);
	return report();
}
