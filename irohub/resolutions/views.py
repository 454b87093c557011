"""The IRO's challenges: one challenge and its moves, raising one for a child, the
managers' list, and the quarterly thematic summary (downloadable like every table)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.models import IRO, SocialWorkTeam
from irohub.accounts.roles import Permission
from irohub.children.queries import open_child_record
from irohub.core.forms import show_on_form
from irohub.reporting.tables import as_csv, as_xlsx
from irohub.resolutions import actions, queries, tables
from irohub.resolutions.access import may_respond
from irohub.resolutions.forms import MOVE_FORMS, EscalateForm, OpenChallengeForm
from irohub.resolutions.models import Challenge, PracticeTheme
from irohub.resolutions.rules import resolution_rules
from irohub.statutory.resolution import Move, Outcome, Stage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEE = (Permission.RATE_REVIEW, Permission.VIEW_CHALLENGES, Permission.RESPOND_TO_CHALLENGE)
# Which form each move's button posts, and who may make it.
MOVES: dict[str, Move] = {
    "respond": Move.RESPOND,
    "escalate": Move.ESCALATE,
    "close": Move.CLOSE,
    "cafcass": Move.REFER_TO_CAFCASS,
}


def _may_move(user: Any, challenge: Challenge, move: str) -> bool:
    if move == "respond":
        return may_respond(user, challenge)
    return has_permission(user, Permission.RATE_REVIEW)


def _form(move: str, challenge: Challenge, data: Any = None) -> Any:
    if move == "escalate":
        return EscalateForm(data, current=challenge.stage, prefix=move)
    return MOVE_FORMS[move](data, prefix=move)


def _do(move: str, user: Any, challenge: Challenge, data: dict[str, Any]) -> Challenge:
    day: date = data["day"]
    if move == "respond":
        return actions.respond(actor=user, challenge=challenge, day=day, response=data["response"])
    if move == "escalate":
        return actions.escalate(
            actor=user,
            challenge=challenge,
            day=day,
            reason=data["reason"],
            to=Stage(data["to"]),
            skip_reason=data["skip_reason"],
        )
    if move == "close":
        return actions.close(
            actor=user,
            challenge=challenge,
            day=day,
            outcome=Outcome(data["outcome"]),
            agreed_action=data["agreed_action"],
        )
    return actions.refer_to_cafcass(actor=user, challenge=challenge, day=day, reason=data["reason"])


DONE = {
    "respond": "Response recorded.",
    "escalate": "Challenge escalated.",
    "close": "Challenge closed.",
    "cafcass": "Referral to Cafcass recorded.",
}


@require_permission(*SEE)
def challenge(request: HttpRequest, challenge_id: int) -> HttpResponse:
    """One challenge: its stage, deadlines and steps, and a form for each move the
    process allows that the person may make."""
    try:
        found = Challenge.objects.select_related("child", "iro__user", "review").get(
            pk=challenge_id
        )
    except Challenge.DoesNotExist:
        raise Http404("No challenge with that number") from None
    child = open_child_record(request.user, found.child_id, purpose="a challenge")
    allowed = queries.moves_for(found)
    offered = [
        key
        for key, move in MOVES.items()
        if move in allowed and _may_move(request.user, found, key)
    ]
    forms = {key: _form(key, found) for key in offered}
    if request.method == "POST":
        move = request.POST.get("move", "")
        if move not in MOVES:
            messages.error(request, "Choose one of the actions on this page.")
            return redirect("challenge", found.pk)
        if move not in offered:
            raise PermissionDenied(f"You cannot {MOVES[move]} this challenge now.")
        form = _form(move, found, request.POST)
        forms[move] = form
        if form.is_valid():
            try:
                _do(move, request.user, found, form.cleaned_data)
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, DONE[move])
                return redirect("challenge", found.pk)
    rules = resolution_rules()
    return render(
        request,
        "resolutions/challenge.html",
        {
            "challenge": found,
            "child": child,
            "stage_name": rules.name(Stage(found.stage)),
            "steps": [(step, rules.name(Stage(step.stage))) for step in found.steps.all()],
            "themes": list(found.themes.all()),
            "forms": forms,
            "today": timezone.localdate(),
        },
    )


@require_permission(Permission.RATE_REVIEW)
def raise_challenge(request: HttpRequest, child_id: int) -> HttpResponse:
    """An IRO raises a challenge for a child directly (informal, or formal at once)."""
    child = open_child_record(request.user, child_id, purpose="raising a challenge")
    form = OpenChallengeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.open_challenge(
                actor=request.user,
                child=child,
                day=data["day"],
                issue=data["issue"],
                themes=data["themes"],
                stage=Stage(data["stage"]),
                skip_reason=data["skip_reason"],
                iro=IRO.objects.filter(user=request.user).first(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Challenge raised.")
            return redirect("challenge", made.pk)
    return render(request, "resolutions/raise.html", {"child": child, "form": form})


def _int(value: str | None) -> int | None:
    """A small whole number from a filter, or None (a database key never exceeds 2**31)."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 <= number < 2**31 else None


