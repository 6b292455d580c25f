# frozen_string_literal: true

require "minitest/autorun"
require_relative "vectors"

# Every shared vector through the gem: Ruby Hashes keep their order, Strings hold any
# bytes or UTF-16 code units, so Ruby expresses every vector.
class TestVectors < Minitest::Test
  VECTORS = Vectors.load

  def test_every_vector_file_is_read
    assert_operator VECTORS.size, :>=, 600
    lines = VECTORS.count(&:line)
    puts "\n#{VECTORS.size} vectors: #{lines} lines, #{VECTORS.size - lines} errors, 0 not expressible in Ruby"
  end

  VECTORS.each do |vector|
    define_method("test_#{vector.file}_#{vector.index}") do
      if vector.line
        written, returned = Vectors.run(vector)
        if vector.call == "format"
          assert_equal vector.line, returned, vector.name
          assert_equal "", written
        else
          assert_equal vector.line + "\n", written, vector.name
        end
      else
        check_error(vector)
      end
    end
  end

  def check_error(vector)
    kind, field = vector.error.values_at("kind", "field")
    written = nil
    error = assert_raises(Vectors.error_class(kind), vector.name) do
      written, = Vectors.run(vector)
    end
    assert_nil written, "#{vector.name}: wrote something"
    assert_kind_of Kestra::Error, error
    assert_equal kind.to_sym, error.kind, "#{vector.name}: #{error.message}"
    assert error.message.start_with?("#{field}: "), "#{vector.name}: want #{field}: ..., got #{error.message}"
    assert_equal vector.error["message"], error.message, "#{vector.name}: the vector's exact message"
  end
end
