// The summary as text for a person (kestra_summary_text, kestra_summary_take_rows):
// `kestra-emit show` prints it, and every language's test helper puts it in a
// failing test's message, so they all show a run the same way.
#include <string>
#include <vector>

#include "json_text.hpp"
#include "script_summary.hpp"

namespace kestra::detail {
namespace {

constexpr std::size_t kMaxCell = 160;  // code points of one value shown in a table
constexpr std::size_t kMaxLogs = 20;   // the last log lines listed by the summary

// Script text made safe for a terminal: control characters (C0, DEL, C1, which
// could move the cursor or change colours) as \u escapes, long text cut.
std::string display(std::string_view text, std::size_t max = kMaxCell) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++shown > max) {
      out += "...";
      break;
    }
    unsigned code = 0x100;
    if (c < 0x20 || c == 0x7f)
      code = c;
    else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0)
      code = static_cast<unsigned char>(text[++i]);
    if (code == 0x100) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    static const char hex[] = "0123456789abcdef";
    out += "\\u00";
    out.push_back(hex[code >> 4]);
    out.push_back(hex[code & 15]);
  }
  return out;
}

std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const char *colour_of(std::string_view kind) {
  if (kind == "ERROR" || kind == "rejected") return "31";
  if (kind == "WARN" || kind == "near miss") return "33";
  if (kind == "INFO") return "32";
  if (kind == "DEBUG" || kind == "TRACE") return "2";
  if (kind == "output") return "36";
  if (kind == "asset") return "34";
  return "35";  // metrics
}

struct Painter {
  bool color;
  // `text` padded to `pad` columns (0: none), in the colour of `kind`.
  std::string cell(std::string_view text, std::string_view kind, std::size_t pad = 0) const {
    std::string padded(text);
    if (width(text) < pad) padded.append(pad - width(text), ' ');
    if (!color || kind.empty()) return padded;
    const std::size_t end = padded.find_last_not_of(' ') + 1;
    return std::string("\x1b[") + colour_of(kind) + "m" + padded.substr(0, end) + "\x1b[0m" +
           padded.substr(end);
  }
  std::string heading(const std::string &text) const { return color ? "\x1b[1m" + text + "\x1b[0m" : text; }
};

// Rows of cells, each column as wide as its widest cell; the first column coloured by `kinds`.
void table(std::string &out, const Painter &p, const std::vector<std::vector<std::string>> &rows,
           const std::vector<std::string> &kinds = {}) {
  std::vector<std::size_t> widths;
  for (const auto &r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], width(r[i]));
    }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string line;
    for (std::size_t i = 0; i < rows[k].size(); ++i) {
      const bool last = i + 1 == rows[k].size();
      line += "  ";
      if (i == 0 && !kinds.empty())
        line += p.cell(rows[k][i], kinds[k], last ? 0 : widths[i]);
      else
        line += p.cell(rows[k][i], "", 0) + (last ? "" : std::string(widths[i] - width(rows[k][i]), ' '));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
}

std::string where(int stream, std::size_t line) {
  return std::string(stream_name(stream)) + ":" + std::to_string(line);
}

std::string plural(std::size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string number_text(double v) {
  std::string out;
  append_double(out, v);
  return out;
}

std::string section(const Painter &p, const char *name, std::size_t count) {
  return p.heading(std::string(name) + (count ? " (" + std::to_string(count) + ")" : ": none")) + "\n";
}

}  // namespace

std::string ScriptSummary::text(bool color) const {
  const Painter p{color};
  std::string out = section(p, "Outputs", outputs_.size());
  std::vector<std::vector<std::string>> rows;
  for (const auto &o : outputs_) {
    std::string value;
    append_node_json(value, o.value, false);
    rows.push_back({display(o.key), java_type_name(o.value), display(value)});
  }
  table(out, p, rows);

  out += section(p, "Metrics", metrics_.size());
  rows.clear();
  std::vector<std::string> kinds;
  for (const auto &m : metrics_) {
    std::string tags;
    for (const auto &[k, v] : m.tags) tags += (tags.empty() ? "" : ",") + k + "=" + v;
    const std::string value = m.type == "timer" ? number_text(m.duration.as_seconds()) +
                                                      " s = " + std::to_string(m.duration.millis()) + " ms"
                                                : number_text(m.value);
    rows.push_back({m.type, display(m.name), display(tags.empty() ? "-" : tags), value,
                    plural(m.lines, "line", "lines")});
    kinds.push_back(m.type);
  }
  table(out, p, rows, kinds);

  std::size_t by_level[5] = {0, 0, 0, 0, 0};
  for (const auto &l : logs_) ++by_level[l.level];
  std::string levels;
  for (int l = 0; l < 5; ++l)
    if (by_level[l])
      levels += (levels.empty() ? ": " : ", ") +
                std::string(kestra_level_name(static_cast<kestra_level>(l))) + " " +
                std::to_string(by_level[l]);
  out +=
      p.heading(logs_.empty() ? "Logs: none" : "Logs (" + std::to_string(logs_.size()) + ")" + levels) + "\n";
  rows.clear();
  kinds.clear();
  const std::size_t first = logs_.size() > kMaxLogs ? logs_.size() - kMaxLogs : 0;
  if (first) out += "  ... " + plural(first, "earlier line", "earlier lines") + "\n";
  for (std::size_t i = first; i < logs_.size(); ++i) {
    const StoredLog &l = logs_[i];
    rows.push_back({kestra_level_name(l.level), where(l.stream, l.line), display(l.message)});
    kinds.push_back(kestra_level_name(l.level));
  }
  table(out, p, rows, kinds);

  out += section(p, "Assets", assets_.size());
  for (const auto &a : assets_) {
    std::string value;
    append_node_json(value, a, false);
    out += "  " + display(value) + "\n";
  }

  if (!problems_.empty()) {
    out += section(p, "Problems", problems_.size());
    rows.clear();
    kinds.clear();
    for (const auto &pr : problems_) {
      const char *kind = pr.verdict == KESTRA_LINE_REJECTED ? "rejected" : "near miss";
      rows.push_back({kind, where(pr.stream, pr.line), display(pr.reason)});
      kinds.push_back(kind);
    }
    table(out, p, rows, kinds);
  }
  out += "Lines: " + std::to_string(counts_[KESTRA_LINE_RECORDED]) + " recorded, " +
         std::to_string(counts_[KESTRA_LINE_REJECTED]) + " rejected, " +
         plural(counts_[KESTRA_LINE_NEAR_MISS], "near miss", "near misses") + ", " +
         std::to_string(counts_[KESTRA_LINE_TEXT]) + " text\n";
  return out;
}

std::string ScriptSummary::take_rows(bool color) {
  const Painter p{color};
  std::string out;
  for (const SummaryRow &r : rows_) {
    std::string line = p.cell(where(r.stream, r.line), "", 11) + " " + p.cell(r.kind, r.kind, 9) + " ";
    if (r.kind == "output")
      line += display(r.label) + " = " + display(r.value) + "  (" + r.total + ")";
    else if (!r.label.empty())
      line += display(r.label) + " " + display(r.value) + "  (total " + r.total + ")";
    else
      line += display(r.value, 4 * kMaxCell);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  rows_.clear();
  return out;
}

}  // namespace kestra::detail
