// Turns the shared vectors (tests/vectors/*.json, format in tests/vectors/README.md) into
// calls of the C ABI. Used by tests/core/vectors_test.cpp (the GoogleTest suite) and by
// the conformance runner's C producer (tests/conformance/producers/c_producer.cpp).
// Needs simdjson to read the files; only the public header kestra.h of the core.
//
// How each call maps onto kestra.h:
//   outputs       begin_outputs, then the value calls
//   encrypted_outputs  begin_encrypted_outputs, then the value calls
//   assets        begin_assets, then the value calls
//   format        begin_message, then the value calls
//   outputs_json  begin_outputs, then kestra_record_json
//   counter/timer/gauge  begin_metric(name), the value, key/value per tag, then
//                 metric_timestamp and metric_description from "options"
//   log/logs      begin_logs, then kestra_record_log_named per entry (the core
//                 refuses an unknown level name: "logs[N] level: ...").
// Special values: $float -> strtod + kestra_record_double; $int ->
// kestra_record_integer_text; $utf16 -> the *_utf16 calls; $bytes -> the raw bytes;
// $nest -> nested begin_array; $cycle -> begin_object twice with one identity.
// Every text argument has a UTF-16 twin in the ABI: a $utf16 metric name,
// timestamp, description, log message or JSON text goes through it as it is.
#ifndef KESTRA_TESTS_VECTOR_CALLS_HPP
#define KESTRA_TESTS_VECTOR_CALLS_HPP

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kestra/kestra.h"

namespace kestra_vectors {

namespace dom = simdjson::dom;

// ---- loading the vector files ----------------------------------------------------

struct Vector {
  std::string area;
  std::size_t index = 0;
  std::string name;
  dom::element json;    // points into a parser kept alive by its VectorSet
  std::string problem;  // set when the file itself could not be read
};

[[noreturn]] inline void malformed(const std::string &what) {
  throw std::runtime_error("malformed vector: " + what);
}

template <typename T>
T must(simdjson::simdjson_result<T> result, const char *what) {
  T value;
  if (std::move(result).get(value)) malformed(what);
  return value;
}

// The vectors of every *.json file of a folder, in file order. Each file keeps its own
// parser, since a simdjson DOM lives in the parser that built it.
struct VectorSet {
  std::vector<std::unique_ptr<dom::parser>> parsers;
  std::vector<Vector> vectors;
};

inline VectorSet load_vectors(const std::filesystem::path &dir) {
  VectorSet set;
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto &file : files) {
    const std::string area = file.stem().string();
    set.parsers.push_back(std::make_unique<dom::parser>());
    dom::element doc;
    dom::array list;
    if (auto error = set.parsers.back()->load(file.string()).get(doc)) {
      set.vectors.push_back({area, 0, file.filename().string(), {}, simdjson::error_message(error)});
      continue;
    }
    if (doc["vectors"].get(list)) {
      set.vectors.push_back({area, 0, file.filename().string(), {}, "no \"vectors\" array"});
      continue;
    }
    std::size_t index = 0;
    for (dom::element v : list) {
      std::string_view name;
      if (v["name"].get(name)) name = "(no name)";
      set.vectors.push_back({area, index++, std::string(name), v, {}});
    }
  }
  return set;
}

// ---- reading values ----------------------------------------------------------------

// The one "$form" key of a special value, or "" for any other value.
inline std::string_view special_form(dom::element v) {
  dom::object obj;
  if (v.get(obj) || obj.size() != 1) return {};
  for (dom::key_value_pair kv : obj)
    if (!kv.key.empty() && kv.key[0] == '$') return kv.key;
  return {};
}

inline dom::element special_payload(dom::element v) { return must(v.get_object(), "object").begin().value(); }

