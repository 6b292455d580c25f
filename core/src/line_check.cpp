// line_check: the Kestra server's reading of one line (PROTOCOL.md Part 1).
//
// The server (TaskLogLineMatcher and its predecessors) decodes the stream as UTF-8
// with replacement, runs Pattern "^::(\{.*})::$" with find(), and reads group 1
// with Jackson into {outputs, metrics, logs, assets}. We mirror each step:
//   1. decode_like_java     invalid UTF-8 becomes U+FFFD, as Java's decoder does
//   2. match_protocol       the regex, including Java's '$' before a final terminator
//   3. near_miss_reason     why a line that looks meant does not match
//   4. prescan              the first JSON value's tokens: Jackson's limits and
//                           syntax rules, with a reason for each refusal
//   5. json_tree            the structure, numbers kept as text (Jackson reads
//                           integers of any size and 1e400)
//   6. judge_*              the typed rules for outputs, metrics, logs, assets
#include "line_check.hpp"

#include "json_text.hpp"
#include "json_tree.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace kestra::detail {
namespace {

// ---- Text helpers -----------------------------------------------------------

bool is_iso_duration(std::string_view s);
bool is_iso_instant(std::string_view s);

constexpr std::size_t kMaxDepth = 1000;            // Jackson StreamReadConstraints
constexpr std::size_t kMaxNumberLength = 1000;     // digits
constexpr std::size_t kMaxStringLength = 20000000; // UTF-16 units
constexpr std::size_t kLogSplitLength = 10240;     // the server splits longer messages

const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid; `bad` is
// then the length of the maximal invalid subpart, which Java replaces by one U+FFFD.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t &bad) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = at(i);
    bad = 1;
    if (c < 0x80) return 1;
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no encoded surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) return 0;
        const unsigned char b = at(i + k);
        const bool ok = (k == 1) ? (b >= lo && b <= hi) : is_cont(b);
        if (!ok) return 0;
        bad = k + 1;
    }
    return need + 1;
}

// The line as the server's String holds it: invalid UTF-8 replaced by U+FFFD.
// Returns the input itself (no copy) when it is valid.
std::string_view decode_like_java(std::string_view in, std::string &storage, bool &replaced) {
    replaced = false;
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t bad;
        const std::size_t n = utf8_sequence(in, i, bad);
        if (n == 0) {
            if (!replaced) storage.assign(in.substr(0, i));
            replaced = true;
            storage += kReplacement;
            i += std::min(bad, in.size() - i);
            continue;
        }
        if (replaced) storage.append(in.substr(i, n));
        i += n;
    }
    return replaced ? std::string_view(storage) : in;
}

// Text for a message, between single quotes, escaped as our JSON strings are.
// The line is decoded like Java's reader first, so it is always valid UTF-8.
std::string quoted(std::string_view s) { return quote_for_message(s); }

// A short excerpt of user text for a reason, quoted.
std::string excerpt(std::string_view s, std::size_t max = 20) {
    if (s.size() <= max) return quoted(s);
    std::size_t cut = max;
    while (cut > 0 && is_cont(static_cast<unsigned char>(s[cut]))) --cut;
    return quoted(s.substr(0, cut)) + "...";
}

// Java's line terminators, which '.' does not match: \n \r U+0085 U+2028 U+2029.
// Returns the byte length of the terminator at s[i], or 0.
std::size_t terminator_at(std::string_view s, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return 2;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
        const unsigned char d = static_cast<unsigned char>(s[i + 2]);
        if (d == 0xA8 || d == 0xA9) return 3;
    }
    return 0;
}

std::string terminator_name(std::string_view s, std::size_t i) {
    switch (static_cast<unsigned char>(s[i])) {
        case '\n': return "\\n";
        case '\r': return "\\r";
        case 0xC2: return "U+0085";
        default: return static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "U+2028" : "U+2029";
    }
}

