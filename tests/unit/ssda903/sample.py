"""A small synthetic SSDA903 return (2024/25), written to a folder for tests.

Child A1 (born 15/06/2012) came into care on 10/05/2024 and moved placement on 01/09/2024
(X1 then P), still looked after at 31 March; reviewed 05/06/2024 and 01/09/2024, on time.
Child B2 (born 01/02/2022) was looked after from 01/06/2024 to 20/12/2024 (E4A), reviewed
20/06/2024 (PN0: under 4). Row numbers below are as a spreadsheet shows them (row 1: the
column names).
"""

from __future__ import annotations

from pathlib import Path

HEADER = """\
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,M,15/06/2012,WBRI,UN1,,
B2,F,01/02/2022,WBRI,UN1,0,
"""

EPISODES = """\
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,10/05/2024,S,C2,N1,U4,PR1,01/09/2024,X1,CARPL,,,
A1,01/09/2024,P,C2,N1,U6,PR4,,,,,,
B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,E4A,,,,
"""

REVIEWS = """\
CHILD,DOB,REVIEW,REVIEW_CODE
A1,15/06/2012,05/06/2024,PN1
A1,15/06/2012,01/09/2024,PN1
B2,01/02/2022,20/06/2024,PN0
"""


def write(folder: Path, name: str, text: str | bytes, *, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def write_return(
    folder: Path,
    *,
    header: str | bytes | None = HEADER,
    episodes: str | bytes | None = EPISODES,
    reviews: str | bytes | None = REVIEWS,
    **more: str | bytes,
) -> Path:
    """The sample return in `folder` (None leaves a table out; `more` adds files by name)."""
    for name, text in (
        ("header.csv", header),
        ("episodes.csv", episodes),
        ("reviews.csv", reviews),
        *more.items(),
    ):
        if text is not None:
            write(folder, name, text)
    return folder


def replace_line(text: str, number: int, line: str) -> str:
    """`text` with its line `number` (1 = the column names) replaced."""
    lines = text.splitlines()
    lines[number - 1] = line
    return "\n".join(lines) + "\n"


def add_line(text: str, line: str) -> str:
    return text + line + "\n"