inline std::string hex_bytes(std::string_view hex) {
  if (hex.size() % 2) malformed("odd $bytes length");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

inline std::vector<std::uint16_t> utf16_units(dom::element payload) {
  std::vector<std::uint16_t> units;
  for (dom::element u : must(payload.get_array(), "$utf16 array"))
    units.push_back(static_cast<std::uint16_t>(must(u.get_int64(), "$utf16 unit")));
  return units;
}

// UTF-16 to UTF-8, lone surrogates written as their own 3-byte form (not valid UTF-8).
inline std::string generalized_utf8(const std::vector<std::uint16_t> &units) {
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    std::uint32_t cp = units[i];
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < units.size() && units[i + 1] >= 0xdc00 &&
        units[i + 1] <= 0xdfff)
      cp = 0x10000 + ((cp - 0xd800) << 10) + (units[++i] - 0xdc00);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }
  return out;
}

// A text argument (plain string, $bytes or $utf16) as the bytes to hand to a UTF-8 call.
inline std::string text_bytes(dom::element v) {
  std::string_view s;
  if (!v.get(s)) return std::string(s);
  const std::string_view form = special_form(v);
  if (form == "$bytes") return hex_bytes(must(special_payload(v).get_string(), "$bytes text"));
  if (form == "$utf16") return generalized_utf8(utf16_units(special_payload(v)));
  malformed("expected a string");
}

