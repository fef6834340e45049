import pytest
from django.core.management import call_command

from budget.export import anonymised_ballots
from budget.models import Proposal
from budget.results.elections import digest
from budget.results.models import PoolResult, ProjectResult, TallyRun
from budget.results.services import count_edition
from workflows.errors import Conflict, NotPermitted
from workflows.models import AuditEntry as AuditEntry

from .conftest import cast

pytestmark = pytest.mark.django_db


def states(projects):
    return [Proposal.objects.get(pk=p.pk).state for p in projects]


def test_approval_greedy_end_to_end(closed, staff):
    edition, city, district, cp, dp = closed(vote_rule="approval", tally_rule="greedy")
    cast(edition, city, cp[0], cp[1])
    cast(edition, city, cp[0], cp[2])
    cast(edition, city, cp[0], cp[3], cp[2])
    cast(edition, district, dp[1])
    run = count_edition(edition, by=staff)
    # Votes: 600k:3, 300k:2, 400k:1, 200k:1 → 600k, 300k fit (100k left), rest do not.
    assert states(cp) == ["selected", "not_selected", "selected", "not_selected"]
    assert states(dp) == ["not_selected", "selected"]
    city_result = PoolResult.objects.get(run=run, pool=city)
    assert (city_result.spent, city_result.voters, city_result.voters_with_winner) == (
        900000,
        3,
        3,
    )
    assert run.input_digest == digest(anonymised_ballots(edition))
    assert run.by == staff and run.finished_at is not None
    loser = ProjectResult.objects.get(run=run, proposal=cp[1])
    assert (
        loser.reason
        == "Nie zmieścił się: w puli zostało 100 000 zł, a projekt kosztuje 400 000 zł."
    )
    assert (loser.votes, loser.score) == (1, 1)
    audit = AuditEntry.objects.filter(
        action="not_select", kind="proposal", object_id=cp[1].pk
    ).get()
    assert audit.reason == loser.reason and audit.to_state == "not_selected"
    assert AuditEntry.objects.filter(action="select").count() == 3


def test_ordinal_counts_positional_points(closed, staff):
    edition, city, _district, cp, _dp = closed(
        vote_rule="ordinal", ordinal_points=[3, 2, 1], tally_rule="greedy"
    )
    cast(edition, city, cp[3], cp[2])  # 200k: 3, 300k: 2
    cast(edition, city, cp[2], cp[3])  # 300k: 3, 200k: 2
    cast(edition, city, cp[0], cp[3])  # 600k: 3, 200k: 2
    count_edition(edition, by=staff)
    scores = dict(ProjectResult.objects.values_list("proposal_id", "score"))
    assert [scores[p.pk] for p in cp] == [3, 0, 5, 7]
    # 200k (7) and 300k (5) fit, 600k (3) does not; the unvoted 400k still fits (as in pabulib).
    assert states(cp) == ["not_selected", "selected", "selected", "selected"]


def test_ordinal_with_another_scale_counts_its_points(closed, staff):
    edition, city, _district, cp, _dp = closed(
        vote_rule="ordinal", ordinal_points=[5, 3, 1], tally_rule="greedy"
    )
    cast(edition, city, cp[0], cp[3])
    cast(edition, city, cp[3], cp[0])
    count_edition(edition, by=staff)
    scores = dict(ProjectResult.objects.values_list("proposal_id", "score"))
    assert (scores[cp[0].pk], scores[cp[3].pk]) == (8, 8)


def test_cumulative_mes(closed, staff):
    edition, city, _district, cp, _dp = closed(vote_rule="cumulative", tally_rule="mes")
    for _ in range(3):
        cast(edition, city, (cp[0], 8), (cp[3], 2))
    cast(edition, city, (cp[1], 10))
    run = count_edition(edition, by=staff)
    bought = ProjectResult.objects.get(run=run, proposal=cp[0])
    assert bought.selected and bought.details["round"] >= 1
    assert bought.reason.startswith("Kupiony w rundzie")
    assert "price_per_point" in bought.details
    assert not ProjectResult.objects.get(run=run, proposal=cp[2]).selected  # no points


