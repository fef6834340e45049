"""Reader for the pabulib `.pb` format (https://pabulib.org/format).

A file has three sections in this order: META (key;value), PROJECTS and VOTES, each a
`;`-separated CSV table with a header. Everything is validated before an `Election` is
returned, so a caller never sees half an election; the first problem raises `PbFormatError`
with its 1-based line number.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

from budget.tally.errors import PbFormatError
from budget.tally.model import Election, Project, Voter, VoteType
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


def read_pb(path: str | Path, progress: Progress | None = None) -> Election:
    """Read a `.pb` file; `progress(done, total)` is called now and then while reading votes."""
    return parse_pb(Path(path).read_bytes(), progress)


def parse_pb(data: bytes | str, progress: Progress | None = None) -> Election:
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


# A section: (line number of its name, [(line number, raw line)] of its table).
Section = tuple[int, list[tuple[int, str]]]


def _split_sections(lines: list[str]) -> dict[str, Section]:
    found: dict[str, Section] = {}
    current: list[tuple[int, str]] | None = None
    for number, line in enumerate(lines, start=1):
        name = line.strip()
        if name in SECTIONS:
            expected = SECTIONS[len(found)] if len(found) < len(SECTIONS) else None
            if name != expected:
                raise PbFormatError(number, f"section {name} found where {expected} was expected")
            current = []
            found[name] = (number, current)
        elif current is None:
            if line.strip():
                raise PbFormatError(number, "the file must start with the META section")
        elif line.strip():
            current.append((number, line))
    if len(found) < len(SECTIONS):
        missing = SECTIONS[len(found)]
        raise PbFormatError(len(lines) + 1, f"missing section {missing}")
    return found


def _rows(section: Section, required: tuple[str, ...]) -> tuple[list[str], Iterator]:
    """The header of a section and an iterator over (line number, cells) of its rows."""
    start, lines = section
    if not lines:
        raise PbFormatError(start + 1, "missing header line after section name")
    cells = csv.reader((text for _, text in lines), delimiter=";")
    header = [name.strip() for name in next(cells)]
    for name in required:
        if name not in header:
            raise PbFormatError(lines[0][0], f"missing column {name!r} in header")
    numbers = (number for number, _ in lines[1:])
    return header, zip(numbers, cells, strict=False)


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
) -> list[Voter]:
    header, rows = _rows(section, ("voter_id", "vote"))
    _check_limit_keys(meta)
    checker = VoteChecker(election)
    seen: set[str] = set()
    voters: list[Voter] = []
    total = len(section[1]) - 1
    for done, (number, cells) in enumerate(rows, start=1):
        row = _as_dict(header, cells, number)
        vid = row.pop("voter_id").strip()
        if vid in seen:
            raise PbFormatError(number, f"duplicate voter id {vid!r}")
        seen.add(vid)
        ids, points = checker.check(row.pop("vote"), row.pop("points", None), number)
        voters.append(Voter(id=vid, projects=ids, points=points, extra=row))
        if progress is not None and done % 5000 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    return voters


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