// A text argument (plain string or $utf16) as UTF-16 units for a *_utf16 call.
inline std::vector<std::uint16_t> text_units(dom::element v) {
  if (special_form(v) == "$utf16") return utf16_units(special_payload(v));
  std::string_view s;
  if (v.get(s)) malformed("expected a string or $utf16 next to a $utf16 text");
  std::vector<std::uint16_t> units;
  for (std::size_t i = 0; i < s.size();) {  // a JSON string: valid UTF-8
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : c & (0x3f >> (n - 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += static_cast<std::size_t>(n);
    if (cp >= 0x10000) {
      units.push_back(static_cast<std::uint16_t>(0xd800 + ((cp - 0x10000) >> 10)));
      units.push_back(static_cast<std::uint16_t>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
    } else {
      units.push_back(static_cast<std::uint16_t>(cp));
    }
  }
  return units;
}

// ---- driving the C ABI -------------------------------------------------------------

struct RecordDeleter {
  void operator()(kestra_record *r) const { kestra_record_free(r); }
};
using RecordPtr = std::unique_ptr<kestra_record, RecordDeleter>;

// The result of one vector's calls.
struct Outcome {
  RecordPtr record;
  kestra_result result = KESTRA_OK;
  std::string message;
};

class Runner {
 public:
  explicit Runner(kestra_record *r) : r_(r) {}

  // Feeds one args value as the next value of the record. Results are not checked
  // here: a failed record refuses every later call with the same result, and
  // kestra_record_finish reports it.
  void value(dom::element v) {
    const std::string_view form = special_form(v);
    if (!form.empty()) return special(form, special_payload(v));
    switch (v.type()) {
      case dom::element_type::ARRAY:
        kestra_record_begin_array(r_, new_identity());
        for (dom::element x : must(v.get_array(), "array")) value(x);
        kestra_record_end_array(r_);
        break;
      case dom::element_type::OBJECT:
        kestra_record_begin_object(r_, new_identity());
        members(must(v.get_object(), "object"));
        kestra_record_end_object(r_);
        break;
      case dom::element_type::INT64: kestra_record_int64(r_, must(v.get_int64(), "int64")); break;
      case dom::element_type::UINT64: kestra_record_uint64(r_, must(v.get_uint64(), "uint64")); break;
      case dom::element_type::DOUBLE: kestra_record_double(r_, must(v.get_double(), "double")); break;
      case dom::element_type::STRING: {
        const std::string_view s = must(v.get_string(), "string");
        kestra_record_string(r_, s.data(), s.size());
        break;
      }
      case dom::element_type::BOOL: kestra_record_bool(r_, must(v.get_bool(), "bool") ? 1 : 0); break;
      case dom::element_type::NULL_VALUE: kestra_record_null(r_); break;
    }
  }

  // Key/value pairs into the open object (or the tags of a metric).
  void members(dom::object obj) {
    for (dom::key_value_pair kv : obj) {
      kestra_record_key(r_, kv.key.data(), kv.key.size());
      value(kv.value);
    }
  }

 private:
  void special(std::string_view form, dom::element payload) {
    if (form == "$float") {
      const std::string text(must(payload.get_string(), "$float text"));
      kestra_record_double(r_, std::strtod(text.c_str(), nullptr));
    } else if (form == "$int") {
      const std::string_view digits = must(payload.get_string(), "$int text");
      kestra_record_integer_text(r_, digits.data(), digits.size());
    } else if (form == "$utf16") {
      const std::vector<std::uint16_t> units = utf16_units(payload);
      static const std::uint16_t empty = 0;
      kestra_record_string_utf16(r_, units.empty() ? &empty : units.data(), units.size());
    } else if (form == "$bytes") {
      const std::string bytes = hex_bytes(must(payload.get_string(), "$bytes text"));
      kestra_record_string(r_, bytes.data(), bytes.size());
    } else if (form == "$nest") {
      const std::int64_t depth = must(payload["depth"].get_int64(), "$nest depth");
      for (std::int64_t i = 0; i < depth; ++i) kestra_record_begin_array(r_, new_identity());
      value(must(payload["leaf"], "$nest leaf"));
      for (std::int64_t i = 0; i < depth; ++i) kestra_record_end_array(r_);
    } else if (form == "$cycle") {
      // An object holding itself: the same identity opened twice.
      const void *self = new_identity();
      const std::string_view key = must(payload.get_string(), "$cycle key");
      kestra_record_begin_object(r_, self);
      kestra_record_key(r_, key.data(), key.size());
      kestra_record_begin_object(r_, self);
      kestra_record_end_object(r_);
      kestra_record_end_object(r_);
    } else {
      malformed("unknown special form " + std::string(form));
    }
  }

  // A distinct address per container, as a binding passes its language object.
  const void *new_identity() {
    identities_.emplace_back();
    return &identities_.back();
  }

  kestra_record *r_;
  std::deque<char> identities_;  // a deque never moves its elements
};

inline kestra_metric_type metric_type(std::string_view call) {
  if (call == "counter") return KESTRA_METRIC_COUNTER;
  if (call == "timer") return KESTRA_METRIC_TIMER;
  return KESTRA_METRIC_GAUGE;
}

// Calls the UTF-16 twin for a $utf16 text, else the UTF-8 call with its bytes.
template <typename Utf8Call, typename Utf16Call>
void with_text(dom::element v, Utf8Call utf8, Utf16Call utf16) {
  if (special_form(v) == "$utf16") {
    static const std::uint16_t empty = 0;
    const std::vector<std::uint16_t> units = utf16_units(special_payload(v));
    utf16(units.empty() ? &empty : units.data(), units.size());
  } else {
    const std::string bytes = text_bytes(v);
    utf8(bytes.data(), bytes.size());
  }
}

inline void run_metric(kestra_record *r, std::string_view call, dom::array args, dom::element vec) {
  const kestra_metric_type type = metric_type(call);
  with_text(
      must(args.at(0), "metric name"),
      [&](const char *s, std::size_t n) { kestra_record_begin_metric(r, type, s, n); },
      [&](const std::uint16_t *s, std::size_t n) { kestra_record_begin_metric_utf16(r, type, s, n); });
  Runner runner(r);
  runner.value(must(args.at(1), "metric value"));
  dom::object tags;
  if (args.size() > 2 && !must(args.at(2), "tags").get(tags)) runner.members(tags);
  dom::object options;
  if (vec["options"].get(options)) return;
  dom::element option;
  if (!options["timestamp"].get(option)) {  // always before the description
    with_text(
        option, [&](const char *s, std::size_t n) { kestra_record_metric_timestamp(r, s, n); },
        [&](const std::uint16_t *s, std::size_t n) { kestra_record_metric_timestamp_utf16(r, s, n); });
  }
  if (!options["description"].get(option)) {
    with_text(
        option, [&](const char *s, std::size_t n) { kestra_record_metric_description(r, s, n); },
        [&](const std::uint16_t *s, std::size_t n) { kestra_record_metric_description_utf16(r, s, n); });
  }
}

// A level is a name, refused by the core itself when unknown
// (kestra_record_log_named, or its UTF-16 twin for a UTF-16 message), or a
// kestra_level number, which the core refuses outside the enum.
inline void run_logs(kestra_record *r, const std::vector<dom::array> &entries) {
  kestra_record_begin_logs(r);
  for (dom::array pair : entries) {
    std::int64_t number = 0;
    if (!must(pair.at(0), "level").get(number)) {
      const auto level = static_cast<kestra_level>(number);
      with_text(
          must(pair.at(1), "message"),
          [&](const char *s, std::size_t n) { kestra_record_log(r, level, s, n); },
          [&](const std::uint16_t *s, std::size_t n) { kestra_record_log_utf16(r, level, s, n); });
      continue;
    }
    // A level name of any form ($bytes, $utf16 too): a UTF-16 name or message
    // goes through the UTF-16 twin with both in UTF-16.
    const dom::element level_arg = must(pair.at(0), "level");
    const dom::element message_arg = must(pair.at(1), "message");
    if (special_form(level_arg) == "$utf16" || special_form(message_arg) == "$utf16") {
      const std::vector<std::uint16_t> level16 = text_units(level_arg), message16 = text_units(message_arg);
      static const std::uint16_t empty = 0;
      kestra_record_log_named_utf16(r, level16.empty() ? &empty : level16.data(), level16.size(),
                                    message16.empty() ? &empty : message16.data(), message16.size());
      continue;
    }
    const std::string level_name = text_bytes(level_arg), message = text_bytes(message_arg);
    kestra_record_log_named(r, level_name.data(), level_name.size(), message.data(), message.size());
  }
}

inline Outcome run(dom::element vec) {
  Outcome out;
  out.record.reset(kestra_record_new());
  if (!out.record) throw std::runtime_error("kestra_record_new failed");
  kestra_record *r = out.record.get();
  const std::string_view call = must(vec["call"].get_string(), "call");
  const dom::array args = must(vec["args"].get_array(), "args");
  Runner runner(r);
  if (call == "outputs" || call == "encrypted_outputs" || call == "assets" || call == "format") {
    if (call == "outputs")
      kestra_record_begin_outputs(r);
    else if (call == "encrypted_outputs")
      kestra_record_begin_encrypted_outputs(r);
    else if (call == "assets")
      kestra_record_begin_assets(r);
    else
      kestra_record_begin_message(r);
    runner.value(must(args.at(0), "value"));
  } else if (call == "outputs_json") {
    kestra_record_begin_outputs(r);
    with_text(
        must(args.at(0), "JSON text"), [&](const char *s, std::size_t n) { kestra_record_json(r, s, n); },
        [&](const std::uint16_t *s, std::size_t n) {
          kestra_record_json_utf16(r, s, n, KESTRA_JSON_DEFAULT);
        });
  } else if (call == "counter" || call == "timer" || call == "gauge") {
    run_metric(r, call, args, vec);
  } else if (call == "log" || call == "logs") {
    // log: args is the one [LEVEL, MESSAGE] pair; logs: args[0] lists the pairs.
    std::vector<dom::array> entries;
    if (call == "log") {
      entries.push_back(args);
    } else {
      for (dom::element e : must(must(args.at(0), "entries").get_array(), "entries"))
        entries.push_back(must(e.get_array(), "log entry"));
    }
    run_logs(r, entries);
  } else {
    malformed("unknown call " + std::string(call));
  }
  out.result = kestra_record_finish(r);
  out.message = kestra_record_error(r);
  return out;
}

}  // namespace kestra_vectors

#endif  // KESTRA_TESTS_VECTOR_CALLS_HPP
