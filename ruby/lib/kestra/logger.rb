# frozen_string_literal: true

module Kestra
  # A standard ::Logger (levels, #level=, blocks, progname) whose every record is one
  # Kestra log entry on $stdout: DEBUG, INFO, WARN and ERROR as themselves, FATAL and
  # UNKNOWN as ERROR, and #trace as TRACE (shown when the level is DEBUG). An
  # exception as the message reads "message (Class)" and its backtrace.
  class Logger < ::Logger
    # Kestra's level of each ::Logger severity.
    LEVELS = { DEBUG => "DEBUG", INFO => "INFO", WARN => "WARN", ERROR => "ERROR",
               FATAL => "ERROR", UNKNOWN => "ERROR" }.freeze

    def initialize(level: DEBUG, progname: nil)
      super(nil, level: level, progname: progname)
    end

    # Logger#add: writes the record through Kestra.log when its severity is enabled.
    def add(severity, message = nil, progname = nil)
      severity ||= UNKNOWN
      return true if severity < level

      if message.nil?
        if block_given?
          message = yield
        else
          message = progname
        end
      end
      Kestra.log(LEVELS.fetch(severity, "ERROR"), text_of(message))
      true
    end
    alias log add

    # A TRACE entry (Ruby's Logger has no level below DEBUG).
    def trace(message = nil, &block)
      return true if level > DEBUG

      Kestra.log("TRACE", text_of(message.nil? && block ? block.call : message))
      true
    end

    private

    def text_of(message)
      case message
      when ::String then message
      when ::Exception
        "#{message.message} (#{message.class})" + (message.backtrace ? "\n" + message.backtrace.join("\n") : "")
      else message.inspect
      end
    end
  end
end
