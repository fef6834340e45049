"""The 31 May report (art. 5a ust. 3): figures from the data, commentary, the engine's
states and deadline, the PDF and the open data."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from consultations.models import Comment, TaskArea
from grants.initiative import InitiativeResolution, LocalInitiative
from grants.models import Competition, CooperationReport, Offer
from grants.small import SmallGrant
from tests.consultations.factories import ProgrammeFactory, TaskAreaFactory
from tests.grants.conftest import transition
from tests.grants.factories import CompetitionFactory, OfferFactory, OrganisationFactory
from workflows.deadlines import fire_due
from workflows.models import Deadline

pytestmark = pytest.mark.django_db
URL = "/sprawozdania-z-programu/"


def competition(area, state="results_published", year=2027, form="supporting"):
    made = CompetitionFactory(
        task_area=area,
        form=form,
        carried_out_from=date(year, 3, 1),
        carried_out_to=date(year, 11, 30),
    )
    Competition.objects.filter(pk=made.pk).update(state=state)
    return made


def offer(competition, organisation, state, granted=None):
    made = OfferFactory(competition=competition, organisation=organisation)
    fields = {"state": state, "granted": Decimal(granted) if granted else None}
    if state != "draft":
        fields["submitted_at"] = timezone.now()
    Offer.objects.filter(pk=made.pk).update(**fields)
    return made


def small(organisation, area, state, amount):
    return SmallGrant.objects.create(
        organisation=organisation,
        task_area=area,
        created_by=organisation.representatives.first() or OfferFactory().created_by,
        title=f"Mała dotacja {amount}",
        description="Opis.",
        amount=Decimal(amount),
        carried_out_from=date(2027, 5, 1),
        carried_out_to=date(2027, 6, 30),
    ), state


def initiatives(applicant, area, states, **contribution):
    """Local initiatives of 2027 in the given (state, city's contribution) pairs, with the
    residents' `contribution` (work, in kind, money; none by default)."""

    resolution = InitiativeResolution.objects.create(
        number="LXX/1/27", adopted_on=date(2027, 1, 1), min_score=Decimal("50")
    )
    residents = {"work_hours": 0, "work_value": 0, "in_kind_value": 0, "money_value": 0}
    for state, city in states:
        made = LocalInitiative.objects.create(
            resolution=resolution,
            task_area=area,
            applicant=applicant,
            group_name="Sąsiedzi",
            title=f"Skwer ({state})",
            description="Opis.",
            place="Osiedle",
            carried_out_from=date(2027, 4, 1),
            carried_out_to=date(2027, 6, 30),
            city_contribution=Decimal(city),
            **{**residents, **contribution},
        )
        LocalInitiative.objects.filter(pk=made.pk).update(state=state)


@pytest.fixture
def year_2027(make_user):
    """Hand-worked: area 3 has a supporting competition (A granted 20 000, B refused) and an
        entrusting one (A granted 10 000); area 7 one supporting competition (B granted
        5 000,50, and a draft offer, not counted). Not counted either: a 2026 competition, a
        cancelled one, a small grant still waiting to be published. Small grants 2027: A granted
        6 000, B refused. Local initiatives 2027: one completed (the city 12 000, residents
    3 600 + 500 + 200 and 120 hours), one rejected. One programme comment made in 2027.
    The programme plans 1 000 000 zł."""

    ProgrammeFactory(year_from=2027, year_to=2027, planned_funds=Decimal("1000000"))
    social, ecology = TaskAreaFactory(number=3), TaskAreaFactory(number=7)
    a, b = OrganisationFactory(name="Fundacja A"), OrganisationFactory(name="Fundacja B")
    first = competition(social)
    offer(first, a, "granted", "20000")
    offer(first, b, "not_granted")
    offer(competition(social, form="entrusting"), a, "granted", "10000")
    third = competition(ecology, state="scored")
    offer(third, b, "granted", "5000.50")
    offer(third, a, "draft")
    offer(competition(ecology, year=2026), a, "granted", "9999")
    offer(competition(ecology, state="cancelled"), b, "granted", "7777")
    author = make_user(username="rep")
    a.representatives.add(author)
    b.representatives.add(author)
    for organisation, state, amount in [(a, "granted", "6000"), (b, "refused", "3000")]:
        grant, _state = small(organisation, ecology, state, amount)
        SmallGrant.objects.filter(pk=grant.pk).update(state=state)
    small(a, ecology, "submitted", "8000")
    initiatives(
        author,
        ecology,
        [("completed", "12000"), ("rejected", "9000")],
        work_hours=120,
        work_value=Decimal("3600"),
        in_kind_value=Decimal("500"),
        money_value=Decimal("200"),
    )
    with time_machine.travel("2027-04-02T10:00:00+02:00"):
        Comment.objects.create(
            programme=ProgrammeFactory(),
            target="programme",
            kind="general",
            justification="Więcej środków na ekologię.",
            author=author,
            organisation=a,
        )


def generate(client, staff, year=2027):
    client.force_login(staff)
    response = client.post(URL, {"year": year})
    assert response.status_code == 302, response.content.decode()[:2000]
    return CooperationReport.objects.get(year=year)


def test_figures_match_the_hand_worked_year(client, staff, year_2027):
    report = generate(client, staff)
    data = json.loads(client.get(f"{URL}2027.json").content)
    figures = data["figures"]
    assert figures["competitions"]["areas"] == [
        {
            "number": 3,
            "name": TaskArea.objects.get(number=3).name,
            "competitions": 2,
            "offers": 3,
            "granted_offers": 2,
            "organisations": 1,
            "amount": "30000.00",
            "supporting": "20000.00",
            "entrusting": "10000.00",
        },
        {
            "number": 7,
            "name": TaskArea.objects.get(number=7).name,
            "competitions": 1,
            "offers": 1,
            "granted_offers": 1,
            "organisations": 1,
            "amount": "5000.50",
            "supporting": "5000.50",
            "entrusting": "0.00",
        },
    ]
    assert figures["competitions"]["totals"] == {
        "competitions": 3,
        "offers": 4,
        "granted_offers": 3,
        "organisations": 2,
        "amount": "35000.50",
        "supporting": "25000.50",
        "entrusting": "10000.00",
    }
    assert figures["small_grants"] == {
        "offers": 2,
        "granted_offers": 1,
        "organisations": 1,
        "amount": "6000.00",
    }
    assert figures["local_initiatives"] == {
        "applications": 2,
        "agreements": 1,
        "city_contribution": "12000.00",
        "residents_contribution": "4300.00",
        "work_hours": 120,
    }
    assert figures["cooperation"] == {
        "comments": 1,
        "programmes": 1,
        "organisations": 1,
        "meetings": 0,
    }
    assert (figures["planned_funds"], figures["granted_total"]) == ("1000000.00", "41000.50")
    assert data["id"] == "cooperation-report-2027" and data["statutory_deadline"] == "2028-05-31"
    assert report.programme.year_from == 2027
    page = client.get(f"{URL}2027/").content.decode()
    assert "35\xa0000,50\xa0zł" in page and "41\xa0000,50\xa0zł" in page


def test_the_csv_holds_every_figure(client, staff, year_2027):
    generate(client, staff)
    response = client.get(f"{URL}2027.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["sekcja", "obszar", "nazwa obszaru", "wskaźnik", "wartość"]
    ecology = TaskArea.objects.get(number=7).name
    assert ["competitions", "7", ecology, "amount", "5000.50"] in rows
    assert ["small_grants", "", "", "amount", "6000.00"] in rows
    assert ["summary", "", "", "granted_total", "41000.50"] in rows


def test_the_pdf_is_a_pdf(client, staff, year_2027):
    generate(client, staff)
    response = client.get(f"{URL}2027.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_regenerating_a_draft_keeps_the_commentary(client, staff, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Program zrealizowano."})
    area = TaskAreaFactory(number=9)
    offer(competition(area), OrganisationFactory(), "granted", "1000")
    generate(client, staff)
    report.refresh_from_db()
    assert report.commentary == {"summary": "Program zrealizowano."}
    assert report.figures["competitions"]["totals"]["amount"] == "36000.50"


def test_commentary_is_saved_per_section_and_refused_for_an_unknown_one(client, staff, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/competitions/", {"competitions-text": "Dwa konkursy."})
    response = client.post(f"{URL}2027/komentarz/nieznana/", {"nieznana-text": "X"}, follow=True)
    assert "Nie ma takiej sekcji sprawozdania" in response.content.decode()
    report.refresh_from_db()
    assert report.commentary == {"competitions": "Dwa konkursy."}


def test_residents_may_not_generate_comment_or_see_a_draft(client, resident, staff, year_2027):
    report = generate(client, staff)
    client.force_login(resident)
    assert client.post(URL, {"year": 2027}).status_code == 403
    assert client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "X"}).status_code == 403
    assert client.get(f"{URL}2027/").status_code == 404
    assert client.get(f"{URL}2027.pdf").status_code == 404
    assert "2027" not in client.get(URL).content.decode().split("<h1")[1].split("</main")[0]
    report.refresh_from_db()
    assert report.commentary == {}


