#ifndef REGISTRE_LIMITS_H
#define REGISTRE_LIMITS_H
#include <stddef.h>

// Memory budget for libxml2 / libxslt work done on one thread (an XSLT
// transformation). The allocation functions below are installed once with
// xmlMemSetup; they are plain malloc/free, and only count while the calling
// thread has an active budget, so memory allocated before or elsewhere is safe.
//
// Above `soft` bytes the budget asks the engine to stop (its operation counters
// are set to their limits, so libxslt and libxml2's XPath stop at their next
// step); above `hard` bytes allocations fail.
typedef struct registre_budget {
  long long used;
  long long peak;
  long long soft;
  long long hard;
  volatile int stopped;        // 1 = memory, 2 = time
  // Counters to exhaust when stopping (libxslt's and XPath's op counters).
  volatile unsigned long *counts[2];
  volatile unsigned long *limits[2];
} registre_budget;

void *registre_budget_malloc(size_t size);
void registre_budget_free(void *pointer);
void *registre_budget_realloc(void *pointer, size_t size);
char *registre_budget_strdup(const char *text);

// Makes `budget` the current thread's budget (NULL ends it).
void registre_budget_activate(registre_budget *budget);

// Stops the engine watched by `budget` (from any thread): sets each watched
// counter to its limit. `reason`: 1 memory, 2 time.
void registre_budget_stop(registre_budget *budget, int reason);

// Core dumps and ptrace attachment off for the whole process (PR_SET_DUMPABLE 0
// and RLIMIT_CORE 0). Returns 0 on success.
int registre_disable_core_dumps(void);
// Current dumpable flag (prctl PR_GET_DUMPABLE), -1 if unknown.
int registre_dumpable(void);
// Starts `path` with `argv` and exactly the environment `envp`, in `directory`,
// stdin from /dev/null, stdout and stderr to `log_fd`, every other descriptor
// closed, default signal dispositions and an empty signal mask. The child stays
// in the caller's process group, so a signal to the group (Ctrl-C, kill -9 -PGID,
// a service manager) reaches it too; on Linux it also gets SIGKILL when the
// calling *thread* ends (PR_SET_PDEATHSIG), so a killed `registre` leaves no FOP
// behind: call it from a thread that lives until the child is reaped.
// Returns 0 or an errno value.
int registre_spawn(int *pid, const char *path, char *const argv[], char *const envp[],
                   const char *directory, int log_fd);

// registre_spawn, but stdin from `in_fd` and stdout to `out_fd` (-1: /dev/null and `log_fd`),
// stderr to `log_fd`: the warm FOP service talks on a socket given as both.
int registre_spawn_piped(int *pid, const char *path, char *const argv[], char *const envp[],
                         const char *directory, int in_fd, int out_fd, int log_fd);

// waitpid for one child, retried on EINTR; returns the raw status or -1.
int registre_wait(int pid);
#endif
