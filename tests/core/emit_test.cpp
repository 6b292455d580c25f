// Writing lines: one line per record, whole, from any number of threads, with
// clear errors for a closed descriptor or a gone reader, and no SIGPIPE death.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "kestra/kestra.h"

namespace {

struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    if (read_end >= 0) close(read_end);
    if (write_end >= 0) close(write_end);
  }
  void close_write() {
    close(write_end);
    write_end = -1;
  }
  void close_read() {
    close(read_end);
    read_end = -1;
  }
};

std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Reads until at least `n` bytes came (or the writer closed).
std::string read_all_until(int fd, size_t n) {
  std::string out;
  char buf[65536];
  while (out.size() < n) {
    const ssize_t got = read(fd, buf, sizeof buf);
    if (got > 0)
      out.append(buf, static_cast<size_t>(got));
    else if (got == 0 || errno != EINTR)
      break;
  }
  return out;
}

void make_counter(kestra_record *r, const char *name, int64_t value) {
  ASSERT_EQ(kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, name, KESTRA_CSTR), KESTRA_OK);
  ASSERT_EQ(kestra_record_int64(r, value), KESTRA_OK);
}

TEST(Emit, WritesTheLineToTheDescriptor) {
  Pipe p;
  kestra_record *r = kestra_record_new();
  make_counter(r, "rows", 7);
  ASSERT_EQ(kestra_record_write(r, p.write_end), KESTRA_OK);
  kestra_record_free(r);
  p.close_write();
  EXPECT_EQ(read_all(p.read_end),
            "::{\"metrics\":[{\"name\":\"rows\",\"type\":\"counter\",\"value\":7,\"tags\":{}}]}::\n");
}

TEST(Emit, ABadRecordWritesNothing) {
  Pipe p;
  kestra_record *r = kestra_record_new();
  kestra_record_begin_metric(r, KESTRA_METRIC_TIMER, "t", KESTRA_CSTR);
  kestra_record_double(r, -1.0);
  EXPECT_EQ(kestra_record_write(r, p.write_end), KESTRA_ERROR_VALUE);
  kestra_record_free(r);
  p.close_write();
  EXPECT_EQ(read_all(p.read_end), "");
}

TEST(Emit, ClosedDescriptorIsEBADF) {
  Pipe p;
  const int fd = p.write_end;
  p.close_write();
  kestra_record *r = kestra_record_new();
  make_counter(r, "rows", 1);
  EXPECT_EQ(kestra_record_write(r, fd), KESTRA_ERROR_IO);
  EXPECT_NE(std::string(kestra_record_error(r)).find("EBADF"), std::string::npos) << kestra_record_error(r);
  EXPECT_NE(kestra_record_line(r, nullptr), nullptr) << "the line is kept for a retry";
  kestra_record_free(r);
}

// A failed write fails nothing but that write: the record keeps its line, and a
// retry that succeeds clears the write's error (status KESTRA_OK, message "").
TEST(Emit, ASuccessfulRetryClearsTheWriteError) {
  Pipe closed;
  const int bad_fd = closed.write_end;
  closed.close_write();
  Pipe p;
  kestra_record *r = kestra_record_new();
  make_counter(r, "rows", 1);
  ASSERT_EQ(kestra_record_write(r, bad_fd), KESTRA_ERROR_IO);
  EXPECT_EQ(kestra_record_status(r), KESTRA_ERROR_IO);
  ASSERT_EQ(kestra_record_write(r, p.write_end), KESTRA_OK);
  EXPECT_EQ(kestra_record_status(r), KESTRA_OK);
  EXPECT_STREQ(kestra_record_error(r), "");
  // The next failure is reported afresh, and a begin clears it as well.
  ASSERT_EQ(kestra_record_write(r, bad_fd), KESTRA_ERROR_IO);
  EXPECT_NE(std::string(kestra_record_error(r)).find("EBADF"), std::string::npos);
  make_counter(r, "rows", 2);
  EXPECT_EQ(kestra_record_status(r), KESTRA_OK);
  EXPECT_STREQ(kestra_record_error(r), "");
  kestra_record_free(r);
  p.close_write();
  EXPECT_EQ(read_all(p.read_end),
            "::{\"metrics\":[{\"name\":\"rows\",\"type\":\"counter\",\"value\":1,\"tags\":{}}]}::\n");
}