def walk_to(api_as, staff, report, *names):
    for name in names:
        body = {"reason": "Poprawki."} if name == "reopen" else {}
        response = transition(api_as(staff), "cooperation_report", report, name, **body)
        assert response.status_code == 200, response.json()
    report.refresh_from_db()
    return report


def test_ready_needs_the_assessment_of_the_programme(client, api_as, staff, year_2027):
    report = generate(client, staff)
    refused = transition(api_as(staff), "cooperation_report", report, "mark_ready")
    assert refused.status_code == 409
    assert "Ocena realizacji programu" in refused.json()["error"]["message"]
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Cele osiągnięto."})
    assert walk_to(api_as, staff, report, "mark_ready").state == "ready"


def test_a_ready_report_is_frozen_until_reopened_with_a_reason(client, api_as, staff, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Cele osiągnięto."})
    walk_to(api_as, staff, report, "mark_ready")
    assert client.post(URL, {"year": 2027}).status_code == 200  # refused on the form
    frozen = client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Inaczej."}, follow=True)
    assert "Komentarze zmienia się w projekcie" in frozen.content.decode()
    no_reason = transition(api_as(staff), "cooperation_report", report, "reopen")
    assert no_reason.status_code == 400
    assert walk_to(api_as, staff, report, "reopen").state == "draft"


def test_the_report_goes_to_the_council_then_public(client, api_as, staff, resident, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Cele osiągnięto."})
    early = transition(api_as(staff), "cooperation_report", report, "submit_to_council")
    assert early.status_code == 409
    walk_to(api_as, staff, report, "mark_ready")
    denied = transition(api_as(resident), "cooperation_report", report, "submit_to_council")
    assert denied.status_code in (403, 404)
    with time_machine.travel("2028-05-20T10:00:00+02:00"):
        report = walk_to(api_as, staff, report, "submit_to_council")
    assert (report.state, report.submitted_on) == ("submitted", date(2028, 5, 20))
    assert Deadline.objects.get(transition="submit_to_council").outcome == "settled"
    assert (
        transition(api_as(staff), "cooperation_report", report, "submit_to_council").status_code
        == 409
    )
    client.logout()
    assert client.get(f"{URL}2027/").status_code == 404
    assert walk_to(api_as, staff, report, "publish").state == "published"
    public = client.get(f"{URL}2027/").content.decode()
    assert "Cele osiągnięto." in public and "Zapisz komentarz" not in public
    assert client.get(f"{URL}2027.pdf").content.startswith(b"%PDF")


def test_the_deadline_is_31_may_at_risk_before_and_missed_after(client, staff, year_2027):
    generate(client, staff)
    deadline = Deadline.objects.get(transition="submit_to_council")
    assert timezone.localtime(deadline.due_at).isoformat().startswith("2028-05-31T23:59:59")
    pages = {}
    for moment in ("2028-04-01T10:00", "2028-05-25T10:00", "2028-06-01T00:00:01"):
        with time_machine.travel(f"{moment}+02:00"):
            client.force_login(staff)  # the session of 2027 has expired by then
            pages[moment[:10]] = client.get(f"{URL}2027/").content.decode()
            fire_due()
    calm, risky, missed = pages.values()
    assert "zagrożony" not in calm and "termin minął" not in calm
    assert "zagrożony: zostało 6 dni" in risky
    assert "termin minął" in missed
    deadline.refresh_from_db()
    assert deadline.outcome.startswith("skipped")  # a draft is not sent; staff are told
    assert CooperationReport.objects.get().state == "draft"


def test_at_the_deadline_the_engine_submits_a_ready_report(client, api_as, staff, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Cele osiągnięto."})
    walk_to(api_as, staff, report, "mark_ready")
    with time_machine.travel("2028-06-01T00:00:01+02:00"):
        fire_due()
    report.refresh_from_db()
    assert (report.state, report.submitted_on) == ("submitted", date(2028, 6, 1))


def test_the_list_takes_constant_queries(client, staff, django_assert_max_num_queries):
    def make(years):
        for year in years:
            CooperationReport.objects.create(
                year=year, created_by=staff, generated_at=timezone.now(), figures={}
            )

    make([2020, 2021])
    client.force_login(staff)
    with django_assert_max_num_queries(20) as few:
        assert client.get(URL).status_code == 200
    make(range(2000, 2015))
    with django_assert_max_num_queries(len(few)):
        page = client.get(URL).content.decode()
    assert page.count('href="/sprawozdania-z-programu/20') == 17


API = "/api/v1/grants/reports/"


def test_the_api_generates_comments_and_reads_the_report(api, api_as, staff, year_2027):
    made = api_as(staff).post(API, {"year": 2027}, format="json")
    assert made.status_code == 201
    assert made.json()["figures"]["competitions"]["totals"]["amount"] == "35000.50"
    said = api_as(staff).post(
        f"{API}2027/commentary/", {"section": "summary", "text": "Cele osiągnięto."}, format="json"
    )
    assert said.status_code == 200 and said.json()["commentary"]["summary"] == "Cele osiągnięto."
    unknown = api_as(staff).post(
        f"{API}2027/commentary/", {"section": "inne", "text": "X"}, format="json"
    )
    assert unknown.status_code == 400 and unknown.json()["error"]["details"]["field"] == "section"
    untyped = api_as(staff).post(f"{API}2027/commentary/", {"section": "summary"}, format="json")
    assert untyped.status_code == 400 and untyped.json()["error"]["details"]["field"] == "text"
    assert api.get(f"{API}2027/").status_code == 404
    assert api.get(API).json() == []
    assert api_as(staff).get(f"{API}2027/").json()["state"] == "draft"


@pytest.mark.parametrize("year", [1999, "2027", "dwa", None, True])
def test_the_api_refuses_a_bad_year(api_as, staff, year):
    response = api_as(staff).post(API, {"year": year}, format="json")
    assert response.status_code == 400 and response.json()["error"]["details"]["field"] == "year"


def test_residents_may_not_use_the_staff_api(api_as, resident, staff, year_2027):
    assert api_as(resident).post(API, {"year": 2027}, format="json").status_code == 403
    api_as(staff).post(API, {"year": 2027}, format="json")
    refused = api_as(resident).post(
        f"{API}2027/commentary/", {"section": "summary", "text": "X"}, format="json"
    )
    assert refused.status_code == 403
    assert CooperationReport.objects.get().commentary == {}


def test_a_report_submitted_after_31_may_says_so(client, api_as, staff, year_2027):
    report = generate(client, staff)
    client.post(f"{URL}2027/komentarz/summary/", {"summary-text": "Cele osiągnięto."})
    walk_to(api_as, staff, report, "mark_ready")
    with time_machine.travel("2028-06-03T09:00:00+02:00"):
        report = walk_to(api_as, staff, report, "submit_to_council")
        client.force_login(staff)
        page = client.get(f"{URL}2027/").content.decode()
    assert report.submitted_on == date(2028, 6, 3)
    assert "przedłożone po terminie" in page
