"""Reader for the pabulib `.pb` format (https://pabulib.org/format).

A file has three sections in this order: META (key;value), PROJECTS and VOTES, each a
`;`-separated CSV table with a header. Everything is validated before an `Election` is
returned, so a caller never sees half an election; the first problem raises `PbFormatError`
with its 1-based line number.
"""

from __future__ import annotations

import csv
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from functools import cache, partial
from itertools import repeat

from budget.tally.errors import PbFormatError
from budget.tally.model import Election, Project, Voter, VoterColumns, VoteType
from budget.tally.pb_votes import VoteChecker

SECTIONS = ("META", "PROJECTS", "VOTES")
LIMIT_KEYS = (
    "min_length",
    "max_length",
    "min_sum_points",
    "max_sum_points",
    "max_sum_cost",
    "min_project_score_threshold",
)
Progress = Callable[[int, int], None]


def read_pb(path: str | os.PathLike, progress: Progress | None = None) -> Election:
    """Read a `.pb` file; `progress(done, total)` is called now and then while reading votes."""
    with open(path, "rb") as file:
        return parse_pb(file.read(), progress)


def parse_pb(data: bytes | str, progress: Progress | None = None) -> Election:
    with collector_paused():
        return _parse(data, progress)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around building a whole election.

    Hundreds of thousands of strings, tuples, dicts and voters are made, none in a reference
    cycle: the collector would only walk the growing heap again and again (a third of the
    reading time). Nothing is lost; it runs again afterwards.
    """
    if not gc.isenabled():  # paused by the caller (or another thread reading a file)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parse(data: bytes | str, progress: Progress | None) -> Election:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise PbFormatError(line, "the file is not valid UTF-8") from exc
    data = data.removeprefix("\ufeff")
    sections = _split_sections(data.splitlines())
    meta = _read_meta(sections["META"])
    budget, vote_type = _budget_and_type(meta, sections["META"][0])
    projects = _read_projects(sections["PROJECTS"])
    election = Election(projects=projects, voters=[], budget=budget, vote_type=vote_type)
    election.meta = {key: value for key, (value, _) in meta.items()}
    election.voters = _read_votes(sections["VOTES"], election, meta, progress)
    return election


# A section: the line number of its name, then the line numbers and the text of its
# non-blank lines (a range and a slice of the file's lines when it has no blank line).
Section = tuple[int, Sequence[int], list[str]]


def _split_sections(lines: list[str]) -> dict[str, Section]:
    stripped = list(map(str.strip, lines))
    # Where the section names are, by C-level searches (a file has tens of thousands of lines).
    marks = sorted(i for name in SECTIONS for i in _indexes(stripped, name))
    first = marks[0] if marks else len(lines)
    if any(stripped[:first]):
        number = next(i for i, text in enumerate(stripped) if text) + 1
        raise PbFormatError(number, "the file must start with the META section")
    found: dict[str, Section] = {}
    for n, start in enumerate(marks):
        name = stripped[start]
        expected = SECTIONS[n] if n < len(SECTIONS) else None
        if name != expected:
            raise PbFormatError(start + 1, f"section {name} found where {expected} was expected")
        end = marks[n + 1] if n + 1 < len(marks) else len(lines)
        if all(stripped[start + 1 : end]):
            found[name] = (start + 1, range(start + 2, end + 1), lines[start + 1 : end])
        else:
            kept = [i for i in range(start + 1, end) if stripped[i]]
            found[name] = (start + 1, [i + 1 for i in kept], [lines[i] for i in kept])
    if len(found) < len(SECTIONS):
        missing = SECTIONS[len(found)]
        raise PbFormatError(len(lines) + 1, f"missing section {missing}")
    return found


def _indexes(items: list[str], value: str) -> Iterator[int]:
    at = -1
    while True:
        try:
            at = items.index(value, at + 1)
        except ValueError:
            return
        yield at


def _rows(section: Section, required: tuple[str, ...]) -> tuple[list[str], Iterator]:
    """The header of a section and an iterator over (line number, cells) of its rows."""
    start, numbers, lines = section
    if not lines:
        raise PbFormatError(start + 1, "missing header line after section name")
    cells = csv.reader(lines, delimiter=";")
    header = [name.strip() for name in next(cells)]
    for name in required:
        if name not in header:
            raise PbFormatError(numbers[0], f"missing column {name!r} in header")
    return header, zip(numbers[1:], cells, strict=False)


def _read_meta(section: Section) -> dict[str, tuple[str, int]]:
    _header, rows = _rows(section, ())
    meta: dict[str, tuple[str, int]] = {}
    for number, cells in rows:
        if len(cells) < 2:
            raise PbFormatError(number, "META line must be 'key;value'")
        key = cells[0].strip()
        if key in meta:
            raise PbFormatError(number, f"duplicate META key {key!r}")
        meta[key] = (";".join(cells[1:]).strip(), number)
    return meta


def _budget_and_type(meta: dict[str, tuple[str, int]], meta_line: int) -> tuple:
    if "budget" not in meta:
        raise PbFormatError(meta_line, "META has no 'budget'")
    value, number = meta["budget"]
    budget = _number(value, number, "budget")
    if budget < 0:
        raise PbFormatError(number, f"negative budget {value}")
    value, number = meta.get("vote_type", ("approval", meta_line))
    try:
        return budget, VoteType(value.strip().lower())
    except ValueError:
        raise PbFormatError(number, f"unknown vote_type {value!r}") from None


def _read_projects(section: Section) -> dict[str, Project]:
    header, rows = _rows(section, ("project_id", "cost"))
    projects: dict[str, Project] = {}
    for number, cells in rows:
        row = _as_dict(header, cells, number)
        pid = row.pop("project_id").strip()
        if not pid:
            raise PbFormatError(number, "empty project_id")
        if pid in projects:
            raise PbFormatError(number, f"duplicate project id {pid!r}")
        cost = _number(row.pop("cost"), number, f"cost of project {pid}")
        if cost < 0:
            raise PbFormatError(number, f"negative cost {cost} for project {pid}")
        name = row.pop("name", "")
        projects[pid] = Project(id=pid, cost=cost, name=name, extra=row)
    return projects


def _read_votes(
    section: Section,
    election: Election,
    meta: dict[str, tuple[str, int]],
    progress: Progress | None,
) -> list[Voter] | VoterColumns:
    header, rows = _rows(section, ("voter_id", "vote"))
    _check_limit_keys(meta)
    layout = _Layout(header)
    checker = VoteChecker(election)
    total = len(section[2]) - 1
    voters = _votes_by_column(section[2], layout, checker)
    if voters is None:
        voters = _votes_by_row(rows, layout, checker, total, progress)
    if progress is not None:
        progress(total, total)
    return voters


class _Layout:
    """Positions of the VOTES columns, looked up once (the last of two same-named columns
    wins, as in a dict built from the header)."""

    def __init__(self, header: list[str]) -> None:
        at = {name: index for index, name in enumerate(header)}
        self.width = len(header)
        self.voter_id, self.vote, self.points = at["voter_id"], at["vote"], at.get("points")
        self.others = [(name, index) for name, index in at.items() if name not in _VOTE_COLUMNS]


def _votes_by_column(
    lines: list[str], layout: _Layout, checker: VoteChecker
) -> VoterColumns | None:
    """The section read a column at a time with C-level passes (split, map, set), no Python
    code per ballot: a city's file has tens of thousands (bench/tally.py: parsing within 3x
    of a plain csv read). None when a row needs `_votes_by_row`: CSV quoting, a row with
    another number of fields, or a problem to report with its line number."""
    width, body = layout.width, lines[1:]
    text = ";".join(body)
    # Unquoted, a CSV row is its line split at ';': the cells csv.reader gives.
    if (
        not body
        or '"' in lines[0]
        or '"' in text
        or set(map(str.count, body, repeat(";"))) != {width - 1}
    ):
        return None
    cells = text.split(";")
    ids = list(map(str.strip, cells[layout.voter_id :: width]))
    if len(set(ids)) != len(ids):
        return None
    points = cells[layout.points :: width] if layout.points is not None else None
    ballots = checker.check_all(cells[layout.vote :: width], points)
    if ballots is None:
        return None
    extras = [(name, cells[at::width]) for name, at in layout.others]
    return VoterColumns(ids, *ballots, partial(_dicts, len(ids), extras))


def _dicts(count: int, columns: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    """`count` dicts of the columns' values, one per row."""
    if not columns:
        return [{} for _ in range(count)]
    return _dicts_maker(len(columns))(*(v for _, v in columns), keys=[k for k, _ in columns])


