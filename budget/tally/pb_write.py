"""Writer for the pabulib `.pb` format: what `read_pb` reads back as the same election."""

from __future__ import annotations

import csv
import io
import os
from fractions import Fraction

from budget.tally.model import Election


def write_pb(election: Election, path: str | os.PathLike) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(format_pb(election))


def format_pb(election: Election) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    writer.writerows(_meta(election).items())
    out.write("PROJECTS\n")
    extra = _columns(p.extra for p in election.projects.values())
    writer.writerow(["project_id", "cost", "name", *extra])
    for p in election.projects.values():
        writer.writerow([p.id, format_number(p.cost), p.name, *(p.extra.get(k, "") for k in extra)])
    out.write("VOTES\n")
    with_points = any(v.points is not None for v in election.voters)
    extra = _columns(v.extra for v in election.voters)
    writer.writerow(["voter_id", "vote", *(["points"] if with_points else []), *extra])
    for v in election.voters:
        row = [v.id, ",".join(v.projects)]
        if with_points:
            row.append(",".join(map(str, v.points or ())))
        writer.writerow([*row, *(v.extra.get(k, "") for k in extra)])
    return out.getvalue()


def format_number(value: Fraction) -> str:
    """Exact decimal text of a money amount (costs and budgets have finite decimals)."""
    if value.denominator == 1:
        return str(value.numerator)
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
        if digits > 12:
            raise ValueError(f"{value} has no short decimal form")
    scaled = value * 10**digits
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled.numerator), 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


def _meta(election: Election) -> dict[str, str]:
    """META as read, corrected where it disagrees with the election.

    Keys read from a file are kept in their order and text; an election built in the app
    (empty META) gets the keys pabulib requires.
    """
    meta = dict(election.meta)
    required = {
        "budget": format_number(election.budget),
        "vote_type": election.vote_type.value,
        "num_projects": str(len(election.projects)),
        "num_votes": str(len(election.voters)),
    }
    for key, value in required.items():
        current = meta.get(key)
        if current is None:
            if not election.meta or key in ("budget", "vote_type"):
                meta[key] = value
        elif not _same(key, current, value):
            meta[key] = value
    return meta


def _same(key: str, current: str, value: str) -> bool:
    if key == "vote_type":
        return current.strip().lower() == value
    try:
        return Fraction(current.strip()) == Fraction(value)
    except ValueError:
        return False


def _columns(extras) -> list[str]:
    columns: dict[str, None] = {}
    for extra in extras:
        for key in extra:
            columns.setdefault(key)
    return list(columns)
