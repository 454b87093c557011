from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import public, signed_in, user_permissions
from irohub.accounts.roles import ROLES, Permission


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the page they use most."""
    granted = user_permissions(request.user)
    if Permission.VIEW_OWN_CASELOAD in granted:
        return redirect("caseload")
    if Permission.VIEW_TEAM in granted or Permission.VIEW_ALL_TEAMS in granted:
        return redirect("team")
    if Permission.SEARCH_CHILDREN in granted:
        return redirect("search")
    if Permission.VIEW_ALLOCATED_CHILDREN in granted:
        return redirect("my_children")
    if Permission.VIEW_FOSTERING in granted:  # a foster carer reviewing officer
        return redirect("fostering")
    if Permission.VIEW_COMMISSIONED_SERVICES in granted:  # a commissioning officer
        return redirect("commissioning")
    if Permission.ADMINISTER in granted:
        return redirect("admin:index")
    return render(request, "core/no_role.html", {"roles": ROLES.values()}, status=403)


@public
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


sign_in = public(
    auth_views.LoginView.as_view(
        template_name="registration/login.html", redirect_authenticated_user=True
    )
)
sign_out = public(auth_views.LogoutView.as_view())


@public
def roles(request: HttpRequest) -> HttpResponse:
    """The roles and what each may do, in plain English (linked from the sign-in page)."""
    return render(request, "core/roles.html", {"roles": ROLES.values()})


@public
def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args: object, **kwargs: object
) -> HttpResponse:
    return render(request, "registration/locked_out.html", status=429)
