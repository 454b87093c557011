from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from irohub.accounts.access import user_permissions
from irohub.accounts.roles import Permission


def council(request: HttpRequest) -> dict[str, str]:
    return {
        "council_name": settings.IROHUB_COUNCIL_NAME,
        "council_logo_url": settings.IROHUB_COUNCIL_LOGO_URL,
    }


# (label, url name, permission needed)
NAVIGATION = [
    ("My caseload", "caseload", {Permission.VIEW_OWN_CASELOAD}),
    ("Team", "team", {Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS}),
    ("Find a child", "search", {Permission.SEARCH_CHILDREN}),
    ("Annual report", "annual_report", {Permission.VIEW_PERFORMANCE}),
    ("Performance", "performance", {Permission.VIEW_PERFORMANCE}),
    ("Administration", "admin:index", {Permission.ADMINISTER}),
    ("Locked sign-ins", "sign_in_locks", {Permission.ADMINISTER}),
    ("Retention", "retention", {Permission.ADMINISTER}),
]


def navigation(request: HttpRequest) -> dict[str, list[dict[str, object]]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    granted = user_permissions(user)
    items = []
    for text, name, needs in NAVIGATION:
        if granted & needs:
            href = reverse(name)
            items.append({"text": text, "href": href, "current": request.path.startswith(href)})
    return {"navigation": items}
