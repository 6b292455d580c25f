// kestra.hpp: a small C++17 API for C++ scripts, header-only over the C ABI.
//
//     #include <kestra/kestra.hpp>
//     kestra::counter("rows", 42, {{"table", "users"}});
//     kestra::timer("load", [&] { load(); });            // seconds, steady clock
//     kestra::Outputs().set("status", "ok").set("ratio", 0.5).emit();
//     kestra::EncryptedOutputs().set("token", token).emit();  // Kestra Enterprise
//     kestra::log(kestra::Level::warn, "disk almost full");
//
// Every call writes one line to stdout (fd 1), or throws kestra::Error naming the
// field when the input is refused; nothing is written then. Exceptions stay on
// this side of the C ABI: the library itself never throws. Text arguments are
// UTF-8 and borrowed for the call (a std::string_view may hold NULs; its data
// must not be NULL unless it is empty). The free functions are safe from any
// thread: each thread has its own record, and lines never interleave.
#ifndef KESTRA_KESTRA_HPP
#define KESTRA_KESTRA_HPP

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "kestra/kestra.h"

namespace kestra {

// A refused call or a failed write: what() is the core's message
// (kestra_record_error), code() the C result (never KESTRA_OK when thrown here).
class Error : public std::runtime_error {
 public:
  // code: the kestra_result of the failure; message: its message, copied.
  Error(kestra_result code, const std::string &message) : std::runtime_error(message), code_(code) {}
  // The kestra_result of the failure (kestra_result_name gives its kind).
  kestra_result code() const noexcept { return code_; }

 private:
  kestra_result code_;
};

// A log level, with the values of kestra_level.
enum class Level {
  trace = KESTRA_LEVEL_TRACE,
  debug = KESTRA_LEVEL_DEBUG,
  info = KESTRA_LEVEL_INFO,
  warn = KESTRA_LEVEL_WARN,
  error = KESTRA_LEVEL_ERROR
};

// A tag or scalar value: text, integer (signed or not), float or boolean.
using Scalar = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;
// Metric tags: key and value pairs, written in the order given.
using Tags = std::initializer_list<std::pair<std::string_view, Scalar>>;

// An owning handle on a kestra_record, for callers that want the bytes. Not
// copyable; one thread at a time.
class Record {
 public:
  // A new empty record. Throws std::bad_alloc when memory is exhausted.
  Record() : handle_(kestra_record_new()) {
    if (!handle_) throw std::bad_alloc();
  }
  // Frees the record; views from line() are invalid afterwards.
  ~Record() { kestra_record_free(handle_); }
  Record(const Record &) = delete;
  Record &operator=(const Record &) = delete;

  // The C handle, still owned by this Record (never NULL), for the calls of kestra.h.
  kestra_record *get() const noexcept { return handle_; }

  // Throws kestra::Error unless `result` (of a call on this record) is
  // KESTRA_OK; the message is then the record's kestra_record_error.
  void check(kestra_result result) const {
    if (result != KESTRA_OK) throw Error(result, kestra_record_error(handle_));
  }

  // Gives `value` as the record's next value (kestra_record_string, _int64,
  // _uint64, _double or _bool). Throws kestra::Error when it is refused.
  void scalar(const Scalar &value) const {
    std::visit([this](auto v) { check(put(v)); }, value);
  }

  // Finishes the record (kestra_record_finish) and returns its line, newline
  // included: a view into the record, valid until the record changes or dies.
  // Throws kestra::Error when the record is not complete or failed.
  std::string_view line() const {
    check(kestra_record_finish(handle_));
    size_t len = 0;
    const char *text = kestra_record_line(handle_, &len);
    return {text, len};
  }

  // Finishes the record if needed and writes its line to `fd` (borrowed, not
  // closed) with kestra_record_write. Throws kestra::Error when the record is not
  // complete or failed, or the write fails (code() KESTRA_ERROR_IO).
  void write(int fd = 1) const { check(kestra_record_write(handle_, fd)); }

 private:
  kestra_result put(std::string_view v) const { return kestra_record_string(handle_, v.data(), v.size()); }
  kestra_result put(std::int64_t v) const { return kestra_record_int64(handle_, v); }
  kestra_result put(std::uint64_t v) const { return kestra_record_uint64(handle_, v); }
  kestra_result put(double v) const { return kestra_record_double(handle_, v); }
  kestra_result put(bool v) const { return kestra_record_bool(handle_, v); }

  kestra_record *handle_;
};

namespace detail {
// One record per thread, reused: no allocation per line once warm.
inline Record &thread_record() {
  thread_local Record record;
  return record;
}

inline void metric(kestra_metric_type type, std::string_view name, const Scalar &value, Tags tags) {
  Record &r = thread_record();
  r.check(kestra_record_begin_metric(r.get(), type, name.data(), name.size()));
  r.scalar(value);
  for (const auto &[key, tag] : tags) {
    r.check(kestra_record_key(r.get(), key.data(), key.size()));
    r.scalar(tag);
  }
  r.write();
}

// Integers stay integers (unsigned ones past INT64_MAX too) and floats stay
// floats on the wire.
template <typename T>
Scalar number(T value) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, "a metric value is a number");
  if constexpr (std::is_floating_point_v<T>)
    return static_cast<double>(value);
  else if constexpr (std::is_unsigned_v<T>)
    return static_cast<std::uint64_t>(value);
  else
    return static_cast<std::int64_t>(value);
}
}  // namespace detail