TEST(Emit, GoneReaderIsEPIPEAndTheProcessLives) {
  // SIGPIPE keeps its default action (terminate) here: the write must not raise it.
  struct sigaction old {
  }, dfl{};
  dfl.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &dfl, &old);
  Pipe p;
  p.close_read();
  kestra_record *r = kestra_record_new();
  make_counter(r, "rows", 1);
  EXPECT_EQ(kestra_record_write(r, p.write_end), KESTRA_ERROR_IO);
  EXPECT_NE(std::string(kestra_record_error(r)).find("EPIPE"), std::string::npos);
  kestra_record_free(r);
  sigset_t pending;
  sigpending(&pending);
  EXPECT_FALSE(sigismember(&pending, SIGPIPE)) << "our SIGPIPE was consumed";
  sigaction(SIGPIPE, &old, nullptr);
}

TEST(Emit, ThreadsNeverInterleaveLines) {
  constexpr int kThreads = 8, kPerThread = 100000;
  Pipe p;
  std::string received;
  std::thread reader([&] { received = read_all(p.read_end); });
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      kestra_record *r = kestra_record_new();
      const std::string name = "thread" + std::to_string(t);
      for (int i = 0; i < kPerThread; ++i) {
        kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, name.c_str(), KESTRA_CSTR);
        kestra_record_int64(r, i);
        if (kestra_record_write(r, p.write_end) != KESTRA_OK) ++failures;
      }
      kestra_record_free(r);
    });
  }
  for (auto &w : writers) w.join();
  p.close_write();
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<int> next(kThreads, 0);
  size_t start = 0, lines = 0;
  const std::string prefix = "::{\"metrics\":[{\"name\":\"thread";
  while (start < received.size()) {
    const size_t end = received.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = received.substr(start, end - start);
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    const int t = line[prefix.size()] - '0';
    const std::string expected = prefix + std::to_string(t) +
                                 "\",\"type\":\"counter\",\"value\":" + std::to_string(next[t]) +
                                 ",\"tags\":{}}]}::";
    ASSERT_EQ(line, expected);
    ++next[t];
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, static_cast<size_t>(kThreads) * kPerThread);
}

TEST(Emit, NonBlockingFullPipeWaitsForASlowReader) {
  Pipe p;
  fcntl(p.write_end, F_SETFL, fcntl(p.write_end, F_GETFL) | O_NONBLOCK);
  const std::string big(1 << 20, 'x');  // much larger than the 64 KiB pipe buffer
  kestra_record *r = kestra_record_new();
  kestra_record_begin_logs(r);
  kestra_record_log(r, KESTRA_LEVEL_INFO, big.data(), big.size());
  std::string received;
  std::thread reader([&] {
    usleep(50000);  // slow to start: the writer meets EAGAIN first
    received = read_all(p.read_end);
  });
  EXPECT_EQ(kestra_record_write(r, p.write_end), KESTRA_OK);
  p.close_write();
  reader.join();
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  EXPECT_EQ(received, std::string(line, len));
  kestra_record_free(r);
}

void on_alarm(int) {}

TEST(Emit, SignalsInterruptingAWriteDoNotTearTheLine) {
  struct sigaction sa {
  }, old{};
  sa.sa_handler = on_alarm;  // no SA_RESTART: write() returns EINTR or a short count
  sigaction(SIGALRM, &sa, &old);
  Pipe p;
  const std::string big(4 << 20, 'y');
  kestra_record *r = kestra_record_new();
  kestra_record_begin_logs(r);
  kestra_record_log(r, KESTRA_LEVEL_INFO, big.data(), big.size());
  std::string received;
  std::thread reader([&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(p.read_end, buf, sizeof buf)) != 0) {
      if (n > 0) received.append(buf, static_cast<size_t>(n));
      usleep(100);  // slow reader: the writer blocks and is interrupted
    }
  });
  const pthread_t writer = pthread_self();
  std::atomic<bool> done{false};
  std::thread interrupter([&] {
    while (!done) {
      pthread_kill(writer, SIGALRM);
      usleep(1000);
    }
  });
  EXPECT_EQ(kestra_record_write(r, p.write_end), KESTRA_OK);
  done = true;
  interrupter.join();
  p.close_write();
  reader.join();
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  EXPECT_EQ(received.size(), len);
  EXPECT_TRUE(received == std::string(line, len));
  kestra_record_free(r);
  sigaction(SIGALRM, &old, nullptr);
}

// Fills a pipe until a write would block, so the next blocking write(2) waits
// with nothing transferred: a signal then makes it return EINTR, always.
size_t fill_pipe(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  const std::string chunk(4096, 'f');
  size_t filled = 0;
  for (;;) {
    const ssize_t n = write(fd, chunk.data(), chunk.size());
    if (n > 0) {
      filled += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EAGAIN) {
      if (write(fd, chunk.data(), 1) == 1) {
        ++filled;
        continue;
      }  // the last partial page
      break;
    }
    ADD_FAILURE() << "filling the pipe: " << std::strerror(errno);
    break;
  }
  fcntl(fd, F_SETFL, flags);
  return filled;
}

