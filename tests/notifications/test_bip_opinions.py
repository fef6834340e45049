# ruff: noqa: F811 - the bodies' fixtures are imported, then taken as arguments
"""The bodies' part of a programme's BIP bundle: their opinions on the programme and its
chapters (and the record that none came by the deadline), and the minutes of the body
meetings that voted them; the programme's text tells how the opinions went."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from notifications.bip.models import Document, Version
from tests.bodies.conftest import ask, commission, programme, rdpp  # noqa: F401 - fixtures
from tests.bodies.test_body_meetings import (  # noqa: F401 - fixtures
    adopt_in_meeting,
    body_meeting,
    in_session,
    url,
)
from tests.bodies.test_opinions import adoption
from tests.consultations.factories import force_state
from workflows.deadlines import fire_due

pytestmark = pytest.mark.django_db


def base(programme) -> str:
    return f"/bip/programy/{programme.pk}/"


def adopt(api_as, opinion, body):
    votes = {"chair": "for"}
    response = api_as(body.people["chair"]).post(
        f"/api/v1/workflows/opinion/{opinion.pk}/transitions/adopt/",
        adoption(body, ["chair"], votes, text="Rada pozytywnie opiniuje projekt programu."),
        format="json",
    )
    assert response.status_code == 200, response.json()


@pytest.fixture
def public(programme):
    return force_state(programme, "comments_open")


def test_an_adopted_opinion_on_the_programme_joins_its_bundle(
    api,
    api_as,
    work,
    rdpp,
    ask,
    public,
):
    opinion = ask(rdpp, public)
    adopt(api_as, opinion, rdpp)
    work()
    url = f"{base(public)}opinia-{opinion.pk}/"
    data = json.loads(api.get(url + "v1.json").content)
    assert data["body"] == rdpp.name
    assert (data["stance"], data["procedure"]) == ("pozytywna", "na posiedzeniu")
    assert data["text"] == "Rada pozytywnie opiniuje projekt programu."
    assert data["roll_call"] == [{"member": str(rdpp.people["chair"]), "vote": "za"}]
    assert api.get(url + "v1.pdf").content.startswith(b"%PDF")
    version = Version.objects.get(document__code=f"opinia-{opinion.pk}")
    assert version.prepared_by == rdpp.name
    index = api.get(base(public)).content.decode()
    assert f"Opinia: {rdpp.name}" in index


def test_a_pending_opinion_is_not_in_the_bundle(work, rdpp, ask, public):
    from notifications.bip.tasks import regenerate

    ask(rdpp, public)
    regenerate.enqueue("programme", public.pk, "system")
    work()
    assert not Document.objects.filter(code__startswith="opinia-").exists()


def test_no_opinion_by_the_deadline_is_published_as_such(api, work, rdpp, ask, public):
    opinion = ask(rdpp, public)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        fire_due()
        work()
    document = Document.objects.get(code=f"opinia-{opinion.pk}")
    assert document.title.startswith("Brak opinii w terminie")
    data = json.loads(api.get(f"{base(public)}opinia-{opinion.pk}/aktualna.json").content)
    assert data["state"] == "brak opinii w terminie" and data["text"] == ""


def test_a_body_meeting_s_minutes_join_the_bundle_of_the_programme_it_gave_an_opinion_on(
    api,
    api_as,
    work,
    in_session,
    commission,
    ask,
):
    from tests.consultations.factories import ProgrammeFactory, published_chapter

    programme = ProgrammeFactory()
    chapter = published_chapter(programme)
    force_state(programme, "comments_open")
    opinion = ask(commission, chapter)
    adopt_in_meeting(api_as, in_session, commission, opinion)
    chair = api_as(commission.people["chair"])
    assert chair.post(url(in_session, "close/")).status_code == 200
    assert chair.post(url(in_session, "minutes/publish/")).status_code == 200
    work()
    minutes = f"{base(programme)}protokol-spotkania-{in_session.pk}/"
    data = json.loads(api.get(minutes + "aktualna.json").content)
    assert data["body"] == commission.name and "sector_team" not in data
    assert "Głosowanie imienne" in data["minutes"]
    assert api.get(minutes + "v1.pdf").content.startswith(b"%PDF")
    # The opinion on the chapter is in the same bundle.
    opinion_data = json.loads(api.get(f"{base(programme)}opinia-{opinion.pk}/v1.json").content)
    assert opinion_data["procedure"] == "na posiedzeniu"
    assert len(opinion_data["roll_call"]) == 3


def test_the_programme_text_states_the_rdpp_opinion(client, api_as, rdpp, ask, public):
    adopt(api_as, ask(rdpp, public), rdpp)
    page = client.get(f"/konsultacje/{public.pk}/program/").content.decode()
    assert f"Opinia: {rdpp.name} — pozytywna, podjęta {timezone.localdate():%d.%m.%Y}" in page
    assert "Opinię rady działalności pożytku publicznego wydano" not in page


def test_the_programme_text_states_that_no_opinion_came(client, rdpp, ask, public):
    opinion = ask(rdpp, public)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        fire_due()
    page = client.get(f"/konsultacje/{public.pk}/program/").content.decode()
    assert f"brak opinii w wyznaczonym terminie (do {opinion.due_on:%d.%m.%Y})" in page


def test_an_older_programme_s_attached_opinion_date_is_still_read(client, public):
    public.council_opinion_on = date(2025, 10, 3)
    public.save(update_fields=["council_opinion_on"])
    page = client.get(f"/konsultacje/{public.pk}/program/").content.decode()
    assert "Opinię rady działalności pożytku publicznego wydano 03.10.2025" in page