def test_approval_mes_explains_price(closed, staff):
    edition, city, _district, cp, _dp = closed(vote_rule="approval", tally_rule="mes")
    for _ in range(4):
        cast(edition, city, cp[0])
    cast(edition, city, cp[1])
    count_edition(edition, by=staff)
    won = ProjectResult.objects.get(proposal=cp[0])
    assert won.selected and "każdy popierający zapłacił najwyżej" in won.reason
    lost = ProjectResult.objects.get(proposal=cp[1])
    assert not lost.selected and lost.reason.startswith("Runda")


def test_tie_cheaper_first_then_seeded_draw(closed, staff):
    edition, city, _district, cp, _dp = closed(vote_rule="approval", tie_break="cheaper_first")
    Proposal.objects.filter(pk__in=[cp[0].pk, cp[1].pk]).update(estimated_cost=700000)
    cast(edition, city, cp[0], cp[1])  # a tie: same votes, same cost → the draw decides
    run = count_edition(edition, by=staff, seed=7)
    assert run.seed == 7
    winner = ProjectResult.objects.get(run=run, proposal__in=cp[:2], selected=True).proposal_id
    from budget.results.elections import pool_election, tie_order

    data = anonymised_ballots(edition)
    pool = next(p for p in data["pools"] if p["id"] == city.pk)
    order = tie_order(pool_election(data, city.pk), "cheaper_first", 7, pool)
    tied = [pid for pid in order if pid in (str(cp[0].pk), str(cp[1].pk))]
    assert str(winner) == tied[0]


def test_tie_earlier_submitted(closed, staff):
    from datetime import timedelta

    from django.utils import timezone

    edition, city, _district, cp, _dp = closed(vote_rule="approval", tie_break="earlier_submitted")
    now = timezone.now()
    Proposal.objects.filter(pk=cp[0].pk).update(submitted_at=now, estimated_cost=700000)
    Proposal.objects.filter(pk=cp[1].pk).update(
        submitted_at=now - timedelta(days=1), estimated_cost=700000
    )
    cast(edition, city, cp[0], cp[1])
    run = count_edition(edition, by=staff)
    assert run.seed is None
    assert (
        ProjectResult.objects.get(run=run, proposal__in=cp[:2], selected=True).proposal_id
        == cp[1].pk
    )


def test_box_not_frozen_is_409(closed, staff):
    edition, *_ = closed(state="voting")
    with pytest.raises(Conflict):
        count_edition(edition, by=staff)
    assert not TallyRun.objects.exists()


def test_second_count_refused(closed, staff):
    edition, city, _district, cp, _dp = closed()
    cast(edition, city, cp[0])
    count_edition(edition, by=staff)
    with pytest.raises(Conflict):
        count_edition(edition, by=staff)
    assert TallyRun.objects.count() == 1


def test_only_staff_counts(closed, resident):
    edition, *_ = closed()
    with pytest.raises(NotPermitted):
        count_edition(edition, by=resident)


def test_no_ballots_no_winners_with_message(closed, staff):
    edition, city, district, cp, dp = closed()
    cast(edition, city, cp[3])
    run = count_edition(edition, by=staff)
    empty = PoolResult.objects.get(run=run, pool=district)
    assert empty.voters == 0 and empty.spent == 0
    assert "nie oddano ważnych głosów" in empty.message
    assert states(dp) == ["not_selected", "not_selected"]
    assert (
        "nie oddano"
        in AuditEntry.objects.filter(object_id=dp[0].pk, kind="proposal", action="not_select")
        .get()
        .reason
    )


def test_invalidated_ballots_do_not_count(closed, staff):
    from django.utils import timezone

    edition, city, _district, cp, _dp = closed()
    cast(edition, city, cp[1])
    ballot = cast(edition, city, cp[0])
    ballot.invalidated_at = timezone.now()
    ballot.save()
    count_edition(edition, by=staff)
    assert states(cp)[:2] == ["not_selected", "selected"]


def test_tally_edition_command(closed, capsys):
    edition, city, _district, cp, _dp = closed()
    cast(edition, city, cp[2])
    call_command("tally_edition", str(edition.pk), "--seed", "3")
    run = TallyRun.objects.get()
    assert run.by is None and run.seed == 3
    assert run.input_digest in capsys.readouterr().out
    assert states(cp)[2] == "selected"


def test_tally_edition_command_refuses_open_box(closed):
    from django.core.management.base import CommandError

    edition, *_ = closed(state="voting")
    with pytest.raises(CommandError, match="zamknięciu"):
        call_command("tally_edition", str(edition.pk))
