// A byte-coded sequence of C ABI calls on one record, for the builder and record
// targets: each op is one byte, followed by its operands. Ops come in any order,
// misuse included, and the checks after each call are the ABI's promises:
//   - a result is a known code; a failed record has a one-line ASCII message
//     and no line, and refuses every further call with the same result;
//   - a finished line passes the line oracle, reads back as a message to the
//     same bytes, and the server-side judge records it;
//   - finish is idempotent, copy_line and write give the very same bytes.
// make_seeds.py writes programs in this encoding: keep the two in step.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "oracle.hpp"

namespace fuzz {

enum Op : uint8_t {
  // values
  kBeginObject,
  kEndObject,
  kBeginArray,
  kEndArray,
  kKey,
  kKeyUtf16,
  kString,
  kStringUtf16,
  kInt64,
  kUint64,
  kIntegerText,
  kDouble,
  kBool,
  kNull,
  kJson,
  kUnsupported,
  kNest,
  kUnnest,
  kFinish,
  kCheckLine,
  kValueOps,  // ops below this one are all the builder target uses
  // records
  kBeginOutputs = kValueOps,
  kBeginAssets,
  kBeginMessage,
  kBeginLogs,
  kBeginMetric,
  kBeginMetricUtf16,
  kTimestamp,
  kDescription,
  kDescriptionUtf16,
  kLog,
  kLogUtf16,
  kLogNamed,
  kReset,
  kCopyLine,
  kWrite,
  kWriteLine,
  kLevels,
  kAllOps
};

// Reads operands off the input; past its end every read gives zeros / empty.
class Input {
 public:
  Input(const uint8_t *data, size_t size) : p_(data), end_(data + size) {}
  bool done() const { return p_ >= end_; }
  uint8_t u8() { return p_ < end_ ? *p_++ : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() | (u8() << 8)); }
  uint64_t u64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(u8()) << (8 * i);
    return v;
  }
  // A byte string: a length byte, then that many bytes.
  std::string bytes() {
    size_t n = u8();
    if (n == 0xff) n = u16();  // occasionally long
    n = std::min<size_t>(n, static_cast<size_t>(end_ - p_));
    std::string s(reinterpret_cast<const char *>(p_), n);
    p_ += n;
    return s;
  }
  std::vector<uint16_t> units() {
    const size_t n = std::min<size_t>(u8(), static_cast<size_t>(end_ - p_) / 2);
    std::vector<uint16_t> v(n);
    for (auto &u : v) u = u16();
    return v;
  }

 private:
  const uint8_t *p_, *end_;
};

// How a text argument is passed: with its length, NUL-terminated, or NULL.
struct TextArg {
  std::string storage;  // the bytes, then a NUL so KESTRA_CSTR works
  const char *ptr;
  size_t len;
};

inline TextArg text_arg(Input &in) {
  const uint8_t how = in.u8();
  TextArg t{in.bytes(), nullptr, 0};
  t.ptr = t.storage.c_str();
  t.len = t.storage.size();
  if (how % 8 == 6) t.len = KESTRA_CSTR;
  if (how % 8 == 7) t.ptr = nullptr;
  return t;
}

struct Utf16Arg {
  std::vector<uint16_t> storage;
  const uint16_t *ptr;
  size_t len;
};

inline Utf16Arg utf16_arg(Input &in) {
  const uint8_t how = in.u8();
  Utf16Arg t{in.units(), nullptr, 0};
  t.len = t.storage.size();
  t.storage.push_back(0);
  t.ptr = t.storage.data();
  if (how % 8 == 6) t.len = KESTRA_CSTR;
  if (how % 8 == 7) t.ptr = nullptr, t.len = 0;
  return t;
}

// Enum arguments: mostly valid, sometimes any other value the enum can hold
// (the header promises those are rejected cleanly). In C++ the enums hold
// 0..0x7fffffff only (their largest enumerator), so negative ints are not tried.
inline int enum_arg(Input &in, int count) {
  const uint8_t b = in.u8();
  if (b < 200) return b % count;
  return static_cast<int>((in.u16() | (static_cast<uint32_t>(in.u16()) << 16)) & 0x7fffffffu);
}

class Program {
 public:
  explicit Program(kestra_record *record) : r_(record) {}

  void run(Input &in, int op_count) {
    while (!in.done()) step(in, static_cast<Op>(in.u8() % op_count));
    check_record_state(r_);
    size_t len = 0;
    if (const char *line = kestra_record_line(r_, &len)) check_line_agreement(line, len);
  }

