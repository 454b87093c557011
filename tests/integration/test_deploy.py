"""The documented production deploy, run for real: `irohub serve` with production settings
behind an HTTPS proxy on this machine (issue 11, defects 1 and 8).

The "proxy" is the test itself connecting from 127.0.0.1, the one trusted address; the
same requests from 127.0.0.2 come from an address that is not a proxy."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration.irohub_server import SECRET, Client, irohub, serving

pytestmark = [pytest.mark.database_independent, pytest.mark.slow]

PUBLIC = "https://iro.example.gov.uk"
PROXY_HEADERS = {
    "Host": "iro.example.gov.uk",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "198.51.100.7",
}
FORM_HEADERS = {"Origin": PUBLIC, "Referer": f"{PUBLIC}/sign-in/"}
PASSWORD = "synthetic-password-123"


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Production settings on a SQLite file, with an administrator made as docs/deploy.md
    says (the settings accept any DATABASE_URL; PostgreSQL is what a council runs)."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'council.sqlite3'}",
        "SECRET_KEY": SECRET,
        "IROHUB_PUBLIC_URL": PUBLIC,
        "IROHUB_TRUSTED_PROXIES": "127.0.0.1",
    }
    assert irohub("manage", "migrate", "-v0", env=env).returncode == 0
    made = irohub(
        "manage",
        "createsuperuser",
        "--noinput",
        "--username",
        "officer",
        "--email",
        "officer@example.invalid",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    assert made.returncode == 0, made.stderr
    with serving(env) as server:
        yield server, folder / "council.sqlite3"


def test_sign_in_through_the_https_proxy(production):
    server, _ = production
    browser = Client(server.port, headers=PROXY_HEADERS)
    answer = browser.sign_in("officer", PASSWORD, **FORM_HEADERS)
    assert answer.status == 302, answer.text[:500]
    assert answer.header("Location") == "/"
    session_cookie = next(
        c for c in answer.headers.get_all("Set-Cookie") if c.startswith("sessionid=")
    )
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    assert answer.header("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    # Signed in: the administrator's start page.
    assert browser.get("/").header("Location") == "/admin/"
    assert browser.get("/admin/").status == 200


def test_the_client_address_is_the_one_the_proxy_saw(production):
    server, database = production
    browser = Client(server.port, headers=PROXY_HEADERS)
    assert browser.sign_in("officer", "not-the-password", **FORM_HEADERS).status == 200
    with sqlite3.connect(database) as db:
        addresses = {a for (a,) in db.execute("SELECT ip_address FROM axes_accessattempt")}
    assert "198.51.100.7" in addresses
    assert "127.0.0.1" not in addresses


def test_the_same_headers_from_an_address_that_is_not_a_proxy_are_not_believed(production):
    server, _ = production
    stranger = Client(server.port, source="127.0.0.2", headers=PROXY_HEADERS)
    # Its claim to have come over HTTPS is ignored: it is sent to HTTPS, and signs nobody in.
    form = stranger.get("/sign-in/")
    assert form.status == 301
    assert form.header("Location") == f"{PUBLIC}/sign-in/"
    answer = stranger.request(
        "POST", "/sign-in/", {"username": "officer", "password": PASSWORD}, **FORM_HEADERS
    )
    assert answer.status == 301
    assert "sessionid" not in stranger.cookies


def test_a_host_name_that_is_not_the_public_one_is_refused(production):
    server, _ = production
    elsewhere = Client(server.port, headers={**PROXY_HEADERS, "Host": "evil.example"})
    assert elsewhere.get("/sign-in/").status == 400


def test_the_health_check_answers_over_plain_http(production):
    server, _ = production
    probe = Client(server.port, headers={"Host": "iro.example.gov.uk"})
    answer = probe.get("/healthz")
    assert answer.status == 200
    assert '"status": "ok"' in answer.text


def test_check_deploy_prints_no_warnings():
    env = {
        "DATABASE_URL": "postgres://postgres:postgres@127.0.0.1:5432/irohub",
        "SECRET_KEY": SECRET,
        "IROHUB_PUBLIC_URL": "https://iro.example.gov.uk",
    }
    result = irohub("manage", "check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


@pytest.mark.parametrize(
    "value", ["iro.council.gov.uk", "https://iro.council.gov.uk/app", "ftp://x"]
)
def test_a_public_address_that_is_not_one_is_named(value):
    env = {"DATABASE_URL": "", "IROHUB_PUBLIC_URL": value}
    result = irohub("manage", "check", env=env)
    assert result.returncode != 0
    assert f"IROHUB_PUBLIC_URL={value!r} is not a web address" in result.stderr
