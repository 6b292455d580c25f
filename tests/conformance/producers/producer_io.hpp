// Shared by the C and C++ producers (see ../README.md, "Cross-language runner"): what a
// call writes to fd 1 is captured in a temporary file, and each vector's outcome is
// printed as one JSON line on the real stdout:
//   {"file":"metrics.json","index":3,"line":"::{...}::"}        the bytes written, minus "\n"
//   {"file":...,"index":...,"error":{"kind":"value","message":"counter 'rows' value: ..."}}
//   {"file":...,"index":...,"not_expressible":"why"}
// plus "problem" when the call misbehaved (no newline, wrote something and failed).
#ifndef KESTRA_CONFORMANCE_PRODUCER_IO_HPP
#define KESTRA_CONFORMANCE_PRODUCER_IO_HPP

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#include "vector_calls.hpp"

namespace producer {

// A JSON string holding the bytes as they are (escaping only what JSON requires).
inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// fd 1 points into a temporary file for the whole run; results go to a copy of the
// original stdout.
class Capture {
 public:
  Capture() {
    std::fflush(stdout);
    out_ = ::fdopen(::dup(1), "w");
    file_ = std::tmpfile();
    if (!out_ || !file_ || ::dup2(::fileno(file_), 1) < 0) throw std::runtime_error("cannot capture fd 1");
  }
  ~Capture() { std::fclose(out_); }

  void reset() {
    if (::ftruncate(1, 0) != 0 || ::lseek(1, 0, SEEK_SET) != 0) throw std::runtime_error("cannot reset fd 1");
  }

  // Everything written to fd 1 since reset().
  std::string taken() const {
    std::string data;
    char buf[65536];
    for (off_t at = 0;;) {
      const ssize_t n = ::pread(1, buf, sizeof buf, at);
      if (n < 0) throw std::runtime_error("cannot read the captured output");
      if (n == 0) return data;
      data.append(buf, static_cast<std::size_t>(n));
      at += n;
    }
  }

  void line(const std::string &file, std::size_t index, std::string_view written) {
    std::string problem;
    if (written.empty() || written.back() != '\n')
      problem = "the line does not end with a newline";
    else
      written.remove_suffix(1);
    if (written.find('\n') != std::string_view::npos) problem = "more than one line written";
    put(file, index,
        "\"line\":" + json_string(written) + (problem.empty() ? "" : ",\"problem\":" + json_string(problem)));
  }

  void error(const std::string &file, std::size_t index, std::string_view kind, std::string_view message,
             std::string_view written) {
    put(file, index,
        "\"error\":{\"kind\":" + json_string(kind) + ",\"message\":" + json_string(message) + "}" +
            (written.empty() ? ""
                             : ",\"problem\":" + json_string("failed but wrote " + std::string(written))));
  }

  void not_expressible(const std::string &file, std::size_t index, std::string_view why) {
    put(file, index, "\"not_expressible\":" + json_string(why));
  }

 private:
  void put(const std::string &file, std::size_t index, const std::string &rest) {
    std::fprintf(out_, "{\"file\":%s,\"index\":%zu,%s}\n", json_string(file).c_str(), index, rest.c_str());
  }

  std::FILE *out_ = nullptr;
  std::FILE *file_ = nullptr;
};

// The producer's main: `each(capture, vector, file)` for every vector of VECTORS_DIR
// (argv[1]), with fd 1 captured and reset before each.
template <typename F>
int run_all(int argc, char **argv, const char *name, F each) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s VECTORS_DIR\n", name);
    return 2;
  }
  try {
    Capture capture;
    const kestra_vectors::VectorSet set = kestra_vectors::load_vectors(argv[1]);
    for (const kestra_vectors::Vector &v : set.vectors) {
      if (!v.problem.empty()) throw std::runtime_error(v.name + ": " + v.problem);
      capture.reset();
      each(capture, v, v.area + ".json");
    }
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s: %s\n", name, e.what());
    return 1;
  }
  return 0;
}

}  // namespace producer

#endif  // KESTRA_CONFORMANCE_PRODUCER_IO_HPP