  void step(Input &in, Op op) {
    const kestra_result before = kestra_record_status(r_);
    const bool failed = before != KESTRA_OK && before != KESTRA_ERROR_IO;
    bool starts_over = false;         // begin_* and reset clear a failure
    bool refused_when_failed = true;  // the call must repeat the failure's result
    kestra_result res = KESTRA_OK;
    static const int identities[3] = {};
    const void *identity = nullptr;

    switch (op) {
      case kBeginObject:
      case kBeginArray: {
        const uint8_t which = in.u8() % 4;
        identity = which ? &identities[which - 1] : nullptr;
        res = op == kBeginObject ? kestra_record_begin_object(r_, identity)
                                 : kestra_record_begin_array(r_, identity);
        break;
      }
      case kEndObject: res = kestra_record_end_object(r_); break;
      case kEndArray: res = kestra_record_end_array(r_); break;
      case kKey: {
        TextArg t = text_arg(in);
        res = kestra_record_key(r_, t.ptr, t.len);
        break;
      }
      case kKeyUtf16: {
        Utf16Arg t = utf16_arg(in);
        res = kestra_record_key_utf16(r_, t.ptr, t.len);
        break;
      }
      case kString: {
        TextArg t = text_arg(in);
        res = kestra_record_string(r_, t.ptr, t.len);
        break;
      }
      case kStringUtf16: {
        Utf16Arg t = utf16_arg(in);
        res = kestra_record_string_utf16(r_, t.ptr, t.len);
        break;
      }
      case kInt64: res = kestra_record_int64(r_, static_cast<int64_t>(in.u64())); break;
      case kUint64: res = kestra_record_uint64(r_, in.u64()); break;
      case kIntegerText: {
        TextArg t = text_arg(in);
        res = kestra_record_integer_text(r_, t.ptr, t.len);
        break;
      }
      case kDouble: {
        const uint64_t bits = in.u64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        res = kestra_record_double(r_, d);
        break;
      }
      case kBool: res = kestra_record_bool(r_, in.u8() - 1); break;
      case kNull: res = kestra_record_null(r_); break;
      case kJson: {
        TextArg t = text_arg(in);
        res = kestra_record_json(r_, t.ptr, t.len);
        break;
      }
      case kUnsupported: {
        // The core copies the type name into the message as given (reported:
        // a non-ASCII or multi-line name makes a non-ASCII message), so only
        // printable ASCII names are fuzzed here.
        std::string name = in.bytes();
        for (char &c : name) c = static_cast<char>(0x20 + static_cast<unsigned char>(c) % 95);
        res = kestra_record_unsupported(r_, in.u8() % 2 ? name.c_str() : nullptr);
        if (!failed)
          require(res == KESTRA_ERROR_TYPE || res == KESTRA_ERROR_USAGE,
                  "unsupported did not fail the record");
        break;
      }
      case kNest:
      case kUnnest: {  // many containers at once, to reach the depth limit
        const unsigned n = 1 + in.u16() % 1099;
        for (unsigned i = 0; i < n && res == KESTRA_OK; ++i)
          res = op == kNest ? kestra_record_begin_array(r_, nullptr) : kestra_record_end_array(r_);
        break;
      }
      case kFinish: res = finish(); break;
      case kCheckLine: refused_when_failed = false; break;

      case kBeginOutputs:
        res = kestra_record_begin_outputs(r_);
        starts_over = true;
        break;
      case kBeginAssets:
        res = kestra_record_begin_assets(r_);
        starts_over = true;
        break;
      case kBeginMessage:
        res = kestra_record_begin_message(r_);
        starts_over = true;
        break;
      case kBeginLogs:
        res = kestra_record_begin_logs(r_);
        starts_over = true;
        break;
      case kBeginMetric: {
        const auto type = static_cast<kestra_metric_type>(enum_arg(in, 3));
        TextArg t = text_arg(in);
        res = kestra_record_begin_metric(r_, type, t.ptr, t.len);
        starts_over = true;
        break;
      }
      case kBeginMetricUtf16: {
        const auto type = static_cast<kestra_metric_type>(enum_arg(in, 3));
        Utf16Arg t = utf16_arg(in);
        res = kestra_record_begin_metric_utf16(r_, type, t.ptr, t.len);
        starts_over = true;
        break;
      }
      case kTimestamp: {
        TextArg t = text_arg(in);
        res = kestra_record_metric_timestamp(r_, t.ptr, t.len);
        break;
      }
      case kDescription: {
        TextArg t = text_arg(in);
        res = kestra_record_metric_description(r_, t.ptr, t.len);
        break;
      }
      case kDescriptionUtf16: {
        Utf16Arg t = utf16_arg(in);
        res = kestra_record_metric_description_utf16(r_, t.ptr, t.len);
        break;
      }
      case kLog: {
        const auto level = static_cast<kestra_level>(enum_arg(in, 5));
        TextArg t = text_arg(in);
        res = kestra_record_log(r_, level, t.ptr, t.len);
        break;
      }
      case kLogUtf16: {
        const auto level = static_cast<kestra_level>(enum_arg(in, 5));
        Utf16Arg t = utf16_arg(in);
        res = kestra_record_log_utf16(r_, level, t.ptr, t.len);
        break;
      }
      case kLogNamed: {
        TextArg level = text_arg(in);
        TextArg message = text_arg(in);
        res = kestra_record_log_named(r_, level.ptr, level.len, message.ptr, message.len);
        break;
      }
      case kReset:
        kestra_record_reset(r_);
        require(kestra_record_status(r_) == KESTRA_OK && *kestra_record_error(r_) == 0,
                "reset left an error");
        require(kestra_record_line(r_, nullptr) == nullptr, "reset left a line");
        starts_over = true;
        break;
      case kCopyLine:
        copy_line(in.u16());
        refused_when_failed = false;
        break;
      case kWrite: res = write(); break;
      case kWriteLine: {
        const unsigned flags = in.u8() % 2 ? KESTRA_WRITE_SIGPIPE_IGNORED : KESTRA_WRITE_DEFAULT;
        const std::string bytes = in.bytes();
        require(kestra_write_line(devnull(), bytes.data(), bytes.size(), flags) == KESTRA_OK,
                "kestra_write_line to /dev/null failed");
        refused_when_failed = false;
        break;
      }
      case kLevels:
        levels(in);
        refused_when_failed = false;
        break;
      default: refused_when_failed = false; break;
    }

    require(known_result(res), "a call returned an unknown result");
    if (failed && !starts_over && refused_when_failed && res != before)
      violation("a failed record accepted a call, or changed its result",
                std::string(kestra_result_name(before)) + " then " + kestra_result_name(res) + ": " +
                    kestra_record_error(r_));
    // A data error always fails the record, so kestra_record_error explains it.
    // (A call in the wrong order on an empty or finished record may return
    // usage and leave the record as it was.)
    if (res != KESTRA_OK && res != KESTRA_ERROR_IO && res != KESTRA_ERROR_USAGE)
      require(kestra_record_status(r_) == res, "a call failed but the record reports another status");
    check_record_state(r_);
  }