std::string plural(std::size_t n, const char *one, const char *many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- Step 2: the regex ----------------------------------------------------------

struct Match {
    bool matched = false;
    std::string_view group;   // "{...}"
    std::string note;         // a final terminator tolerated by '$'
};

// ^::(\{.*})::$ with find(): '.' excludes the terminators, and Java's '$' (without
// MULTILINE) also matches just before a terminator that ends the input.
Match match_protocol(std::string_view s) {
    Match m;
    std::size_t end = s.size();
    if (end >= 2 && s.substr(end - 2) == "\r\n") end -= 2;
    else if (end > 0) {
        for (std::size_t len : {1u, 2u, 3u}) {
            if (end >= len && terminator_at(s, end - len) == len) {
                m.note = "the final " + terminator_name(s, end - len) +
                         " after '}::' is tolerated by the server's '$'";
                end -= len;
                break;
            }
        }
    }
    const std::string_view body = s.substr(0, end);
    if (body.size() < 6 || body.substr(0, 3) != "::{" || body.substr(body.size() - 3) != "}::") return m;
    const std::string_view group = body.substr(2, body.size() - 4);
    for (std::size_t i = 0; i < group.size(); ++i)
        if (terminator_at(group, i)) return m;
    m.matched = true;
    m.group = group;
    return m;
}

// ---- Step 3: near misses --------------------------------------------------------

// What wraps the meant line: white space, a byte order mark, ANSI escapes.
// `side` is "leading" or "trailing".
std::string describe_wrapper(std::string_view w, const std::string &side) {
    if (w.find("\x1b[") != std::string_view::npos) return "an ANSI escape sequence";
    if (w.substr(0, 3) == "\xEF\xBB\xBF") return "a byte order mark";
    if (w.find_first_not_of(" ") == std::string_view::npos) return side + (w.size() == 1 ? " space" : " spaces");
    return side + " white space " + excerpt(w);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Length of the wrapper (blanks, BOM, ANSI SGR escapes) at the start of s.
std::size_t leading_wrapper(std::string_view s) {
    std::size_t i = 0;
    for (;;) {
        if (i < s.size() && is_blank(s[i])) ++i;
        else if (s.substr(i, 3) == "\xEF\xBB\xBF") i += 3;
        else if (s.substr(i, 2) == "\x1b[") {
            std::size_t j = i + 2;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == ';')) ++j;
            if (j < s.size() && s[j] == 'm') i = j + 1;
            else return i;
        } else return i;
    }
}

// Length of the wrapper at the end of s (blanks and ANSI SGR escapes).
std::size_t trailing_wrapper(std::string_view s) {
    std::size_t end = s.size();
    for (;;) {
        if (end > 0 && is_blank(s[end - 1])) --end;
        else if (end > 0 && s[end - 1] == 'm') {
            std::size_t j = end - 1;
            while (j > 0 && (std::isdigit(static_cast<unsigned char>(s[j - 1])) || s[j - 1] == ';')) --j;
            if (j >= 2 && s[j - 1] == '[' && s[j - 2] == '\x1b') end = j - 2;
            else return s.size() - end;
        } else return s.size() - end;
    }
}

// Why a line that does not match looks meant as protocol data; "" when it does not.
std::string near_miss_reason(std::string_view s) {
    const std::size_t head = leading_wrapper(s);
    const std::size_t tail = std::min(trailing_wrapper(s), s.size() - head);
    const std::string_view core = s.substr(head, s.size() - head - tail);
    const bool starts = core.substr(0, 3) == "::{";
    const bool ends = core.size() >= 3 && core.substr(core.size() - 3) == "}::";
    if (!starts && !ends) return "";

    std::vector<std::string> why;
    if (head) why.push_back(describe_wrapper(s.substr(0, head), "leading") + " before '::{'");
    if (starts && ends && core.size() >= 6) {
        for (std::size_t i = 0; i < core.size(); ++i) {
            if (!terminator_at(core, i)) continue;
            const std::string t = terminator_name(core, i);
            why.push_back(t[0] == '\\' ? "a raw " + t + " inside: the server ends the line there"
                                       : "a raw " + t + " inside: the server's '.' does not match it (write it as an escape)");
            break;
        }
    } else if (starts) {
        const std::size_t close = core.rfind("}::");
        if (close != std::string_view::npos && close >= 3)
            why.push_back("text " + excerpt(core.substr(close + 3)) + " after '}::'");
        else
            why.push_back("it starts with '::{' but does not end with '}::'");
    } else {
        const std::size_t open = core.find("::{");
        if (open != std::string_view::npos)
            why.push_back("text " + excerpt(core.substr(0, open)) + " before '::{'");
        else
            why.push_back("it ends with '}::' but does not start with '::{'");
    }
    if (tail) why.push_back(describe_wrapper(s.substr(s.size() - tail), "trailing") + " after '}::'");
    if (why.empty()) why.push_back("it does not match ^::(\\{.*})::$");

    std::string out = "not read as protocol data: ";
    for (std::size_t i = 0; i < why.size(); ++i) out += (i ? "; " : "") + why[i];
    return out;
}

