"""A local stand-in for Kestra's REST API (http.server on 127.0.0.1, in a thread), for the Flow
tests: it answers each request from a script of (status, body) per route and records them."""
from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Deque, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

Answer = Tuple[int, Any]  # (status, body): a dict/list is sent as JSON, a str as text


class Request:
    def __init__(self, method: str, path: str, query: Dict[str, List[str]], headers: Dict[str, str],
                 body: bytes):
        self.method, self.path, self.query, self.headers, self.body = method, path, query, headers, body


class KestraApi:
    """Routes are "METHOD /path"; each holds answers used in turn, the last one repeated."""

    def __init__(self, ssl_context: Any = None) -> None:
        self.answers: Dict[str, Deque[Answer]] = defaultdict(deque)
        self.requests: List[Request] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _answer(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                api.requests.append(Request(self.command, url.path, parse_qs(url.query),
                                            dict(self.headers), body))
                status, payload = api.next_answer(f"{self.command} {url.path}")
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if isinstance(payload, str) else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if ssl_context is not None:
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def next_answer(self, route: str) -> Answer:
        queue = self.answers.get(route)
        if not queue:
            return 404, {"message": f"no route {route}"}
        return queue.popleft() if len(queue) > 1 else queue[0]

    def script(self, route: str, *answers: Answer) -> None:
        self.answers[route].extend(answers)

    def url(self, scheme: str = "http") -> str:
        host, port = self.server.server_address[:2]
        return f"{scheme}://{host}:{port}"

    def on(self, route: str) -> List[Request]:
        method, path = route.split(" ", 1)
        return [r for r in self.requests if r.method == method and r.path == path]

    def __enter__(self) -> "KestraApi":
        self.thread.start()
        return self

    def __exit__(self, *exc: Optional[BaseException]) -> None:
        self.server.shutdown()
        self.server.server_close()
