# frozen_string_literal: true

# Stress writer (the Ruby gem): THREADS threads each write N outputs lines, the same
# bytes as stress_writer.cpp. Usage: ruby stress_writer.rb P THREADS N
require "kestra"

def payload(p, t, i)
  n = i % 1000 == 999 ? 4000 : (p * 131 + t * 31 + i * 7) % 200
  ((97 + (p + t + i) % 26).chr) * n
end

p, threads, n = ARGV.map { |a| Integer(a) }
threads.times.map do |t|
  Thread.new { n.times { |i| Kestra.outputs({ "p" => p, "t" => t, "i" => i, "s" => payload(p, t, i) }) } }
end.each(&:join)
