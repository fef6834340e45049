"""Vote counting for the civic budget: pabulib I/O, Polish greedy rule, Method of Equal Shares.

Pure Python (numpy), no Django: the budget app and `manage.py pb_tally` both call `tally()`.
"""

from budget.tally.errors import PbFormatError, TallyError
from budget.tally.model import Election, Project, Voter, VoteType
from budget.tally.pb_read import parse_pb, read_pb
from budget.tally.pb_write import format_pb, write_pb
from budget.tally.result import ProjectOutcome, TallyResult
from budget.tally.rules import RULES, tally
from budget.tally.ties import cheaper_first_then_draw

__all__ = [
    "RULES",
    "Election",
    "PbFormatError",
    "Project",
    "ProjectOutcome",
    "TallyError",
    "TallyResult",
    "VoteType",
    "Voter",
    "cheaper_first_then_draw",
    "format_pb",
    "parse_pb",
    "read_pb",
    "tally",
    "write_pb",
]
