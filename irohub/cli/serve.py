"""`irohub serve`: run the web application (waitress). On the embedded default (no
DATABASE_URL) and an empty database, it first makes a demo council and its demo sign-ins."""

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

    from irohub.demo.load import create_demo_council_with_sign_ins, demo_sign_ins, is_empty_database

    call_command("migrate", verbosity=0, interactive=False)
    # Demo sign-ins exist only on the embedded default, and are made only together with the
    # demo council on an empty database; with DATABASE_URL set, never.
    embedded = not settings.DATABASE_URL
    sign_ins = []
    if embedded and options.demo_children and is_empty_database():
        print("Creating the demo council (synthetic data)…", flush=True)
        stats, sign_ins = create_demo_council_with_sign_ins(children=options.demo_children)
        print(stats.summary())
    elif embedded:
        sign_ins = demo_sign_ins()
    address = settings.PUBLIC_URL or f"http://{options.host}:{options.port}/"
    print(f"\nIRO Hub for {settings.IROHUB_COUNCIL_NAME} is running at {address}")
    for role, username, password in sign_ins:
        print(f"  sign in as {role}: {username} / {password}")
    print("Press Ctrl+C to stop.", flush=True)

    from waitress import serve as waitress_serve

    from irohub.project.proxy import SERVER_OPTIONS
    from irohub.project.wsgi import application

    # The proxy headers are decided in one place (irohub/project/proxy.py); the server is
    # told only to pass them through.
    waitress_serve(
        application,
        host=options.host,
        port=options.port,
        threads=options.threads,
        **SERVER_OPTIONS,
    )
    return 0
