"""An edition's anonymised ballot box as one tally Election per pool, and its tie-break order."""

import hashlib
import json
import random

from budget.export import election_for_pool, pool_rule
from budget.models import TieBreak, VoteRule
from budget.tally import Election, VoteType, cheaper_first_then_draw


def digest(data: dict) -> str:
    """SHA-256 of the anonymised ballots as canonical JSON: anyone with the export can check it."""

    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def pool_election(data: dict, pool_id: int) -> Election:
    """The pool's Election with its vote rule (the pool kind's, else the edition's).

    Ordinal ballots carry the points of their positions; when the edition's scale is the
    positional one (n, n-1, ..., 1) the election is ordinal with max_length n (what pabulib
    and pabutools count); any other scale (e.g. 5-3-1) is counted as the points it gives,
    i.e. cumulative, which is what "ordinal with the edition's points" means for both rules.
    """

    election = election_for_pool(data, pool_id)
    edition = data["edition"]
    rule = pool_rule(data, next(p for p in data["pools"] if p["id"] == pool_id))
    if rule["vote_rule"] == VoteRule.ORDINAL:
        scale = list(rule["ordinal_points"])
        if scale == list(range(len(scale), 0, -1)):
            election.meta["max_length"] = str(len(scale))
            # The order alone is the ballot: pabulib's ordinal VOTES have no points column.
            election.voters = [v.replace(points=None) for v in election.voters]
        else:
            election.vote_type = VoteType.CUMULATIVE
            election.meta["vote_type"] = VoteType.CUMULATIVE.value
            election.meta["max_sum_points"] = str(sum(scale))
    elif rule["vote_rule"] == VoteRule.CUMULATIVE:
        election.meta["max_sum_points"] = str(rule["max_points"])
    if edition["score_threshold"] is not None:
        # greedy-threshold reads it from here, and the .pb export writes it: pabulib's key.
        election.meta["min_project_score_threshold"] = str(edition["score_threshold"])
    return election


def tie_order(election: Election, tie_break: str, seed: int | None, pool: dict) -> list[str]:
    """Every project id of the pool, most favoured in a tie first."""

    if tie_break == TieBreak.CHEAPER_FIRST:
        return cheaper_first_then_draw(election, seed)
    if tie_break == TieBreak.EARLIER_SUBMITTED:
        submitted = {str(p["id"]): p["submitted_at"] or "" for p in pool["projects"]}
        # ISO timestamps sort as text; a project never submitted (imported) goes last.
        return sorted(election.projects, key=lambda pid: (submitted[pid] or "~", int(pid)))
    ids = sorted(election.projects)
    random.Random(seed).shuffle(ids)
    return ids


def needs_seed(tie_break: str) -> bool:
    return tie_break in (TieBreak.CHEAPER_FIRST, TieBreak.DRAW)
