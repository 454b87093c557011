from django.conf import settings
from django.http import HttpRequest


def council(request: HttpRequest) -> dict[str, str]:
    return {
        "council_name": settings.IROHUB_COUNCIL_NAME,
        "council_logo_url": settings.IROHUB_COUNCIL_LOGO_URL,
    }
