# frozen_string_literal: true

# Kestra.read and Kestra.each_row over the core's Ion reader: every Ion type as the
# official Kestra.read converts it, and errors after the rows before them.
require "minitest/autorun"
require "tmpdir"
require "kestra"

class TestRead < Minitest::Test
  ROWS = <<~'ION'
    $ion_1_0
    {i: 42, neg: -0xff, big: 123456789012345678901234567890, f: 2.5e0, d: 1.5, nan: nan,
     s: "text", sym: a_symbol, yes: true, none: null.int, blob: {{aGk=}}, clob: {{"lob"}},
     list: [1, [2], {k: "v"}], sexp: (a b), ts: 2024-01-02T03:04:05.5+01:00, day: 2024-01-02T,
     iso: "2024-01-02T03:04:05Z", local: "LocalDateTime::\"2024-04-21T10:00\"", plain: "2024-13-01T00:00:00"}
    {n: 2}
  ION

  def with_ion(text)
    Dir.mktmpdir do |dir|
      path = File.join(dir, "rows.ion")
      File.write(path, text)
      yield path
    end
  end

  def test_read_converts_as_kestra_read
    rows = with_ion(ROWS) { |path| Kestra.read(path) }
    assert_equal 2, rows.size
    assert_equal({ "n" => 2 }, rows[1])
    row = rows[0]
    assert row.delete("nan").nan?
    want = {
      "i" => 42, "neg" => -255, "big" => 123_456_789_012_345_678_901_234_567_890, "f" => 2.5, "d" => 1.5,
      "s" => "text", "sym" => "a_symbol", "yes" => true, "none" => nil, "blob" => "hi", "clob" => "lob",
      "list" => [1, [2], { "k" => "v" }], "sexp" => %w[a b],
      "ts" => Time.new(2024, 1, 2, 3, 4, Rational(55, 10), 3600),
      "day" => Time.utc(2024, 1, 2), "iso" => Time.utc(2024, 1, 2, 3, 4, 5),
      "local" => Time.utc(2024, 4, 21, 10), "plain" => "2024-13-01T00:00:00"
    }
    assert_equal want, row
    assert_equal 3600, row["ts"].utc_offset
    assert_kind_of Float, row["d"]
    assert_equal Encoding::UTF_8, row["s"].encoding
  end

  def test_each_row_yields_rows_then_raises
    { "{a: 1}\n{b: }" => [Kestra::ArgumentError, :syntax], "{a: 1}\n5" => [Kestra::TypeError, :type] }.each do |text, (cls, kind)|
      with_ion(text) do |path|
        seen = []
        error = assert_raises(cls) { Kestra.each_row(path) { |row| seen << row } }
        assert_equal [{ "a" => 1 }], seen
        assert_equal kind, error.kind
        assert error.message.start_with?("line 2, column "), error.message
        assert_raises(cls) { Kestra.read(path) }
      end
    end
    error = assert_raises(Kestra::ArgumentError) { Kestra.read(File.join(Dir.tmpdir, "no such file.ion")) }
    assert_equal :io, error.kind
  end

  def test_each_row_is_lazy_and_stops_early
    with_ion("{n: 1}\n" * 100_000) do |path|
      enum = Kestra.each_row(path)
      assert_kind_of Enumerator, enum
      assert_equal [{ "n" => 1 }] * 3, enum.first(3)
    end
  end
end
