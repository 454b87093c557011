"""`irohub measures`: every measure for a collection year, as one JSON object.

    irohub measures --year 2021/22                      # from the database
    irohub measures --year 2021/22 --ssda903 DIR        # straight from SSDA903 files
    irohub measures --year 2021/22 --breakdowns         # each figure by age, sex, team...
    irohub measures --year 2021/22 --public             # to exchange with other councils

Both paths build the same core records (irohub.records.register) and go through the same
irohub.measures functions, so the figures are identical whichever way the data arrives.
Output contract (other tools rely on it):
{"year": "2021/22", "measures": {"M-REV-01": {"numerator": 292, "denominator": 300,
"percent": 97.33333}, ...}}
With --breakdowns each measure that has them also carries "breakdowns" (see
irohub.measures.registry); team and IRO breakdowns and the workforce measures need the
IRO staffing that SSDA903 files do not hold, so from files those are absent or "no data".
With --public the output is the file councils exchange for a pooled comparison
(irohub.reporting.pooled): only the measures with no national figure (review timeliness,
participation, caseloads, escalations), small numbers suppressed, no breakdowns and
nothing about any child; `irohub benchmarking combine` sets several side by side.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from irohub.cli.base import CommandLineError, OneLineParser, collection_year, setup_django


def main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub measures",
        description="Every measure for a collection year, as JSON on stdout.",
    )
    parser.add_argument("--year", type=collection_year, required=True, help="e.g. 2021/22")
    parser.add_argument(
        "--ssda903",
        type=Path,
        metavar="DIR",
        help="compute from SSDA903 files (one year's CSVs, or sub-folders by end year) "
        "instead of the database",
    )
    parser.add_argument(
        "--breakdowns",
        action="store_true",
        help="add each measure's breakdowns (age band, sex, ethnicity, legal status, "
        "placement, team, IRO...)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="the public file to exchange with other councils: pooled measures only, "
        "small numbers suppressed, no breakdowns",
    )
    options = parser.parse_args(argv)
    if options.public and options.breakdowns:
        raise CommandLineError(
            "irohub measures: --public leaves breakdowns out (they can identify children): "
            "give one of --public and --breakdowns"
        )

    from irohub.measures import clear_cache, compute_measures

    if options.ssda903 is not None:
        if not options.ssda903.is_dir():
            raise CommandLineError(
                f"irohub measures: --ssda903 {str(options.ssda903)!r} is not a folder"
            )
        from irohub.ssda903.reader import read_returns

        result = read_returns(options.ssda903)
        if result.register is None:
            for problem in result.problems:
                print(problem, file=sys.stderr)
            print(
                f"irohub measures: {result.problem_count:,} problems in {options.ssda903}: "
                "nothing computed",
                file=sys.stderr,
            )
            return 1
        register = result.register
        calendar = None  # files carry no calendar adjustments: the shipped calendar
    else:
        setup_django()
        from irohub.children.records import register_from_database
        from irohub.core.calendar import get_calendar

        register = register_from_database()
        calendar = get_calendar()
    figures = compute_measures(
        register, options.year, calendar=calendar, breakdowns=options.breakdowns
    )
    if options.public:
        setup_django()  # the council's name and code are settings
        from irohub.core import council
        from irohub.measures import DEFINITIONS
        from irohub.reporting.pooled import public_measures

        figures = public_measures(
            figures,
            titles={key: d.title for key, d in DEFINITIONS.items()},
            council=council.name(),
            la_code=council.la_code(),
        )
    print(json.dumps(figures))
    # Done with the register: let it go with this function. The review book keeps it for
    # the next figures of a long-running process; kept to the end of this one, it and all
    # that was worked out from it would be walked by the cycle collector while Python shuts
    # down (0.8 s of CPU for 50,000 children, a fifth of the command).
    clear_cache()
    return 0
