# frozen_string_literal: true

require_relative "lib/kestra/version"

Gem::Specification.new do |spec|
  spec.name = "kestra"
  spec.version = Kestra::VERSION
  spec.summary = "Outputs, metrics, logs and assets for Ruby scripts run by Kestra"
  spec.description = "Writes the ::{json}:: lines Kestra reads from a script's stdout, built and " \
                     "validated by the Kestra script SDK's C++ core (a native extension compiled at install)."
  spec.authors = ["Kestra script SDK"]
  spec.license = "Apache-2.0"
  spec.required_ruby_version = ">= 2.7"
  spec.files = Dir["lib/**/*.rb", "ext/kestra/*.{c,h,cpp,hpp,rb}", "ext/kestra/include/**/*", "README.md", "LICENSE"]
  spec.extensions = ["ext/kestra/extconf.rb"]
  spec.require_paths = ["lib"]
end
