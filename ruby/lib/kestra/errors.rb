# frozen_string_literal: true

module Kestra
  # Included in every error the SDK raises: `rescue Kestra::Error` catches them all.
  # #kind is the core's name for the failure (:type, :value, :unicode, :depth,
  # :cycle, :syntax, :limit, :not_found, :io); the message starts with the field
  # ("counter 'rows' value: NaN is not allowed ...").
  module Error
    attr_reader :kind

    def initialize(message = nil, kind = nil)
      super(message)
      @kind = kind
    end
  end

  # A value of the wrong kind for its place (kind :type).
  class TypeError < ::TypeError
    include Error
  end

  # What was looked for is not there (kind :not_found): no execution context.
  class NotFoundError < ::KeyError
    include Error
  end

  # A value of the right kind that is not allowed (:value, :unicode, :depth, :cycle,
  # :syntax, :limit).
  class ArgumentError < ::ArgumentError
    include Error
  end
end
