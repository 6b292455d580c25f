/* The floor under any library that writes each record at once: a C loop that
 * does nothing but write(2) the finished counter line, with no JavaScript and
 * no formatting. `write_floor SECONDS` times it as worker.js times a library
 * (a warm-up, then SECONDS of calls) and reports {"rate": calls/second} on
 * stderr. bench.js runs it beside the official package's counter: their ratio
 * is the most any such library could reach. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char LINE[] =
    "::{\"metrics\":[{\"name\":\"rows\",\"type\":\"counter\",\"value\":1,\"tags\":{\"table\":\"users\"}}]}::"
    "\n";

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One whole line, as the core writes it: short writes continued, a full
 * non-blocking pipe waited out. */
static void write_line(void) {
  const char *p = LINE;
  size_t left = sizeof LINE - 1;
  while (left > 0) {
    ssize_t n = write(1, p, left);
    if (n >= 0) {
      p += n;
      left -= (size_t)n;
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      struct pollfd out = {.fd = 1, .events = POLLOUT};
      poll(&out, 1, -1);
    } else if (errno != EINTR) {
      perror("write_floor: write");
      exit(1);
    }
  }
}

/* Calls per second over `seconds`, the clock read every 64 calls (as worker.js). */
static double measure(double seconds) {
  double start = now();
  long calls = 0;
  for (;;) {
    write_line();
    calls++;
    if ((calls & 63) == 0 && now() - start >= seconds) break;
  }
  return (double)calls / (now() - start);
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 1.0;
  if (seconds <= 0) {
    fprintf(stderr, "usage: write_floor SECONDS\n");
    return 2;
  }
  measure(seconds / 3 < 0.3 ? seconds / 3 : 0.3); /* warm-up, as worker.js */
  fprintf(stderr, "{\"rate\":%f}\n", measure(seconds));
  return 0;
}
