// The execution context that Kestra gives a script task (executionContext: true):
// where to find it, how to read it, and one value of it by path. One rule for
// every language, so a Python, Node, shell, R, Go or Ruby script finds the same
// context and fails with the same message. Bindings take the JSON text and parse
// it with their own JSON module; kestra-emit uses the path lookup.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "json_text.hpp"
#include "json_tree.hpp"
#include "kestra/kestra.h"

namespace kestra::detail {
namespace {

constexpr const char *kDefaultFile = ".kestra-execution-context.json";

// An environment variable, "" when unset (an empty one counts as unset, as the
// official package's `path or ...` and `if encoded:` read it).
std::string_view env(const char *name) {
  const char *value = std::getenv(name);
  return value ? std::string_view(value) : std::string_view();
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // standard and URL-safe alphabets
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Standard base64 (or its URL-safe alphabet); white space is skipped and the
// '=' padding is optional. False on any other character or a dangling digit.
bool decode_base64(std::string_view in, std::string &out) {
  unsigned bits = 0;
  int count = 0;
  std::size_t padding = 0;
  for (char c : in) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int d = base64_digit(c);
    if (d < 0 || padding > 0) return false;
    bits = (bits << 6) | static_cast<unsigned>(d);
    if (++count == 4) {
      out.push_back(static_cast<char>(bits >> 16));
      out.push_back(static_cast<char>((bits >> 8) & 0xff));
      out.push_back(static_cast<char>(bits & 0xff));
      bits = 0;
      count = 0;
    }
  }
  if (count == 1 || padding > 2) return false;
  if (count == 2) out.push_back(static_cast<char>(bits >> 4));
  if (count == 3) {
    out.push_back(static_cast<char>(bits >> 10));
    out.push_back(static_cast<char>((bits >> 2) & 0xff));
  }
  return true;
}

// Compact JSON of a node, strings in our ASCII form (the node's strings are
// valid UTF-8: the whole text was checked when it was loaded). Recursion is
// bounded by the depth limit of the parse.
void write_json(std::string &out, const JsonNode &node) {
  switch (node.kind) {
    case JsonNode::null: out.append("null"); return;
    case JsonNode::boolean: out.append(node.flag ? "true" : "false"); return;
    case JsonNode::number: out.append(node.text); return;
    case JsonNode::string: append_string_utf8(out, node.text); return;
    case JsonNode::array:
      out.push_back('[');
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i) out.push_back(',');
        write_json(out, node.items[i]);
      }
      out.push_back(']');
      return;
    case JsonNode::object:
      out.push_back('{');
      for (std::size_t i = 0; i < node.members.size(); ++i) {
        if (i) out.push_back(',');
        append_string_utf8(out, node.members[i].first);
        out.push_back(':');
        write_json(out, node.members[i].second);
      }
      out.push_back('}');
      return;
  }
}

// "a, b, c" (at most 20 names), for a message about a missing key.
std::string key_list(const JsonNode &object) {
  if (object.members.empty()) return "none";
  std::string list;
  std::size_t shown = 0;
  for (const auto &member : object.members) {
    if (shown == 20) {
      list.append(", ...");
      break;
    }
    if (shown++) list.append(", ");
    list.append(quote_for_message(member.first));
  }
  return list;
}

