# frozen_string_literal: true

# The road not taken, kept to measure it: a counter through ruby-ffi and a bundled
# libkestra.so, call by call (what a gem on ruby-ffi would do). bench.rb runs it
# beside the native extension; ruby/README.md says why the gem is native.
require "ffi"

module FfiCounter
  extend FFI::Library
  ffi_lib ENV.fetch("KESTRA_LIBRARY")
  attach_function :kestra_record_new, [], :pointer
  attach_function :kestra_record_begin_metric, %i[pointer int string size_t], :int
  attach_function :kestra_record_int64, %i[pointer int64], :int
  attach_function :kestra_record_key, %i[pointer string size_t], :int
  attach_function :kestra_record_string, %i[pointer string size_t], :int
  attach_function :kestra_record_finish, [:pointer], :int
  attach_function :kestra_record_line, %i[pointer pointer], :pointer

  RECORD = kestra_record_new
  LENGTH = FFI::MemoryPointer.new(:size_t)
  LOCK = Mutex.new

  def self.counter(name, value, tags)
    r = RECORD
    ok = kestra_record_begin_metric(r, 0, name, name.bytesize).zero? && kestra_record_int64(r, value).zero?
    tags.each do |k, v|
      k = k.to_s
      ok &&= kestra_record_key(r, k, k.bytesize).zero? && kestra_record_string(r, v, v.bytesize).zero?
    end
    raise ::ArgumentError, "bad counter" unless ok && kestra_record_finish(r).zero?

    line = kestra_record_line(r, LENGTH).read_string(LENGTH.read(:size_t))
    LOCK.synchronize do
      $stdout.write(line)
      $stdout.flush
    end
  end
end
