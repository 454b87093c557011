"""`irohub serve`: run the web application (waitress), with a demo council on an empty
SQLite database."""

from __future__ import annotations

from irohub.cli.base import OneLineParser, positive_int, setup_django


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
    parser.add_argument("--threads", type=positive_int, default=8)
    options = parser.parse_args(args)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from irohub.children.models import Child
    from irohub.demo.load import ensure_demo_users, load_demo_council

    call_command("migrate", verbosity=0, interactive=False)
    embedded = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if embedded and options.demo_children and not Child.objects.exists():
        print("Creating the demo council (synthetic data)…", flush=True)
        print(load_demo_council(children=options.demo_children, years=5, seed=1).summary())
    sign_ins = ensure_demo_users() if embedded else []
    address = f"http://{options.host}:{options.port}/"
    print(f"\nIRO Hub for {settings.IROHUB_COUNCIL_NAME} is running at {address}")
    for role, username, password in sign_ins:
        print(f"  sign in as {role}: {username} / {password}")
    print("Press Ctrl+C to stop.", flush=True)

    from waitress import serve as waitress_serve

    from irohub.project.wsgi import application

    waitress_serve(application, host=options.host, port=options.port, threads=options.threads)
    return 0
