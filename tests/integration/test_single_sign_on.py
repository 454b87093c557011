"""Single sign-on through a real OpenID Connect provider run on 127.0.0.1 in the test.

The provider is oidc-provider-mock (Authlib's authorisation server): IRO Hub finds its
endpoints by discovery, sends the browser to it, gets the code back, exchanges it at the
token endpoint, checks the ID token's signature against the provider's JWKS, reads
userinfo — all over real HTTP between two real servers (the provider, and IRO Hub under
pytest-django's live server). The "browser" is a requests session that follows the same
redirects and posts the provider's sign-in form, as a person would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlparse

import oidc_provider_mock
import pytest
import requests
import werkzeug.serving
from django.core.exceptions import SuspiciousOperation

from irohub.accounts.models import UserRole
from irohub.audit.models import AuditEvent
from irohub.signon import oidc
from irohub.signon.models import TwoFactorRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

GROUP_ROLES = {"IRO-Staff": "iro", "IRO-Managers": "team_manager", "IRO-Audit": "auditor"}


@pytest.fixture
def provider() -> Iterator[str]:
    """A real OpenID provider on 127.0.0.1 (a free port), stopped after the test."""
    app = oidc_provider_mock.app(require_client_registration=True, require_nonce=True)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture
def sso(provider, live_server, settings):
    """IRO Hub registered with the provider, as a council's IT team registers it."""
    registered = requests.post(
        f"{provider}/oauth2/clients",
        json={
            "redirect_uris": [f"{live_server.url}/sign-in/sso/callback/"],
            "token_endpoint_auth_method": "client_secret_post",
        },
        timeout=60,
    )
    assert registered.status_code == 201, registered.text
    client = registered.json()
    settings.IROHUB_OIDC_ISSUER = provider
    # The live server speaks plain HTTP: cookies must not be HTTPS-only (production's
    # default when DATABASE_URL is set, i.e. in the PostgreSQL pass).
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.OIDC_RP_CLIENT_ID = client["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = client["client_secret"]
    settings.IROHUB_OIDC_GROUP_ROLES = GROUP_ROLES
    settings.IROHUB_OIDC_PROVIDER_NAME = "Synthetic Council ID"
    oidc._cache.clear()
    yield provider
    oidc._cache.clear()


def person(provider: str, sub: str, username: str, groups: list[str]) -> None:
    """The person as the identity provider knows them."""
    response = requests.put(
        f"{provider}/users/{sub}",
        json={
            "preferred_username": username,
            "email": f"{username}@example.invalid",
            "given_name": "Jo",
            "family_name": "Synthetic",
            "groups": groups,
        },
        timeout=60,
    )
    assert response.status_code in {200, 204}, response.text


def sign_in_through_provider(site: str, sub: str) -> tuple[requests.Session, requests.Response]:
    """Click "Sign in with …", sign in at the provider, come back. Returns the browser and
    IRO Hub's answer to the callback."""
    browser = requests.Session()
    page = browser.get(f"{site}/sign-in/", timeout=60)
    assert 'href="/sign-in/sso/"' in page.text  # the sign-in page offers the provider
    assert "Sign in with Synthetic Council ID" in page.text

    start = browser.get(f"{site}/sign-in/sso/", allow_redirects=False, timeout=60)
    assert start.status_code == 302
    authorise = start.headers["Location"]
    query = parse_qs(urlparse(authorise).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["nonce"]

    form = browser.get(authorise, timeout=60)
    assert form.status_code == 200
    back = browser.post(authorise, data={"sub": sub}, allow_redirects=False, timeout=60)
    assert back.status_code == 302, back.text
    callback = back.headers["Location"]
    assert callback.startswith(f"{site}/sign-in/sso/callback/?")
    assert "code=" in callback
    answer = browser.get(callback, allow_redirects=False, timeout=30)
    return browser, answer


def test_a_person_signs_in_through_the_councils_provider_and_gets_the_roles_of_their_groups(
    sso, live_server
):
    site = live_server.url
    person(sso, "sub-0001", "jo.synthetic", ["IRO-Staff", "Another-Group"])

    browser, answer = sign_in_through_provider(site, "sub-0001")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"
    home = browser.get(f"{site}/", timeout=60)
    assert urlparse(home.url).path == "/caseload/"  # an IRO's start page

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="jo.synthetic")
    assert (user.first_name, user.last_name, user.email) == (
        "Jo",
        "Synthetic",
        "jo.synthetic@example.invalid",
    )
    assert not user.has_usable_password()
    assert set(UserRole.objects.filter(user=user).values_list("role", flat=True)) == {"iro"}

    # The council moves them to the managers' group: the next sign-in brings the new role
    # and takes the old one away, and the audit trail says so.
    person(sso, "sub-0001", "jo.synthetic", ["IRO-Managers"])
    browser, answer = sign_in_through_provider(site, "sub-0001")
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert urlparse(browser.get(f"{site}/", timeout=60).url).path == "/team/"
    assert set(UserRole.objects.filter(user=user).values_list("role", flat=True)) == {
        "team_manager"
    }
    changes = AuditEvent.objects.filter(
        action="roles.from_identity_provider", target_id=str(user.pk)
    ).order_by("id")
    assert [e.details for e in changes] == [
        {"added": ["iro"], "removed": []},
        {"added": ["team_manager"], "removed": ["iro"]},
    ]


def test_an_existing_account_is_matched_by_username(sso, live_server):
    existing = UserFactory(username="sam.existing")
    UserRole.objects.create(user=existing, role="iro")
    person(sso, "sub-0002", "sam.existing", ["IRO-Audit"])
    _, answer = sign_in_through_provider(live_server.url, "sub-0002")
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert set(UserRole.objects.filter(user=existing).values_list("role", flat=True)) == {"auditor"}
    # The password they had still works for the password form (sign-in is unchanged).
    assert existing.has_usable_password()


def test_no_mapped_group_signs_in_with_no_role(sso, live_server):
    person(sso, "sub-0003", "no.role", ["Somebody-Else"])
    browser, answer = sign_in_through_provider(live_server.url, "sub-0003")
    assert answer.status_code == 302
    assert browser.get(f"{live_server.url}/", timeout=60).status_code == 403


def test_provider_sign_in_stands_for_two_factor_unless_the_council_says_not(
    sso, live_server, settings
):
    TwoFactorRole.objects.create(role="iro")
    person(sso, "sub-0004", "two.factor", ["IRO-Staff"])
    browser, _ = sign_in_through_provider(live_server.url, "sub-0004")
    assert urlparse(browser.get(f"{live_server.url}/", timeout=60).url).path == "/caseload/"

    settings.IROHUB_OIDC_COUNTS_AS_TWO_FACTOR = False
    browser, _ = sign_in_through_provider(live_server.url, "sub-0004")
    landed = browser.get(f"{live_server.url}/caseload/", timeout=60)
    assert urlparse(landed.url).path == "/two-factor/set-up/"


def test_a_wrong_client_secret_is_a_message_not_an_error(sso, live_server, settings):
    settings.OIDC_RP_CLIENT_SECRET = "not-the-secret"
    person(sso, "sub-0005", "wrong.secret", ["IRO-Staff"])
    browser, answer = sign_in_through_provider(live_server.url, "sub-0005")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/sign-in/?sso=failed"
    page = browser.get(f"{live_server.url}{answer.headers['Location']}", timeout=60)
    assert "Signing in with Synthetic Council ID did not work" in page.text
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="wrong.secret").exists()


