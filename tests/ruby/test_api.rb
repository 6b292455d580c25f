# frozen_string_literal: true

require "minitest/autorun"
require "stringio"
require "bigdecimal"
require "date"
require "kestra"

class TestApi < Minitest::Test
  def capture
    saved = $stdout
    $stdout = StringIO.new
    yield
    $stdout.string
  ensure
    $stdout = saved
  end

  def test_ruby_values
    line = capture do
      Kestra.outputs({ rows: 42, "big" => 2**100, ratio: 1.0, ok: true, none: nil, sym: :done,
                       when: Time.utc(2026, 11, 21, 10, 30, 0.5r), day: Date.new(2026, 11, 21),
                       price: BigDecimal("19.90"), count: BigDecimal("12"), list: [1, [2]] })
    end
    assert_equal '::{"outputs":{"rows":42,"big":1267650600228229401496703205376,"ratio":1.0,"ok":true,' \
                 '"none":null,"sym":"done","when":"2026-11-21T10:30:00.500000Z","day":"2026-11-21",' \
                 '"price":19.9,"count":12,"list":[1,[2]]}}::' + "\n", line
  end

  def test_metrics_with_keywords
    line = capture do
      Kestra.counter("rows", 42, tags: { table: "users" })
      Kestra.gauge(:mem, 0.5, timestamp: Time.utc(2026, 11, 21, 10, 30), description: "memory")
      Kestra.timer("load", 1.5)
    end
    assert_equal <<~LINES, line
      ::{"metrics":[{"name":"rows","type":"counter","value":42,"tags":{"table":"users"}}]}::
      ::{"metrics":[{"name":"mem","type":"gauge","value":0.5,"tags":{},"timestamp":"2026-11-21T10:30:00Z","description":"memory"}]}::
      ::{"metrics":[{"name":"load","type":"timer","value":1.5,"tags":{}}]}::
    LINES
  end

  def test_timer_block_returns_its_value_and_times_a_raise
    out = capture { assert_equal 7, Kestra.timer("load", tags: { step: "1" }) { 7 } }
    assert_match(/\A::\{"metrics":\[\{"name":"load","type":"timer","value":[0-9.e-]+,"tags":\{"step":"1"\}\}\]\}::\n\z/, out)
    boom = Class.new(StandardError)
    out = capture { assert_raises(boom) { Kestra.timer("load") { raise boom } } }
    assert_equal 1, out.scan('"type":"timer"').size
  end

  def test_errors_name_the_field_and_write_nothing
    cases = {
      -> { Kestra.counter("rows", Float::NAN) } => [Kestra::ArgumentError, :value, "counter 'rows' value: "],
      -> { Kestra.counter("rows", "42") } => [Kestra::TypeError, :type, "counter 'rows' value: "],
      -> { Kestra.counter(42, 1) } => [Kestra::TypeError, :type, "counter name: "],
      -> { Kestra.outputs({ f: -> {} }) } => [Kestra::TypeError, :type, "outputs['f']: unsupported type Proc"],
      -> { Kestra.outputs([1]) } => [Kestra::TypeError, :type, "outputs: "],
      -> { Kestra.outputs({ s: "\xff".dup.force_encoding("UTF-8") }) } => [Kestra::ArgumentError, :unicode, "outputs['s']: "],
      -> { Kestra.timer("t", -1) } => [Kestra::ArgumentError, :value, "timer 't' value: "],
      -> { Kestra.log(9, "x") } => [Kestra::ArgumentError, :value, "logs[0] level: "],
      -> { Kestra.log(2**70, "x") } => [Kestra::ArgumentError, :value, "logs[0] level: "],
      -> { Kestra.log(2**40, "x") } => [Kestra::ArgumentError, :value, "logs[0] level: "],
      -> { Kestra.log("LOUD", "x") } => [Kestra::ArgumentError, :value, "logs[0] level: "],
      -> { Kestra.outputs_json("{") } => [Kestra::ArgumentError, :syntax, "outputs: "],
      -> { Kestra.outputs_json(1) } => [Kestra::TypeError, :type, "outputs: a JSON text must be a string, got Integer"],
      -> { Kestra.gauge("g", 1, timestamp: 5) } => [Kestra::TypeError, :type, "gauge 'g' timestamp: must be an ISO-8601 string, got Integer"],
      -> { Kestra.gauge("g", 1, description: 5) } => [Kestra::TypeError, :type, "gauge 'g' description: must be a string, got Integer"],
      -> { Kestra.log([], "x") } => [Kestra::TypeError, :type, "logs[0] level: must be a level name or a level number (0 TRACE to 4 ERROR), got Array"]
    }
    cases.each do |call, (cls, kind, start)|
      out = capture do
        error = assert_raises(cls) { call.call }
        assert_kind_of Kestra::Error, error
        assert_equal kind, error.kind
        assert error.message.start_with?(start), error.message
      end
      assert_equal "", out
    end
    assert_operator Kestra::TypeError, :<, ::TypeError
    assert_operator Kestra::ArgumentError, :<, ::ArgumentError
  end

  def test_deep_nesting_is_a_depth_error
    value = 1
    100_000.times { value = [value] }
    out = capture do
      error = assert_raises(Kestra::ArgumentError) { Kestra.outputs({ "a" => value }) }
      assert_equal :depth, error.kind
      assert error.message.start_with?("outputs['a'][0]"), error.message
    end
    assert_equal "", out
  end

  def test_logger_is_a_standard_logger
    logger = Kestra.logger
    assert_kind_of ::Logger, logger
    out = capture do
      logger.debug("d")
      logger.info { "block" }
      logger.warn("w")
      logger.error(RuntimeError.new("bad"))
      logger.fatal("f")
      logger.unknown("u")
      logger.trace("t")
    end
    levels = out.lines.map { |l| l[/"level":"(\w+)"/, 1] }
    assert_equal %w[DEBUG INFO WARN ERROR ERROR ERROR TRACE], levels
    assert_includes out, '"message":"bad (RuntimeError)"'
    quiet = Kestra::Logger.new(level: ::Logger::WARN)
    assert_equal 1, capture { quiet.info("no"); quiet.warn("yes") }.lines.size
  end

  def test_format_returns_the_line
    out = capture { assert_equal '::{"outputs":{"a":1}}::', Kestra.format({ "outputs" => { "a" => 1 } }) }
    assert_equal "", out
  end

  def test_a_gone_reader_is_an_epipe_error
    reader, writer = IO.pipe
    reader.close
    saved = $stdout
    $stdout = writer
    assert_raises(Errno::EPIPE) { Kestra.counter("rows", 1) }
  ensure
    $stdout = saved
    writer&.close rescue nil # its buffer may still hold the refused line
  end

  # 8 threads x 2,000 records into one pipe read by another thread: every line whole.
  def test_threads_write_whole_lines
    reader, writer = IO.pipe
    lines = Thread.new { reader.each_line.to_a }
    saved = $stdout
    $stdout = writer
    payload = "x" * 3000
    8.times.map { |t| Thread.new { 2000.times { |i| Kestra.outputs({ t: t, i: i, p: payload }) } } }.each(&:join)
    $stdout = saved
    writer.close
    got = lines.value
    assert_equal 16_000, got.size
    got.each { |l| assert l.start_with?('::{"outputs":{"t":') && l.end_with?("#{payload}\"}}::\n"), l[0, 80] }
  ensure
    $stdout = saved
  end

  def test_abi_check_refuses_another_version
    assert Kestra::Native.abi_matches?(Kestra::Native::ABI_VERSION)
    refute Kestra::Native.abi_matches?(Kestra::Native::ABI_VERSION + 1)
  end
end
