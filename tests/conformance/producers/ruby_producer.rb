# frozen_string_literal: true

# Ruby producer: every shared vector through the gem, with the call mapping of the
# Ruby suite (tests/ruby/vectors.rb). One JSON line per vector on stdout:
#   {"file": ..., "index": ..., "line": ...} | {..., "error": {"kind": ..., "message": ...}}
# Run with the gem's lib and the built extension on the load path (cross_language.py does).
require_relative "../../ruby/vectors"

out = Vectors.load.map do |vector|
  record = { "file" => vector.file, "index" => vector.index }
  begin
    written, returned = Vectors.run(vector)
    if vector.call == "format"
      record["line"] = returned
      record["problem"] = "format also wrote #{written[0, 200].inspect}" unless written.empty?
    else
      record["line"] = written.chomp
      record["problem"] = "did not write exactly one line" unless written.end_with?("\n") && written.count("\n") == 1
    end
  rescue Kestra::Error => e
    record["error"] = { "kind" => e.kind.to_s, "message" => e.message }
  rescue StandardError => e
    record["problem"] = "not a Kestra::Error: #{e.class}: #{e.message}"
  end
  record
end
out.each { |record| $stdout.write(JSON.generate(record, ascii_only: false) + "\n") }
