"""8 threads x 10,000 counters from one process, then one `done` counter after they all end.

Every line must reach Kestra whole: a torn line is stored as a plain-text log, not a metric.
"""
import sys
import threading

from kestra import Kestra

THREADS, EACH = 8, 10_000


def count(thread):
    for _ in range(EACH):
        Kestra.counter("hits", 1, {"thread": str(thread)})


workers = [threading.Thread(target=count, args=(t,)) for t in range(THREADS)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
sys.stdout.flush()
Kestra.counter("done", 1)
