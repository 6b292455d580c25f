// C++ producer: the shared vectors that the header-only C++ API (kestra.hpp) can
// express, through that API; the rest are reported as not expressible.
//   cpp_producer VECTORS_DIR     one JSON line per vector (producer_io.hpp)
//
// What kestra.hpp offers, and so what is expressible:
//   counter/timer/gauge  kestra::counter(name, number, {{key, scalar}...}): a number
//                 that fits int64_t, uint64_t or double (kestra.hpp takes any arithmetic
//                 type); tag values text, int64_t, double or bool
//                 (kestra::Tags is an initializer_list, so the producer spells out up to
//                 4 tags); no timestamp or description options.
//   log           kestra::log(kestra::Level, message): a level name that
//                 kestra_level_parse reads (an unknown name cannot be given).
//   outputs       kestra::Outputs (encrypted_outputs: kestra::EncryptedOutputs, the
//                 same): an object value, each member through set() (text,
//                 int64_t, uint64_t, double, bool, null) or set_json() (JSON text) for a
//                 container or an integer beyond uint64_t. Inside JSON text NaN,
//                 infinities and cycles cannot be written.
//   not at all    logs (several entries), assets, format, outputs_json (whole text).
// Text is UTF-8 bytes in C++: a $utf16 string is transcoded to UTF-8; one holding a lone
// surrogate has no UTF-8 form, so it is not expressible in C++; $bytes as is.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kestra/kestra.hpp"
#include "producer_io.hpp"
#include "vector_calls.hpp"

