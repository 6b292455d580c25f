// Stress writer (C ABI): THREADS threads each write N outputs lines to stdout,
// {"p":P,"t":T,"i":I,"s":PAYLOAD}, so check_stream.py can tell every line's
// exact expected bytes. Usage: stress_writer P THREADS N
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "kestra/kestra.h"

namespace {

// The payload of line (p, t, i): the same rule in every writer and the checker.
// Every 1000th line is 4,000 bytes: close to PIPE_BUF, the most the kernel
// writes atomically into a pipe shared by several processes.
std::string payload(long p, long t, long i) {
  const long len = i % 1000 == 999 ? 4000 : (p * 131 + t * 31 + i * 7) % 200;
  return std::string(static_cast<size_t>(len), static_cast<char>('a' + (p + t + i) % 26));
}

bool write_one(kestra_record *r, long p, long t, long i) {
  const std::string s = payload(p, t, i);
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "p", 1);
  kestra_record_int64(r, p);
  kestra_record_key(r, "t", 1);
  kestra_record_int64(r, t);
  kestra_record_key(r, "i", 1);
  kestra_record_int64(r, i);
  kestra_record_key(r, "s", 1);
  kestra_record_string(r, s.data(), s.size());
  kestra_record_end_object(r);
  if (kestra_record_write(r, 1) == KESTRA_OK) return true;
  std::fprintf(stderr, "stress_writer: %s\n", kestra_record_error(r));
  return false;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: stress_writer P THREADS N\n");
    return 2;
  }
  const long p = std::atol(argv[1]), threads = std::atol(argv[2]), n = std::atol(argv[3]);
  std::vector<std::thread> pool;
  std::vector<int> ok(static_cast<size_t>(threads), 1);
  for (long t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      kestra_record *r = kestra_record_new();
      for (long i = 0; i < n && ok[t]; ++i) ok[t] = write_one(r, p, t, i);
      kestra_record_free(r);
    });
  for (auto &th : pool) th.join();
  for (int v : ok)
    if (!v) return 1;
  return 0;
}
