/*
 * A fork() while another thread makes the process's first write: the child must
 * still write. The library installs its fork handlers when it is loaded; it used
 * to install them inside the first write, behind a static-initialisation guard
 * that a fork could copy into the child as taken, so the child waited on it for
 * ever (about 1 trial in 300).
 *
 * The first write happens once per process, so each trial is a fresh process:
 *   kestra_fork_test          runs TRIALS trials of itself; fails at the first
 *                             child that hangs (killed by its alarm) or fails
 *   kestra_fork_test trial    one trial
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <kestra/kestra.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { TRIALS = 1500 };

static const char line[] = "::{\"outputs\":{}}::\n";

static void *first_writes(void *fd) {
  for (int i = 0; i < 50; i++)
    kestra_write_line(*(const int *)fd, line, sizeof line - 1, KESTRA_WRITE_DEFAULT);
  return NULL;
}

/* 0: the child wrote; 1: it hung or failed; 2: the trial could not run. */
static int trial(void) {
  static int fd;
  fd = open("/dev/null", O_WRONLY);
  pthread_t writer;
  if (fd < 0 || pthread_create(&writer, NULL, first_writes, &fd) != 0) return 2;
  const pid_t pid = fork(); /* at once: the writer is in its first write, or about to be */
  if (pid == 0) {
    alarm(2); /* a child stuck on a lock or guard dies of SIGALRM */
    _exit(kestra_write_line(fd, line, sizeof line - 1, KESTRA_WRITE_DEFAULT) == KESTRA_OK ? 0 : 1);
  }
  int status = 0;
  const int waited = pid > 0 && waitpid(pid, &status, 0) == pid;
  pthread_join(writer, NULL);
  if (!waited) return 2;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "trial") == 0) return trial();
  char trial_arg[] = "trial";
  char *args[] = {argv[0], trial_arg, NULL};
  for (int i = 0; i < TRIALS; i++) {
    pid_t pid;
    int status = 0;
    if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, args, environ) != 0 ||
        waitpid(pid, &status, 0) != pid) {
      perror("kestra_fork_test: posix_spawn");
      return 2;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      printf("trial %d of %d: the child forked during the first write %s\n", i + 1, TRIALS,
             WIFEXITED(status) && WEXITSTATUS(status) == 2 ? "could not be started" : "hung or failed");
      return 1;
    }
  }
  printf("%d forks during another thread's first write: every child wrote\n", TRIALS);
  return 0;
}
