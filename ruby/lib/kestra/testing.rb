# frozen_string_literal: true

require "json"
require "stringio"
require "minitest"
require "kestra"

module Kestra
  # Asserts in a script's own minitest tests what Kestra would record from it.
  #
  #   require "kestra/testing"
  #   records = Kestra::Testing.capture { Etl.run }
  #   assert_equal 823, records.output("rows")
  #   assert_equal 823, records.counter("rows_loaded", region: "eu")
  #
  # The records are read by the SDK's core (kestra_summary) by the rules of
  # `kestra-emit show`: outputs merged across lines (the last write wins),
  # counters and timers of one name and tags added up, a gauge's last value,
  # every other line the INFO log line it becomes.
  module Testing
    # Runs the block with $stdout replaced by a writer that still writes
    # everything to the $stdout of before (the test shows it as usual) and feeds
    # the core; returns the Records. Writes of every thread to $stdout count.
    def self.capture
      summary = Native::Summary.new
      saved = $stdout
      $stdout = Tee.new(saved, summary)
      begin
        yield
      ensure
        $stdout = saved
      end
      Records.new(summary.finish)
    end

    # The $stdout of a capture.
    class Tee < StringIO
      def initialize(out, summary)
        super()
        @out = out
        @summary = summary
        @lock = Mutex.new
      end

      def write(*texts)
        @lock.synchronize do
          texts.sum do |text|
            text = text.to_s
            @summary.feed(text)
            @out.write(text)
          end
        end
      end

      def flush
        @out.flush
        self
      end
    end

    # What Kestra would store from a capture.
    class Records
      # :nodoc:
      def initialize(summary)
        @data = JSON.parse(summary.json).freeze
        @text = summary.text.freeze
      end

      # The outputs merged across lines, the last write wins (a Hash, String keys).
      def outputs
        @data["outputs"]
      end
      # The Java type Kestra reads for each output: "Integer", "Double", "Map"...
      def output_types
        @data["output_types"]
      end
      # Every metric as stored: "type", "name", "tags" (text), "value", "lines"
      # (and a timer's "stored_ms").
      def metrics
        @data["metrics"]
      end
      # Log lines as Kestra shows them: "level", "message", "stream", "line", "text".
      def logs
        @data["logs"]
      end
      # Each assets record, as sent.
      def assets
        @data["assets"]
      end
      # Lines Kestra would drop ("rejected") or log as text ("near_miss").
      def problems
        @data["problems"]
      end

      # The log messages of one level ("WARN"), or all.
      def messages(level = nil)
        logs.select { |e| level.nil? || e["level"] == level.to_s }.map { |e| e["message"] }
      end

      # An output that must have been recorded; else a failed assertion showing
      # what was.
      def output(key)
        outputs.fetch(key.to_s) { missing("no output '#{key}'") }
      end

      # The stored metric of this type, name and exactly these tags; else a failed
      # assertion showing what was recorded.
      def metric(type, name, tags = {})
        wanted = tags.to_h { |k, v| [k.to_s, v.is_a?(String) ? v : JSON.generate(v)] }
        metrics.find { |m| m["type"] == type.to_s && m["name"] == name.to_s && m["tags"] == wanted } ||
          missing("no #{type} '#{name}' with tags #{tags.inspect}")
      end

      # The sum of a counter.
      def counter(name, **tags)
        metric("counter", name, tags)["value"]
      end
      # The total of a timer, in seconds.
      def timer(name, **tags)
        metric("timer", name, tags)["value"]
      end
      # The total of a timer in whole milliseconds, as Kestra stores it.
      def timer_ms(name, **tags)
        metric("timer", name, tags)["stored_ms"]
      end
      # The last value of a gauge.
      def gauge(name, **tags)
        metric("gauge", name, tags)["value"]
      end

      # The records as tables, as `kestra-emit show` prints them.
      def to_s
        @text
      end

      def inspect

        "#<Kestra::Testing::Records\n#{@text}>"

      end

      private

      def missing(what)
        raise Minitest::Assertion, "#{what} was recorded\n#{@text}"
      end
    end
  end
end
