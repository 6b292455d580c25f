#include "text.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <strings.h>

namespace emit {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_escape(std::string &out, const char *format, unsigned value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, format, value);
    out += buf;
}

// The code point of the UTF-8 sequence at s[i] and its length, or length 0 when
// the bytes there are not valid UTF-8.
unsigned decode(std::string_view s, std::size_t i, std::size_t &len) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    len = 1;
    if (c < 0x80) return c;
    const std::size_t need = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : 0;
    if (need == 0) return len = 0, 0;
    unsigned cp = need == 3 ? c & 0x07u : need == 2 ? c & 0x0Fu : c & 0x1Fu;
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) return len = 0, 0;
        const unsigned char b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return len = 0, 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    const unsigned min = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return len = 0, 0;
    len = need + 1;
    return cp;
}

// Accepts the JSON number grammar, except that leading zeros are allowed
// (a shell user's "007" means 7). Tells whether the text has a fraction or exponent.
bool is_decimal(std::string_view t, bool &has_fraction) {
    std::size_t i = 0;
    has_fraction = false;
    if (i < t.size() && t[i] == '-') ++i;
    const std::size_t start = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    if (i == start) return false;
    if (i < t.size() && t[i] == '.') {
        const std::size_t frac = ++i;
        while (i < t.size() && is_digit(t[i])) ++i;
        if (i == frac) return false;
        has_fraction = true;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        const std::size_t exp = i;
        while (i < t.size() && is_digit(t[i])) ++i;
        if (i == exp) return false;
        has_fraction = true;
    }
    return i == t.size();
}

}  // namespace

std::string quote(std::string_view text) {
    std::string out = "'";
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len;
        const unsigned cp = decode(text, i, len);
        if (len == 0) {  // show an invalid byte as it is
            append_escape(out, "\\x%02x", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        i += len;
        if (cp == '\'' || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp == '\t') out += "\\t";
        else if (cp >= 0x20 && cp < 0x7F) out += static_cast<char>(cp);
        else if (cp >= 0x10000) {
            append_escape(out, "\\u%04x", 0xD800 + ((cp - 0x10000) >> 10));
            append_escape(out, "\\u%04x", 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else append_escape(out, "\\u%04x", cp);
    }
    return out + "'";
}

Number parse_number(std::string_view text) {
    std::string_view word = text;
    if (!word.empty() && (word[0] == '-' || word[0] == '+')) word.remove_prefix(1);
    const std::string w(word);
    if (strcasecmp(w.c_str(), "nan") == 0) return {Number::not_finite, std::nan("")};
    if (strcasecmp(w.c_str(), "inf") == 0 || strcasecmp(w.c_str(), "infinity") == 0)
        return {Number::not_finite, text[0] == '-' ? -HUGE_VAL : HUGE_VAL};

    bool has_fraction;
    if (!is_decimal(text, has_fraction)) return {Number::invalid};
    if (!has_fraction) return {Number::integer};
    const std::string copy(text);
    errno = 0;
    const double d = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(d)) return {Number::out_of_range, d};  // underflow to 0 is fine, as in Python
    return {Number::floating, d};
}

}  // namespace emit
