#include "iso8601.hpp"

#include <cstddef>

namespace kestra::detail {
namespace {

// Reads the text left to right; each call moves past what it took.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }

  // One of the given characters (b = 0: only a).
  bool take(char a, char b = 0) {
    if (pos_ < text_.size() && (text_[pos_] == a || (b && text_[pos_] == b))) return ++pos_, true;
    return false;
  }

  // A letter in either case.
  bool take_letter(char upper) { return take(upper, static_cast<char>(upper - 'A' + 'a')); }

  // From `min` to `max` decimal digits, with their value (of at most 9 digits).
  bool number(std::size_t min, std::size_t max, long &value) {
    std::size_t n = 0;
    value = 0;
    while (pos_ < text_.size() && n < max && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (n < 9) value = value * 10 + (text_[pos_] - '0');
      ++pos_, ++n;
    }
    return n >= min;
  }
  bool number(std::size_t min, std::size_t max) {
    long ignored;
    return number(min, max, ignored);
  }

  std::size_t position() const { return pos_; }
  void rewind(std::size_t to) { pos_ = to; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Z, or an offset of at most 18 hours.
bool zone(Cursor &c, bool server) {
  if (server ? c.take_letter('Z') : c.take('Z')) return true;
  long hours = 0, minutes = 0, seconds = 0;
  if (!c.take('+', '-') || !c.number(2, 2, hours)) return false;
  if (c.take(':')) {
    if (!c.number(2, 2, minutes)) return false;
    if (server && c.take(':') && !c.number(2, 2, seconds)) return false;
  } else if (!server) {
    return false;
  }
  return hours <= 18 && minutes <= 59 && seconds <= 59;
}

}  // namespace

int days_in_month(long year, long month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool is_iso8601_instant(std::string_view text, Iso8601Reading reading) {
  const bool server = reading == Iso8601Reading::server;
  Cursor c(text);
  long year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (server) c.take('-', '+');
  if (!c.number(4, server ? 9 : 4, year) || !c.take('-') || !c.number(2, 2, month) || !c.take('-') ||
      !c.number(2, 2, day))
    return false;
  if (!(server ? c.take_letter('T') : c.take('T'))) return false;
  if (!c.number(2, 2, hour) || !c.take(':') || !c.number(2, 2, minute)) return false;
  if (c.take(':')) {
    if (!c.number(2, 2, second)) return false;
    if (c.take('.') && !c.number(1, 9)) return false;
  } else if (!server) {
    return false;  // we always write the seconds
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return zone(c, server) && c.at_end();
}

bool is_iso8601_duration(std::string_view text) {
  Cursor c(text);
  c.take('-', '+');
  if (!c.take_letter('P')) return false;
  bool any = false;
  // One signed part "n<unit>" (with a fraction for seconds); nothing taken when absent.
  const auto part = [&](char unit, bool fraction) {
    const std::size_t start = c.position();
    c.take('-', '+');
    if (c.number(1, 64)) {
      if (fraction && c.take('.', ',')) c.number(0, 9);
      if (c.take_letter(unit)) {
        any = true;
        return;
      }
    }
    c.rewind(start);
  };
  part('D', false);
  if (c.take_letter('T')) {
    const bool days = any;
    any = false;
    part('H', false);
    part('M', false);
    part('S', true);
    if (!any) return false;
    any = any || days;
  }
  return any && c.at_end();
}

}  // namespace kestra::detail
