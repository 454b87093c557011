from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from irohub.accounts.access import user_permissions
from irohub.accounts.roles import Permission
from irohub.core.navigation import back_query, return_path


def council(request: HttpRequest) -> dict[str, str]:
    return {
        "council_name": settings.IROHUB_COUNCIL_NAME,
        "council_logo_url": settings.IROHUB_COUNCIL_LOGO_URL,
    }


# (label, url name, permission needed). A page is in an item's part of the service when its
# path starts with the item's; a child's record (under /children/) belongs to the list the
# user opened it from (core.navigation), so "Find a child" matches its own page only.
NAVIGATION = [
    ("My caseload", "caseload", {Permission.VIEW_OWN_CASELOAD}),
    ("My children", "my_children", {Permission.VIEW_ALLOCATED_CHILDREN}),
    ("Team", "team", {Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS}),
    ("Find a child", "search", {Permission.SEARCH_CHILDREN}),
    ("Fostering", "fostering", {Permission.VIEW_FOSTERING}),
    ("Annual report", "annual_report", {Permission.VIEW_PERFORMANCE}),
    ("Performance", "performance", {Permission.VIEW_PERFORMANCE}),
    ("Planning", "planning", {Permission.PLAN_WORKFORCE}),
    ("Challenges", "challenges", {Permission.VIEW_CHALLENGES, Permission.RESPOND_TO_CHALLENGE}),
    ("Commissioned services", "commissioning", {Permission.VIEW_COMMISSIONED_SERVICES}),
    ("File audits", "file_audits", {Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS}),
    ("Administration", "admin:index", {Permission.ADMINISTER}),
    ("Locked sign-ins", "sign_in_locks", {Permission.ADMINISTER}),
    ("Retention", "retention", {Permission.ADMINISTER}),
]


EXACT = {"search"}


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    granted = user_permissions(user)
    came_from = return_path(request)
    where = urlsplit(came_from).path if came_from else request.path
    items = []
    for text, name, needs in NAVIGATION:
        if granted & needs:
            href = reverse(name)
            current = where == href if name in EXACT else where.startswith(href)
            items.append({"text": text, "href": href, "current": current})
    return {
        "navigation": items,
        # The list this page was reached from (for Back links), and the query that carries
        # it on to the next page; `here_query` makes this page the way back from the next.
        "return_path": came_from,
        "return_query": back_query(came_from),
        "here_query": back_query(request.get_full_path()),
    }
