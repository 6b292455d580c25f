#include "line_rules.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "iso8601.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

using Node = JsonNode;

// Kestra before 2.0 split a longer log message into several entries; 2.0 was
// seen to split at 15,360 (docs/PROTOCOL.md).
constexpr std::size_t kLogSplitLength = 10240;

constexpr const char *kStopsTheWorker = "can stop the worker reading the script's output";

std::string excerpt(std::string_view s, std::size_t max = 20) { return quote_excerpt_for_message(s, max); }
std::string not_a(const char *wanted, const Node &n) {
  return std::string("must be ") + wanted + ", not " + json_kind_name(n.kind);
}
std::string plural(std::size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class Judge {
 public:
  MessageJudgement result;

  void root(const Node &n) {
    std::vector<std::string_view> seen;
    for (const auto &[key, value] : n.members) {
      const std::string path = key_path("", key);
      if (std::find(seen.begin(), seen.end(), key) != seen.end())
        note(path + " is given twice: the last one counts");
      seen.push_back(key);
      if (key == "outputs") {
        outputs(value, path);
      } else if (key == "metrics") {
        metrics(value, path);
      } else if (key == "logs") {
        logs(value, path);
      } else if (key == "assets") {
        assets(value, path);
      } else if (key == "encryptedOutputs") {
        // The open-source server has no field for it and ignores it whatever its value
        // (docs/PROTOCOL.md Part 1.8): the line is recorded; only its shape is noted.
        if (value.kind == Node::object)
          summary_.push_back("encryptedOutputs: " + plural(value.members.size(), "key", "keys"));
        else if (value.kind != Node::null)
          note(path + " is " + json_kind_name(value.kind) +
               ", not an object: the open-source server ignores it");
        note(path + " is read by the Enterprise Edition only");
      } else {
        note("unknown key " + path + " is ignored (servers before 0.19 reject the line)");
      }
    }
    if (n.members.empty()) summary_.push_back("an empty message: nothing to record");
    for (std::size_t i = 0; i < summary_.size(); ++i) result.summary += (i ? ", " : "") + summary_[i];
  }

 private:
  bool failed() const { return !result.error.empty(); }
  void reject(const std::string &path, const std::string &why) {
    if (!failed()) result.error = path + ": " + why;
  }
  void note(std::string text) { result.notes.push_back(std::move(text)); }

  void outputs(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::object) return reject(path, not_a("an object", n));
    summary_.push_back("outputs: " + plural(n.members.size(), "key", "keys"));
  }

  void metrics(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::array) return reject(path, not_a("a list", n));
    for (std::size_t i = 0; i < n.items.size() && !failed(); ++i) metric(n.items[i], index_path(path, i));
    if (failed()) return;
    // "metrics: counter 'rows', timer 'load' and 3 more"
    std::string list;
    for (std::size_t i = 0; i < metric_names_.size() && i < 3; ++i)
      list += (i ? ", " : "") + metric_names_[i];
    if (metric_names_.size() > 3) list += " and " + std::to_string(metric_names_.size() - 3) + " more";
    summary_.push_back("metrics: " + (list.empty() ? std::string("none") : list));
  }

  void metric(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return reject(path, std::string("a null metric ") + kStopsTheWorker);
    if (n.kind != Node::object) return reject(path, not_a("an object", n));

    const Node *type = json_member(n, "type");
    if (!type) return reject(path, "'type' is missing (counter, timer or gauge)");
    if (type->kind != Node::string) return reject(key_path(path, "type"), not_a("a string", *type));
    const std::string_view t = type->text;
    if (t != "counter" && t != "timer" && t != "gauge")
      return reject(key_path(path, "type"),
                    "unknown type " + excerpt(t) + " (exactly counter, timer or gauge)");
    if (t == "gauge") note(key_path(path, "type") + ": gauge is read by newer servers only (1.1+)");

    const Node *name = json_member(n, "name");
    if (!name) return reject(key_path(path, "name"), "is missing");
    if (name->kind == Node::null)
      return reject(key_path(path, "name"), std::string("null ") + kStopsTheWorker);
    if (name->kind != Node::string) return reject(key_path(path, "name"), not_a("a string", *name));
    if (name->text.empty()) note(key_path(path, "name") + " is empty");

    const Node *value = json_member(n, "value");
    if (!value || value->kind == Node::null)
      return reject(key_path(path, "value"),
                    std::string(value ? "null " : "a missing value ") + kStopsTheWorker);
    metric_value(*value, t, key_path(path, "value"));

    if (const Node *tags_node = json_member(n, "tags")) tags(*tags_node, key_path(path, "tags"));
    if (const Node *ts = json_member(n, "timestamp")) {
      if (ts->kind == Node::string) {
        if (!is_iso8601_instant(ts->text, Iso8601Reading::server))
          reject(key_path(path, "timestamp"), excerpt(ts->text, 40) + " is not an ISO-8601 instant");
      } else if (ts->kind != Node::number && ts->kind != Node::null) {
        reject(key_path(path, "timestamp"), not_a("an ISO-8601 string", *ts));
      }
    }
    if (const Node *d = json_member(n, "description")) {
      if (d->kind == Node::object || d->kind == Node::array)
        reject(key_path(path, "description"), not_a("a string", *d));
    }
    if (!failed()) metric_names_.push_back(std::string(t) + " " + excerpt(name->text, 40));
    for (const auto &member : n.members) {
      const std::string_view k = member.first;
      if (k != "type" && k != "name" && k != "value" && k != "tags" && k != "timestamp" && k != "description")
        note("unknown key " + key_path(path, k) + " is ignored");
    }
  }

  void metric_value(const Node &v, std::string_view type, const std::string &path) {
    if (type != "timer") {
      if (v.kind != Node::number) reject(path, not_a("a number", v));
      return;
    }
    // A timer is a java.time.Duration: a number of seconds, or an ISO-8601 duration.
    if (v.kind == Node::string) {
      std::string_view s = v.text;
      while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
      while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
      if (s.empty()) return reject(path, "an empty duration reads as null, which can stop the worker");
      if (!is_iso8601_duration(s))
        reject(path, excerpt(v.text, 40) + " is not an ISO-8601 duration (like PT1.5S)");
      return;
    }
    if (v.kind != Node::number) return reject(path, not_a("a number of seconds or an ISO-8601 duration", v));
    if (!timer_seconds_fit(v.text)) return reject(path, "out of range of a duration in seconds");
    if (is_negative_number(v.text)) note(path + ": a negative duration");
  }

  void tags(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return reject(path, std::string("null ") + kStopsTheWorker);
    if (n.kind != Node::object) return reject(path, not_a("an object", n));
    for (const auto &[key, value] : n.members) {
      if (value.kind == Node::null)
        return reject(key_path(path, key), std::string("a null tag value ") + kStopsTheWorker);
      if (value.kind == Node::object || value.kind == Node::array)
        return reject(key_path(path, key), not_a("a string, number or boolean", value));
    }
  }

  void logs(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::array) return reject(path, not_a("a list", n));
    for (std::size_t i = 0; i < n.items.size() && !failed(); ++i) log(n.items[i], index_path(path, i));
    if (!failed()) summary_.push_back("logs: " + plural(n.items.size(), "entry", "entries"));
  }

  void log(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return note(path + " is null: the server drops it with a warning");
    if (n.kind != Node::object) return reject(path, not_a("an object", n));
    const Node *level = json_member(n, "level");
    if (!level || level->kind == Node::null) {
      note(key_path(path, "level") + " is missing: the server drops this entry with a warning");
    } else if (level->kind != Node::string) {
      return reject(key_path(path, "level"), not_a("a string", *level));
    } else {
      const std::string_view l = level->text;
      if (l != "TRACE" && l != "DEBUG" && l != "INFO" && l != "WARN" && l != "ERROR")
        return reject(key_path(path, "level"),
                      "unknown level " + excerpt(l) + " (exactly TRACE, DEBUG, INFO, WARN or ERROR)");
    }
    const Node *message = json_member(n, "message");
    if (!message || message->kind == Node::null) {
      note(key_path(path, "message") + " is missing or null");
    } else if (message->kind == Node::object || message->kind == Node::array) {
      return reject(key_path(path, "message"), not_a("a string", *message));
    } else if (message->kind == Node::string && utf16_units(message->text) > kLogSplitLength) {
      note(key_path(path, "message") +
           " is longer than 10,240 characters: the server splits it into several entries (Kestra 2.0 at "
           "15,360)");
    }
    for (const auto &member : n.members)
      if (member.first != "level" && member.first != "message")
        note("unknown key " + key_path(path, member.first) + " is ignored");
  }

  void assets(const Node &n, const std::string &path) {
    if (n.kind == Node::null) return;
    if (n.kind != Node::object) return reject(path, not_a("an object", n));
    for (const auto &[key, value] : n.members) {
      if ((key == "inputs" || key == "outputs") && value.kind != Node::array && value.kind != Node::null)
        return reject(key_path(path, key), not_a("a list", value));
      if (key == "inputs" && value.kind == Node::array) asset_inputs(value, key_path(path, key));
    }
    summary_.push_back("assets");
  }

  // Kestra 2.0 keeps only these keys of an asset input, dropping the rest silently.
  void asset_inputs(const Node &list, const std::string &path) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      for (const auto &member : list.items[i].members) {
        const std::string_view k = member.first;
        if (k != "id" && k != "namespace" && k != "type" && k != "tenantId")
          note(key_path(index_path(path, i), k) +
               " is dropped by Kestra 2.0 (an input keeps id, namespace, type, tenantId)");
      }
    }
  }

  std::vector<std::string> summary_;
  std::vector<std::string> metric_names_;  // "counter 'rows'", for the summary
};

}  // namespace

MessageJudgement judge_message(const JsonNode &root) {
  Judge judge;
  judge.root(root);
  return std::move(judge.result);
}

}  // namespace kestra::detail