 private:
  kestra_result finish() {
    const kestra_result res = kestra_record_finish(r_);
    if (res != KESTRA_OK) return res;
    size_t len = 0;
    const char *line = kestra_record_line(r_, &len);
    require(line != nullptr, "finish succeeded without a line");
    const std::string first(line, len);
    check_line_agreement(line, len);
    require(kestra_record_finish(r_) == KESTRA_OK, "finish is not idempotent");
    line = kestra_record_line(r_, &len);
    require(line && std::string_view(line, len) == first, "a second finish changed the line");
    return res;
  }

  void copy_line(uint16_t cap) {
    size_t len = 0;
    const char *line = kestra_record_line(r_, &len);
    std::vector<char> buffer(cap);
    size_t copied = 99999;
    const kestra_result res = kestra_record_copy_line(r_, cap ? buffer.data() : nullptr, cap, &copied);
    if (!line) return require(res == KESTRA_ERROR_USAGE, "copy_line without a line did not say usage");
    require(copied == len, "copy_line reports another length than kestra_record_line");
    if (cap < len) return require(res == KESTRA_ERROR_BUFFER_TOO_SMALL, "copy_line into a short buffer");
    require(res == KESTRA_OK && std::memcmp(buffer.data(), line, len) == 0, "copy_line copied other bytes");
  }

  // kestra_record_write to /dev/null: the same result as finish, the line kept.
  kestra_result write() {
    const kestra_result res = kestra_record_write(r_, devnull());
    if (res == KESTRA_OK) {
      size_t len = 0;
      const char *line = kestra_record_line(r_, &len);
      require(line != nullptr, "write succeeded but the record has no line");
      check_line_agreement(line, len);
    }
    return res;
  }

  void levels(Input &in) {
    const auto level = static_cast<kestra_level>(enum_arg(in, 5));
    const char *name = kestra_level_name(level);
    require((name != nullptr) == (level >= KESTRA_LEVEL_TRACE && level <= KESTRA_LEVEL_ERROR),
            "kestra_level_name");
    TextArg t = text_arg(in);
    kestra_level parsed = KESTRA_LEVEL_MAX_;
    if (t.ptr && kestra_level_parse(t.ptr, t.len, &parsed) == KESTRA_OK)
      require(kestra_level_name(parsed) != nullptr, "kestra_level_parse gave a level without a name");
    const kestra_level from =
        kestra_level_from_severity(static_cast<int>(in.u16() | (static_cast<uint32_t>(in.u16()) << 16)));
    require(kestra_level_name(from) != nullptr, "kestra_level_from_severity gave a level without a name");
    require(kestra_result_name(static_cast<kestra_result>(enum_arg(in, 12))) != nullptr,
            "kestra_result_name");
  }

  static int devnull() {
    static const int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    return fd;
  }

  kestra_record *r_;
};

}  // namespace fuzz