// A path as messages show it: as it is when printable ASCII, else quoted and
// escaped, so a message stays one line of ASCII whatever the caller passed.
std::string shown(std::string_view path) {
  for (char c : path)
    if (c < 0x20 || c > 0x7e) return quote_for_message(path);
  return std::string(path);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

class Context {
 public:
  kestra_result load(std::string_view path);
  kestra_result get(std::string_view path, bool &is_string);

  std::string_view json() const { return text_; }
  const std::string &source() const { return source_; }
  const std::string &value() const { return value_; }
  const std::string &error() const { return error_; }
  // Memory ran out during a call: "out of memory" becomes the error, allocating
  // nothing.
  void fail_no_memory() noexcept {
    try {
      error_.assign("out of memory");  // fits a std::string's inline capacity
    } catch (...) {
      error_.clear();
    }
  }

 private:
  kestra_result fail(kestra_result code, std::string message) {
    error_ = std::move(message);
    return code;
  }
  kestra_result find_and_read(std::string_view path);
  void forget() noexcept;
  kestra_result read_file(const std::string &path);
  kestra_result parse();

  std::string text_, source_, value_, error_;
  JsonTree tree_;
  bool loaded_ = false;
};

kestra_result Context::load(std::string_view path) {
  kestra_result result;
  try {
    result = find_and_read(path);
  } catch (...) {  // out of memory: the caller's wall words it
    forget();
    throw;
  }
  if (result != KESTRA_OK) forget();
  return result;
}

// A failed load leaves the handle as before any load: no text, no source.
void Context::forget() noexcept {
  loaded_ = false;
  text_.clear();
  source_.clear();
  tree_ = JsonTree();
}

// The lookup order of the official package 2.0.0: `path`, else
// $KESTRA_EXECUTION_CONTEXT_FILE, else the file in the working directory; when
// that file does not exist, base64 JSON in $KESTRA_CONTEXT.
kestra_result Context::find_and_read(std::string_view path) {
  loaded_ = false;
  text_.clear();
  source_.clear();
  error_.clear();
  std::string file(path.empty() ? env("KESTRA_EXECUTION_CONTEXT_FILE") : path);
  if (file.empty()) file = kDefaultFile;
  if (file.find('\0') != std::string::npos)
    return fail(KESTRA_ERROR_VALUE,
                "execution context " + quote_for_message(file) + ": a path cannot hold a NUL byte");
  struct stat st;
  if (::stat(file.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return fail(KESTRA_ERROR_IO, "execution context " + quote_for_message(file) + ": is a directory");
    if (kestra_result r = read_file(file)) return r;
    source_ = file;
  } else if (errno != ENOENT && errno != ENOTDIR) {
    return fail(KESTRA_ERROR_IO,
                "execution context " + quote_for_message(file) + ": " + std::strerror(errno));
  } else {
    const std::string_view encoded = env("KESTRA_CONTEXT");
    if (encoded.empty())
      return fail(
          KESTRA_ERROR_NOT_FOUND,
          "no Kestra execution context: " + quote_for_message(file) +
              " does not exist and KESTRA_CONTEXT is not set (Kestra writes the context when a script "
              "task sets executionContext: true)");
    source_ = "KESTRA_CONTEXT";
    if (!decode_base64(encoded, text_))
      return fail(KESTRA_ERROR_VALUE, "execution context KESTRA_CONTEXT: not valid base64");
  }
  if (kestra_result r = parse()) return r;
  loaded_ = true;
  return KESTRA_OK;
}

// POSIX reads rather than a stream: kestra-emit links no iostream (startup time).
kestra_result Context::read_file(const std::string &path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(KESTRA_ERROR_IO,
                "execution context " + quote_for_message(path) + ": " + std::strerror(errno));
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) {
      text_.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      const int error = errno;
      ::close(fd);
      return fail(KESTRA_ERROR_IO,
                  "execution context " + quote_for_message(path) + ": " + std::strerror(error));
    }
  }
  ::close(fd);
  return KESTRA_OK;
}

// The text must be one strict JSON object in valid UTF-8, nested at most 1,000
// levels (what Kestra's Jackson writes and reads).
kestra_result Context::parse() {
  const std::string where =
      "execution context " + (source_ == "KESTRA_CONTEXT" ? source_ : quote_for_message(source_));
  std::string scratch;
  const TextError utf8 = append_string_utf8(scratch, text_);
  if (utf8 == TextError::invalid_utf8 || utf8 == TextError::lone_surrogate)
    return fail(KESTRA_ERROR_UNICODE, where + ": invalid UTF-8");
  tree_ = parse_json_tree(text_, kMaxDepth);
  std::size_t end = tree_.end;
  while (tree_.error.empty() && end < text_.size() &&
         (text_[end] == ' ' || text_[end] == '\n' || text_[end] == '\r' || text_[end] == '\t'))
    ++end;
  if (tree_.error == "nesting deeper than the limit")  // json_tree's words for its depth limit
    return fail(KESTRA_ERROR_DEPTH,
                where + ": nested deeper than 1,000 levels (at byte " + std::to_string(tree_.error_at) + ")");
  if (!tree_.error.empty() || end != text_.size())
    return fail(KESTRA_ERROR_SYNTAX, where + ": invalid JSON at byte " +
                                         std::to_string(tree_.error.empty() ? end : tree_.error_at) + ": " +
                                         (tree_.error.empty() ? "text after the value" : tree_.error));
  if (tree_.root.kind != JsonNode::object)
    return fail(KESTRA_ERROR_TYPE, where + ": must be a JSON object, got " + json_kind_name(tree_.root.kind));
  return KESTRA_OK;
}