def test_id_tokens_are_checked_signature_audience_and_all(sso, live_server, settings):
    """Real ID tokens from the provider: accepted as issued to IRO Hub, refused when meant
    for another application or when their signature does not match the provider's keys."""
    callback = f"{live_server.url}/sign-in/sso/callback/"
    person(sso, "sub-0006", "token.check", ["IRO-Staff"])
    authorise = f"{sso}/oauth2/authorize?" + urlencode(
        {
            "response_type": "code",
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "redirect_uri": callback,
            "scope": "openid profile email",
            "state": "synthetic-state",
            "nonce": "synthetic-nonce",
        }
    )
    back = requests.post(authorise, data={"sub": "sub-0006"}, allow_redirects=False, timeout=60)
    code = parse_qs(urlparse(back.headers["Location"]).query)["code"][0]
    backend = oidc.ProviderBackend()
    issued = requests.post(
        backend.OIDC_OP_TOKEN_ENDPOINT,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": callback,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
        },
        timeout=60,
    )
    assert issued.status_code == 200, issued.text
    id_token = issued.json()["id_token"]

    payload = backend.verify_token(id_token, nonce="synthetic-nonce")
    assert payload["sub"] == "sub-0006" and payload["iss"] == sso

    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend.verify_token(id_token, nonce="another-nonce")

    head, body, signature = id_token.split(".")
    forged = f"{head}.{body}.{signature[:-6]}AAAAAA"
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged, nonce="synthetic-nonce")

    settings.OIDC_RP_CLIENT_ID = "another-application"
    with pytest.raises(SuspiciousOperation, match="Audience"):
        oidc.ProviderBackend().verify_token(id_token, nonce="synthetic-nonce")
