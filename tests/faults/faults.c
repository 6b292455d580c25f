/*
 * Fault cases for the C ABI, one per command: faults CASE. Each prints
 * "PASS case: ..." or "FAIL case: ..." on stderr and exits 0 or 1; run.sh adds a
 * timeout, so a hang is a failure too. Readers check every line's exact bytes,
 * so a torn or lost line fails the case.
 *
 *   closed_stdout   run with fd 1 closed: a clear EBADF error, the process goes on
 *   epipe_stdout    run into `| head -c 100`: EPIPE error, no death by SIGPIPE
 *   slow_reader     8 threads, lines up to 150 KB, a reader that starts late and
 *                   reads slowly: every line intact (blocking pipe)
 *   slow_reader_nb  the same with O_NONBLOCK on the write end (as Node sets it)
 *   signals         writes interrupted by a signal handler (no SA_RESTART)
 *   fork            fork() while other threads write; children write too
 *   big_payload     a 100 MB outputs line (builder and JSON text), and a
 *                   100 MB string refused as over the server's limit
 *   deep            100,000-deep nesting: JSON text, builder, check_line
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kestra/kestra.h"

static const char *g_case = "?";

static int fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "FAIL %s: ", g_case);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return 1;
}

static int pass(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "PASS %s: ", g_case);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return 0;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) == -1 && errno == EINTR) {
  }
}

/* ---- lines with known bytes ------------------------------------------- */

/* Payload of line (t, i): its length is set by the caller's size rule. */
static size_t pad_len(int t, int i, size_t big) {
  if (big && i % 10 == 0) return big + (size_t)(t * 7 + i);
  return (size_t)((t * 31 + i * 7) % 300);
}

/* Builds outputs {"t":T,"i":I,"s":"ccc..."} into r. */
static kestra_result build_line(kestra_record *r, int t, int i, size_t len, char *scratch) {
  memset(scratch, 'a' + (t + i) % 26, len);
  kestra_result res = kestra_record_begin_outputs(r);
  if (!res) res = kestra_record_begin_object(r, NULL);
  if (!res) res = kestra_record_key(r, "t", 1);
  if (!res) res = kestra_record_int64(r, t);
  if (!res) res = kestra_record_key(r, "i", 1);
  if (!res) res = kestra_record_int64(r, i);
  if (!res) res = kestra_record_key(r, "s", 1);
  if (!res) res = kestra_record_string(r, scratch, len);
  if (!res) res = kestra_record_end_object(r);
  return res ? res : kestra_record_finish(r);
}

/* Reads fd to EOF, checking each line is exactly a build_line line with the
 * size rule `big`; counts lines per (t, i) in seen[t * per_thread + i].
 * `slow_ms`: sleep before reading, then 1 ms every 16 reads of 64 KB. */
struct reader {
  int fd;
  size_t big;
  int threads, per_thread;
  long slow_ms;
  unsigned char *seen;
  long lines, bad;
};

static void check_one(struct reader *rd, const char *line, size_t len) {
  int t = -1, i = -1, at = 0;
  if (sscanf(line, "::{\"outputs\":{\"t\":%d,\"i\":%d,\"s\":\"%n", &t, &i, &at) != 2 || at == 0 || t < 0 ||
      i < 0 || t >= rd->threads || i >= rd->per_thread) {
    rd->bad++;
    return;
  }
  const size_t n = pad_len(t, i, rd->big);
  const char c = (char)('a' + (t + i) % 26);
  int ok = len == (size_t)at + n + 5 && memcmp(line + at + n, "\"}}::", 5) == 0;
  for (size_t k = 0; ok && k < n; ++k) ok = line[at + k] == c;
  if (!ok) {
    rd->bad++;
    return;
  }
  rd->seen[(size_t)t * rd->per_thread + i]++;
  rd->lines++;
}

static void read_lines(struct reader *rd) {
  size_t cap = 1 << 20, used = 0;
  char *buf = malloc(cap);
  if (rd->slow_ms) sleep_ms(rd->slow_ms);
  for (long reads = 0;; ++reads) {
    if (cap - used < 65536) buf = realloc(buf, cap *= 2);
    const ssize_t n = read(rd->fd, buf + used, 65536);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    used += (size_t)n;
    size_t start = 0;
    for (char *nl; (nl = memchr(buf + start, '\n', used - start)) != NULL;) {
      *nl = 0;
      check_one(rd, buf + start, (size_t)(nl - (buf + start)));
      start = (size_t)(nl - buf) + 1;
    }
    memmove(buf, buf + start, used - start);
    used -= start;
    if (rd->slow_ms && reads % 16 == 0) sleep_ms(1);
  }
  if (used) rd->bad++; /* a last line without its newline */
  free(buf);
}

