"""Which proxy headers to believe: the one place that decides (docs/deploy.md).

Behind an HTTPS proxy, the scheme the browser used and the browser's address arrive in
`X-Forwarded-Proto` and `X-Forwarded-For`. Anyone can send those headers, so they are
believed only from the addresses in `IROHUB_TRUSTED_PROXIES`; from any other address they
are removed before Django (or django-axes, or the audit) sees the request.

`trusted_proxy_app` wraps the WSGI application, so the rule holds under any WSGI server:
the server (gunicorn, `irohub serve`) is told not to act on the headers itself
(`SERVER_OPTIONS`) and Django reads the result from `wsgi.url_scheme` and `REMOTE_ADDR`,
never from the raw headers (no `SECURE_PROXY_SSL_HEADER`, no ipware). No Django here:
settings parse the setting with `parse_networks`, wsgi.py applies it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Sequence
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# Headers that say something about the client or the connection on a proxy's behalf.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_BY",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)

# gunicorn must not act on X-Forwarded-* itself, from any address (trusted_proxy_app
# decides): `irohub serve` passes these options.
SERVER_OPTIONS: dict[str, Any] = {"forwarded_allow_ips": "", "proxy_allow_ips": ""}


def parse_networks(text: str, *, setting: str = "IROHUB_TRUSTED_PROXIES") -> list[Network]:
    """`10.0.0.5, 10.1.0.0/24` as networks; a ValueError names the setting and the value."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"{setting}: {item!r} is not an IP address or network (e.g. 10.0.0.5 or "
                "10.0.0.0/24)"
            ) from None
    return networks


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:4711
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:4711
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: str, proxies: Sequence[Network]) -> bool:
    parsed = _address(address)
    return parsed is not None and any(parsed in network for network in proxies)


def apply_forwarded(environ: dict[str, Any], proxies: Sequence[Network]) -> None:
    """Believe the proxy headers of a request from a trusted proxy; drop anyone else's.

    From a trusted proxy: `X-Forwarded-Proto` (http or https) becomes the scheme, and the
    client's address is the right-most address in `X-Forwarded-For` that is not itself a
    trusted proxy (addresses further left were written by the client and prove nothing).
    """
    if not _trusted(environ.get("REMOTE_ADDR", ""), proxies):
        for header in FORWARDED_HEADERS:
            environ.pop(header, None)
        return
    proto = environ.get("HTTP_X_FORWARDED_PROTO", "").strip().lower()
    if proto in {"http", "https"}:
        environ["wsgi.url_scheme"] = proto
        environ["HTTPS"] = "on" if proto == "https" else "off"
    hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if _trusted(hop, proxies):
            continue
        client = _address(hop)
        if client is not None:
            environ["REMOTE_ADDR"] = str(client)
        break


def trusted_proxy_app(app: WSGIApp, proxies: Sequence[Network]) -> WSGIApp:
    """The WSGI application with `apply_forwarded` in front of it."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]):
        apply_forwarded(environ, proxies)
        return app(environ, start_response)

    return application
