"""One output of SIZE bytes (argv[1]: a count of bytes, e.g. 1048576), then a counter.

With argv[2:5], the ids of the execution, the task run and the worker (flows/large.yaml), a byte
more for each character the first two lack under 22, two for each the worker's lacks: Kestra's
task result carries them (the worker's twice), so a SIZE gives the same result size in every run
whatever ids it drew (see LargeTest).
"""
import sys

from kestra import Kestra

ids = sys.argv[2:5]
size = int(sys.argv[1]) + sum((22 - len(i)) * (2 if n == 2 else 1) for n, i in enumerate(ids))
Kestra.outputs({"large": "x" * size})
Kestra.counter("after_large", 1)