/* Forks a reader process on the read end of a pipe; it exits 0 when every
 * expected line came exactly once and nothing else did. */
static pid_t spawn_reader(int fds[2], size_t big, int threads, int per_thread, long slow_ms) {
  const pid_t pid = fork();
  if (pid != 0) {
    close(fds[0]);
    return pid;
  }
  close(fds[1]);
  struct reader rd = {fds[0], big, threads, per_thread, slow_ms, calloc((size_t)threads * per_thread, 1),
                      0,      0};
  read_lines(&rd);
  long missing = 0, dup = 0;
  for (long k = 0; k < (long)threads * per_thread; ++k) {
    missing += rd.seen[k] == 0;
    dup += rd.seen[k] > 1;
  }
  fprintf(stderr, "  reader: %ld lines intact, %ld bad, %ld missing, %ld duplicated\n", rd.lines, rd.bad,
          missing, dup);
  _exit(rd.bad || missing || dup ? 1 : 0);
}

static int wait_ok(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) == -1 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* ---- writers ---------------------------------------------------------- */

struct writer {
  int fd, t, count;
  size_t big;
  long written, errors;
  char last_error[256];
};

/* Set by the signals case: writers take SIGUSR1, every other thread blocks it,
 * so the kernel interrupts the writers themselves. */
static int g_writers_take_sigusr1 = 0;

static void *write_lines(void *arg) {
  struct writer *w = arg;
  if (g_writers_take_sigusr1) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  }
  kestra_record *r = kestra_record_new();
  char *scratch = malloc(w->big + 4096);
  for (int i = 0; i < w->count; ++i) {
    kestra_result res = build_line(r, w->t, i, pad_len(w->t, i, w->big), scratch);
    if (!res) res = kestra_record_write(r, w->fd);
    if (res) {
      w->errors++;
      snprintf(w->last_error, sizeof w->last_error, "%s", kestra_record_error(r));
    } else {
      w->written++;
    }
  }
  free(scratch);
  kestra_record_free(r);
  return NULL;
}

/* THREADS writers into a pipe read by a slow reader process. */
static int threads_into_pipe(int threads, int per_thread, size_t big, int nonblock, long slow_ms,
                             long *errors_out) {
  int fds[2];
  if (pipe(fds)) return fail("pipe: %s", strerror(errno));
  const pid_t reader = spawn_reader(fds, big, threads, per_thread, slow_ms);
  if (nonblock) fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
  pthread_t tid[16];
  struct writer w[16];
  for (int t = 0; t < threads; ++t) {
    w[t] = (struct writer){fds[1], t, per_thread, big, 0, 0, ""};
    pthread_create(&tid[t], NULL, write_lines, &w[t]);
  }
  long errors = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(tid[t], NULL);
    errors += w[t].errors;
    if (w[t].errors) fprintf(stderr, "  writer %d: %s\n", t, w[t].last_error);
  }
  close(fds[1]);
  *errors_out = errors;
  return wait_ok(reader) ? 0 : 1;
}

/* ---- cases ------------------------------------------------------------ */

static int case_closed_stdout(void) {
  if (fcntl(1, F_GETFD) != -1) return fail("run me with stdout closed (>&-)");
  kestra_record *r = kestra_record_new();
  char scratch[16];
  build_line(r, 0, 0, 3, scratch);
  const kestra_result res = kestra_record_write(r, 1);
  const char *error = kestra_record_error(r);
  if (res != KESTRA_ERROR_IO || !strstr(error, "EBADF"))
    return fail("expected an io error naming EBADF, got %s: %s", kestra_result_name(res), error);
  char message[256];
  snprintf(message, sizeof message, "%s", error);
  /* The record keeps its line and the process goes on: write it elsewhere. */
  int fds[2];
  if (pipe(fds) || kestra_record_write(r, fds[1]) != KESTRA_OK)
    return fail("the line was not kept for a retry");
  if (kestra_write_line(1, "x\n", 2, KESTRA_WRITE_DEFAULT) != KESTRA_ERROR_IO)
    return fail("kestra_write_line to a closed fd did not fail");
  kestra_record_free(r);
  return pass("io error \"%s\", line kept, process alive", message);
}

