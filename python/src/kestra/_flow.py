"""``Flow``: start a Kestra flow from a script and wait for it, over Kestra's REST API.

The same names, arguments and results as the official package 2.0.0, on the standard library
only (urllib; imported when ``Flow`` is first used, never by ``import kestra``). Differences:
``KESTRA_PASSWORD`` is read (the official crashes with AttributeError when ``KESTRA_USER`` is set),
no sleep after the last retry, logs are fetched once the execution has ended rather than at every
poll, SKIPPED and RETRIED end the wait too, and credentials never appear in a message or a repr.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from base64 import b64encode
from dataclasses import dataclass

from .exceptions import FailedExponentialBackoff, FlowAuthenticationError, FlowRequestError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, List, Mapping, Optional, Tuple

_log = logging.getLogger("kestra.flow")

# States after which an execution does not change any more (Kestra's State.Type terminal ones).
FINAL_STATES = ("SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED", "SKIPPED", "RETRIED")
RETRY_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
TRIES = 5


@dataclass(**({"slots": True} if sys.version_info >= (3, 10) else {}))
class FlowExecution:
    """What :meth:`Flow.execute` returns: the id, the final state (``"STARTED"`` when not
    waiting), the execution's logs as text and, for FAILED, KILLED or CANCELLED, a message."""

    execution_id: str
    status: Optional[str]
    log: Optional[str]
    error: Optional[str]


class Response:
    """An HTTP response, with the parts of ``requests.Response`` that scripts use."""

    def __init__(self, method: str, url: str, status_code: int, reason: str, headers: Mapping[str, str],
                 content: bytes):
        self.method, self.url = method, url
        self.status_code, self.reason = status_code, reason
        self.headers, self.content = headers, content

    @property
    def ok(self) -> bool:
        return self.status_code < 400

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)

    def raise_for_status(self) -> None:
        if not self.ok:
            body = self.text.strip().replace("\n", " ")
            message = f"{self.method.upper()} {self.url}: {self.status_code} {self.reason}"
            raise FlowRequestError(message + (f": {body[:300]}" if body else ""), self)

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


