"""`irohub demo`: fill the database (or a folder of SSDA903 files) with a synthetic council."""

from __future__ import annotations

from pathlib import Path

from irohub.cli.base import CommandLineError, OneLineParser, positive_int, setup_django


def main(args: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub demo",
        description="Fill the database with a synthetic council (adds to what is there "
        "unless --replace is given).",
    )
    parser.add_argument(
        "--children", type=positive_int, default=500, help="children in care over the years"
    )
    parser.add_argument(
        "--years", type=positive_int, default=5, help="years of history up to today"
    )
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--replace", action="store_true", help="delete the register first (demo databases only)"
    )
    parser.add_argument(
        "--ssda903-out",
        type=Path,
        metavar="DIR",
        help="write the council straight to SSDA903 files (one folder per collection year, "
        "named by its end year) instead of the database",
    )
    options = parser.parse_args(args)
    if options.years > 30:
        raise CommandLineError("irohub demo: --years must be at most 30")
    if options.ssda903_out is not None:
        from irohub.demo.ssda903_out import write_synthetic_returns

        if options.ssda903_out.exists() and any(options.ssda903_out.iterdir()):
            raise CommandLineError(
                f"irohub demo: --ssda903-out {str(options.ssda903_out)!r} is not empty"
            )
        summary = write_synthetic_returns(
            children=options.children,
            years=options.years,
            seed=options.seed,
            out=options.ssda903_out,
        )
        print(summary)
        return 0
    setup_django()
    from django.core.management import call_command

    from irohub.demo.load import DemoError, load_demo_council

    call_command("migrate", verbosity=0, interactive=False)
    try:
        stats = load_demo_council(
            children=options.children,
            years=options.years,
            seed=options.seed,
            replace=options.replace,
        )
    except DemoError as error:
        raise CommandLineError(f"irohub demo: {error}") from None
    from irohub.annual_report.demo_plan import write_demo_action_plans

    write_demo_action_plans(as_of=stats.as_of)
    print(stats.summary())
    return 0
