"""The closed ballot box: its digest is chained when voting closes and verify_audit rechecks it."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from budget.models import Ballot, BallotChoice
from budget.seal import seal_of
from workflows.audit import verify
from workflows.deadlines import set_deadline
from workflows.models import AuditEntry

from .pesel import adult

pytestmark = pytest.mark.django_db


def cast(api, edition, pool, proposal, serial):
    identification = {
        "method": "pesel",
        "pesel": adult(serial),
        "first_name": "Jan",
        "last_name": "Kowalski",
        "residence_declared": True,
    }
    selections = [{"pool": pool.pk, "choices": [{"proposal": proposal.pk}]}]
    response = api.post(
        f"/api/v1/budget/editions/{edition.pk}/ballots/",
        {"identification": identification, "pools": selections},
        format="json",
    )
    assert response.status_code == 201


def close(api_as, staff, edition):
    url = f"/api/v1/workflows/edition/{edition.pk}/transitions/close_voting/"
    assert api_as(staff).post(url, {}, format="json").status_code == 200


@pytest.fixture
def closed(api, api_as, staff, voting):
    """An edition whose box was closed with three ballots in it."""

    edition, city, _, cp, _ = voting
    for serial in (1001, 1002, 1003):
        cast(api, edition, city, cp[0], serial)
    close(api_as, staff, edition)
    return edition


def box_problems():
    return [p for p in verify() if "ballot box" in p.message]


def test_closing_the_vote_chains_the_number_of_ballots_and_their_digest(closed):
    entry = AuditEntry.objects.get(action="close_voting")
    sealed = entry.payload["effect"]["ballot_box"]
    assert sealed["ballots"] == 3 and len(sealed["digest"]) == 64


def test_an_untouched_closed_box_verifies_clean(closed, capsys):
    call_command("verify_audit")
    assert "chain intact" in capsys.readouterr().out


def test_a_ballot_deleted_by_sql_after_closing_is_reported(closed):
    ballot = Ballot.objects.filter(edition=closed).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {BallotChoice._meta.db_table} WHERE ballot_id = %s", [ballot.pk]
        )
        cursor.execute(f"DELETE FROM {Ballot._meta.db_table} WHERE id = %s", [ballot.pk])
    [problem] = box_problems()
    assert f"edition {closed.pk}" in problem.message
    assert "3 ballots when it closed, 2 now" in problem.message
    with pytest.raises(CommandError, match="FAILED"):
        call_command("verify_audit")


def test_a_ballot_deleted_through_the_orm_after_closing_is_reported(closed):
    Ballot.objects.filter(pk=Ballot.objects.filter(edition=closed).latest("pk").pk).delete()
    assert len(box_problems()) == 1


def test_a_correctly_sealed_ballot_added_after_closing_is_reported(closed):
    ballot = Ballot(
        edition=closed,
        voter_key="f" * 64,
        method="pesel",
        age_band="35-49",
        receipt="dorzucony0000000",
        cast_at=timezone.now(),
    )
    ballot.seal = seal_of(ballot, [])
    ballot.save()
    problems = verify()
    assert [p.message for p in problems if "seal" in p.message] == []  # its own seal holds
    assert "3 ballots when it closed, 4 now" in box_problems()[0].message


def test_a_ballot_whose_seal_was_replaced_after_closing_is_reported(closed):
    Ballot.objects.filter(edition=closed).update(seal="0" * 64)
    assert len(box_problems()) == 1


def test_an_edition_still_voting_is_not_checked_by_the_digest(api, voting):
    edition, city, _, cp, _ = voting
    cast(api, edition, city, cp[0], 2001)
    Ballot.objects.filter(edition=edition).delete()
    assert verify() == []


def test_the_scheduler_closing_the_vote_chains_the_digest_too(api, voting):
    edition, city, _, cp, _ = voting
    cast(api, edition, city, cp[0], 3001)
    set_deadline(edition, "close_voting", timezone.now() - timedelta(minutes=1))
    call_command("run_deadlines")
    entry = AuditEntry.objects.get(action="close_voting")
    assert entry.payload["effect"]["ballot_box"]["ballots"] == 1
    Ballot.objects.filter(edition=edition).delete()
    assert len(box_problems()) == 1
