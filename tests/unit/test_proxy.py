"""Proxy headers are believed from the trusted proxies only (irohub/project/proxy.py)."""

import pytest

from irohub.project.proxy import apply_forwarded, parse_networks

PROXIES = parse_networks("10.0.0.5, 10.1.0.0/24")
CLAIMS = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    "HTTP_X_FORWARDED_HOST": "elsewhere.example",
    "HTTP_FORWARDED": "for=198.51.100.7;proto=https",
    "HTTP_X_REAL_IP": "198.51.100.7",
}


def request_from(address: str, **headers: str) -> dict[str, str]:
    return {"REMOTE_ADDR": address, "wsgi.url_scheme": "http", **headers}


def test_a_trusted_proxy_gives_the_scheme_and_the_client_address():
    environ = request_from("10.0.0.5", **CLAIMS)
    apply_forwarded(environ, PROXIES)
    assert environ["wsgi.url_scheme"] == "https"
    assert environ["REMOTE_ADDR"] == "198.51.100.7"


def test_anyone_else_claiming_the_headers_is_not_believed():
    environ = request_from("203.0.113.9", **CLAIMS)
    apply_forwarded(environ, PROXIES)
    assert environ == request_from("203.0.113.9")  # the claims are gone, nothing changed


def test_no_trusted_proxies_means_no_header_is_believed():
    environ = request_from("10.0.0.5", **CLAIMS)
    apply_forwarded(environ, [])
    assert environ == request_from("10.0.0.5")


def test_the_client_is_the_right_most_address_no_trusted_proxy_wrote():
    # A client that writes its own X-Forwarded-For gets it prefixed, not replaced: the
    # right-most untrusted hop is the address the proxies actually saw.
    environ = request_from("10.1.0.20", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7, 10.0.0.5")
    apply_forwarded(environ, PROXIES)
    assert environ["REMOTE_ADDR"] == "198.51.100.7"
    assert environ["wsgi.url_scheme"] == "http"  # no X-Forwarded-Proto: as connected


@pytest.mark.parametrize(
    ("hop", "client"),
    [("[2001:db8::7]:4711", "2001:db8::7"), ("198.51.100.7:4711", "198.51.100.7")],
)
def test_ports_and_brackets_are_read(hop, client):
    environ = request_from("10.0.0.5", HTTP_X_FORWARDED_FOR=hop)
    apply_forwarded(environ, PROXIES)
    assert environ["REMOTE_ADDR"] == client


def test_an_odd_scheme_or_address_changes_nothing():
    environ = request_from("10.0.0.5", HTTP_X_FORWARDED_PROTO="gopher", HTTP_X_FORWARDED_FOR="x")
    apply_forwarded(environ, PROXIES)
    assert (environ["wsgi.url_scheme"], environ["REMOTE_ADDR"]) == ("http", "10.0.0.5")


def test_a_bad_setting_names_itself_and_the_value():
    with pytest.raises(ValueError, match=r"IROHUB_TRUSTED_PROXIES: 'proxy\.council' is not"):
        parse_networks("10.0.0.5, proxy.council")
