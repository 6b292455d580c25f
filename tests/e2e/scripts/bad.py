"""Values JSON cannot carry, then good records: the same script under both packages.

Each attempt's outcome (written, or the error's class and message) becomes an output, so the
suite sees what each package did and what Kestra stored for it.
"""
import sys

from kestra import Kestra


def attempt(name, write):
    try:
        write()
        outcome = "written"
    except Exception as error:  # the outcome is the record
        outcome = f"{type(error).__name__}: {error}"
    Kestra.outputs({name: outcome})


attempt("nan_output", lambda: Kestra.outputs({"nan": float("nan")}))
attempt("nan_counter", lambda: Kestra.counter("nan_counter", float("nan")))
attempt("set_output", lambda: Kestra.outputs({"set": {1, 2}}))
# Under the official package a lone surrogate is written, and Kestra then loses the task's
# result (flows/surrogate.yaml): --no-surrogate leaves it out.
if "--no-surrogate" not in sys.argv:
    attempt("surrogate_output", lambda: Kestra.outputs({"surrogate": "\ud800"}))
Kestra.counter("after_bad", 1)
Kestra.outputs({"after": "kept"})