// ---- Step 4: prescan -------------------------------------------------------------

// Walks the tokens of the first value to refuse what Jackson refuses with a
// reason a person can act on; the structure is then read by json_tree.
struct Prescan {
    std::size_t end = 0;               // end of the first value in the input
    std::string error;                 // a reason to reject, "" when none
    bool lone_surrogate = false;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The 16-bit unit of "\uXXXX" at s[i], or -1.
long u_escape_at(std::string_view s, std::size_t i) {
    if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
    long v = 0;
    for (std::size_t k = 2; k < 6; ++k) {
        const int h = hex_value(s[i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

// JSON's number grammar (what Jackson accepts by default): returns the count of
// digits Jackson limits, or -1 when the text is not a JSON number.
long json_number_digits(std::string_view t) {
    std::size_t i = 0, digits = 0;
    if (i < t.size() && t[i] == '-') ++i;
    if (i >= t.size() || !is_digit(t[i])) return -1;
    if (t[i] == '0' && i + 1 < t.size() && is_digit(t[i + 1])) return -1;  // leading zero
    while (i < t.size() && is_digit(t[i])) ++i, ++digits;
    if (i < t.size() && t[i] == '.') {
        ++i;
        if (i >= t.size() || !is_digit(t[i])) return -1;
        while (i < t.size() && is_digit(t[i])) ++i, ++digits;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (i >= t.size() || !is_digit(t[i])) return -1;
        while (i < t.size() && is_digit(t[i])) ++i, ++digits;
    }
    return i == t.size() ? static_cast<long>(digits) : -1;
}

class Prescanner {
  public:
    // `column` is the 1-based column of the text's first byte, for messages.
    Prescanner(std::string_view in, std::size_t column) : in_(in), column_(column) {}

    Prescan run() {
        std::size_t depth = 0;
        while (pos_ < in_.size() && out_.error.empty()) {
            const char c = in_[pos_];
            if (c == '{' || c == '[') {
                if (++depth > kMaxDepth) {
                    fail("nesting deeper than 1,000 levels");
                    break;
                }
                ++pos_;
            } else if (c == '}' || c == ']') {
                ++pos_;
                if (--depth == 0) {
                    out_.end = pos_;
                    return std::move(out_);
                }
            } else if (c == '"') string();
            else if (c == '-' || is_digit(c)) number();
            else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') ++pos_;
            else word();
        }
        if (out_.error.empty()) fail("the JSON object is not closed before the end of the line");
        return std::move(out_);
    }

  private:
    // Keeps the first problem; the scan loop stops on it.
    void fail(const std::string &why) {
        if (out_.error.empty())
            out_.error = "not strict JSON at column " + std::to_string(pos_ + column_) + ": " + why;
    }

    void string() {
        std::size_t units = 0;
        for (++pos_; pos_ < in_.size(); ) {
            const unsigned char c = static_cast<unsigned char>(in_[pos_]);
            if (c == '"') {
                ++pos_;
                if (units > kMaxStringLength) fail("a string longer than 20,000,000 characters");
                return;
            }
            if (c == '\\') {
                if (!escape()) return;
                ++units;
                continue;
            }
            if (c < 0x20) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "a raw control character U+%04X in a string", c);
                fail(buf);
                return;
            }
            if (!is_cont(c)) units += (c >= 0xF0) ? 2 : 1;
            ++pos_;
        }
        fail("a string is not closed");
    }

    // One escape at pos_; notes a lone surrogate. False on error.
    bool escape() {
        if (pos_ + 1 >= in_.size()) {
            fail("a string is not closed");
            return false;
        }
        const char e = in_[pos_ + 1];
        if (e != 'u') {
            if (std::strchr("\"\\/bfnrt", e) == nullptr) {
                fail("invalid escape: " + quoted(in_.substr(pos_ + 1, 1)) + " after a backslash");
                return false;
            }
            pos_ += 2;
            return true;
        }
        const long unit = u_escape_at(in_, pos_);
        if (unit < 0) {
            fail("invalid \\u escape");
            return false;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const long next = u_escape_at(in_, pos_ + 6);
            if (next >= 0xDC00 && next <= 0xDFFF) {
                pos_ += 12;
                return true;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) out_.lone_surrogate = true;  // Java keeps it in its String
        pos_ += 6;
        return true;
    }

    void number() {
        std::size_t end = pos_;
        while (end < in_.size() && (is_digit(in_[end]) || std::strchr("+-.eE", in_[end]))) ++end;
        const std::string_view t = in_.substr(pos_, end - pos_);
        if (t == "-" && end < in_.size() && std::isalpha(static_cast<unsigned char>(in_[end]))) {
            word();
            return;
        }
        const long digits = json_number_digits(t);
        if (digits < 0) return fail("invalid number " + excerpt(t));
        if (static_cast<std::size_t>(digits) > kMaxNumberLength) return fail("a number longer than 1,000 digits");
        pos_ = end;
    }

    void word() {
        const char c = in_[pos_];
        if (c == '\'') return fail("single quotes are not JSON (use double quotes)");
        if (c == '/' || c == '#') return fail("comments are not JSON");
        if (c == '+') return fail("a number may not start with '+'");
        if (c == '.') return fail("a number may not start with '.'");
        std::size_t end = pos_ + (c == '-' ? 1 : 0);
        while (end < in_.size() && is_word_char(in_[end])) ++end;
        const std::string_view w = in_.substr(pos_, end - pos_);
        if (w == "true" || w == "false" || w == "null") {
            pos_ = end;
            return;
        }
        if (w == "NaN" || w == "Infinity" || w == "-Infinity" || w == "+Infinity")
            return fail(std::string(w) + " is not allowed");
        if (w.empty()) {
            std::size_t bad;
            const std::size_t n = utf8_sequence(in_, pos_, bad);
            return fail("unexpected character " + excerpt(in_.substr(pos_, n ? n : 1)));
        }
        fail("unexpected " + excerpt(w) + " (strings and keys need double quotes)");
    }

    std::string_view in_;
    std::size_t column_;
    std::size_t pos_ = 0;
    Prescan out_;
};

// ---- Step 5: the tree ------------------------------------------------------------

using Node = JsonNode;

const char *kind_name(Node::Kind k) { return json_kind_name(k); }

const Node *member(const Node &obj, std::string_view key) {
    const Node *found = nullptr;  // Jackson keeps the last of duplicate keys
    for (const auto &m : obj.members)
        if (m.first == key) found = &m.second;
    return found;
}

std::size_t utf16_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if (!is_cont(c)) n += (c >= 0xF0) ? 2 : 1;
    return n;
}

// ---- Step 6: the typed rules -----------------------------------------------------

struct Judge {
    MessageCheck result;

    bool failed() const { return !result.error.empty(); }
    void reject(const std::string &path, const std::string &why, bool endangers = false) {
        if (failed()) return;
        result.error = path + ": " + why;
        result.endangers = endangers;
    }
    void note(std::string text) { result.notes.push_back(std::move(text)); }

    void root(const Node &n);
    void outputs(const Node &n, const std::string &path);
    void metrics(const Node &n, const std::string &path);
    void metric(const Node &n, const std::string &path);
    void metric_value(const Node &n, std::string_view type, const std::string &path);
    void tags(const Node &n, const std::string &path);
    void logs(const Node &n, const std::string &path);
    void log(const Node &n, const std::string &path);
    void assets(const Node &n, const std::string &path);

    std::vector<std::string> summary;
    std::vector<std::string> metric_names;  // "counter 'rows'", for the summary
};

std::string key_path(const std::string &base, std::string_view key) { return base + "[" + quoted(key) + "]"; }
std::string index_path(const std::string &base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

void Judge::root(const Node &n) {
    std::vector<std::string_view> seen;
    for (const auto &[key, value] : n.members) {
        const std::string path = key_path("", key);
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            note(path + " is given twice: the last one counts");
        seen.push_back(key);
        if (key == "outputs") outputs(value, path);
        else if (key == "metrics") metrics(value, path);
        else if (key == "logs") logs(value, path);
        else if (key == "assets") assets(value, path);
        else if (key == "encryptedOutputs") {
            if (value.kind != Node::object && value.kind != Node::null)
                reject(path, "must be an object, not " + std::string(kind_name(value.kind)));
            if (value.kind == Node::object)
                summary.push_back("encryptedOutputs: " + plural(value.members.size(), "key", "keys"));
            note(path + " is read by the Enterprise Edition only");
        } else note("unknown key " + path + " is ignored (servers before 0.19 reject the line)");
    }
    if (n.members.empty()) summary.push_back("an empty message: nothing to record");
}

void Judge::outputs(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::object) return reject(path, "must be an object, not " + std::string(kind_name(n.kind)));
    summary.push_back("outputs: " + plural(n.members.size(), "key", "keys"));
}

void Judge::metrics(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::array) return reject(path, "must be a list, not " + std::string(kind_name(n.kind)));
    for (std::size_t i = 0; i < n.items.size() && !failed(); ++i) metric(n.items[i], index_path(path, i));
    if (failed()) return;
    // "metrics: counter 'rows', timer 'load' and 3 more"
    std::string list;
    for (std::size_t i = 0; i < metric_names.size() && i < 3; ++i) list += (i ? ", " : "") + metric_names[i];
    if (metric_names.size() > 3) list += " and " + std::to_string(metric_names.size() - 3) + " more";
    summary.push_back("metrics: " + (list.empty() ? std::string("none") : list));
}

void Judge::metric(const Node &n, const std::string &path) {
    if (n.kind == Node::null)
        return reject(path, "a null metric can stop the worker reading the script's output", true);
    if (n.kind != Node::object) return reject(path, "must be an object, not " + std::string(kind_name(n.kind)));

    const Node *type = member(n, "type");
    if (!type) return reject(path, "'type' is missing (counter, timer or gauge)");
    if (type->kind != Node::string) return reject(key_path(path, "type"), "must be a string, not " + std::string(kind_name(type->kind)));
    const std::string_view t = type->text;
    if (t != "counter" && t != "timer" && t != "gauge")
        return reject(key_path(path, "type"), "unknown type " + excerpt(t) + " (exactly counter, timer or gauge)");
    if (t == "gauge") note(key_path(path, "type") + ": gauge is read by newer servers only (1.1+)");

    const Node *name = member(n, "name");
    if (!name || name->kind == Node::null)
        return reject(key_path(path, "name"), name ? "null can stop the worker reading the script's output" : "is missing", name != nullptr);
    if (name->kind != Node::string) return reject(key_path(path, "name"), "must be a string, not " + std::string(kind_name(name->kind)));
    if (name->text.empty()) note(key_path(path, "name") + " is empty");

    const Node *value = member(n, "value");
    if (!value || value->kind == Node::null)
        return reject(key_path(path, "value"), std::string(value ? "null" : "a missing value") +
                                                   " can stop the worker reading the script's output", true);
    metric_value(*value, t, key_path(path, "value"));

    if (const Node *tg = member(n, "tags")) tags(*tg, key_path(path, "tags"));
    if (const Node *ts = member(n, "timestamp")) {
        if (ts->kind == Node::string) {
            if (!is_iso_instant(ts->text))
                reject(key_path(path, "timestamp"), excerpt(ts->text, 40) + " is not an ISO-8601 instant");
        } else if (ts->kind != Node::number && ts->kind != Node::null) {
            reject(key_path(path, "timestamp"), "must be an ISO-8601 string, not " + std::string(kind_name(ts->kind)));
        }
    }
    if (const Node *d = member(n, "description")) {
        if (d->kind == Node::object || d->kind == Node::array)
            reject(key_path(path, "description"), "must be a string, not " + std::string(kind_name(d->kind)));
    }
    if (!failed()) metric_names.push_back(std::string(t) + " " + excerpt(name->text, 40));
    for (const auto &m : n.members) {
        const std::string_view k = m.first;
        if (k != "type" && k != "name" && k != "value" && k != "tags" && k != "timestamp" && k != "description")
            note("unknown key " + key_path(path, k) + " is ignored");
    }
}

// True when a JSON integer text lies within Java's long.
void Judge::metric_value(const Node &v, std::string_view type, const std::string &path) {
    if (type != "timer") {
        if (v.kind != Node::number) return reject(path, "must be a number, not " + std::string(kind_name(v.kind)));
        return;
    }
    // A timer is a java.time.Duration: a number of seconds, or an ISO-8601 duration.
    if (v.kind == Node::string) {
        std::string_view s = v.text;
        while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
        while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
        if (s.empty()) return reject(path, "an empty duration reads as null, which can stop the worker", true);
        if (!is_iso_duration(s)) return reject(path, excerpt(v.text, 40) + " is not an ISO-8601 duration (like PT1.5S)");
        return;
    }
    if (v.kind != Node::number)
        return reject(path, "must be a number of seconds or an ISO-8601 duration, not " + std::string(kind_name(v.kind)));
    if (!timer_seconds_fit(v.text)) return reject(path, "out of range of a duration in seconds");
    if (is_negative_number(v.text)) note(path + ": a negative duration");
}

void Judge::tags(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return reject(path, "null can stop the worker reading the script's output", true);
    if (n.kind != Node::object) return reject(path, "must be an object, not " + std::string(kind_name(n.kind)));
    for (const auto &[key, value] : n.members) {
        if (value.kind == Node::null)
            return reject(key_path(path, key), "a null tag value can stop the worker reading the script's output", true);
        if (value.kind == Node::object || value.kind == Node::array)
            return reject(key_path(path, key), "must be a string, number or boolean, not " + std::string(kind_name(value.kind)));
    }
}

void Judge::logs(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::array) return reject(path, "must be a list, not " + std::string(kind_name(n.kind)));
    for (std::size_t i = 0; i < n.items.size() && !failed(); ++i) log(n.items[i], index_path(path, i));
    if (!failed()) summary.push_back("logs: " + plural(n.items.size(), "entry", "entries"));
}

void Judge::log(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return note(path + " is null: the server drops it with a warning");
    if (n.kind != Node::object) return reject(path, "must be an object, not " + std::string(kind_name(n.kind)));
    const Node *level = member(n, "level");
    if (!level || level->kind == Node::null)
        note(key_path(path, "level") + " is missing: the server drops this entry with a warning");
    else if (level->kind != Node::string)
        return reject(key_path(path, "level"), "must be a string, not " + std::string(kind_name(level->kind)));
    else {
        const std::string_view l = level->text;
        if (l != "TRACE" && l != "DEBUG" && l != "INFO" && l != "WARN" && l != "ERROR")
            return reject(key_path(path, "level"),
                          "unknown level " + excerpt(l) + " (exactly TRACE, DEBUG, INFO, WARN or ERROR)");
    }
    const Node *message = member(n, "message");
    if (!message || message->kind == Node::null)
        note(key_path(path, "message") + " is missing or null");
    else if (message->kind == Node::object || message->kind == Node::array)
        return reject(key_path(path, "message"), "must be a string, not " + std::string(kind_name(message->kind)));
    else if (message->kind == Node::string && utf16_length(message->text) > kLogSplitLength)
        note(key_path(path, "message") + " is longer than 10,240 characters: the server splits it");
    for (const auto &m : n.members)
        if (m.first != "level" && m.first != "message") note("unknown key " + key_path(path, m.first) + " is ignored");
}

void Judge::assets(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::object) return reject(path, "must be an object, not " + std::string(kind_name(n.kind)));
    for (const auto &[key, value] : n.members) {
        if ((key == "inputs" || key == "outputs") && value.kind != Node::array && value.kind != Node::null)
            return reject(key_path(path, key), "must be a list, not " + std::string(kind_name(value.kind)));
    }
    summary.push_back("assets");
}