def _download(table: Any, stem: str, output: str) -> HttpResponse:
    if output == "csv":
        response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(as_xlsx(table, table.name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{output}"'
    return response


@require_permission(Permission.VIEW_CHALLENGES, Permission.RESPOND_TO_CHALLENGE)
def challenge_list(request: HttpRequest) -> HttpResponse:
    """Managers' view: challenges by team, stage, theme and age."""
    today = timezone.localdate()
    stage = _int(request.GET.get("stage"))
    theme = _int(request.GET.get("theme"))
    age = request.GET.get("age", "")
    status = request.GET.get("status", "open")
    team = _int(request.GET.get("team"))
    filters = queries.ChallengeFilters(
        stage=stage if stage in {int(s) for s in Stage} else None,
        theme=theme,
        age=age if age in queries.AGE_BANDS else "",
        status=status if status in {"open", "closed", "all"} else "open",
        team=team,
    )
    rows = queries.challenge_list(request.user, filters, today=today)
    table = tables.challenge_table(rows, today=today)
    output = request.GET.get("format")
    if output in {"csv", "xlsx"}:
        return _download(table, "challenges", output)
    rules = resolution_rules()
    return render(
        request,
        "resolutions/list.html",
        {
            "table": table,
            "columns": [column for _, column in table.shown_columns],
            "rows": table.page_rows(),
            "downloads": tables.download_links(request),
            "filters": filters,
            "stages": [(int(s), rules.name(s)) for s in Stage],
            "themes": PracticeTheme.objects.all(),
            "ages": list(queries.AGE_BANDS),
            "teams": SocialWorkTeam.objects.filter(
                pk__in=Challenge.objects.values("social_work_team")
            ),
        },
    )


@require_permission(Permission.VIEW_CHALLENGES)
def summary(request: HttpRequest) -> HttpResponse:
    """The quarterly thematic summary: by theme and stage, time to resolve, repeat issues."""
    today = timezone.localdate()
    quarter = tables.parse_quarter(request.GET.get("quarter", ""), today)
    built = queries.thematic_summary(request.user, quarter.start, quarter.end)
    all_tables = tables.summary_tables(built)
    output = request.GET.get("format")
    if output in {"csv", "xlsx"}:
        name = request.GET.get("table", "themes")
        table = next((t for t in all_tables if t.name == name), None)
        if table is None:
            raise Http404("No table of that name")
        return _download(table, f"challenges-{quarter.slug}-{name}", output)
    shown = [
        {
            "table": table,
            "columns": [column for _, column in table.shown_columns],
            "rows": table.page_rows(),
            "downloads": tables.download_links(request, table.name),
        }
        for table in all_tables
    ]
    return render(
        request,
        "resolutions/summary.html",
        {
            "quarter": quarter,
            "quarters": tables.recent_quarters(today),
            "summary": built,
            "tables": shown,
        },
    )
