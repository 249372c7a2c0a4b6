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
#include <pthread.h>
#include <unistd.h>
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

#if !defined(__linux__)
static int spawn_posix(int *pid, const char *path, char *const argv[], char *const envp[],
                   const char *directory, int in_fd, int out_fd, int log_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  int error = posix_spawn_file_actions_init(&actions);
  if (error) return error;
  error = posix_spawnattr_init(&attributes);
  if (error) {
    posix_spawn_file_actions_destroy(&actions);
    return error;
  }
  if (!error && in_fd < 0) error = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (!error && in_fd >= 0) error = posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  if (!error) error = posix_spawn_file_actions_adddup2(&actions, out_fd >= 0 ? out_fd : log_fd, 1);
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
#endif

#if defined(__linux__)
// fork, then only async-signal-safe calls until execve: the child must be told to die with
// its parent (PR_SET_PDEATHSIG), which posix_spawn cannot do. An exec failure comes back
// through a close-on-exec pipe.
static int spawn_linux(int *pid, const char *path, char *const argv[], char *const envp[],
                       const char *directory, int in_fd, int out_fd, int log_fd) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return errno;
  pid_t parent = getpid();
  sigset_t all, previous;
  sigfillset(&all);
  // No signal handler of the parent may run in the child between fork and exec.
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t child = fork();
  if (child == 0) {
    int failure = 0;
    struct sigaction standard;
    memset(&standard, 0, sizeof standard);
    standard.sa_handler = SIG_DFL;
    for (int signal_number = 1; signal_number < NSIG; signal_number++) sigaction(signal_number, &standard, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) goto failed;
    // The parent may have died before the line above: then nobody would kill this child.
    if (getppid() != parent) _exit(127);
    int input = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (input < 0 || dup2(input, 0) < 0 || dup2(out_fd >= 0 ? out_fd : log_fd, 1) < 0 || dup2(log_fd, 2) < 0)
      goto failed;
    if (directory != NULL && chdir(directory) != 0) goto failed;
    // Every other descriptor closes at exec; the report pipe stays usable until then.
    if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
      // Kernels before 5.11: mark them one by one, up to the descriptor limit.
      struct rlimit limit;
      rlim_t highest = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY ? limit.rlim_cur : 65536;
      for (rlim_t descriptor = 3; descriptor < highest; descriptor++) fcntl((int)descriptor, F_SETFD, FD_CLOEXEC);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
  failed:
    failure = errno;
    ssize_t ignored = write(report[1], &failure, sizeof failure);
    (void)ignored;
    _exit(127);
  }
  int fork_error = errno;
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  close(report[1]);
  if (child < 0) {
    close(report[0]);
    return fork_error;
  }
  int failure = 0;
  ssize_t count;
  do {
    count = read(report[0], &failure, sizeof failure);
  } while (count < 0 && errno == EINTR);
  close(report[0]);
  if (count == (ssize_t)sizeof failure) {
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    return failure != 0 ? failure : ECHILD;
  }
  if (pid != NULL) *pid = (int)child;
  return 0;
}
#endif

int registre_spawn(int *pid, const char *path, char *const argv[], char *const envp[],
                   const char *directory, int log_fd) {
  return registre_spawn_piped(pid, path, argv, envp, directory, -1, -1, log_fd);
}

int registre_spawn_piped(int *pid, const char *path, char *const argv[], char *const envp[],
                         const char *directory, int in_fd, int out_fd, int log_fd) {
#if defined(__linux__)
  return spawn_linux(pid, path, argv, envp, directory, in_fd, out_fd, log_fd);
#else
  return spawn_posix(pid, path, argv, envp, directory, in_fd, out_fd, log_fd);
#endif
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
