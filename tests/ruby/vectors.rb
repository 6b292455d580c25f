# frozen_string_literal: true

# Reads the shared test vectors (tests/vectors/*.json; format in tests/vectors/README.md)
# into Ruby values and makes each vector's call through the gem's public API. Used by
# test_vectors.rb and the conformance producer (tests/conformance/producers/ruby_producer.rb).
require "json"
require "stringio"
require "kestra"

module Vectors
  DIR = File.expand_path("../vectors", __dir__)

  # One vector, with where it is (file name, index from 0).
  Vector = Struct.new(:file, :index, :raw) do
    def name = raw["name"]
    def call = raw["call"]
    def line = raw["line"]
    def error = raw["error"]
  end

  def self.load
    Dir[File.join(DIR, "*.json")].sort.flat_map do |path|
      JSON.parse(File.read(path, encoding: "UTF-8"))["vectors"].each_with_index.map do |raw, index|
        Vector.new(File.basename(path), index, raw)
      end
    end
  end

  FLOATS = { "nan" => Float::NAN, "inf" => Float::INFINITY, "-inf" => -Float::INFINITY }.freeze

  # The Ruby value a vector's JSON value stands for (Hashes keep their order).
  def self.decode(value)
    case value
    when Array then value.map { |v| decode(v) }
    when Hash
      if value.size == 1 && value.keys.first.start_with?("$")
        key, arg = value.first
        case key
        when "$float" then FLOATS.fetch(arg) { Float(arg) }
        when "$int" then Integer(arg, 10)
        # UTF-16 code units as a UTF-16LE String: lone surrogates reach the core as they are.
        when "$utf16" then arg.pack("v*").force_encoding(Encoding::UTF_16LE)
        when "$bytes" then [arg].pack("H*").force_encoding(Encoding::UTF_8)
        when "$nest" then (1..arg["depth"]).reduce(decode(arg["leaf"])) { |inner, _| [inner] }
        when "$cycle" then {}.tap { |h| h[arg] = h }
        else raise "unknown special value #{key}"
        end
      else
        value.to_h { |k, v| [k, decode(v)] }
      end
    else value
    end
  end

  # Makes the vector's call; returns [written, returned], raises what the call raises.
  def self.run(vector)
    args = vector.raw.fetch("args", []).map { |a| decode(a) }
    options = (vector.raw["options"] || {}).to_h { |k, v| [k.to_sym, decode(v)] }
    written = StringIO.new
    saved = $stdout
    $stdout = written
    begin
      returned = call(vector.call, args, options)
    ensure
      $stdout = saved
    end
    [written.string, returned]
  end

  def self.call(name, args, options)
    case name
    when "outputs" then Kestra.outputs(args[0])
    when "outputs_json" then Kestra.outputs_json(args[0])
    when "encrypted_outputs" then Kestra.encrypted_outputs(args[0])
    when "assets" then Kestra.assets(args[0])
    when "format" then Kestra.format(args[0])
    when "log" then Kestra.log(args[0], args[1])
    when "logs" then Kestra.logs(args[0])
    when "counter", "timer", "gauge"
      Kestra.public_send(name, args[0], args[1], tags: args[2], **options)
    else raise "unknown call #{name}"
    end
  end

  # The exception class the gem raises for a core kind.
  def self.error_class(kind)
    kind == "type" ? Kestra::TypeError : Kestra::ArgumentError
  end
end