// ---- Steps 4 to 6 together ------------------------------------------------------------

// Judges the first JSON value of `text` (which starts with '{'); trailing text is
// reported in `trailing`.
MessageCheck judge_text(std::string_view text, std::size_t column, std::string *trailing) {
    Prescan pre = Prescanner(text, column).run();
    MessageCheck out;
    if (!pre.error.empty()) {
        out.error = ": " + pre.error;
        return out;
    }
    if (trailing && pre.end < text.size()) *trailing = std::string(text.substr(pre.end));

    JsonTree parsed = parse_json_tree(text.substr(0, pre.end), kMaxDepth);
    if (!parsed.error.empty()) {
        out.error = ": not strict JSON at column " + std::to_string(parsed.error_at + column) + ": " + parsed.error;
        return out;
    }
    const Node &tree = parsed.root;
    Judge judge;
    if (pre.lone_surrogate) judge.note("a lone surrogate escape (\\ud800) reaches the server as is");
    judge.root(tree);
    out = std::move(judge.result);
    for (std::size_t i = 0; i < judge.summary.size(); ++i) out.summary += (i ? ", " : "") + judge.summary[i];
    return out;
}

}  // namespace

// ---- ISO-8601 forms the server's java.time parsers read --------------------------------

namespace {

// Digits at s[i..]: at least `min`, at most `max`; advances i.
bool digits(std::string_view s, std::size_t &i, std::size_t min, std::size_t max) {
    std::size_t n = 0;
    while (i < s.size() && is_digit(s[i]) && n < max) ++i, ++n;
    return n >= min;
}
bool take(std::string_view s, std::size_t &i, char a, char b = 0) {
    if (i < s.size() && (s[i] == a || (b && s[i] == b))) return ++i, true;
    return false;
}

// Duration.parse: [-+]P[nD][T[nH][nM][n[.f]S]] (case-insensitive, each n signed),
// with at least one part, and at least one part after a T.
bool is_iso_duration(std::string_view s) {
    std::size_t i = 0;
    take(s, i, '-', '+');
    if (!take(s, i, 'P', 'p')) return false;
    bool any = false;
    const auto part = [&](char unit, bool fraction) {
        const std::size_t start = i;
        take(s, i, '-', '+');
        if (!digits(s, i, 1, 64)) {
            i = start;
            return;
        }
        if (fraction && take(s, i, '.', ',')) digits(s, i, 0, 9);
        if (take(s, i, unit, static_cast<char>(unit + 32))) any = true;
        else i = start;
    };
    part('D', false);
    if (take(s, i, 'T', 't')) {
        const bool before = any;
        any = false;
        part('H', false);
        part('M', false);
        part('S', true);
        if (!any) return false;
        any = any || before;
    }
    return any && i == s.size();
}

// An instant as Jackson's InstantDeserializer reads a string: date, time with
// optional seconds and fraction, then Z or an offset.
bool is_iso_instant(std::string_view s) {
    std::size_t i = 0;
    take(s, i, '-', '+');
    if (!digits(s, i, 4, 9) || !take(s, i, '-') || !digits(s, i, 2, 2) || !take(s, i, '-') ||
        !digits(s, i, 2, 2) || !take(s, i, 'T', 't') || !digits(s, i, 2, 2) || !take(s, i, ':') ||
        !digits(s, i, 2, 2))
        return false;
    if (take(s, i, ':')) {
        if (!digits(s, i, 2, 2)) return false;
        if (take(s, i, '.') && !digits(s, i, 1, 9)) return false;
    }
    if (take(s, i, 'Z', 'z')) return i == s.size();
    if (!take(s, i, '+', '-') || !digits(s, i, 2, 2)) return false;
    if (take(s, i, ':')) {
        if (!digits(s, i, 2, 2)) return false;
        if (take(s, i, ':') && !digits(s, i, 2, 2)) return false;
    }
    return i == s.size();
}

}  // namespace

