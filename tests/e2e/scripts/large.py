"""One output of SIZE bytes (argv[1]: a count of bytes, e.g. 1048576), then a counter."""
import sys

from kestra import Kestra

size = int(sys.argv[1])
Kestra.outputs({"large": "x" * size})
Kestra.counter("after_large", 1)
