"""Figures precomputed in the background after a write (issue 16, item 3).

When the register changes (irohub.core.register_version sends `register_changed` after the
commit), the current year's performance page and each of its measures are computed again
by the task worker `irohub serve` runs, and cached under the new version, so the first
manager to open the page after a review is recorded does not wait for them.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from irohub.performance import pages
from irohub.performance.figures import definitions
from irohub.performance.queries import load_service
from irohub.records.years import CollectionYear

# Finished runs kept in the task table this long (one run per burst of writes).
KEEP_FINISHED = timedelta(days=1)


@task()
def precompute_current_year() -> str:
    """The year to date's figures and each measure's breakdowns, into the cache (computed
    only when not there already for the register's current version)."""
    service = load_service(pages.chart_svg)
    year = CollectionYear.to_date(service.today)
    service.year_figures(year)
    for definition in definitions():
        service.measure_figures(definition, year)
    _forget_old_runs()
    return f"figures for {year.title} cached"


def enqueue_precompute(**kwargs: object) -> None:
    """`register_changed`'s receiver: queue the task, unless a run is already waiting (a
    burst of writes needs one run after it, not one each)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().filter(task_path=precompute_current_year.module_path)
    if not waiting.exists():
        precompute_current_year.enqueue()


def _forget_old_runs() -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.finished().filter(
        task_path=precompute_current_year.module_path,
        finished_at__lt=timezone.now() - KEEP_FINISHED,
    ).delete()