// A path of keys: "inputs.user", "labels[0].key", "labels.0.key"; "" is the
// whole context. A step of digits indexes an array.
kestra_result Context::get(std::string_view path, bool &is_string) {
  if (!loaded_)
    return fail(KESTRA_ERROR_USAGE, "execution context: not loaded (call kestra_context_load first)");
  const JsonNode *node = &tree_.root;
  std::string walked;  // the path so far, for messages
  std::size_t i = 0;
  while (i < path.size()) {
    std::string_view step;
    bool bracket = false;
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || !all_digits(path.substr(i + 1, close - i - 1)))
        return fail(KESTRA_ERROR_VALUE,
                    shown(path) + ": a '[' must hold an index and be closed, as in labels[0]");
      step = path.substr(i + 1, close - i - 1);
      bracket = true;
      i = close + 1;
    } else {
      const std::size_t end = path.find_first_of(".[", i);
      step = path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
      i = end == std::string_view::npos ? path.size() : end;
      if (step.empty()) return fail(KESTRA_ERROR_VALUE, shown(path) + ": empty key in the path");
    }
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) return fail(KESTRA_ERROR_VALUE, shown(path) + ": empty key in the path");
    }
    const std::string here = walked.empty() ? "the context" : shown(walked);
    std::string next = walked;
    if (bracket)
      next += "[" + std::string(step) + "]";
    else
      next += (next.empty() ? "" : ".") + std::string(step);
    if (node->kind == JsonNode::object && !bracket) {
      const JsonNode *found = nullptr;
      for (const auto &member : node->members)
        if (member.first == step) found = &member.second;  // the last one counts, as in a JSON module
      if (!found)
        return fail(KESTRA_ERROR_NOT_FOUND, shown(next) + ": no key " + quote_for_message(step) + " in " +
                                                here + " (keys: " + key_list(*node) + ")");
      node = found;
    } else if (node->kind == JsonNode::array && all_digits(step)) {
      const std::size_t index = step.size() > 18 ? node->items.size() : std::stoull(std::string(step));
      if (index >= node->items.size())
        return fail(KESTRA_ERROR_NOT_FOUND, shown(next) + ": no index " + std::string(step) + " in " + here +
                                                " (" + std::to_string(node->items.size()) + " items)");
      node = &node->items[index];
    } else {
      return fail(KESTRA_ERROR_NOT_FOUND, shown(next) + ": " + here + " is " + json_kind_name(node->kind) +
                                              (node->kind == JsonNode::array ? ", indexed by number" : ""));
    }
    walked = std::move(next);
  }
  value_.clear();
  is_string = node->kind == JsonNode::string;
  if (is_string)
    value_ = node->text;
  else
    write_json(value_, *node);
  error_.clear();
  return KESTRA_OK;
}

}  // namespace kestra::detail

struct kestra_context {
  kestra::detail::Context impl;
};

namespace {

template <typename Op>
kestra_result guarded_context(kestra_context *context, Op op) {
  if (!context) return KESTRA_ERROR_USAGE;
  try {
    return op(context->impl);
  } catch (...) {  // std::bad_alloc, or std::length_error past max_size
    context->impl.fail_no_memory();
    return KESTRA_ERROR_NO_MEMORY;
  }
}

std::string_view text_of(const char *text, size_t len) {
  if (!text) return {};
  return len == KESTRA_CSTR ? std::string_view(text) : std::string_view(text, len);
}

}  // namespace

extern "C" {

KESTRA_API kestra_context *kestra_context_new(void) { return new (std::nothrow) kestra_context; }

KESTRA_API void kestra_context_free(kestra_context *context) { delete context; }

KESTRA_API kestra_result kestra_context_load(kestra_context *context, const char *path, size_t path_len) {
  return guarded_context(context,
                         [&](kestra::detail::Context &c) { return c.load(text_of(path, path_len)); });
}

KESTRA_API const char *kestra_context_json(const kestra_context *context, size_t *len) {
  const std::string_view text = context ? context->impl.json() : std::string_view();
  if (len) *len = text.size();
  return context ? text.data() : nullptr;
}

KESTRA_API const char *kestra_context_source(const kestra_context *context) {
  return context ? context->impl.source().c_str() : "";
}

KESTRA_API kestra_result kestra_context_get(kestra_context *context, const char *path, size_t path_len,
                                            const char **value, size_t *value_len, int *is_string) {
  if (value) *value = nullptr;  // as on any failure, also when memory runs out
  if (value_len) *value_len = 0;
  if (is_string) *is_string = 0;
  return guarded_context(context, [&](kestra::detail::Context &c) {
    bool string = false;
    const kestra_result r = c.get(text_of(path, path_len), string);
    if (value) *value = r == KESTRA_OK ? c.value().data() : nullptr;
    if (value_len) *value_len = r == KESTRA_OK ? c.value().size() : 0;
    if (is_string) *is_string = r == KESTRA_OK && string;
    return r;
  });
}

KESTRA_API const char *kestra_context_error(const kestra_context *context) {
  return context ? context->impl.error().c_str() : "";
}

}  // extern "C"