// Writes a counter: `name` (non-empty), `value` any number type but bool
// (integers stay integers), `tags` as key/value pairs. Throws kestra::Error when
// the core refuses the name, value or a tag (nothing is then written) or the write
// fails.
template <typename T>
void counter(std::string_view name, T value, Tags tags = {}) {
  detail::metric(KESTRA_METRIC_COUNTER, name, detail::number(value), tags);
}

// Writes a gauge; as counter.
template <typename T>
void gauge(std::string_view name, T value, Tags tags = {}) {
  detail::metric(KESTRA_METRIC_GAUGE, name, detail::number(value), tags);
}

// A timer of `seconds` (a number >= 0), or the time `fn()` takes on a steady
// clock (its result is returned). When fn throws, the timer is written with the
// time until the throw and the exception propagates unchanged (kestra.h: the same
// in every language); a failure to write the timer then is not reported over it.
// Otherwise throws kestra::Error as counter does (after fn ran, its result is
// then lost).
template <typename T>
auto timer(std::string_view name, T &&seconds_or_fn, Tags tags = {}) {
  if constexpr (std::is_invocable_v<T>) {
    const auto start = std::chrono::steady_clock::now();
    const auto write = [&] {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      detail::metric(KESTRA_METRIC_TIMER, name, seconds, tags);
    };
    const auto run = [&]() -> decltype(auto) {
      try {
        return std::forward<T>(seconds_or_fn)();
      } catch (...) {
        try {
          write();
        } catch (...) {
        }
        throw;
      }
    };
    if constexpr (std::is_void_v<std::invoke_result_t<T>>) {
      run();
      write();
    } else {
      auto result = run();
      write();
      return result;
    }
  } else {
    detail::metric(KESTRA_METRIC_TIMER, name, detail::number(seconds_or_fn), tags);
  }
}

// Writes one log entry of `level` with `message` (any UTF-8 text). Throws
// kestra::Error when the message is not valid UTF-8 or too long, or the write
// fails.
inline void log(Level level, std::string_view message) {
  Record &r = detail::thread_record();
  r.check(kestra_record_begin_logs(r.get()));
  r.check(kestra_record_log(r.get(), static_cast<kestra_level>(level), message.data(), message.size()));
  r.write();
}

// An outputs object, built key by key; set_json takes any JSON value. Each set
// throws kestra::Error when the core refuses the key or value (invalid UTF-8,
// NaN, ...); the object has then failed and every later call throws the same.
// Keys are not checked for repeats. Not copyable; one thread at a time.
class Outputs {
 public:
  // Starts the object. Throws std::bad_alloc, or kestra::Error with
  // KESTRA_ERROR_NO_MEMORY, when memory is exhausted.
  Outputs() : Outputs(kestra_record_begin_outputs) {}
  // Sets `key` to a string, a C string (must not be NULL), a boolean, null or a
  // number (integers stay integers, unsigned ones too). Returns *this.
  Outputs &set(std::string_view key, std::string_view value) { return put(key, Scalar(value)); }
  Outputs &set(std::string_view key, const char *value) { return put(key, Scalar(std::string_view(value))); }
  Outputs &set(std::string_view key, bool value) { return put(key, Scalar(value)); }
  Outputs &set(std::string_view key, std::nullptr_t) {
    this->key(key);
    record_.check(kestra_record_null(record_.get()));
    return *this;
  }
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>>>
  Outputs &set(std::string_view key, T value) {
    return put(key, detail::number(value));
  }
  // Sets `key` to the value of a strict JSON text, as kestra_record_json reads it
  // (KESTRA_ERROR_SYNTAX and the other refusals thrown as kestra::Error).
  Outputs &set_json(std::string_view key, std::string_view json) {
    this->key(key);
    record_.check(kestra_record_json(record_.get(), json.data(), json.size()));
    return *this;
  }
  // Closes the object and returns the line, newline included, without writing
  // it: a view valid while this Outputs lives and no set follows. Throws
  // kestra::Error as set does. After it (or emit), a set throws kestra::Error.
  std::string_view line() {
    close();
    return record_.line();
  }
  // Closes the object and writes the line to `fd` (borrowed, not closed); may be
  // called again to write it again. Throws kestra::Error as Record::write does.
  void emit(int fd = 1) {
    close();
    record_.write(fd);
  }

 protected:
  // The record is begun by `begin` (kestra_record_begin_outputs or _encrypted_outputs).
  explicit Outputs(kestra_result (*begin)(kestra_record *)) {
    record_.check(begin(record_.get()));
    record_.check(kestra_record_begin_object(record_.get(), nullptr));
  }

 private:
  void key(std::string_view key) { record_.check(kestra_record_key(record_.get(), key.data(), key.size())); }
  Outputs &put(std::string_view key, const Scalar &value) {
    this->key(key);
    record_.scalar(value);
    return *this;
  }
  void close() {
    if (!closed_) record_.check(kestra_record_end_object(record_.get()));
    closed_ = true;
  }
  Record record_;
  bool closed_ = false;
};

// Outputs that Kestra Enterprise stores encrypted: {"encryptedOutputs":{…}}, built
// and checked as Outputs are (errors name "encryptedOutputs['key']"); the open-source
// worker ignores them and keeps the other records.
class EncryptedOutputs : public Outputs {
 public:
  EncryptedOutputs() : Outputs(kestra_record_begin_encrypted_outputs) {}
};

}  // namespace kestra

#endif  // KESTRA_KESTRA_HPP
