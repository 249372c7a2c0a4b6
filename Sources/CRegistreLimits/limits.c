#define _GNU_SOURCE
#include "CRegistreLimits.h"
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#if defined(__linux__)
#include <malloc.h>
#include <sys/prctl.h>
#define USABLE_SIZE(p) malloc_usable_size(p)
#elif defined(__APPLE__)
#include <malloc/malloc.h>
#define USABLE_SIZE(p) malloc_size(p)
#else
#define USABLE_SIZE(p) 0
#endif

static _Thread_local registre_budget *current_budget = NULL;

void registre_budget_activate(registre_budget *budget) { current_budget = budget; }

void registre_budget_stop(registre_budget *budget, int reason) {
  if (budget == NULL) return;
  if (budget->stopped == 0) budget->stopped = reason;
  for (int i = 0; i < 2; i++) {
    if (budget->counts[i] != NULL && budget->limits[i] != NULL && *budget->limits[i] != 0) {
      *budget->counts[i] = *budget->limits[i];
    }
  }
}

static int admit(registre_budget *budget, size_t size) {
  if (budget == NULL) return 1;
  long long after = budget->used + (long long)size;
  if (budget->hard > 0 && after > budget->hard) {
    registre_budget_stop(budget, 1);
    return 0;
  }
  if (budget->soft > 0 && after > budget->soft) registre_budget_stop(budget, 1);
  return 1;
}

static void count(registre_budget *budget, void *pointer, int sign) {
  if (budget == NULL || pointer == NULL) return;
  budget->used += sign * (long long)USABLE_SIZE(pointer);
  if (budget->used > budget->peak) budget->peak = budget->used;
}

void *registre_budget_malloc(size_t size) {
  registre_budget *budget = current_budget;
  if (!admit(budget, size)) return NULL;
  void *pointer = malloc(size);
  count(budget, pointer, 1);
  return pointer;
}

void registre_budget_free(void *pointer) {
  if (pointer == NULL) return;
  count(current_budget, pointer, -1);
  free(pointer);
}

void *registre_budget_realloc(void *pointer, size_t size) {
  registre_budget *budget = current_budget;
  if (!admit(budget, size)) return NULL;
  long long before = (pointer != NULL && budget != NULL) ? (long long)USABLE_SIZE(pointer) : 0;
  void *moved = realloc(pointer, size);
  if (moved != NULL && budget != NULL) {
    budget->used -= before;
    count(budget, moved, 1);
  }
  return moved;
}

char *registre_budget_strdup(const char *text) {
  if (text == NULL) return NULL;
  size_t length = strlen(text) + 1;
  char *copy = registre_budget_malloc(length);
  if (copy != NULL) memcpy(copy, text, length);
  return copy;
}

int registre_disable_core_dumps(void) {
  int failed = 0;
  struct rlimit none = {0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0) failed = 1;
#if defined(__linux__)
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) failed = 1;
#endif
  return failed ? -1 : 0;
}

int registre_dumpable(void) {
#if defined(__linux__)
  return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
  return -1;
#endif
}

int registre_spawn(int *pid, const char *path, char *const argv[], char *const envp[],
                   const char *directory, int log_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  int error = posix_spawn_file_actions_init(&actions);
  if (error) return error;
  error = posix_spawnattr_init(&attributes);
  if (error) {
    posix_spawn_file_actions_destroy(&actions);
    return error;
  }
  if (!error) error = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (!error) error = posix_spawn_file_actions_adddup2(&actions, log_fd, 1);
  if (!error) error = posix_spawn_file_actions_adddup2(&actions, log_fd, 2);
#if defined(__linux__)
  if (!error) error = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (!error && directory != NULL) error = posix_spawn_file_actions_addchdir_np(&actions, directory);
#endif
  sigset_t defaults, mask;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGHUP);
  sigemptyset(&mask);
  if (!error) error = posix_spawnattr_setsigdefault(&attributes, &defaults);
  if (!error) error = posix_spawnattr_setsigmask(&attributes, &mask);
  if (!error) error = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t child = -1;
  if (!error) error = posix_spawn(&child, path, &actions, &attributes, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (!error && pid != NULL) *pid = (int)child;
  return error;
}

int registre_wait(int pid) {
  int status = 0;
  for (;;) {
    pid_t done = waitpid((pid_t)pid, &status, 0);
    if (done == (pid_t)pid) return status;
    if (done < 0 && errno == EINTR) continue;
    return -1;
  }
}
