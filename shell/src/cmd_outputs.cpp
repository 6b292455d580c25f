// kestra-emit outputs [--encrypted] KEY=VALUE... | KEY:=JSON... | --json TEXT | --json -
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "record.hpp"
#include "stdin.hpp"
#include "text.hpp"

namespace emit {
namespace {

struct Pair {
  std::string_view key;
  std::string_view value;
  bool json;  // KEY:=JSON rather than KEY=VALUE
};

// Splits at the first '='; a ':' just before it makes the value JSON (as httpie does).
Pair parse_pair(std::string_view word) {
  const std::size_t eq = word.find('=');
  if (eq == std::string_view::npos)
    throw usage("outputs: expected KEY=VALUE or KEY:=JSON, got " + quote(word));
  const bool json = eq > 0 && word[eq - 1] == ':';
  const Pair p{word.substr(0, json ? eq - 1 : eq), word.substr(eq + 1), json};
  // An empty key is most often an unset shell variable ("$KEY=value").
  if (p.key.empty()) throw usage("outputs: empty key in " + quote(word));
  return p;
}

std::vector<Pair> parse_pairs(const Words &words) {
  std::vector<Pair> pairs;
  for (std::string_view w : words) {
    const Pair p = parse_pair(w);
    for (const Pair &q : pairs)
      if (q.key == p.key) throw usage("outputs: key " + quote(p.key) + " is given twice");
    pairs.push_back(p);
  }
  return pairs;
}

// outputs, or encryptedOutputs (which Kestra Enterprise stores encrypted).
void begin(const Record &r, bool encrypted) {
  r.check(encrypted ? kestra_record_begin_encrypted_outputs(r.get()) : kestra_record_begin_outputs(r.get()));
}

void build_from_pairs(const Record &r, bool encrypted, const std::vector<Pair> &pairs) {
  begin(r, encrypted);
  r.check(kestra_record_begin_object(r.get(), nullptr));
  for (const Pair &p : pairs) {
    r.check(kestra_record_key(r.get(), p.key.data(), p.key.size()));
    if (p.json)
      r.check(kestra_record_json(r.get(), p.value.data(), p.value.size()));
    else
      r.check(kestra_record_string(r.get(), p.value.data(), p.value.size()));
  }
  r.check(kestra_record_end_object(r.get()));
}

void build_from_json(const Record &r, bool encrypted, std::string_view text) {
  begin(r, encrypted);
  r.check(kestra_record_json(r.get(), text.data(), text.size()));
}

}  // namespace

int cmd_outputs(const Words &words) {
  static const CommandSpec spec{"outputs", {{"--json"}, {"--encrypted", false}}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("outputs");

  const bool encrypted = args.flag("--encrypted");
  Record r;
  if (const auto json = args.value("--json")) {
    if (!args.positionals.empty()) throw usage("outputs: --json cannot be combined with KEY=VALUE arguments");
    if (*json == "-")
      build_from_json(r, encrypted, read_all(0));
    else
      build_from_json(r, encrypted, *json);
  } else {
    if (args.positionals.empty())
      throw usage("outputs: nothing to write (give KEY=VALUE, KEY:=JSON or --json)");
    build_from_pairs(r, encrypted, parse_pairs(args.positionals));
  }
  r.write();
  return kOk;
}

}  // namespace emit