// The number of the system call thread `tid` is blocked in, or -1 (running).
long blocked_syscall(pid_t tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%d/syscall", static_cast<int>(tid));
  FILE *f = std::fopen(path, "r");
  if (!f) return -2;
  long nr = -1;
  if (std::fscanf(f, "%ld", &nr) != 1) nr = -1;
  std::fclose(f);
  return nr;
}

std::atomic<int> alarms_seen{0};
void count_alarm(int) { alarms_seen.fetch_add(1); }

// Unlike the test above, this one cannot pass by luck: the writer is known to be
// blocked in write(2) with nothing written when the signal comes, so the call
// returns EINTR and only a retry keeps the record from failing.
TEST(Emit, EintrOnABlockedWriteIsRetried) {
  struct sigaction sa {
  }, old{};
  sa.sa_handler = count_alarm;  // no SA_RESTART
  sigaction(SIGALRM, &sa, &old);
  alarms_seen = 0;
  Pipe p;
  const size_t filler = fill_pipe(p.write_end);
  kestra_record *r = kestra_record_new();
  make_counter(r, "rows", 1);
  std::atomic<pid_t> writer_tid{0};
  kestra_result result = KESTRA_ERROR_USAGE;
  std::thread writer([&] {
    writer_tid = static_cast<pid_t>(syscall(SYS_gettid));
    result = kestra_record_write(r, p.write_end);
  });
  while (writer_tid == 0) std::this_thread::yield();
  // The event to wait for: the writer thread inside write(2) on the full pipe.
  long nr = -1;
  while ((nr = blocked_syscall(writer_tid)) != SYS_write) {
    ASSERT_NE(nr, -2) << "/proc/self/task/N/syscall is not readable here";
    std::this_thread::yield();
  }
  pthread_kill(writer.native_handle(), SIGALRM);
  while (alarms_seen == 0) std::this_thread::yield();
  // Drain the filler: a retrying writer then finishes; a failed one has returned.
  std::string received = read_all_until(p.read_end, filler);
  writer.join();
  p.close_write();
  received += read_all(p.read_end);
  EXPECT_EQ(result, KESTRA_OK) << kestra_record_error(r);
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  ASSERT_EQ(received.size(), filler + len);
  EXPECT_TRUE(received.compare(filler, len, line, len) == 0) << "the line after the filler is torn";
  kestra_record_free(r);
  sigaction(SIGALRM, &old, nullptr);
}

TEST(Emit, ForkAfterFirstUseKeepsWorking) {
  Pipe p;
  kestra_record *r = kestra_record_new();
  make_counter(r, "parent", 1);
  ASSERT_EQ(kestra_record_write(r, p.write_end), KESTRA_OK);
  std::atomic<bool> stop{false};
  std::thread busy([&] {  // another thread writing while we fork
    kestra_record *b = kestra_record_new();
    make_counter(b, "busy", 1);
    int devnull = open("/dev/null", O_WRONLY);
    while (!stop) kestra_record_write(b, devnull);
    close(devnull);
    kestra_record_free(b);
  });
  const pid_t child = fork();
  if (child == 0) {
    kestra_record *c = kestra_record_new();
    kestra_record_begin_metric(c, KESTRA_METRIC_COUNTER, "child", KESTRA_CSTR);
    kestra_record_int64(c, 2);
    _exit(kestra_record_write(c, p.write_end) == KESTRA_OK ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  stop = true;
  busy.join();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  kestra_record_free(r);
  p.close_write();
  const std::string out = read_all(p.read_end);
  EXPECT_NE(out.find("\"name\":\"parent\""), std::string::npos);
  EXPECT_NE(out.find("\"name\":\"child\""), std::string::npos);
}

TEST(Emit, WriteLineWritesExactBytes) {
  Pipe p;
  const std::string line = "::{\"outputs\":{}}::\n";
  ASSERT_EQ(kestra_write_line(p.write_end, line.data(), line.size(), KESTRA_WRITE_DEFAULT), KESTRA_OK);
  p.close_write();
  EXPECT_EQ(read_all(p.read_end), line);
}

TEST(Emit, WriteLineLeavesErrnoForTheBinding) {
  // A binding whose runtime ignores SIGPIPE skips the guard and reads errno.
  struct sigaction old {
  }, ign{};
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &old);
  Pipe p;
  p.close_read();
  errno = 0;
  EXPECT_EQ(kestra_write_line(p.write_end, "x\n", 2, KESTRA_WRITE_SIGPIPE_IGNORED), KESTRA_ERROR_IO);
  EXPECT_EQ(errno, EPIPE);
  sigaction(SIGPIPE, &old, nullptr);
}

}  // namespace
