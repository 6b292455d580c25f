# frozen_string_literal: true

# Kestra.read and Kestra.each_row on every shared Ion vector (tests/vectors/ion,
# format in the README there): the rows as Python's Kestra.read gives them, tagged,
# in Ruby's form, classes included; or the core's error kind and exact message,
# after the rows before it.
require "minitest/autorun"
require "json"
require "kestra"

class TestIonVectors < Minitest::Test
  DIR = File.expand_path("../vectors/ion", __dir__)
  CASES = JSON.parse(File.read(File.join(DIR, "expected.json")))["cases"]
  SPECIAL_FLOATS = { "nan" => Float::NAN, "inf" => Float::INFINITY, "-inf" => -Float::INFINITY, "-0.0" => -0.0 }.freeze

  # The Ruby form of a tagged Python value, as Kestra.read gives it: nil, true,
  # false, String; {"int"} an Integer; {"float"} a Float (NaN, infinities, -0.0);
  # {"datetime", "offset_minutes"} a Time at the offset, made with Time.utc when
  # the offset is 0 or null (a local date-time is read as UTC; Python keeps
  # microseconds, Ruby the nanoseconds of the text: same_value compares at
  # microseconds); a list an Array; {"dict"} a Hash with String keys.
  def self.ruby_value(tagged)
    case tagged
    when nil, true, false, String then tagged
    when Array then tagged.map { |v| ruby_value(v) }
    when Hash
      if tagged.key?("int") then Integer(tagged["int"], 10)
      elsif tagged.key?("float")
        f = tagged["float"]
        f.is_a?(String) ? SPECIAL_FLOATS.fetch(f) : Float(f)
      elsif tagged.key?("datetime") then ruby_time(tagged["datetime"], tagged["offset_minutes"])
      else tagged.fetch("dict").transform_values { |v| ruby_value(v) }
      end
    else raise "not a tagged value: #{tagged.inspect}"
    end
  end

  def self.ruby_time(local, offset_minutes)
    m = /\A(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})\z/.match(local) or raise "bad datetime #{local}"
    y, mo, d, h, mi, s, us = m.captures.map { |x| Integer(x, 10) }
    seconds = s + Rational(us, 1_000_000)
    return Time.utc(y, mo, d, h, mi, seconds) if offset_minutes.nil? || offset_minutes.zero?

    Time.new(y, mo, d, h, mi, seconds, offset_minutes * 60)
  end

  # Where got differs from want (a ruby_value), classes included (1 == 1.0 in
  # Ruby, so == alone would not do), or nil.
  def difference(got, want, at)
    return "#{at}: got #{got.inspect} (#{got.class}), want #{want.inspect} (#{want.class})" unless got.instance_of?(want.class)

    case want
    when Float
      same = (got.nan? && want.nan?) || (got == want && (!want.zero? || 1 / got == 1 / want)) # -0.0 is not 0.0
      "#{at}: got #{got}, want #{want}" unless same
    when Time
      same = got.to_r.floor(6) == want.to_r && got.utc_offset == want.utc_offset && got.utc? == want.utc?
      "#{at}: got #{got.inspect}, want #{want.inspect}" unless same
    when Array
      return "#{at}: got #{got.size} items, want #{want.size}" unless got.size == want.size

      want.each_index.lazy.filter_map { |i| difference(got[i], want[i], "#{at}[#{i}]") }.first
    when Hash
      return "#{at}: got keys #{got.keys.sort}, want #{want.keys.sort}" unless got.keys.sort == want.keys.sort

      want.lazy.filter_map { |k, v| difference(got[k], v, "#{at}.#{k}") }.first
    when String
      "#{at}: got #{got.inspect} (#{got.encoding}), want #{want.inspect}" unless got == want && got.encoding == Encoding::UTF_8
    else
      "#{at}: got #{got.inspect}, want #{want.inspect}" unless got == want
    end
  end

  def assert_rows(want, got, what)
    assert_equal want.size, got.size, "#{what}: the number of rows"
    want.each_with_index do |row, i|
      problem = difference(got[i], row, "#{what}: row #{i + 1}")
      assert_nil problem, problem
    end
  end

  def test_every_ion_file_has_a_case
    assert_equal Dir.children(DIR).grep(/\.ion\z/).sort, CASES.map { |c| c["file"] }.sort
    assert_operator CASES.size, :>=, 24
  end

  CASES.each do |c|
    define_method("test_#{c['file'].delete_suffix('.ion')}") do
      path = File.join(DIR, c["file"])
      if (error = c["error"])
        cls = { "type" => Kestra::TypeError, "not_found" => Kestra::NotFoundError }.fetch(error["kind"], Kestra::ArgumentError)
        raised = assert_raises(cls) { Kestra.read(path) }
        assert_equal [error["kind"].to_sym, error["message"]], [raised.kind, raised.message]
        seen = []
        raised = assert_raises(cls) { Kestra.each_row(path) { |row| seen << row } }
        assert_equal [error["kind"].to_sym, error["message"]], [raised.kind, raised.message]
        assert_equal c["rows_before_error"], seen.size, "each_row: the rows before the error"
      else
        want = c["rows"].map { |row| self.class.ruby_value({ "dict" => row }) }
        assert_rows want, Kestra.read(path), "read"
        assert_rows want, Kestra.each_row(path).to_a, "each_row"
      end
    end
  end

  # Ruby's Time keeps the nine digits of a fraction, where Python's datetime (and so
  # expected.json) stops at six: timestamps.ion's t_frac9 is
  # 2007-02-23T12:14:33.123456789Z, date_strings.ion's s_frac9
  # "2023-10-04T15:30:00.123456789-03:00".
  def test_nanoseconds_are_kept
    { "timestamps.ion" => "t_frac9", "date_strings.ion" => "s_frac9" }.each do |file, field|
      found = Kestra.read(File.join(DIR, file)).filter_map { |row| row[field] }
      assert_equal [123_456_789], found.map(&:nsec), "#{file} #{field}"
    end
  end
end
