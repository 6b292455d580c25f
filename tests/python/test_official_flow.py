"""Our Flow and the official package 2.0.0's (requests, in its own venv: official.py) make the
same requests to Kestra's API and return the same FlowExecution, on the local stand-in."""
from __future__ import annotations

import email.parser
import email.policy
import json
import subprocess
import sys
import textwrap
from typing import Any, Dict, List

import pytest

from kestra_api import KestraApi
from official import official_python

TOKEN = "tok-SECRET-123"

# Each scenario: Flow(...) arguments, execute(...) inputs (tuples written as lists in JSON),
# and the API's answers.
SCENARIOS = {
    "inputs as fields, labels, tenant, waiting": dict(
        flow={"labels_from_inputs": True, "tenant": "main", "poll_interval": 0},
        inputs={"day": "2026-11-21", "rows": 42, "note": "a b"},
        routes={"POST /api/v1/main/executions/company.team/etl": [[200, {"id": "E1"}]],
                "GET /api/v1/main/executions/E1": [[200, {"id": "E1", "state": {"current": "SUCCESS"}}]],
                "GET /api/v1/main/logs/E1/download": [[200, "INFO done\n"]]}),
    "a file given as a tuple, not waiting": dict(
        flow={"wait_for_completion": False},
        inputs={"files": ["myfile", "a,b\n1,2\n", "text/csv"], "plain": "text"},
        routes={"POST /api/v1/executions/company.team/etl": [[200, {"id": "E2"}]]}),
    "no inputs, a failed execution": dict(
        flow={"poll_interval": 0},
        inputs=None,
        routes={"POST /api/v1/executions/company.team/etl": [[200, {"id": "E1"}]],
                "GET /api/v1/executions/E1": [[200, {"id": "E1", "state": {"current": "FAILED"}}]],
                "GET /api/v1/logs/E1/download": [[200, "ERROR boom\n"]]}),
}

RUN = textwrap.dedent('''
    import json, sys
    from kestra import Flow
    scenario = json.loads(sys.argv[1])
    inputs = scenario["inputs"]
    if inputs is not None:
        inputs = {k: tuple(v) if isinstance(v, list) else v for k, v in inputs.items()}
    poll = scenario["flow"].pop("poll_interval", None)
    flow = Flow(**scenario["flow"])
    if poll is not None:
        flow.poll_interval = poll
    r = flow.execute("company.team", "etl", inputs)
    print(json.dumps([r.execution_id, r.status, r.log, r.error]))
''')


def requests_made(api: KestraApi) -> List[Dict[str, Any]]:
    """What matters of each request: method, path, query, authorization and the form's parts."""
    made = []
    for r in api.requests:
        parts = []
        if r.headers.get("Content-Type", "").startswith("multipart/form-data"):
            head = f"Content-Type: {r.headers['Content-Type']}\r\n\r\n".encode()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + r.body)
            parts = [(p.get_param("name", header="content-disposition"), p.get_filename(),
                      p.get("Content-Type"), p.get_payload(decode=True).decode()) for p in message.iter_parts()]
        else:
            assert r.body == b""
        made.append({"method": r.method, "path": r.path, "query": r.query,
                     "authorization": r.headers.get("Authorization"), "parts": parts})
    return made


def run(python: str, scenario: Dict[str, Any]) -> tuple:
    with KestraApi() as api:
        for route, answers in scenario["routes"].items():
            api.script(route, *[tuple(a) for a in answers])
        env = {"KESTRA_HOSTNAME": api.url(), "KESTRA_API_TOKEN": TOKEN, "PATH": "/usr/bin:/bin"}
        result = subprocess.run([python, "-c", RUN, json.dumps(scenario)], capture_output=True, text=True,
                                env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout), requests_made(api)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_same_requests_and_result_as_the_official(name: str) -> None:
    scenario = SCENARIOS[name]
    ours_result, ours_requests = run(sys.executable, json.loads(json.dumps(scenario)))
    official_result, official_requests = run(str(official_python()), json.loads(json.dumps(scenario)))
    assert ours_requests == official_requests
    assert ours_requests[0]["authorization"] == f"Bearer {TOKEN}"
    if official_result[1] == "FAILED":
        # The official leaves `error` None; ours says what happened (python/README.md).
        assert official_result[3] is None
        assert ours_result[3] == "the execution E1 of company.team.etl ended FAILED"
        ours_result[3] = None
    assert ours_result == official_result
