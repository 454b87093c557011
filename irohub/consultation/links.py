"""Signed consultation links: `/have-your-say/<token>/`.

The token is the request's id and a random nonce, signed with the site's secret
(django.core.signing, its own salt). A changed character fails the signature; a
well-signed token for a request that no longer matches (another nonce) is refused the same
way; expiry and single use are kept on the request row, so they cannot be forged.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

SALT = "irohub.consultation.link"


def new_nonce() -> str:
    return secrets.token_hex(16)


def token_for(request_id: int, nonce: str) -> str:
    return signing.dumps([request_id, nonce], salt=SALT, compress=False)


@dataclass(frozen=True)
class LinkClaim:
    request_id: int
    nonce: str


def read_token(token: str) -> LinkClaim | None:
    """The request a token names, or None when it is not a token this site signed."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return LinkClaim(value[0], value[1])
