"""Exceptions of ``Flow`` (also importable from ``kestra`` itself).

The official package installs ``FailedExponentialBackoff`` as a top-level module named
``exceptions``; this package keeps it inside ``kestra`` (see python/README.md).
"""


class FailedExponentialBackoff(Exception):
    """A request to Kestra's API still failed (408, 429 or 5xx) after every retry of ``Flow``."""


class FlowAuthenticationError(Exception):
    """Kestra's API answered 401: no credentials, or wrong ones. Never holds the credentials."""


class FlowRequestError(Exception):
    """Kestra's API answered with an error status that is not retried; ``response`` is the answer."""

    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response
