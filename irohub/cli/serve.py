"""`irohub serve`: run the web application on every core (gunicorn: worker processes, each
with a few threads). On the embedded default (no DATABASE_URL) and an empty database, it
first makes a demo council and its demo sign-ins — once, in this process, before the
workers start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from irohub.cli.base import OneLineParser, positive_int, setup_django


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def main(args: list[str]) -> int:
    parser = OneLineParser(prog="irohub serve", description="Run the web application.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=positive_int, default=8000)
    parser.add_argument(
        "--demo-children",
        type=int,
        default=600,
        help="size of the demo council created on an empty database (0: none)",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=cores(),
        help="worker processes (default: one per core)",
    )
    parser.add_argument(
        "--threads",
        type=positive_int,
        default=4,
        help="threads in each worker: requests it serves at once while others wait on the "
        "database (default 4)",
    )
    options = parser.parse_args(args)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from irohub.demo.load import create_demo_council_with_sign_ins, demo_sign_ins, is_empty_database

    call_command("migrate", verbosity=0, interactive=False)
    # Demo sign-ins exist only on the embedded default, and are made only together with the
    # demo council on an empty database; with DATABASE_URL set, never.
    embedded = not settings.DATABASE_URL
    sign_ins = []
    if embedded and options.demo_children and is_empty_database():
        print("Creating the demo council (synthetic data)…", flush=True)
        stats, sign_ins = create_demo_council_with_sign_ins(children=options.demo_children)
        from irohub.annual_report.demo_plan import write_demo_action_plans

        write_demo_action_plans(as_of=stats.as_of)
        print(stats.summary())
    elif embedded:
        sign_ins = demo_sign_ins()
    if connections["default"].vendor == "sqlite":
        use_write_ahead_log()
    # The workers are forked from this process: none may inherit its database connection.
    connections.close_all()

    address = settings.PUBLIC_URL or f"http://{options.host}:{options.port}/"
    print(f"\nIRO Hub for {settings.IROHUB_COUNCIL_NAME} is running at {address}")
    print(
        f"  {options.workers} worker process{'es' if options.workers != 1 else ''}, "
        f"{options.threads} thread{'s' if options.threads != 1 else ''} each"
    )
    for role, username, password in sign_ins:
        print(f"  sign in as {role}: {username} / {password}")
    print("Press Ctrl+C to stop.", flush=True)

    from irohub.project.proxy import SERVER_OPTIONS
    from irohub.project.wsgi import application

    # Background tasks (figures precomputed after a write) run in a process of their own,
    # beside the web workers, for as long as the server runs.
    tasks = start_task_worker()
    try:
        run_gunicorn(
            application,
            {
                "bind": [f"{options.host}:{options.port}"],
                "workers": options.workers,
                "threads": options.threads,
                "worker_class": "gthread",
                # The proxy headers are decided in one place (irohub/project/proxy.py).
                **SERVER_OPTIONS,
                # A page that takes longer than this is stuck: the worker is replaced.
                "timeout": 120,
                "graceful_timeout": 20,
                "keepalive": 5,
                # Errors and start/stop on stderr, as before; no access log (the audit records
                # who opened what).
                "errorlog": "-",
                "loglevel": "warning",
                "post_fork": _after_fork,
            },
        )
    finally:
        tasks.terminate()
        try:
            tasks.wait(timeout=20)
        except subprocess.TimeoutExpired:
            tasks.kill()
    return 0


def _after_fork(server: Any, worker: Any) -> None:
    # Several processes now serve requests: each rechecks what it keeps in memory that an
    # administrator may change in another (the working-day calendar).
    from irohub.core import calendar

    calendar.recheck_every(seconds=5)


def start_task_worker() -> subprocess.Popen[bytes]:
    """django-tasks' database worker (`irohub manage db_worker`), stopped with the server
    (and by the kernel, should the server die without stopping it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "irohub.cli", "manage", "db_worker", "--verbosity", "0"],
        preexec_fn=_die_with_parent,  # safe: no threads have started yet
    )


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: the server's own `finally` stops the worker
        pass


def use_write_ahead_log() -> None:
    """SQLite with several worker processes: in write-ahead-log mode readers never wait for
    a writer (nor a writer for readers), and a writer waits its turn (the settings' timeout)
    instead of failing. The mode is kept in the database file, so it is set once, here."""
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")


def run_gunicorn(application: Any, options: dict[str, Any]) -> None:
    """gunicorn, configured from here rather than from its command line or a file."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()
