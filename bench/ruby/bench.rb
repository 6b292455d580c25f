# frozen_string_literal: true

# Counter calls per second into a pipe: Kestra.counter (the gem, native extension)
# against what a script writes by hand (JSON.generate + puts, no validation), and the
# ruby-ffi road (ffi_counter.rb), alternating in one run; medians and ratios as a
# Markdown table on stderr; then the native and the ruby-ffi roads with a $stdout that
# discards, which is what the choice between them was made on. stdout must be a pipe read by another process (run.sh).
#
#   ruby bench.rb [ROUNDS] [SECONDS_PER_RUN]
require "json"
require "kestra"
require_relative "ffi_counter"

rounds = Integer(ARGV[0] || 7)
seconds = Float(ARGV[1] || 1)
abort "stdout must be a pipe: ruby bench.rb | cat >/dev/null" unless $stdout.stat.pipe?

TAGS = { "table" => "users" }.freeze
CONTENDERS = {
  "ours: `Kestra.counter(\"rows\", i, tags: tags)` (native extension)" => ->(i) { Kestra.counter("rows", i, tags: TAGS) },
  'by hand: `puts "::#{JSON.generate(...)}::"`' => lambda { |i|
    puts "::#{JSON.generate({ metrics: [{ name: "rows", type: "counter", value: i, tags: TAGS }] })}::"
  },
  "ruby-ffi + libkestra.so, call by call (not shipped)" => ->(i) { FfiCounter.counter("rows", i, TAGS) }
}.freeze

def rate(fn, seconds)
  start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  n = 0
  while Process.clock_gettime(Process::CLOCK_MONOTONIC) - start < seconds
    1000.times { fn.call(n += 1) }
  end
  $stdout.flush
  n / (Process.clock_gettime(Process::CLOCK_MONOTONIC) - start)
end

# A $stdout that discards: what each road costs before the write.
class Discard
  def write(text) = text.bytesize
  def flush = self
end

def table(title, rounds, seconds, contenders, base)
  contenders.each_value { |fn| rate(fn, seconds / 4) } # warm up
  results = Hash.new { |h, k| h[k] = [] }
  rounds.times { contenders.each { |name, fn| results[name] << rate(fn, seconds) } }
  median = ->(xs) { xs.sort[xs.size / 2] }
  reference = median.call(results[base])
  warn "| Ruby #{RUBY_VERSION} counter, #{title} (median of #{rounds} alternating runs) | calls/s | ratio |"
  warn "| --- | ---: | ---: |"
  results.each { |name, xs| warn format("| %s | %.0f | %.2fx |", name, median.call(xs), median.call(xs) / reference) }
  warn ""
end

names = CONTENDERS.keys
table("calls/s into a pipe", rounds, seconds, CONTENDERS, names[1])
real = $stdout
$stdout = Discard.new
table("building the line only ($stdout discards)", rounds, seconds, CONTENDERS.slice(names[0], names[2]), names[2])
$stdout = real