static int case_epipe_stdout(void) {
  struct sigaction old;
  sigaction(SIGPIPE, NULL, &old);
  if (old.sa_handler != SIG_DFL) return fail("SIGPIPE must have its default action for this case");
  kestra_record *r = kestra_record_new();
  char scratch[512];
  kestra_result res = KESTRA_OK;
  int i = 0;
  for (; i < 1000000 && res == KESTRA_OK; ++i) {
    build_line(r, 0, i % 100, 200, scratch);
    res = kestra_record_write(r, 1);
  }
  char error[256]; /* kestra_record_error is valid until the next call on r */
  snprintf(error, sizeof error, "%s", kestra_record_error(r));
  if (res != KESTRA_ERROR_IO || !strstr(error, "EPIPE"))
    return fail("expected an io error naming EPIPE, got %s: %s", kestra_result_name(res), error);
  /* Again: still an error, still alive; and no SIGPIPE left pending to kill us later. */
  if (kestra_record_write(r, 1) != KESTRA_ERROR_IO) return fail("a second write did not fail the same way");
  sigset_t pending;
  sigpending(&pending);
  if (sigismember(&pending, SIGPIPE)) return fail("a SIGPIPE was left pending");
  kestra_record_free(r);
  return pass("EPIPE after %d lines (\"%s\"), no SIGPIPE death", i, error);
}

static int case_slow_reader(int nonblock) {
  long errors = 0;
  const int threads = 8, per_thread = 200;
  if (threads_into_pipe(threads, per_thread, 150000, nonblock, 300, &errors) || errors)
    return fail("%ld write errors, or the reader found torn, lost or extra lines", errors);
  return pass("%d lines (every 10th over 150 KB, more than the pipe holds), all intact",
              threads * per_thread);
}

static volatile sig_atomic_t g_signals = 0;
static void on_signal(int sig) {
  (void)sig;
  g_signals++;
}
static volatile int g_stop = 0;
static void *send_signals(void *arg) {
  (void)arg;
  while (!g_stop) {
    kill(getpid(), SIGUSR1);
    struct timespec t = {0, 50000};
    nanosleep(&t, NULL);
  }
  return NULL;
}

static int case_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: blocked writes return EINTR */
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by the sender and the reader */
  g_writers_take_sigusr1 = 1;
  pthread_t sender;
  pthread_create(&sender, NULL, send_signals, NULL);
  long errors = 0;
  const int result = threads_into_pipe(4, 200, 100000, 0, 200, &errors);
  g_stop = 1;
  pthread_join(sender, NULL);
  if (result || errors)
    return fail("%ld write errors, or the reader found torn, lost or extra lines", errors);
  if (g_signals < 100) return fail("only %d signals arrived: the case did not test much", (int)g_signals);
  return pass("800 lines intact while %d signals interrupted the writers", (int)g_signals);
}

static int case_fork(void) {
  const int threads = 4, per_thread = 3000, forks = 40;
  int fds[2];
  if (pipe(fds)) return fail("pipe: %s", strerror(errno));
  /* Threads 0..3 write from the parent; "thread" 4 is the children, one line each. */
  const pid_t reader = spawn_reader(fds, 0, threads + 1, per_thread, 0);
  pthread_t tid[4];
  struct writer w[4];
  for (int t = 0; t < threads; ++t) {
    w[t] = (struct writer){fds[1], t, per_thread, 0, 0, 0, ""};
    pthread_create(&tid[t], NULL, write_lines, &w[t]);
  }
  int child_failures = 0;
  for (int k = 0; k < forks; ++k) {
    const pid_t pid = fork();
    if (pid == 0) {
      /* The child: the write lock must be free even if a thread held it at fork. */
      kestra_record *r = kestra_record_new();
      char scratch[400];
      kestra_result res = build_line(r, threads, k, pad_len(threads, k, 0), scratch);
      if (!res) res = kestra_record_write(r, fds[1]);
      _exit(res ? 1 : 0);
    }
    if (pid < 0 || !wait_ok(pid)) child_failures++;
    sleep_ms(2);
  }
  long errors = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(tid[t], NULL);
    errors += w[t].errors;
  }
  /* Lines the children did not write are "missing" to the reader: fill them in. */
  kestra_record *r = kestra_record_new();
  char scratch[400];
  for (int k = forks; k < per_thread; ++k) {
    build_line(r, threads, k, pad_len(threads, k, 0), scratch);
    errors += kestra_record_write(r, fds[1]) != KESTRA_OK;
  }
  kestra_record_free(r);
  close(fds[1]);
  if (!wait_ok(reader) || errors || child_failures)
    return fail("%d children failed, %ld write errors, or the reader found torn, lost or extra lines",
                child_failures, errors);
  return pass("%d forks while 4 threads wrote; every child wrote its line; all lines intact", forks);
}

