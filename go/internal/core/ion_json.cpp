#include "ion_json.hpp"

#include <cmath>
#include <vector>

#include "ion_scalars.hpp"
#include "iso_datetime.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

// Appends the current scalar (or the opening of a container).
kestra_result append_scalar(IonReader &reader, std::string &out, std::string &error) {
  if (reader.is_null()) {
    out += "null";
    return KESTRA_OK;
  }
  const std::string &text = reader.text();
  switch (reader.type()) {
    case KESTRA_ION_BOOL: out += reader.bool_value() ? "true" : "false"; return KESTRA_OK;
    case KESTRA_ION_INT: out += text; return KESTRA_OK;
    case KESTRA_ION_FLOAT:
    case KESTRA_ION_DECIMAL: {
      double v = text == "nan"    ? NAN
                 : text == "+inf" ? INFINITY
                 : text == "-inf" ? -INFINITY
                                  : ion_text_to_double(text);
      // JSON has no NaN or infinities: Jackson's default is these strings.
      if (std::isnan(v))
        out += "\"NaN\"";
      else if (std::isinf(v))
        out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
      else
        append_double(out, v);
      return KESTRA_OK;
    }
    case KESTRA_ION_TIMESTAMP:
      out.push_back('"');
      append_iso8601(out, reader.timestamp());
      out.push_back('"');
      return KESTRA_OK;
    case KESTRA_ION_STRING:
    case KESTRA_ION_SYMBOL:
    case KESTRA_ION_BLOB:
    case KESTRA_ION_CLOB:
      if (append_string_utf8(out, text) != TextError::none) {
        error = std::string("a ") + kestra_ion_type_name(reader.type()) + " is not UTF-8 text";
        return KESTRA_ERROR_UNICODE;
      }
      return KESTRA_OK;
    case KESTRA_ION_LIST:
    case KESTRA_ION_SEXP: out.push_back('['); return KESTRA_OK;
    case KESTRA_ION_STRUCT: out.push_back('{'); return KESTRA_OK;
    default: out += "null"; return KESTRA_OK;
  }
}

bool opens_container(const IonReader &reader) {
  kestra_ion_type t = reader.type();
  return !reader.is_null() && (t == KESTRA_ION_LIST || t == KESTRA_ION_SEXP || t == KESTRA_ION_STRUCT);
}

}  // namespace

kestra_result read_value_as_json(IonReader &reader, std::string &out, std::string &error) {
  out.clear();
  std::vector<bool> first;  // per open container: no member written yet
  std::vector<char> closers;
  kestra_ion_event event;
  do {
    kestra_result r = reader.next(event);
    if (r != KESTRA_OK) {
      error = reader.error();
      return r;
    }
    if (event == KESTRA_ION_EVENT_END) return KESTRA_OK;  // nothing more (only at the top)
    if (event == KESTRA_ION_EVENT_CONTAINER_END) {
      out.push_back(closers.back());
      closers.pop_back();
      first.pop_back();
      continue;
    }
    if (!first.empty()) {
      if (!first.back()) out.push_back(',');
      first.back() = false;
    }
    if (reader.has_field_name()) {
      if (append_string_utf8(out, reader.field_name()) != TextError::none) {
        error = "a field name is not UTF-8 text";
        return KESTRA_ERROR_UNICODE;
      }
      out.push_back(':');
    }
    kestra_result r2 = append_scalar(reader, out, error);
    if (r2 != KESTRA_OK) {
      std::string where =
          reader.has_field_name() ? " (field " + quote_for_message(reader.field_name()) + ")" : "";
      error = "row value" + where + ": " + error;
      return r2;
    }
    if (opens_container(reader)) {
      first.push_back(true);
      closers.push_back(reader.type() == KESTRA_ION_STRUCT ? '}' : ']');
    }
  } while (!closers.empty());
  out.push_back('\n');
  return KESTRA_OK;
}

}  // namespace kestra::detail
