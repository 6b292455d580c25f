# frozen_string_literal: true

module Kestra
  VERSION = "0.1.0"
end
