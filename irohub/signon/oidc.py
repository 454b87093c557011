"""Single sign-on with the council's identity provider over OpenID Connect (for example
Microsoft Entra ID), with mozilla-django-oidc.

The provider is named by its issuer alone (IROHUB_OIDC_ISSUER): its endpoints come from
its discovery document (`/.well-known/openid-configuration`), fetched when first needed and
kept for an hour. The authorisation code flow uses PKCE and a nonce; the ID token's
signature is checked against the provider's published keys (JWKS), and so are its issuer
and audience. The person's roles are those their groups give (IROHUB_OIDC_GROUP_ROLES),
set at every sign-in. docs/adr/0011-sign-on.md says why.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from irohub.signon.actions import sync_roles_from_provider
from irohub.signon.rules import SIGNED_ON_WITH_PROVIDER

logger = logging.getLogger(__name__)
DISCOVERY_SECONDS = 3600
# mozilla-django-oidc setting → the discovery document's key.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}

_lock = threading.Lock()
_cache: dict[str, tuple[float, dict[str, Any]]] = {}


def enabled() -> bool:
    return bool(settings.IROHUB_OIDC_ISSUER)


def discovery() -> dict[str, Any]:
    issuer = settings.IROHUB_OIDC_ISSUER.rstrip("/")
    with _lock:
        cached = _cache.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration",
        timeout=settings.OIDC_TIMEOUT,
        verify=settings.OIDC_VERIFY_SSL,
    )
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured(
            f"IROHUB_OIDC_ISSUER is {issuer!r} but the provider says it is "
            f"{document.get('issuer')!r}"
        )
    missing = [key for key in ENDPOINTS.values() if not document.get(key)]
    if missing:
        raise ImproperlyConfigured(f"the provider's discovery document lacks {missing}")
    with _lock:
        _cache[issuer] = (time.monotonic(), document)
    return document


def setting(attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's settings, with the provider's endpoints from discovery."""
    if attr in ENDPOINTS:
        return discovery()[ENDPOINTS[attr]]
    return import_from_settings(attr, *args)


class ProviderBackend(OIDCAuthenticationBackend):
    """Signs in a person the identity provider vouches for, by their username claim."""

    get_settings = staticmethod(setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Endpoints are looked up when a sign-in needs them, not when Django loads the
        # backend for every password sign-in (the provider may not be set up at all).
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    def __getattr__(self, name: str) -> Any:
        if name in ENDPOINTS:
            return setting(name)
        raise AttributeError(name)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not enabled() or request is None or "code" not in request.GET:
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token: str) -> Any:
        """The provider's published key that signed the token: by its key id when the
        token names one (Entra ID does), else the provider's one key for the algorithm."""
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            timeout=settings.OIDC_TIMEOUT,
            verify=settings.OIDC_VERIFY_SSL,
        )
        response.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if header.get("kid") is not None:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation("No single key of the provider matches the ID token")
        return jwt.PyJWK(keys[0])

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        # As mozilla-django-oidc does, and also the token's audience and issuer.
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is signed with an unexpected algorithm")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=discovery()["issuer"],
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"The ID token was refused: {error}") from None

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # Entra ID puts groups in the ID token, not in its userinfo: use both.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._username(claims))

    def _username(self, claims: dict[str, Any]) -> str:
        value = claims.get(settings.IROHUB_OIDC_USERNAME_CLAIM)
        return value.strip()[:150] if isinstance(value, str) else ""

    def _groups(self, claims: dict[str, Any]) -> list[str]:
        value = claims.get(settings.IROHUB_OIDC_GROUPS_CLAIM, [])
        if isinstance(value, str):
            value = [value]
        return [group for group in value if isinstance(group, str)]

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return self.UserModel.objects.filter(username__iexact=self._username(claims))

    def create_user(self, claims: dict[str, Any]) -> Any:
        user = self.UserModel(username=self._username(claims))
        user.set_unusable_password()  # this person signs in through the provider only
        self._copy_claims(user, claims)
        user.save()
        sync_roles_from_provider(user=user, groups=self._groups(claims))
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        self._copy_claims(user, claims)
        user.save(update_fields=["first_name", "last_name", "email"])
        sync_roles_from_provider(user=user, groups=self._groups(claims))
        return user

    @staticmethod
    def _copy_claims(user: Any, claims: dict[str, Any]) -> None:
        for field, claim in (
            ("first_name", "given_name"),
            ("last_name", "family_name"),
            ("email", "email"),
        ):
            value = claims.get(claim)
            if isinstance(value, str):
                setattr(user, field, value[:150])


class _Start(OIDCAuthenticationRequestView):
    get_settings = staticmethod(setting)


class _Callback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(setting)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[SIGNED_ON_WITH_PROVIDER] = True
        return response


_start = _Start.as_view()
_callback = _Callback.as_view()


def start_view(request: HttpRequest) -> HttpResponse:
    try:
        return _start(request)
    except (requests.RequestException, ImproperlyConfigured, KeyError) as error:
        logger.warning("Single sign-on could not start: %s", error)
        return redirect(f"{reverse('sign_in')}?sso=failed")


def callback_view(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here; a refusal or an unreachable provider is a
    message on the sign-in page, never an error page."""
    try:
        return _callback(request)
    except (requests.RequestException, SuspiciousOperation, ImproperlyConfigured, KeyError) as e:
        logger.warning("Single sign-on failed: %s", e)
        return redirect(f"{reverse('sign_in')}?sso=failed")
