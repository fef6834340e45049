"""After the protest period the box forgets who voted, and verify_audit still verifies it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from budget import identity
from budget.models import Ballot, Edition, VotingCode
from workflows.models import AuditEntry, Deadline

from .pesel import adult
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db


def take(client, edition, transition):
    url = f"/api/v1/workflows/edition/{edition.pk}/transitions/{transition}/"
    return client.post(url, {}, format="json")


@pytest.fixture
def published(api, api_as, staff, voting):
    """Two ballots (a PESEL and a code issued to a resident), the box closed, counted and
    the results published."""

    edition, city, _, cp, _ = voting
    codes_url = f"/api/v1/budget/editions/{edition.pk}/codes/"
    response = api_as(staff).post(codes_url, {"pesels": [adult(2)], "label": "x"}, format="json")
    code = response.content.decode().splitlines()[1].split(",")[2]
    assert cast(api, edition, picks(city, cp[0]), identification=who(adult(1))).status_code == 201
    by_code = {"method": "code", "code": code}
    assert cast(api, edition, picks(city, cp[1]), identification=by_code).status_code == 201
    assert take(api_as(staff), edition, "close_voting").status_code == 200
    counted = api_as(staff).post(f"/api/v1/budget/editions/{edition.pk}/results/count/")
    assert counted.status_code == 201
    assert take(api_as(staff), edition, "publish_results").status_code == 200
    edition.refresh_from_db()
    return edition


def test_links_are_kept_during_the_protest_period(published, api_as, staff, resident):
    edition = published
    response = take(api_as(staff), edition, "erase_voter_links")
    assert response.status_code == 409
    assert "Protesty można składać do" in response.json()["error"]["message"]
    # While protests may come, a PESEL still finds its ballot.
    keys = set(Ballot.objects.values_list("voter_key", flat=True))
    assert identity.person_key(edition, adult(1)) in keys
    assert identity.person_key(edition, adult(2)) in keys
    with time_machine.travel(timezone.now() + timedelta(days=edition.protest_days + 1)):
        assert take(api_as(resident), edition, "erase_voter_links").status_code == 403


def test_the_deadline_erases_the_links_and_the_box_still_verifies(published, api_as, staff):
    edition = published
    deadline = Deadline.objects.get(object_id=str(edition.pk), transition="erase_voter_links")
    assert deadline.due_at > timezone.now() + timedelta(days=edition.protest_days - 1)
    keys_before = sorted(Ballot.objects.values_list("voter_key", flat=True))
    call_command("run_deadlines")
    assert Edition.objects.get(pk=edition.pk).voter_salt  # not yet due
    with time_machine.travel(deadline.due_at + timedelta(minutes=1)):
        call_command("run_deadlines")
    edition.refresh_from_db()
    assert edition.voter_salt == "" and edition.state == "results_published"
    assert not VotingCode.objects.filter(edition=edition).exists()
    entry = AuditEntry.objects.get(action="erase_voter_links")
    assert entry.payload["effect"]["voter_salt_erased"] is True
    # The ballots are untouched, so seals and the closed box's digest still verify...
    assert sorted(Ballot.objects.values_list("voter_key", flat=True)) == keys_before
    call_command("verify_audit")
    # ...but no PESEL maps to a ballot any more, whatever key the attacker holds.
    keys = set(keys_before)
    assert identity.person_key(edition, adult(1)) not in keys
    assert identity.person_key(edition, adult(2)) not in keys
    again = take(api_as(staff), edition, "erase_voter_links")
    assert again.status_code == 409 and "już usunięte" in again.json()["error"]["message"]


def test_verify_audit_still_catches_an_edited_ballot_after_erasure(published, api_as, staff):
    edition = published
    with time_machine.travel(timezone.now() + timedelta(days=edition.protest_days + 1)):
        assert take(api_as(staff), edition, "erase_voter_links").status_code == 200
    Ballot.objects.filter(pk=Ballot.objects.first().pk).update(age_band="65+")
    with pytest.raises(CommandError, match="FAILED"):
        call_command("verify_audit")


def test_after_rotating_the_key_the_old_boxes_verify_with_it_as_a_fallback(published, settings):
    old = settings.PESEL_HASH_KEY
    settings.PESEL_HASH_KEY = "rotated-" + "k7Q2x9Lm" * 6
    with pytest.raises(CommandError, match="FAILED"):
        call_command("verify_audit")
    settings.PESEL_HASH_KEY_FALLBACKS = [old]
    call_command("verify_audit")
