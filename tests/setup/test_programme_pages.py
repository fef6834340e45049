"""The programme set-up pages: sections with planned funds, teams, chapters, the checklist."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bodies import services as body_services
from bodies.models import BodyKind
from consultations.models import Programme, SectorTeam
from tests.bodies.factories import BodyFactory
from tests.consultations.factories import ProgrammeFactory, SectorTeamFactory, published_chapter

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_fill_the_sections_with_planned_funds_in_zloty(staff_client):
    programme = ProgrammeFactory(planned_funds=None, principles="")
    url = f"/konsultacje/{programme.pk}/tresc/"
    page = staff_client.get(url).content.decode()
    assert "8. Wysokość środków" in page
    data = {
        "title": programme.title,
        "legal_basis": programme.legal_basis,
        "main_goal": "Partnerstwo.",
        "specific_goals": "Pierwszy cel\nDrugi cel\n",
        "principles": "Pomocniczość.",
        "forms_of_cooperation": ["small_grant"],
        "task_areas": ["1"],
        "planned_funds": "12 500 000,50",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    programme.refresh_from_db()
    assert str(programme.planned_funds) == "12500000.50"
    assert programme.specific_goals == ["Pierwszy cel", "Drugi cel"]


def test_bad_planned_funds_come_back_at_the_field_with_the_form_filled(staff_client):
    programme = ProgrammeFactory()
    data = {"title": "Nowy tytuł", "legal_basis": "art. 5a", "planned_funds": "dużo"}
    response = staff_client.post(f"/konsultacje/{programme.pk}/tresc/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_planned_funds_error"' in page and 'value="Nowy tytuł"' in page
    programme.refresh_from_db()
    assert programme.title != "Nowy tytuł"


def test_a_team_and_its_chapter_are_created_on_pages(staff_client, make_user):
    member, moderator = make_user(), make_user()
    response = staff_client.post(
        "/konsultacje/zespoly/",
        {"name": "Zespół ds. kultury", "moderator": moderator.pk, "members": [member.pk]},
    )
    assert response.status_code == 302
    team = SectorTeam.objects.get(name="Zespół ds. kultury")
    assert team.is_member(member) and team.is_moderator(moderator)
    programme = ProgrammeFactory()
    url = f"/konsultacje/{programme.pk}/rozdzialy/"
    assert staff_client.post(url, {"sector_team": team.pk}).status_code == 302
    assert programme.chapters.get().title == "Zespół ds. kultury"
    again = staff_client.post(url, {"sector_team": team.pk})
    assert again.status_code == 400 and "ma już rozdział" in again.content.decode()


def test_the_checklist_names_what_is_missing_and_submission_is_refused(staff_client, api_as, staff):
    programme = ProgrammeFactory(scope="", planned_funds=None)
    SectorTeamFactory()
    Programme.objects.filter(pk=programme.pk).update(state="report_published")
    page = staff_client.get(f"/konsultacje/{programme.pk}/lista-kontrolna/").content.decode()
    assert "Brakuje 3 elementów." in page
    response = api_as(staff).post(
        f"/api/v1/workflows/programme/{programme.pk}/transitions/submit_to_council/",
        {},
        format="json",
    )
    assert response.status_code == 409
    reasons = " ".join(response.json()["error"]["details"]["reasons"])
    assert "pkt 3: zakres przedmiotowy" in reasons
    assert "pkt 8: wysokość planowanych środków" in reasons
    assert "nie ma jeszcze rozdziałów" in reasons


def test_a_complete_programme_shows_a_complete_checklist(staff_client):
    chapter = published_chapter()
    page = staff_client.get(f"/konsultacje/{chapter.programme_id}/lista-kontrolna/")
    assert "Program jest kompletny" in page.content.decode()


def submit(api_as, staff, programme):
    url = f"/api/v1/workflows/programme/{programme.pk}/transitions/submit_to_council/"
    return api_as(staff).post(url, {}, format="json")


def test_with_an_rdpp_the_checklist_waits_for_its_opinion_as_the_submission_does(
    staff_client, api_as, staff
):
    programme = published_chapter().programme
    Programme.objects.filter(pk=programme.pk).update(state="report_published")
    rdpp = BodyFactory(kind=BodyKind.RDPP, name="Rada Pożytku")
    url = f"/konsultacje/{programme.pk}/lista-kontrolna/"
    page = staff_client.get(url).content.decode()
    assert "Brakuje 1 elementu." in page and "Poproś Rada Pożytku o opinię" in page
    assert f"/konsultacje/{programme.pk}/opinia-rdpp/" in page
    assert submit(api_as, staff, programme).status_code == 409
    due = timezone.localdate() + timedelta(days=14)
    body_services.request_opinion(
        by=staff, body=rdpp, target=programme, subject="Projekt programu", due_on=due
    )
    page = staff_client.get(url).content.decode()
    assert "Brakuje 1 elementu." in page and "ma czas na opinię do" in page
    # Once the deadline has passed the two agree without waiting for the scheduler.
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        staff_client.force_login(staff)  # the session has expired meanwhile
        assert "Program jest kompletny" in staff_client.get(url).content.decode()
        assert submit(api_as, staff, programme).status_code == 200


def test_staff_attach_the_rdpp_opinion_file_on_a_page(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    url = f"/konsultacje/{programme.pk}/opinia-rdpp/"
    assert 'type="date"' in staff_client.get(url).content.decode()
    opinion = SimpleUploadedFile("opinia.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = staff_client.post(url, {"file": opinion, "given_on": "2026-10-05"})
    assert response.status_code == 302, response.content.decode()
    programme.refresh_from_db()
    assert programme.council_opinion_on == date(2026, 10, 5)
    assert "Dołączona opinia z dnia 05.10.2026" in staff_client.get(url).content.decode()


def test_a_missing_opinion_file_is_named_at_the_field_with_the_date_kept(staff_client):
    programme = ProgrammeFactory()
    response = staff_client.post(
        f"/konsultacje/{programme.pk}/opinia-rdpp/", {"given_on": "2026-10-05"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_file_error"' in page and 'value="2026-10-05"' in page


def test_the_coordinating_team_attaches_the_opinion_and_a_resident_may_not(
    client, coordinator, resident, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    url = f"/konsultacje/{programme.pk}/opinia-rdpp/"
    client.force_login(resident)
    assert client.get(url).status_code in (403, 404)
    client.force_login(coordinator)
    opinion = SimpleUploadedFile("opinia.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(url, {"file": opinion, "given_on": "2026-10-05"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.council_opinion.name.endswith(".pdf")


def test_the_timeline_shows_saved_dates_as_iso_values(staff_client, staff):
    from consultations.services.programmes import save_schedule

    programme = ProgrammeFactory(year_from=2028, year_to=2028)
    save_schedule(by=staff, programme=programme, planned={"publication": "2027-09-01"})
    page = staff_client.get(f"/konsultacje/{programme.pk}/harmonogram/").content.decode()
    assert 'value="2027-09-01"' in page


@pytest.mark.parametrize("path", ["tresc/", "rozdzialy/", "lista-kontrolna/"])
def test_residents_are_refused_the_programme_set_up(client, resident, path):
    programme = ProgrammeFactory()
    client.force_login(resident)
    assert client.get(f"/konsultacje/{programme.pk}/{path}").status_code in (403, 404)


def test_an_annual_programme_implements_only_a_multi_year_one_covering_its_year(staff_client):
    annual = ProgrammeFactory(year_from=2028, year_to=2028)
    past = ProgrammeFactory(kind="multi_year", year_from=2019, year_to=2022)
    covering = ProgrammeFactory(kind="multi_year", year_from=2026, year_to=2030)
    url = f"/konsultacje/{annual.pk}/tresc/"
    data = {"title": annual.title, "legal_basis": annual.legal_basis, "implements": past.pk}
    refused = staff_client.post(url, data)
    assert refused.status_code == 400
    assert "nie mieści się w okresie 2019–2022" in refused.content.decode()
    assert staff_client.post(url, {**data, "implements": covering.pk}).status_code == 302
    annual.refresh_from_db()
    assert annual.implements == covering


def test_the_coordinating_team_is_set_on_a_page(staff_client, make_user):
    programme = ProgrammeFactory()
    first, second = make_user(), make_user()
    response = staff_client.post(
        f"/konsultacje/{programme.pk}/zespol-koordynujacy/",
        {"name": "Zespół koordynujący 2028", "members": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    team = Programme.objects.get(pk=programme.pk).coordinating_team
    assert team.name == "Zespół koordynujący 2028"
    assert set(team.members.all()) == {first, second}
