"""Recount a published election from a `.pb` file (behind `manage.py pb_tally`).

`run(argv)` is the whole command without Django: exit status 0, or 2 for a malformed file
(message with the line number on stderr).
"""

from __future__ import annotations

import argparse
import sys

from budget.tally.errors import PbFormatError, TallyError
from budget.tally.pb_read import read_pb
from budget.tally.result import TallyResult, money
from budget.tally.rules import RULES, tally

# typing itself is not imported at run time: `pb_tally` starts faster (budget/tally/record.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="pabulib .pb file")
    parser.add_argument("--rule", required=True, choices=RULES)
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def recount(path: str, rule: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> None:
    """Count and print; raises PbFormatError / TallyError / OSError for the caller to report."""
    bar = ProgressBar(stderr)
    election = read_pb(path, progress=bar.step("reading votes"))
    result = tally(election, rule, progress=bar.step(f"counting ({rule})"))
    bar.done()
    if as_json:
        import json  # only here: a plain recount starts without it

        stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
    else:
        stdout.write(summary(result))


def summary(result: TallyResult) -> str:
    chosen = sorted(result.selected)
    lines = [
        f"rule: {result.rule}",
        f"selected ({len(chosen)}): {' '.join(chosen)}",
        f"total cost: {money(result.total_cost)} of {money(result.budget)}",
    ]
    if result.message:
        lines.append(result.message)
    return "\n".join(lines) + "\n"


def run(argv: list[str], stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(prog="pb_tally", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        recount(args.file, args.rule, args.json, stdout, stderr)
    except (PbFormatError, TallyError, OSError) as error:
        stderr.write(f"{args.file}: {error}\n")
        return 2
    return 0


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.active = stream.isatty()

    def step(self, label: str):
        if not self.active:
            return None

        def show(done: int, total: int) -> None:
            filled = self.width * done // max(total, 1)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r{label:<22} [{bar}] {100 * done // max(total, 1):3d}%")
            self.stream.flush()

        return show

    def done(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * (self.width + 32) + "\r")
            self.stream.flush()
