from django.conf import settings
from django.http import HttpRequest


def sign_on(request: HttpRequest) -> dict[str, object]:
    """Whether the sign-in page offers the council's identity provider, and by what name."""
    return {
        "sso_enabled": bool(settings.IROHUB_OIDC_ISSUER),
        "sso_provider_name": settings.IROHUB_OIDC_PROVIDER_NAME,
        "sso_failed": request.GET.get("sso") == "failed",
    }
