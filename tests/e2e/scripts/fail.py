"""Records, then a failure: Kestra must keep the records and fail the task with the exit code."""
import sys

from kestra import Kestra

Kestra.outputs({"before": 1})
Kestra.counter("before_failure", 1, {"step": "one"})
Kestra.logger().info("before failure message")
sys.exit(3)