@cache
def _dicts_maker(width: int) -> Callable[..., list[dict[str, str]]]:
    """For width 2: `[{k0: v0, k1: v1} for v0, v1 in zip(c0, c1)]` with k0, k1 = keys.

    A dict display builds each row's dict in one step, twice as fast as dict(zip(keys,
    row)). As in collections.namedtuple, the source is generated, here from the number of
    columns only: the column names are values, never code.
    """
    n = range(width)
    columns, values = ", ".join(f"c{i}" for i in n), ", ".join(f"v{i}" for i in n)
    keys, items = ", ".join(f"k{i}" for i in n), ", ".join(f"k{i}: v{i}" for i in n)
    source = (
        f"def rows({columns}, *, keys):\n"
        f"    {keys}, = keys\n"
        f"    return [{{{items}}} for {values}, in zip({columns}, strict=True)]\n"
    )
    namespace: dict = {}
    exec(source, {"__builtins__": {"zip": zip}}, namespace)  # noqa: S102 - made from integers
    return namespace["rows"]


def _votes_by_row(
    rows: Iterator, layout: _Layout, checker: VoteChecker, total: int, progress: Progress | None
) -> list[Voter]:
    width, vid_at, vote_at, points_at = layout.width, layout.voter_id, layout.vote, layout.points
    seen: set[str] = set()
    voters: list[Voter] = []
    for done, (number, cells) in enumerate(rows, start=1):
        if len(cells) != width:
            raise PbFormatError(number, f"expected {width} fields, found {len(cells)}")
        vid = cells[vid_at].strip()
        if vid in seen:
            raise PbFormatError(number, f"duplicate voter id {vid!r}")
        seen.add(vid)
        points_cell = cells[points_at] if points_at is not None else None
        ids, points = checker.check(cells[vote_at], points_cell, number)
        extra = {name: cells[i] for name, i in layout.others}
        voters.append(Voter(vid, ids, points, extra))
        if progress is not None and done % 5000 == 0:
            progress(done, total)
    return voters


_VOTE_COLUMNS = frozenset({"voter_id", "vote", "points"})


def _check_limit_keys(meta: dict[str, tuple[str, int]]) -> None:
    for key in LIMIT_KEYS:
        value, number = meta.get(key, ("", 0))
        if value.strip():
            _number(value, number, key)


def _as_dict(header: list[str], cells: list[str], number: int) -> dict[str, str]:
    if len(cells) != len(header):
        raise PbFormatError(number, f"expected {len(header)} fields, found {len(cells)}")
    return dict(zip(header, cells, strict=True))


def _number(text: str, line: int, what: str) -> Fraction:
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise PbFormatError(line, f"{what} is not a number: {text!r}") from None
    return value