namespace {

using namespace kestra_vectors;
using producer::json_string;

struct NotExpressible {
  std::string why;
};

// The UTF-8 bytes of a text argument; a lone surrogate cannot be UTF-8 text.
std::string cpp_text(dom::element v) {
  if (special_form(v) == "$utf16") {
    const std::vector<std::uint16_t> units = utf16_units(special_payload(v));
    for (std::size_t i = 0; i < units.size(); ++i) {
      const bool high = units[i] >= 0xD800 && units[i] <= 0xDBFF,
                 low = units[i] >= 0xDC00 && units[i] <= 0xDFFF;
      if (high && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF)
        ++i;
      else if (high || low)
        throw NotExpressible{"a lone surrogate (C++ text is UTF-8)"};
    }
  }
  return text_bytes(v);
}

// Strings made here (transcoded, hex-decoded) live as long as the vector's call.
std::deque<std::string> storage;

std::string_view stored(std::string s) { return storage.emplace_back(std::move(s)); }

template <typename T>
bool as_int(std::string_view digits, T &out) {
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// A $int's digits as JSON writes them (no leading zeros; the value is the same).
std::string json_integer(std::string_view digits) {
  std::string sign;
  if (!digits.empty() && digits[0] == '-') {
    sign = "-";
    digits.remove_prefix(1);
  }
  while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  return sign + std::string(digits);
}

// A double as Python's repr writes it (the shortest text that reads back the same),
// which is how every line of the vectors writes a float.
std::string python_repr(double x) {
  if (!std::isfinite(x)) throw NotExpressible{"NaN or an infinity inside JSON text"};
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  std::string out;
  if (s[0] == '-') {
    out = "-";
    s.remove_prefix(1);
  }
  const std::size_t e = s.find('e');
  std::string digits;
  for (const char c : s.substr(0, e))
    if (c != '.') digits += c;
  const int exp = std::stoi(std::string(s.substr(e + 1)));
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return out + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    const std::size_t whole = static_cast<std::size_t>(exp) + 1;
    if (digits.size() <= whole) return out + digits + std::string(whole - digits.size(), '0') + ".0";
    return out + digits.substr(0, whole) + "." + digits.substr(whole);
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char exp_text[16];
  std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
  return out + exp_text;
}

// The JSON text a C++ caller would hand to Outputs::set_json for this value.
std::string json_text(dom::element v) {
  const std::string_view form = special_form(v);
  if (!form.empty()) {
    const dom::element x = special_payload(v);
    if (form == "$float")
      return python_repr(std::strtod(std::string(must(x.get_string(), "$float")).c_str(), nullptr));
    if (form == "$int") return json_integer(must(x.get_string(), "$int"));
    if (form == "$utf16" || form == "$bytes") return json_string(cpp_text(v));
    if (form == "$nest") {
      const auto depth = static_cast<std::size_t>(must(x["depth"].get_int64(), "$nest depth"));
      return std::string(depth, '[') + json_text(must(x["leaf"], "$nest leaf")) + std::string(depth, ']');
    }
    throw NotExpressible{"a " + std::string(form) + " inside JSON text"};
  }
  switch (v.type()) {
    case dom::element_type::ARRAY: {
      std::string out = "[";
      for (dom::element x : must(v.get_array(), "array")) out += (out.size() > 1 ? "," : "") + json_text(x);
      return out + "]";
    }
    case dom::element_type::OBJECT: {
      std::string out = "{";
      for (dom::key_value_pair kv : must(v.get_object(), "object"))
        out += (out.size() > 1 ? "," : "") + json_string(kv.key) + ":" + json_text(kv.value);
      return out + "}";
    }
    case dom::element_type::INT64: return std::to_string(must(v.get_int64(), "int64"));
    case dom::element_type::UINT64: return std::to_string(must(v.get_uint64(), "uint64"));
    case dom::element_type::DOUBLE: return python_repr(must(v.get_double(), "double"));
    case dom::element_type::STRING: return json_string(must(v.get_string(), "string"));
    case dom::element_type::BOOL: return must(v.get_bool(), "bool") ? "true" : "false";
    case dom::element_type::NULL_VALUE: return "null";
  }
  malformed("unknown element type");
}

// A number as a C++ caller holds it: int64_t, uint64_t (kestra.hpp takes any arithmetic
// type for a metric value or an output) or double.
using Number = std::variant<std::int64_t, std::uint64_t, double>;

bool number(dom::element v, Number &out) {
  const std::string_view form = special_form(v);
  if (form == "$float") {
    out = std::strtod(std::string(must(special_payload(v).get_string(), "$float")).c_str(), nullptr);
    return true;
  }
  if (form == "$int") {
    const std::string_view digits = must(special_payload(v).get_string(), "$int");
    std::int64_t i = 0;
    std::uint64_t u = 0;
    if (as_int(digits, i))
      out = i;
    else if (as_int(digits, u))
      out = u;
    else
      throw NotExpressible{"an integer beyond uint64_t"};
    return true;
  }
  if (!form.empty()) return false;
  switch (v.type()) {
    case dom::element_type::INT64: out = must(v.get_int64(), "int64"); return true;
    case dom::element_type::UINT64: out = must(v.get_uint64(), "uint64"); return true;
    case dom::element_type::DOUBLE: out = must(v.get_double(), "double"); return true;
    default: return false;
  }
}

// A tag value or a flat output value as a kestra::Scalar; `what` names it for "not expressible".
kestra::Scalar scalar(dom::element v, const std::string &what) {
  Number n;
  if (number(v, n)) {
    if (const auto *i = std::get_if<std::int64_t>(&n)) return *i;
    if (const auto *d = std::get_if<double>(&n)) return *d;
    throw NotExpressible{what + ": a uint64_t (not a kestra::Scalar)"};
  }
  const std::string_view form = special_form(v);
  if (form == "$utf16" || form == "$bytes") return stored(cpp_text(v));
  if (!form.empty()) throw NotExpressible{what + ": " + std::string(form)};
  switch (v.type()) {
    case dom::element_type::STRING: return must(v.get_string(), "string");
    case dom::element_type::BOOL: return must(v.get_bool(), "bool");
    default: throw NotExpressible{what + ": not a kestra::Scalar (null, object or array)"};
  }
}

using TagList = std::vector<std::pair<std::string_view, kestra::Scalar>>;

// kestra::Tags is an initializer_list: it can only be spelled out, so up to 4 tags.
template <typename F>
void with_tags(const TagList &t, F f) {
  switch (t.size()) {
    case 0: return f(kestra::Tags{});
    case 1: return f(kestra::Tags{t[0]});
    case 2: return f(kestra::Tags{t[0], t[1]});
    case 3: return f(kestra::Tags{t[0], t[1], t[2]});
    case 4: return f(kestra::Tags{t[0], t[1], t[2], t[3]});
    default: throw NotExpressible{"more than 4 tags"};
  }
}

void metric(std::string_view call, dom::array args, dom::element vec) {
  dom::element options;
  if (!vec["options"].get(options)) throw NotExpressible{"metric timestamp/description options"};
  const std::string_view name = stored(cpp_text(must(args.at(0), "metric name")));
  Number value;
  if (!number(must(args.at(1), "metric value"), value))
    throw NotExpressible{"metric value that is not a number"};
  TagList tags;
  dom::element t;
  if (args.size() > 2 && !(t = must(args.at(2), "tags")).is_null()) {
    dom::object obj;
    if (!special_form(t).empty() || t.get(obj)) throw NotExpressible{"tags that are not an object"};
    for (dom::key_value_pair kv : obj) tags.emplace_back(kv.key, scalar(kv.value, "tag value"));
  }
  std::visit(
      [&](auto x) {
        with_tags(tags, [&](kestra::Tags list) {
          if (call == "counter")
            kestra::counter(name, x, list);
          else if (call == "timer")
            kestra::timer(name, x, list);
          else
            kestra::gauge(name, x, list);
        });
      },
      value);
}

void log(dom::array args) {
  kestra_level level{};
  std::int64_t number = 0;
  if (!must(args.at(0), "level").get(number)) {  // a kestra_level number
    if (number < KESTRA_LEVEL_TRACE || number > KESTRA_LEVEL_ERROR)
      throw NotExpressible{"a level number that is not a kestra::Level"};
    level = static_cast<kestra_level>(number);
  } else {
    // kestra::log takes a kestra::Level: a level name in $bytes or $utf16 (bad text) is none.
    if (!special_form(must(args.at(0), "level")).empty())
      throw NotExpressible{"a level name that is not a kestra::Level"};
    const std::string_view level_name = must(must(args.at(0), "level").get_string(), "level text");
    if (kestra_level_parse(level_name.data(), level_name.size(), &level) != KESTRA_OK)
      throw NotExpressible{"a level name that is not a kestra::Level"};
  }
  kestra::log(static_cast<kestra::Level>(level), cpp_text(must(args.at(1), "message")));
}

// Builder: kestra::Outputs or kestra::EncryptedOutputs.
template <typename Builder>
void outputs(dom::element value) {
  dom::object obj;
  if (!special_form(value).empty() || value.get(obj)) throw NotExpressible{"outputs that are not an object"};
  Builder out;
  for (dom::key_value_pair kv : obj) {
    const dom::element v = kv.value;
    const std::string_view form = special_form(v);
    Number n;
    bool is_number = false;
    try {
      is_number = number(v, n);
    } catch (const NotExpressible &) {  // an integer beyond uint64_t: given as JSON text
    }
    if (is_number)
      std::visit([&](auto x) { out.set(kv.key, x); }, n);
    else if (v.is_null())
      out.set(kv.key, nullptr);
    else if (form == "$utf16" || form == "$bytes" || v.is_string() || v.is_bool())
      std::visit([&](auto x) { out.set(kv.key, x); }, scalar(v, "output value"));
    else
      out.set_json(kv.key, json_text(v));  // containers, $nest, $cycle, a huge $int
  }
  out.emit();
}

void run_cpp(dom::element vec) {
  const std::string_view call = must(vec["call"].get_string(), "call");
  const dom::array args = must(vec["args"].get_array(), "args");
  if (call == "counter" || call == "timer" || call == "gauge")
    metric(call, args, vec);
  else if (call == "log")
    log(args);
  else if (call == "outputs")
    outputs<kestra::Outputs>(must(args.at(0), "value"));
  else if (call == "encrypted_outputs")
    outputs<kestra::EncryptedOutputs>(must(args.at(0), "value"));
  else
    throw NotExpressible{"no " + std::string(call) + " in kestra.hpp"};
}

}  // namespace

int main(int argc, char **argv) {
  const auto each = [](producer::Capture &capture, const Vector &v, const std::string &file) {
    storage.clear();
    try {
      run_cpp(v.json);
      capture.line(file, v.index, capture.taken());
    } catch (const kestra::Error &e) {
      capture.error(file, v.index, kestra_result_name(e.code()), e.what(), capture.taken());
    } catch (const NotExpressible &e) {
      capture.not_expressible(file, v.index, e.why);
    }
  };
  return producer::run_all(argc, argv, "cpp_producer", each);
}
