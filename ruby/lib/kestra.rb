# frozen_string_literal: true

require "bigdecimal"
require "json"
require "logger"
require "date"
require "time"
require_relative "kestra/version"
require_relative "kestra/errors"

# Reports outputs, metrics, logs and assets from a Ruby script that Kestra runs
# (io.kestra.plugin.scripts.ruby.Script), by writing the "::{json}::" lines Kestra
# reads on stdout. Lines are built and checked by the SDK's C++ core (the native
# extension), then written to $stdout, one write and flush per record under a lock.
# A bad value raises Kestra::TypeError or Kestra::ArgumentError naming the field,
# and writes nothing.
#
#   Kestra.outputs({ rows: 42, when: Time.now })
#   Kestra.counter("rows", 42, tags: { table: "users" })
#   Kestra.timer("load") { load_table }        # times the block, returns its value
#   Kestra.logger.warn("disk almost full")
module Kestra
  # Returned by plain_value for a value it cannot convert.
  UNSUPPORTED = Object.new.freeze
end

require "kestra/kestra_ext"
require_relative "kestra/logger"

module Kestra
  class << self
    # Writes one outputs record: +values+ is a Hash (String or Symbol keys) of
    # Arrays, Hashes, Integers of any size, Floats, true/false, nil, Strings,
    # Symbols, Time/Date/DateTime (ISO-8601 text) and BigDecimal.
    def outputs(values)
      Native.outputs(values)
      nil
    end

    # Writes one outputs record from a JSON text holding an object, read strictly
    # (numbers keep their text: 1.0 stays 1.0).
    def outputs_json(text)
      Native.outputs_json(text)
      nil
    end

    # Writes one encryptedOutputs record: outputs that Kestra Enterprise stores
    # encrypted (the open-source worker ignores them). +values+ as for outputs.
    def encrypted_outputs(values)
      Native.encrypted_outputs(values)
      nil
    end

    # Writes one assets record: a Hash with "inputs" and/or "outputs", each an Array
    # of Hashes.
    def assets(values)
      Native.assets(values)
      nil
    end

    # Returns a whole protocol message (a Hash with "outputs", "metrics", "logs",
    # "assets") as its line, without writing it.
    def format(message)
      Native.format(message)
    end

    # Writes a counter. +tags+: a Hash of Strings, numbers or booleans;
    # +timestamp+: a Time or ISO-8601 text; +description+: text.
    def counter(name, value, tags: nil, timestamp: nil, description: nil)
      Native.metric(0, name, value, tags, timestamp, description)
      nil
    end

    # Writes a gauge (a value measured now). Arguments as counter's.
    def gauge(name, value, tags: nil, timestamp: nil, description: nil)
      Native.metric(2, name, value, tags, timestamp, description)
      nil
    end

    # Writes a timer of +seconds+ (>= 0); or, given a block and no seconds, runs the
    # block, writes how long it ran (monotonic clock; also when it raises, then the
    # exception goes on unchanged) and returns the block's value.
    def timer(name, seconds = nil, tags: nil, timestamp: nil, description: nil)
      # Native.metric's first argument: 0 counter, 1 timer, 2 gauge.
      return Native.metric(1, name, seconds, tags, timestamp, description) && nil unless block_given?
      raise ::ArgumentError, "timer #{name.inspect}: give seconds or a block, not both" unless seconds.nil?

      start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      begin
        yield
      ensure
        Native.metric(1, name, Process.clock_gettime(Process::CLOCK_MONOTONIC) - start, tags, timestamp, description)
      end
    end

    # Writes one log entry. +level+: a name ("INFO", :warn, "warning"...) or the
    # core's numeric level (0 TRACE, 1 DEBUG, 2 INFO, 3 WARN, 4 ERROR).
    def log(level, message)
      Native.log(level_arg(level), message.to_s)
      nil
    end

    # Writes one log record holding several entries: an Array of [level, message].
    def logs(entries)
      Native.logs(entries.map { |level, message| [level_arg(level), message.to_s] })
      nil
    end

    # The execution context Kestra 2.x gives a script task that sets
    # `executionContext: true` ("inputs", "outputs", "labels", "vars", "trigger",
    # "flow", "execution", "task", "taskrun"), as a frozen Hash with String keys,
    # frozen all the way down. Found as the official Python package finds it: the
    # file +path+ when given and present, else $KESTRA_EXECUTION_CONTEXT_FILE, else
    # .kestra-execution-context.json in the working directory, else the base64 JSON
    # in $KESTRA_CONTEXT. Outside a Kestra task: Kestra::NotFoundError (kind
    # :not_found) naming the file tried; bad content: Kestra::TypeError or
    # Kestra::ArgumentError (:value, :syntax, :unicode, :depth, :io).
    def context(path = nil)
      deep_freeze(JSON.parse(Native.context(path), max_nesting: false))
    end

    # One value of the execution context (found as context finds it; +file+ as
    # context's +path+) by +path+: keys joined by ".", array indexes as [N] or .N
    # ("inputs.user", "labels[0].key"; "" is the whole context), walked by the core
    # as `kestra-emit context PATH` walks it. A string comes back as a String,
    # anything else as the Ruby value of its JSON (Integer of any size, Float,
    # true/false, nil, or a Hash or Array), frozen all the way down. A missing key
    # or index raises Kestra::NotFoundError (kind :not_found) whose message names
    # the path and what is there ("inputs.nope: no key 'nope' in inputs (keys:
    # 'user', ...)"), as does a missing context; a malformed path,
    # Kestra::ArgumentError (:value). Each call loads the context again: for many
    # lookups, dig into Kestra.context instead.
    def context_get(path, file: nil)
      text, string = Native.context_get(file, path)
      string ? text.freeze : deep_freeze(JSON.parse(text, max_nesting: false))
    end

    # The same value as text, as `kestra-emit context PATH` prints it (without its
    # newline): a string as it is, anything else as compact ASCII JSON (a number
    # keeps its digits).
    def context_text(path, file: nil)
      Native.context_get(file, path).first.freeze
    end

    # Every row of the file at +path+, a file of Kestra's internal storage (Ion
    # text, one struct per row, as a query task stores its result), as an Array of
    # Hashes, as the official Python package's Kestra.read returns them: structs
    # as Hashes (String keys), lists and s-expressions as Arrays, ints as
    # Integers, floats and decimals as Floats, timestamps and ISO-8601 date-time
    # strings (also LocalDateTime::"...") as Times at their offset (UTC for a
    # local time), strings, symbols, blobs and clobs (UTF-8) as Strings, bools,
    # and nil for a null of any type. Text that is not Ion raises
    # Kestra::ArgumentError naming the line and column (:syntax, :unicode,
    # :depth, :limit); a row that is not a struct, Kestra::TypeError; a file that
    # cannot be read, Kestra::ArgumentError of kind :io.
    def read(path)
      each_row(path).to_a
    end

    # Yields the rows of the file at +path+ one at a time, read as they are asked
    # for (memory follows one row, so a file larger than memory can be processed),
    # converted as read converts them; raises after the rows before an error.
    # Without a block, an Enumerator.
    def each_row(path, &block)
      return enum_for(:each_row, path) unless block

      Native.each_row(path, &block)
      nil
    end

    # A ::Logger whose records become Kestra log lines (see Kestra::Logger).
    def logger
      @logger ||= Kestra::Logger.new
    end

    # For the native extension: a value of a class it does not convert, as a plain
    # one, or UNSUPPORTED.
    def plain_value(value)
      case value
      when Time then value.iso8601(value.nsec.zero? ? 0 : (value.nsec % 1000).zero? ? 6 : 9)
      when DateTime then value.iso8601
      when Date then value.iso8601
      when BigDecimal then decimal(value)
      else UNSUPPORTED
      end
    end

    private

    def deep_freeze(value)
      case value
      when Hash then value.each_value { |v| deep_freeze(v) }
      when Array then value.each { |v| deep_freeze(v) }
      end
      value.freeze
    end

    def level_arg(level)
      level.is_a?(Symbol) ? level.to_s : level # anything else but a String or an Integer: the core refuses it
    end

    # A BigDecimal: an Integer when integral (exact), else the nearest Float; NaN
    # and infinities become Floats, which the core refuses.
    def decimal(value)
      value.finite? && value.frac.zero? ? value.to_i : value.to_f
    end
  end
end
