# frozen_string_literal: true

# The Ruby column of tests/conformance/ion_check.py: reads an Ion file (Kestra's
# FileSerde output) with Kestra.read and with Kestra.each_row and prints, as one
# JSON object {"read": ..., "each_row": ...}, what each gave in a tagged form that
# keeps Ruby's classes:
#
#   nil, true, false     null, true, false
#   String               the string when its encoding is UTF-8, else
#                        {"string": ..., "encoding": name}
#   Integer              {"integer": "<digits>"}
#   Float                {"float": Float#to_s} (NaN, Infinity, -Infinity, -0.0)
#   Time                 {"time": "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn" (its local time),
#                         "utc_offset": seconds, "utc": Time#utc?}
#   Array                a JSON array
#   Hash                 {"hash": [[key, tagged], ...]} in the Hash's order
#   anything else        {"unexpected": class name}
#
# Each of "read" and "each_row" is {"rows": [...]} or {"rows": [... before it],
# "error": {"class": ..., "kind": ..., "message": ...}}.
#
# Usage: ruby -I ruby/lib -I BUILD/lib ion_read.rb FILE
require "json"
require "kestra"

def tag(value)
  case value
  when nil, true, false then value
  when String
    return value if value.encoding == Encoding::UTF_8

    { "string" => value.b.force_encoding("UTF-8").scrub, "encoding" => value.encoding.name }
  when Integer then { "integer" => value.to_s }
  when Float then { "float" => value.to_s }
  when Time
    { "time" => value.strftime("%Y-%m-%dT%H:%M:%S.%N"), "utc_offset" => value.utc_offset, "utc" => value.utc? }
  when Array then value.map { |v| tag(v) }
  when Hash then { "hash" => value.map { |k, v| [k.is_a?(String) ? k : { "unexpected_key" => k.inspect }, tag(v)] } }
  else { "unexpected" => value.class.name }
  end
end

def outcome
  out = { "rows" => [] }
  begin
    yield ->(row) { out["rows"] << tag(row) }
  rescue StandardError => e
    kind = e.respond_to?(:kind) ? e.kind.to_s : nil
    out["error"] = { "class" => e.class.name, "kind" => kind, "message" => e.message }
  end
  out
end

path = ARGV.fetch(0)
read = outcome { |add| Kestra.read(path).each { |row| add.call(row) } }
each_row = outcome { |add| Kestra.each_row(path) { |row| add.call(row) } }
puts JSON.generate({ "read" => read, "each_row" => each_row })