namespace {

// For a near miss whose only fault is what wraps it: would its JSON be recorded?
// So a linter user learns every problem of the line at once.
std::string once_fixed(std::string_view s) {
    const std::size_t head = leading_wrapper(s);
    const std::size_t tail = std::min(trailing_wrapper(s), s.size() - head);
    const Match m = match_protocol(s.substr(head, s.size() - head - tail));
    if (!m.matched) return "";
    const MessageCheck c = judge_text(m.group, head + 3, nullptr);
    if (c.error.empty()) return "; without it the line would be recorded";
    return "; without it the line would still be rejected: " +
           (c.error.substr(0, 2) == ": " ? c.error.substr(2) : c.error);
}

}  // namespace

MessageCheck analyse_message(std::string_view json_object) {
    std::size_t start = 0;
    while (start < json_object.size() && std::strchr(" \t\n\r", json_object[start]) && json_object[start]) ++start;
    const std::string_view text = json_object.substr(start);
    if (text.empty() || text[0] != '{') {
        MessageCheck out;
        out.error = ": must be a JSON object";
        return out;
    }
    std::string trailing;
    MessageCheck out = judge_text(text, start + 1, &trailing);
    if (out.error.empty() && trailing.find_first_not_of(" \t\n\r") != std::string::npos)
        out.error = ": text after the JSON object";
    return out;
}