def _multipart(inputs: Mapping[str, Any]) -> Tuple[bytes, str]:
    """The body and content type of a multipart form, encoded as requests encodes ``files``:
    a tuple value is a file ``(filename, file or bytes or str[, content_type[, headers]])``,
    any other value the text field ``str(value)``."""
    boundary = uuid.uuid4().hex
    parts: List[bytes] = []
    for name, value in inputs.items():
        head = f'Content-Disposition: form-data; name="{_quoted(name)}"'
        extra: Dict[str, str] = {}
        if isinstance(value, tuple):
            filename, data = value[0], value[1]
            if len(value) > 2 and value[2]:
                extra["Content-Type"] = value[2]
            if len(value) > 3 and value[3]:
                extra.update(value[3])
            if filename is not None:
                head += f'; filename="{_quoted(filename)}"'
            if hasattr(data, "read"):
                data = data.read()
        else:
            data = str(value)
        if isinstance(data, str):
            data = data.encode("utf-8")
        lines = [head] + [f"{k}: {v}" for k, v in extra.items()]
        parts.append(f"--{boundary}\r\n".encode() + "\r\n".join(lines).encode("utf-8") + b"\r\n\r\n"
                     + bytes(data) + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _quoted(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace('"', "\\\"").replace("\r", "%0D").replace("\n", "%0A")


def _without_userinfo(url: str) -> str:
    """The URL as shown in messages: any user:password@ taken out."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class Flow:
    """Execute a Kestra flow and optionally wait for its completion.

        from kestra import Flow
        Flow().execute("company.team", "etl", {"day": "2026-11-21"})
        Flow(labels_from_inputs=True, tenant="main").execute("company.team", "etl", {"env": "prod"})
        with open("data.csv", "rb") as f:           # an input of type FILE
            Flow().execute("company.team", "load", {"file": ("data.csv", f, "text/csv")})
        Flow(wait_for_completion=False).execute("company.team", "etl")   # status "STARTED"

    The server is ``$KESTRA_HOSTNAME`` (default ``http://localhost:8080``). Authentication: a
    bearer token from ``$KESTRA_API_TOKEN``, else basic auth from ``$KESTRA_USER`` and
    ``$KESTRA_PASSWORD`` (or set ``flow.api_token``, ``flow.user``, ``flow.password``). HTTPS
    certificates are verified. A 408, 429 or 5xx answer is retried with an exponential backoff
    (``backoff_base`` seconds, doubled each time) up to 5 tries, then
    :class:`FailedExponentialBackoff` is raised; a 401 raises at once.
    """

    backoff_base: float = 1.0   # seconds before the first retry; doubled before each next one
    timeout: float = 60.0       # seconds for each request

    def __init__(
        self,
        wait_for_completion: bool = True,
        poll_interval: float = 1,
        labels_from_inputs: bool = False,
        tenant: Optional[str] = None,
    ) -> None:
        self.wait_for_completion = wait_for_completion
        self.poll_interval = poll_interval
        self.labels_from_inputs = labels_from_inputs
        self.tenant = tenant
        self.user = os.environ.get("KESTRA_USER", None)
        self.password = os.environ.get("KESTRA_PASSWORD", None)
        self.hostname = os.environ.get("KESTRA_HOSTNAME", "http://localhost:8080")
        self.api_token = os.environ.get("KESTRA_API_TOKEN", None)
        prefix = "/api/v1" if tenant is None else f"/api/v1/{tenant}"
        self.API_ENDPOINT_EXECUTION_CREATE = prefix + "/executions/{namespace}/{flow_id}"
        self.API_ENDPOINT_EXECUTION_STATUS = prefix + "/executions/{execution_id}"
        self.API_ENDPOINT_EXECUTION_LOG = prefix + "/logs/{execution_id}/download"

    def __repr__(self) -> str:
        auth = "token" if self.api_token is not None else "basic" if self.user is not None else "none"
        return (f"Flow(hostname={_without_userinfo(self.hostname)!r}, tenant={self.tenant!r}, "
                f"wait_for_completion={self.wait_for_completion!r}, poll_interval={self.poll_interval!r}, "
                f"labels_from_inputs={self.labels_from_inputs!r}, auth={auth!r})")

    def _authorization(self) -> Optional[str]:
        if self.api_token is not None:
            return f"Bearer {self.api_token}"
        if self.user is not None and self.password is not None:
            pair = f"{self.user}:{self.password}".encode("utf-8")
            return "Basic " + b64encode(pair).decode("ascii")
        return None

    def _send(self, method: str, url: str, body: Optional[bytes], content_type: Optional[str]) -> Response:
        request = urllib.request.Request(url, data=body, method=method.upper())
        if content_type:
            request.add_header("Content-Type", content_type)
        request.add_header("Accept", "application/json")
        authorization = self._authorization()
        if authorization:
            # Unredirected: a redirect to another host never carries the credentials.
            request.add_unredirected_header("Authorization", authorization)
        shown = _without_userinfo(url)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Response(method, shown, answer.status, answer.reason, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return Response(method, shown, error.code, str(error.reason), dict(error.headers or {}),
                                error.read() or b"")
        except urllib.error.URLError as error:
            raise ConnectionError(f"{method.upper()} {shown}: {error.reason}") from None

    def _make_request(self, method: str, url: str, files: Optional[Mapping[str, Any]] = None) -> Response:
        """One API call, retried on 408, 429 and 5xx with an exponential backoff."""
        body, content_type = _multipart(files) if files else (None, None)
        for attempt in range(TRIES):
            response = self._send(method, url, body, content_type)
            if response.status_code == 401:
                raise FlowAuthenticationError(
                    f"{method.upper()} {response.url}: 401 Unauthorized: authentication required; set "
                    "KESTRA_API_TOKEN, or KESTRA_USER and KESTRA_PASSWORD"
                )
            if response.status_code not in RETRY_STATUSES:
                response.raise_for_status()
                return response
            _log.debug("%s %s answered %s (try %d of %d)", method.upper(), response.url,
                       response.status_code, attempt + 1, TRIES)
            if attempt + 1 < TRIES:
                time.sleep(self.backoff_base * 2 ** attempt)
        raise FailedExponentialBackoff(
            f"Failed to make the request after {TRIES} tries: {method.upper()} {response.url} "
            f"answered {response.status_code} {response.reason}"
        )

    def check_status(self, execution_id: str) -> Response:
        """The execution, as ``GET /api/v1[/tenant]/executions/{id}`` answers it (``.json()``)."""
        url = self.hostname + self.API_ENDPOINT_EXECUTION_STATUS.format(execution_id=_segment(execution_id))
        return self._make_request("get", url)

    def get_logs(self, execution_id: str) -> Response:
        """The execution's logs, as ``GET /api/v1[/tenant]/logs/{id}/download`` answers (``.text``)."""
        url = self.hostname + self.API_ENDPOINT_EXECUTION_LOG.format(execution_id=_segment(execution_id))
        return self._make_request("get", url)

    def execute(self, namespace: str, flow: str, inputs: Optional[Mapping[str, Any]] = None) -> FlowExecution:
        """Start an execution of ``namespace``/``flow`` with ``inputs`` (form fields; a tuple is a
        file) and, when waiting, poll it every ``poll_interval`` seconds until it ends."""
        inputs = {} if inputs is None else inputs
        url = self.hostname + self.API_ENDPOINT_EXECUTION_CREATE.format(
            namespace=_segment(namespace), flow_id=_segment(flow))
        if self.labels_from_inputs and inputs:
            url += "?" + "&".join("labels=" + urllib.parse.quote(f"{k}:{v}", safe=":") for k, v in inputs.items())
        _log.debug("starting the flow %s in the namespace %s", flow, namespace)
        created = self._make_request("post", url, files=inputs or None).json()
        if not isinstance(created, dict) or "id" not in created:
            raise Exception("Starting execution failed: " + str(created))
        result = FlowExecution(created["id"], None, None, None)
        _log.info("Successfully triggered the execution: %s/ui/executions/%s/%s/%s",
                  _without_userinfo(self.hostname), namespace, flow, result.execution_id)
        if not self.wait_for_completion:
            result.status = "STARTED"
            return result
        while True:
            time.sleep(self.poll_interval)
            state = self.check_status(result.execution_id).json()["state"]["current"]
            if state in FINAL_STATES:
                break
        result.status = state
        result.log = self.get_logs(result.execution_id).text
        if state in ("FAILED", "KILLED", "CANCELLED"):
            result.error = f"the execution {result.execution_id} of {namespace}.{flow} ended {state}"
        level = logging.INFO if state == "SUCCESS" else logging.ERROR if state == "FAILED" else logging.WARNING
        _log.log(level, "the execution of the flow %s in the namespace %s ended %s", flow, namespace, state)
        return result


def _segment(text: str) -> str:
    """A path segment: '/' and other reserved characters escaped."""
    return urllib.parse.quote(str(text), safe="")