/* A checksum of bytes read from fd, computed by a child, sent back on `back`. */
static uint64_t fnv(uint64_t h, const char *p, size_t n) {
  for (size_t k = 0; k < n; ++k) h = (h ^ (unsigned char)p[k]) * 1099511628211ull;
  return h;
}

static int read_checksum(int fd, int back) {
  static char buf[1 << 16];
  uint64_t h = 14695981039346656037ull, total = 0;
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) h = fnv(h, buf, (size_t)n), total += (uint64_t)n;
  uint64_t out[2] = {h, total};
  return write(back, out, sizeof out) == sizeof out ? 0 : 1;
}

static int case_big_payload(void) {
  const size_t part = 10000000, parts = 10; /* 10 strings of 10,000,000: the line is ~100 MB */
  char *s = malloc(part);
  memset(s, 'x', part);
  kestra_record *r = kestra_record_new();
  kestra_result res = kestra_record_begin_outputs(r);
  if (!res) res = kestra_record_begin_object(r, NULL);
  for (size_t k = 0; k < parts && !res; ++k) {
    char key[8];
    snprintf(key, sizeof key, "k%zu", k);
    res = kestra_record_key(r, key, KESTRA_CSTR);
    if (!res) res = kestra_record_string(r, s, part);
  }
  if (!res) res = kestra_record_end_object(r);
  if (!res) res = kestra_record_finish(r);
  if (res) return fail("building the 100 MB line: %s", kestra_record_error(r));
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);

  /* Written whole through a pipe: the reader's checksum is the line's. */
  int data[2], back[2];
  if (pipe(data) || pipe(back)) return fail("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    close(data[1]);
    _exit(read_checksum(data[0], back[1]));
  }
  close(data[0]);
  res = kestra_record_write(r, data[1]);
  close(data[1]);
  uint64_t got[2] = {0, 0};
  if (read(back[0], got, sizeof got) != sizeof got || !wait_ok(pid)) return fail("the reader failed");
  if (res || got[1] != len || got[0] != fnv(14695981039346656037ull, line, len))
    return fail("the 100 MB line did not arrive whole (%s, %llu of %zu bytes)", kestra_result_name(res),
                (unsigned long long)got[1], len);

  /* The same value as a JSON text gives the same bytes. */
  const char *json = line + 13; /* after ::{"outputs": */
  kestra_record *again = kestra_record_new();
  res = kestra_record_begin_outputs(again);
  if (!res) res = kestra_record_json(again, json, len - 13 - 4);
  if (!res) res = kestra_record_finish(again);
  size_t len2 = 0;
  const char *line2 = res ? NULL : kestra_record_line(again, &len2);
  if (!line2 || len2 != len || memcmp(line, line2, len) != 0)
    return fail("the 100 MB JSON text did not read back to the same line: %s", kestra_record_error(again));
  kestra_record_free(again);

  /* One 100 MB string is past the server's 20,000,000 characters: a clear limit error. */
  char *huge = malloc(parts * part);
  memset(huge, 'y', parts * part);
  res = kestra_record_begin_outputs(r);
  if (!res) res = kestra_record_begin_object(r, NULL);
  if (!res) res = kestra_record_key(r, "big", 3);
  if (!res) res = kestra_record_string(r, huge, parts * part);
  if (res != KESTRA_ERROR_LIMIT || kestra_record_line(r, NULL) != NULL)
    return fail("a 100 MB string: expected a limit error, got %s", kestra_result_name(res));
  char message[200];
  snprintf(message, sizeof message, "%s", kestra_record_error(r));
  free(huge);
  free(s);
  kestra_record_free(r);
  return pass("%zu-byte line written whole and read back from JSON; one 100 MB string refused (\"%s\")", len,
              message);
}

