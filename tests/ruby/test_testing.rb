# frozen_string_literal: true

# Kestra::Testing.capture: what Kestra would record from a block's output.
require "minitest/autorun"
require "kestra/testing"

class TestTesting < Minitest::Test
  def script
    Kestra.outputs({ rows: 823, status: "ok" })
    Kestra.outputs({ status: "done" })
    Kestra.counter("rows_loaded", 800, tags: { region: "eu" })
    Thread.new { Kestra.counter("rows_loaded", 23, tags: { region: "eu" }) }.join
    Kestra.timer("load", 1.5)
    Kestra.gauge("queue", 3)
    Kestra.gauge("queue", 1)
    Kestra.log("WARN", "disk almost full")
    puts "a plain line"
    print %(::{"outputs":[1]}::\n)
  end

  def capture_quietly(&block)
    records = nil
    out, = capture_io { records = Kestra::Testing.capture(&block) }
    [records, out]
  end

  def test_capture_reads_what_kestra_stores
    records, out = capture_quietly { script }
    assert_equal({ "rows" => 823, "status" => "done" }, records.outputs)
    assert_equal "Integer", records.output_types["rows"]
    assert_equal "done", records.output(:status)
    assert_equal 823, records.counter("rows_loaded", region: "eu")
    assert_equal 1.5, records.timer("load")
    assert_equal 1500, records.timer_ms("load")
    assert_equal 1, records.gauge("queue")
    assert_equal ["disk almost full"], records.messages("WARN")
    assert_equal "a plain line", records.messages(:INFO).first
    assert_equal 1, records.problems.size
    assert_equal "rejected", records.problems[0]["verdict"]
    assert_includes records.to_s, "rows_loaded"
    assert_includes out, "a plain line\n" # what the block wrote still reaches stdout
    assert_includes out, %(::{"outputs":{"status":"done"}}::\n)
  end

  def test_a_missing_record_fails_with_what_was_recorded
    records, = capture_quietly { script }
    [-> { records.counter("rows_loaded", region: "us") }, -> { records.output("nope") }].each do |lookup|
      failure = assert_raises(Minitest::Assertion) { lookup.call }
      assert_includes failure.message, "was recorded\n"
      assert_includes failure.message, "rows_loaded"
      assert_includes failure.message, "status"
    end
  end

  def test_stdout_is_restored_when_the_block_raises
    saved = $stdout
    assert_raises(RuntimeError) { capture_quietly { raise "boom" } }
    assert_same saved, $stdout
  end
end