std::string check_message(std::string_view json_object) { return analyse_message(json_object).error; }

LineCheck check_line(std::string_view line) {
    std::string storage;
    bool replaced;
    const std::string_view s = decode_like_java(line, storage, replaced);
    const Match m = match_protocol(s);
    if (!m.matched) {
        std::string why = near_miss_reason(s);
        if (why.empty()) return {KESTRA_LINE_TEXT, "not protocol data: logged as text"};
        return {KESTRA_LINE_NEAR_MISS, why + once_fixed(s)};
    }

    std::string trailing;
    MessageCheck c = judge_text(m.group, 3, &trailing);
    std::vector<std::string> notes;
    if (replaced) notes.push_back("invalid UTF-8 is replaced by U+FFFD on the server");
    if (!trailing.empty()) notes.push_back("text " + excerpt(trailing) + " after the first JSON object is ignored");
    if (!m.note.empty()) notes.push_back(m.note);
    if (!c.error.empty()) {
        std::string reason = c.error.substr(0, 2) == ": " ? c.error.substr(2) : c.error;
        if (replaced) reason += " (after invalid UTF-8 was replaced by U+FFFD)";
        return {KESTRA_LINE_REJECTED, reason};
    }
    notes.insert(notes.end(), c.notes.begin(), c.notes.end());
    if (std::any_of(line.begin(), line.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; }))
        notes.push_back("raw non-ASCII text can be corrupted by the Docker runner (escape it as \\u00e9)");
    std::string reason = c.summary;
    for (const auto &n : notes) reason += "; " + n;
    return {KESTRA_LINE_RECORDED, reason};
}

}  // namespace kestra::detail

extern "C" KESTRA_API kestra_line_verdict kestra_check_line(const char *line, size_t len, char *reason,
                                                             size_t reason_cap) {
    try {
        if (!line) len = 0;
        if (len == KESTRA_CSTR) len = line ? std::strlen(line) : 0;
        const kestra::detail::LineCheck c = kestra::detail::check_line(std::string_view(line ? line : "", len));
        if (reason && reason_cap > 0) {
            const std::size_t n = std::min(c.reason.size(), reason_cap - 1);
            std::memcpy(reason, c.reason.data(), n);
            reason[n] = '\0';
        }
        return c.verdict;
    } catch (...) {  // no exception crosses the C ABI (bad_alloc on a huge line)
        if (reason && reason_cap > 0) {
            const char msg[] = "out of memory while checking the line";
            const std::size_t n = std::min(sizeof msg - 1, reason_cap - 1);
            std::memcpy(reason, msg, n);
            reason[n] = '\0';
        }
        return KESTRA_LINE_REJECTED;
    }
}