static int case_deep(void) {
  const size_t depth = 100000;
  char *text = malloc(6 * depth + 64);
  char report[512] = "";

  /* JSON text: arrays, objects, and an unterminated one, as the outputs value
   * and inside a whole message {"outputs": ...}. */
  static const char *const shapes[] = {"arrays", "objects", "unclosed"};
  for (int shape = 0; shape < 3; ++shape) {
    size_t n = (size_t)sprintf(text, "{\"outputs\":");
    const size_t value_at = n;
    n += (size_t)sprintf(text + n, "{\"a\":");
    for (size_t k = 0; k < depth; ++k) n += (size_t)sprintf(text + n, shape == 1 ? "{\"a\":" : "[");
    text[n++] = '1';
    if (shape != 2)
      for (size_t k = 0; k < depth; ++k) text[n++] = shape == 1 ? '}' : ']';
    text[n++] = '}';
    text[n++] = '}';
    for (int message = 0; message < 2; ++message) {
      kestra_record *r = kestra_record_new();
      kestra_result res = message ? kestra_record_begin_message(r) : kestra_record_begin_outputs(r);
      /* As outputs: the value alone, without the outer {"outputs": and its '}'. */
      if (!res)
        res = message ? kestra_record_json(r, text, n)
                      : kestra_record_json(r, text + value_at, n - value_at - 1);
      if (res != KESTRA_ERROR_DEPTH || kestra_record_line(r, NULL))
        return fail("%zu-deep %s (%s): expected a depth error, got %s: %s", depth, shapes[shape],
                    message ? "message" : "outputs", kestra_result_name(res), kestra_record_error(r));
      if (shape == 0 && !message) snprintf(report, sizeof report, "%s", kestra_record_error(r));
      kestra_record_free(r);
    }
  }

  /* Builder: 100,000 begin_array calls; the 1,000-level limit stops it, and
   * every later call repeats the depth error. */
  kestra_record *r = kestra_record_new();
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, NULL);
  kestra_record_key(r, "a", 1);
  size_t accepted = 0;
  for (size_t k = 0; k < depth; ++k) {
    const kestra_result res = kestra_record_begin_array(r, NULL);
    if (res == KESTRA_OK)
      accepted++;
    else if (res != KESTRA_ERROR_DEPTH)
      return fail("builder: begin_array gave %s", kestra_result_name(res));
  }
  if (accepted != 998 || kestra_record_finish(r) != KESTRA_ERROR_DEPTH)
    return fail("builder: %zu levels accepted (expected 998 under outputs['a'])", accepted);
  kestra_record_free(r);

  /* The line judge on a 100,000-deep line: an answer, not a stack overflow. */
  size_t n = (size_t)sprintf(text, "::{\"outputs\":{\"a\":");
  for (size_t k = 0; k < depth; ++k) text[n++] = '[';
  for (size_t k = 0; k < depth; ++k) text[n++] = ']';
  n += (size_t)sprintf(text + n, "}}::");
  char reason[200];
  const kestra_line_verdict verdict = kestra_check_line(text, n, reason, sizeof reason, NULL);
  if (verdict != KESTRA_LINE_REJECTED)
    return fail("check_line on a 100,000-deep line: verdict %d (%s)", verdict, reason);
  free(text);
  return pass("JSON text and builder refused with a depth error (\"%.80s...\"); check_line rejects", report);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: faults CASE\n");
    return 2;
  }
  g_case = argv[1];
  if (!strcmp(g_case, "closed_stdout")) return case_closed_stdout();
  if (!strcmp(g_case, "epipe_stdout")) return case_epipe_stdout();
  if (!strcmp(g_case, "slow_reader")) return case_slow_reader(0);
  if (!strcmp(g_case, "slow_reader_nb")) return case_slow_reader(1);
  if (!strcmp(g_case, "signals")) return case_signals();
  if (!strcmp(g_case, "fork")) return case_fork();
  if (!strcmp(g_case, "big_payload")) return case_big_payload();
  if (!strcmp(g_case, "deep")) return case_deep();
  return fail("unknown case");
}
