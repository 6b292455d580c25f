"""kestra.Flow against a local stand-in for Kestra's API (kestra_api.py): execute, polling to
every final state, retries with backoff, 401, tenants, labels, file inputs, credentials, HTTPS."""
from __future__ import annotations

import dataclasses
import email.parser
import email.policy
import logging
import shutil
import ssl
import subprocess
from pathlib import Path
from typing import Any, List

import pytest

import kestra
from helpers import run_script
from kestra import FailedExponentialBackoff, Flow, FlowExecution
from kestra.exceptions import FlowAuthenticationError, FlowRequestError
from kestra_api import KestraApi

CREATE = "POST /api/v1/executions/company.team/etl"
STATUS = "GET /api/v1/executions/E1"
LOGS = "GET /api/v1/logs/E1/download"
TOKEN, PASSWORD = "tok-SECRET-123", "pw-SECRET-456"


def state(name: str) -> Any:
    return 200, {"id": "E1", "state": {"current": name}}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch):
    for name in ("KESTRA_API_TOKEN", "KESTRA_USER", "KESTRA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with KestraApi() as server:
        monkeypatch.setenv("KESTRA_HOSTNAME", server.url())
        yield server


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """The sleeps Flow asks for, recorded instead of slept."""
    asked: List[float] = []
    monkeypatch.setattr(kestra._flow.time, "sleep", asked.append)
    return asked


def test_success_waits_polls_and_fetches_the_logs(api: KestraApi, sleeps: List[float]) -> None:
    api.script(CREATE, (200, {"id": "E1", "state": {"current": "CREATED"}}))
    api.script(STATUS, state("CREATED"), state("RUNNING"), state("SUCCESS"))
    api.script(LOGS, (200, "2026-11-21 INFO hello\n"))
    result = Flow(poll_interval=0.5).execute("company.team", "etl")
    assert result == FlowExecution("E1", "SUCCESS", "2026-11-21 INFO hello\n", None)
    assert len(api.on(STATUS)) == 3 and len(api.on(LOGS)) == 1
    assert sleeps == [0.5, 0.5, 0.5]
    assert "Authorization" not in api.on(CREATE)[0].headers


@pytest.mark.parametrize("final", ["SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED", "SKIPPED", "RETRIED"])
def test_every_final_state_ends_the_wait(api: KestraApi, sleeps: List[float], final: str) -> None:
    api.script(CREATE, (200, {"id": "E1"}))
    api.script(STATUS, state("RUNNING"), state("KILLING" if final == "KILLED" else "RUNNING"), state(final))
    api.script(LOGS, (200, "log text"))
    result = Flow(poll_interval=0).execute("company.team", "etl")
    assert (result.execution_id, result.status, result.log) == ("E1", final, "log text")
    if final in ("FAILED", "KILLED", "CANCELLED"):
        assert result.error == f"the execution E1 of company.team.etl ended {final}"
    else:
        assert result.error is None
    assert len(api.on(STATUS)) == 3


def test_not_waiting_returns_started(api: KestraApi) -> None:
    api.script(CREATE, (200, {"id": "E1"}))
    assert Flow(wait_for_completion=False).execute("company.team", "etl") == FlowExecution("E1", "STARTED", None, None)
    assert api.on(STATUS) == []


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retries_with_exponential_backoff(api: KestraApi, sleeps: List[float], status: int) -> None:
    api.script(CREATE, (status, {"message": "busy"}), (status, "busy"), (200, {"id": "E1"}))
    flow = Flow(wait_for_completion=False)
    flow.backoff_base = 0.25
    assert flow.execute("company.team", "etl").execution_id == "E1"
    assert len(api.on(CREATE)) == 3
    assert sleeps == [0.25, 0.5]


def test_five_failures_raise_failed_exponential_backoff(api: KestraApi, sleeps: List[float]) -> None:
    api.script(CREATE, (503, "down"))
    with pytest.raises(FailedExponentialBackoff, match="after 5 tries: POST .* answered 503"):
        Flow().execute("company.team", "etl")
    assert len(api.on(CREATE)) == 5
    assert sleeps == [1, 2, 4, 8]  # the default base: 1 s, doubled; none after the last try


def test_401_raises_at_once(api: KestraApi, sleeps: List[float]) -> None:
    api.script(CREATE, (401, {"message": "Unauthorized"}))
    with pytest.raises(FlowAuthenticationError, match="401 Unauthorized: authentication required"):
        Flow().execute("company.team", "etl")
    assert len(api.on(CREATE)) == 1 and sleeps == []


def test_other_errors_raise_with_the_answer(api: KestraApi) -> None:
    api.script(CREATE, (404, {"message": "Flow not found"}))
    with pytest.raises(FlowRequestError, match=r"POST http://127\.0\.0\.1:\d+/api/v1/executions/company.team/etl: "
                                               r"404 Not Found: .*Flow not found") as raised:
        Flow().execute("company.team", "etl")
    assert raised.value.response.status_code == 404


def test_an_answer_without_id_fails(api: KestraApi) -> None:
    api.script(CREATE, (200, {"message": "no"}))
    with pytest.raises(Exception, match="Starting execution failed: {'message': 'no'}"):
        Flow().execute("company.team", "etl")


def test_tenant_in_every_path(api: KestraApi, sleeps: List[float]) -> None:
    api.script("POST /api/v1/main/executions/company.team/etl", (200, {"id": "E1"}))
    api.script("GET /api/v1/main/executions/E1", state("SUCCESS"))
    api.script("GET /api/v1/main/logs/E1/download", (200, "ok"))
    assert Flow(tenant="main").execute("company.team", "etl").status == "SUCCESS"
    assert [r.path for r in api.requests] == ["/api/v1/main/executions/company.team/etl",
                                              "/api/v1/main/executions/E1", "/api/v1/main/logs/E1/download"]


def test_check_status_and_get_logs_return_responses(api: KestraApi) -> None:
    api.script(STATUS, state("RUNNING"))
    api.script(LOGS, (200, "line 1\nline 2\n"))
    flow = Flow()
    assert flow.check_status("E1").json()["state"]["current"] == "RUNNING"
    logs = flow.get_logs("E1")
    assert (logs.status_code, logs.ok, logs.text) == (200, True, "line 1\nline 2\n")


def multipart(request: Any) -> List[Any]:
    """The parts of a multipart/form-data body, parsed by the email package."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    assert message.is_multipart()
    return list(message.iter_parts())


def test_inputs_as_form_fields_and_labels(api: KestraApi) -> None:
    api.script(CREATE, (200, {"id": "E1"}))
    Flow(wait_for_completion=False, labels_from_inputs=True).execute(
        "company.team", "etl", {"day": "2026-11-21", "rows": 42, "note": "a b"})
    request = api.on(CREATE)[0]
    assert request.query == {"labels": ["day:2026-11-21", "rows:42", "note:a b"]}
    parts = multipart(request)
    assert [(p.get_param("name", header="content-disposition"), p.get_content()) for p in parts] == [
        ("day", "2026-11-21"), ("rows", "42"), ("note", "a b")]
    assert all(p.get_filename() is None for p in parts)


def test_no_labels_unless_asked(api: KestraApi) -> None:
    api.script(CREATE, (200, {"id": "E1"}))
    Flow(wait_for_completion=False).execute("company.team", "etl", {"day": "x"})
    assert api.on(CREATE)[0].query == {}


def test_file_inputs_given_as_tuples(api: KestraApi, tmp_path: Path) -> None:
    api.script(CREATE, (200, {"id": "E1"}))
    source = tmp_path / "data.csv"
    source.write_bytes(b"a,b\n1,2\n")
    with open(source, "rb") as fh:
        Flow(wait_for_completion=False).execute("company.team", "etl", {
            "files": ("myfile", fh, "text/csv"), "raw": ("blob.bin", b"\x00\xff"), "plain": "text"})
    parts = multipart(api.on(CREATE)[0])
    got = [(p.get_param("name", header="content-disposition"), p.get_filename(), p.get_content_type(),
            p.get_payload(decode=True)) for p in parts]
    assert got == [("files", "myfile", "text/csv", b"a,b\n1,2\n"),
                   ("raw", "blob.bin", "text/plain", b"\x00\xff"),  # no type given: email's default
                   ("plain", None, "text/plain", b"text")]


def test_bearer_token(api: KestraApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KESTRA_API_TOKEN", TOKEN)
    monkeypatch.setenv("KESTRA_USER", "admin")
    api.script(CREATE, (200, {"id": "E1"}))
    Flow(wait_for_completion=False).execute("company.team", "etl")
    assert api.on(CREATE)[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_basic_auth_reads_kestra_password(api: KestraApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KESTRA_USER", "admin")
    monkeypatch.setenv("KESTRA_PASSWORD", PASSWORD)
    api.script(CREATE, (200, {"id": "E1"}))
    Flow(wait_for_completion=False).execute("company.team", "etl")
    import base64
    assert api.on(CREATE)[0].headers["Authorization"] == "Basic " + base64.b64encode(
        f"admin:{PASSWORD}".encode()).decode()


def test_user_without_password_sends_no_credentials(api: KestraApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KESTRA_USER", "admin")  # the official crashes here (AttributeError)
    api.script(CREATE, (200, {"id": "E1"}))
    Flow(wait_for_completion=False).execute("company.team", "etl")
    assert "Authorization" not in api.on(CREATE)[0].headers


def test_credentials_never_in_messages_logs_or_reprs(api: KestraApi, monkeypatch: pytest.MonkeyPatch,
                                                     sleeps: List[float], caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("KESTRA_USER", "admin")
    monkeypatch.setenv("KESTRA_PASSWORD", PASSWORD)
    monkeypatch.setenv("KESTRA_API_TOKEN", TOKEN)
    api.script(CREATE, (503, "x"), (503, "x"), (503, "x"), (503, "x"), (503, "x"), (401, "no"), (404, "gone"),
               (200, {"id": "E1"}))
    api.script(STATUS, state("FAILED"))
    api.script(LOGS, (200, "log"))
    caplog.set_level(logging.DEBUG)
    flow = Flow(poll_interval=0)
    texts = [repr(flow), str(flow)]
    for expected in (FailedExponentialBackoff, FlowAuthenticationError, FlowRequestError):
        with pytest.raises(expected) as raised:
            flow.execute("company.team", "etl", {"secret_input": "x"})
        texts += [str(raised.value), repr(raised.value)]
    result = flow.execute("company.team", "etl")
    texts += [repr(result), caplog.text, repr(flow.check_status("E1"))]
    assert caplog.text  # the debug and info lines were there to look at
    for text in texts:
        assert TOKEN not in text and PASSWORD not in text
    assert "auth='token'" in repr(flow)


def test_flow_execution_is_a_dataclass() -> None:
    assert [f.name for f in dataclasses.fields(FlowExecution)] == ["execution_id", "status", "log", "error"]


def test_import_kestra_does_not_import_the_flow_client() -> None:
    result = run_script(
        """
        import sys
        import kestra
        heavy = {"urllib.request", "http.client", "ssl", "email", "json", "dataclasses", "uuid",
                 "kestra._flow", "kestra._context"}
        print(sorted(heavy & set(sys.modules)) == [], "kestra._flow" in sys.modules)
        from kestra import Flow, FlowExecution, FailedExponentialBackoff
        from kestra.exceptions import FailedExponentialBackoff as same
        print("kestra._flow" in sys.modules, FailedExponentialBackoff is same)
        """
    )
    assert result.stdout == b"True False\nTrue True\n", result.stderr.decode()


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A certificate for 127.0.0.1 signed by itself (openssl is installed by scripts/setup.sh)."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run([shutil.which("openssl") or "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_https_certificates_are_verified(self_signed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KESTRA_API_TOKEN", TOKEN)
    with KestraApi(ssl_context=self_signed) as server:
        server.script(CREATE, (200, {"id": "E1"}))
        monkeypatch.setenv("KESTRA_HOSTNAME", server.url("https"))
        with pytest.raises(ConnectionError, match="CERTIFICATE_VERIFY_FAILED") as raised:
            Flow(wait_for_completion=False).execute("company.team", "etl")
        assert TOKEN not in str(raised.value)
        assert server.requests == []  # nothing was sent over the unverified connection
