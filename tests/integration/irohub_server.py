"""The real `irohub serve` in a subprocess, and a small HTTP client that can connect from
another loopback address (127.0.0.2 reaches a server on 127.0.0.1 but shows a different
client address), keeps cookies and sends any headers a proxy would."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

IROHUB = Path(sys.executable).with_name("irohub")
# A production-shaped environment: a database URL (a SQLite file is enough for the
# settings), a real secret, the public address behind an HTTPS proxy on this machine.
SECRET = "synthetic-secret-key-for-tests-0123456789-abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_env(env: dict[str, str]) -> dict[str, str]:
    """The server's environment: this one's, less what the browser tests set in the same
    worker (DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses), plus `env`."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**inherited, **env}


def irohub(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(IROHUB), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=process_env(env),
    )


@dataclass
class Server:
    port: int
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def stop(self) -> str:
        """Stop the server (once); everything it printed."""
        if self.output:
            return "".join(self.output)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        out, _ = self.process.communicate()
        self.output.append(out or "")
        return "".join(self.output)


@contextmanager
def serving(env: dict[str, str], *args: str) -> Iterator[Server]:
    """`irohub serve` on 127.0.0.1 and a free port until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [str(IROHUB), "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=process_env(env),
    )
    server = Server(port, process)
    try:
        deadline = time.monotonic() + 240
        while True:
            if process.poll() is not None:
                raise AssertionError(f"irohub serve stopped:\n{server.stop()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"irohub serve did not start:\n{server.stop()}") from None
                time.sleep(0.2)
        yield server
    finally:
        server.stop()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class Client:
    """One browser's cookies, connecting from `source` (a loopback address)."""

    def __init__(self, port: int, *, source: str = "127.0.0.1", headers: dict | None = None):
        self.port, self.source = port, source
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, **headers) -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        sent = {**self.headers, **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for cookie_header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(cookie_header).items():
                self.cookies[name] = morsel.value
        return Response(answer.status, answer.headers, text)

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, **headers)

    def sign_in(self, username: str, password: str, **headers) -> Response:
        """GET the form, then POST it with its CSRF token, as a browser does."""
        form = self.get("/sign-in/", **headers)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert match, f"no sign-in form ({form.status}): {form.text[:300]}"
        data = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
        return self.request("POST", "/sign-in/", data, **headers)


@contextmanager
def own_database(folder: Path) -> Iterator[dict[str, str]]:
    """The environment of a server on a database of its own, of the kind this pass tests:
    a SQLite file in `folder` (the embedded default) in the SQLite pass, a fresh PostgreSQL
    database beside the test run's (dropped afterwards) when DATABASE_URL is set."""
    url = os.environ.get("DATABASE_URL", "")
    # Plain HTTP on the loopback: cookies without the Secure flag, as the embedded default.
    env = {"SECRET_KEY": SECRET, "IROHUB_SECURE_COOKIES": "false", "IROHUB_PUBLIC_URL": ""}
    if not url:
        yield {**env, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(folder)}
        return
    import psycopg

    server, _, name = url.rpartition("/")
    name = f"{name}_own_{os.getpid()}"
    admin = f"{server}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": f"{server}/{name}"}
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
