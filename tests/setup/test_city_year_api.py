"""A city runs a whole year through the API, from an empty database with one administrator:
districts from CSV, an edition with a citywide and two district pools, a verifying unit, a
programme with two sector teams; then both processes walked to the end."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.budget.pesel import pesel_for
from workflows.accounts.models import User

pytestmark = pytest.mark.django_db

API = "/api/v1"
CSV = "number,roman,name,population\n1,I,Śródmieście,45 000\n2,II,Oliwa,20500\n"


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json() if response.content else None


def take(client, kind, pk, name, **payload):
    url = f"{API}/workflows/{kind}/{pk}/transitions/{name}/"
    return ok(client.post(url, payload, format="json"))


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("admin", "admin@example.org", "pass-1234-test")


def invite(client, username, *roles):
    body = ok(client.post(f"{API}/people/", {"username": username, "roles": roles}), 201)
    assert "/haslo/" in body["invitation"]
    return body["id"]


def test_a_city_sets_up_and_runs_its_year_through_the_api(api_as, admin):
    boss = api_as(admin)
    districts = ok(
        boss.post(f"{API}/districts/import/", {"city": "Nadmorze", "csv": CSV}, format="json"),
        201,
    )
    assert districts == {"city": "nadmorze", "rows": 2, "created": 2}
    ids = {d["name"]: d["id"] for d in ok(boss.get(f"{API}/districts/?city=nadmorze"))}
    assert [d["population"] for d in ok(boss.get(f"{API}/districts/?city=nadmorze"))] == [
        45000,
        20500,
    ]

    people = {
        name: invite(boss, name, *roles)
        for name, roles in [
            ("urzednik", ["council_staff"]),
            ("weryfikator", ["resident"]),
            ("autorka", ["resident"]),
            ("moderatorka", ["resident"]),
            ("czlonek", ["resident"]),
            ("koordynator", ["resident"]),
        ]
    }
    as_ = {name: api_as(User.objects.get(pk=pk)) for name, pk in people.items()}
    staff = as_["urzednik"]

    # The civic budget: edition, pools, schedule, unit.
    edition = ok(
        staff.post(
            f"{API}/budget/editions/",
            {
                "city": "nadmorze",
                "title": "Budżet Obywatelski Nadmorza 2027",
                "year": 2027,
                "legal_basis": "Uchwała nr XII/100/26 Rady Miasta",
                "total_amount": "3 000 000,00",
                "city_spending": "500 000 000,00",
                "categories": ["greenery", "sport"],
                "vote_rule": "approval",
                "max_choices": 3,
                "minimum_age": 0,
                "identification": ["pesel"],
            },
            format="json",
        ),
        201,
    )
    assert edition["spending_share"] == "0.60"
    pk = edition["id"]
    pools = f"{API}/budget/editions/{pk}/pools/"
    pool_in = {"amount": "1 000 000,00", "max_project_cost": "500000"}
    ok(staff.put(pools, {**pool_in, "name": "Pula ogólnomiejska", "population": 65500}), 200)
    for name, district in ids.items():
        ok(staff.put(pools, {**pool_in, "name": f"Pula {name}", "district": district}), 200)
    edition = ok(staff.get(f"{API}/budget/editions/{pk}/"))
    populations = {p["district_name"]: p["population"] for p in edition["pools"]}
    assert populations == {None: 65500, "Śródmieście": 45000, "Oliwa": 20500}
    city_pool = next(p["id"] for p in edition["pools"] if p["district"] is None)

    start = timezone.now() + timedelta(days=10)
    phases, moment = {}, start
    for kind in ("submission", "verification", "appeals", "voting", "results"):
        phases[kind] = [moment.isoformat(), (moment + timedelta(days=9)).isoformat()]
        moment += timedelta(days=10)
    ok(staff.put(f"{API}/budget/editions/{pk}/schedule/", {"phases": phases}, format="json"))
    unit = ok(
        staff.post(
            f"{API}/budget/units/",
            {"name": "Zarząd Zieleni", "verifiers": [people["weryfikator"]]},
            format="json",
        ),
        201,
    )
    take(staff, "edition", pk, "open_submission")
    # Fixed once submission has opened: refused with the reason.
    refused = staff.patch(
        f"{API}/budget/editions/{pk}/settings/", {"total_amount": "4000000"}, format="json"
    )
    assert refused.status_code == 409
    assert "naboru" in refused.json()["error"]["message"]

    with time_machine.travel(start + timedelta(days=1)):
        proposal = ok(
            as_["autorka"].post(
                f"{API}/budget/proposals/",
                {
                    "edition": pk,
                    "pool": city_pool,
                    "title": "Park kieszonkowy",
                    "description": "Zieleń między blokami.",
                    "location": "ul. Morska 1",
                    "category": "greenery",
                    "estimated_cost": "300000",
                },
                format="json",
            ),
            201,
        )["id"]
        take(as_["autorka"], "proposal", proposal, "submit")
    with time_machine.travel(start + timedelta(days=11)):
        take(staff, "edition", pk, "start_verification")
        take(staff, "proposal", proposal, "pass_formal_check", unit=unit["id"])
        ok(
            as_["weryfikator"].post(
                f"{API}/budget/proposals/{proposal}/assessment/",
                {
                    "verified_cost": "300000",
                    "feasible": True,
                    "legal": True,
                    "land_ownership": "city",
                },
                format="json",
            ),
            201,
        )
        take(as_["weryfikator"], "proposal", proposal, "accept_for_ballot", reason="Wykonalny.")
    with time_machine.travel(start + timedelta(days=21)):
        take(staff, "edition", pk, "open_appeals")
    with time_machine.travel(start + timedelta(days=31)):
        take(staff, "edition", pk, "open_voting")
        for serial in range(3):
            ok(
                boss.post(
                    f"{API}/budget/editions/{pk}/ballots/",
                    {
                        "identification": {
                            "method": "pesel",
                            "pesel": pesel_for(date(1980, 5, 5), 1200 + serial),
                            "first_name": "Jan",
                            "last_name": "Kowalski",
                            "residence_declared": True,
                        },
                        "pools": [{"pool": city_pool, "choices": [{"proposal": proposal}]}],
                    },
                    format="json",
                ),
                201,
            )
    with time_machine.travel(start + timedelta(days=41)):
        take(staff, "edition", pk, "close_voting")
        ok(staff.post(f"{API}/budget/editions/{pk}/results/count/"), 201)
        take(staff, "edition", pk, "publish_results")
        results = ok(boss.get(f"{API}/budget/editions/{pk}/results/"))
    assert ok(staff.get(f"{API}/budget/editions/{pk}/"))["state"] == "results_published"
    citywide = next(p for p in results["pools"] if p["id"] == city_pool)
    assert citywide["projects"][0]["id"] == proposal
    assert (citywide["projects"][0]["votes"], citywide["projects"][0]["selected"]) == (3, True)

    # The cooperation programme.
    teams = [
        ok(
            staff.post(
                f"{API}/consultations/sector-teams/",
                {
                    "name": name,
                    "moderator": people["moderatorka"],
                    "members": [people["czlonek"]],
                },
                format="json",
            ),
            201,
        )["id"]
        for name in ("Zespół ds. kultury", "Zespół ds. sportu")
    ]
    programme = ok(
        staff.post(
            f"{API}/consultations/programmes/",
            {"title": "Program współpracy na 2028 rok", "year_from": 2028},
            format="json",
        ),
        201,
    )["id"]
    url = f"{API}/consultations/programmes/{programme}/"
    sections = ok(
        staff.patch(
            url,
            {
                "main_goal": "Partnerstwo.",
                "specific_goals": ["Wzmocnienie organizacji."],
                "principles": "Pomocniczość, suwerenność stron, partnerstwo.",
                "scope": "Zadania publiczne z art. 4.",
                "forms_of_cooperation": ["open_competition"],
                "task_areas": [1],
                "implementation_method": "Konkursy ofert.",
                "planned_funds": "12 500 000,50",
                "evaluation_method": "Wskaźniki w sprawozdaniu.",
                "creation_info": "Zespoły sektorowe i konsultacje.",
                "committees_rules": "Komisje powołuje Prezydent.",
            },
            format="json",
        )
    )
    assert sections["planned_funds"] == "12500000.50"
    chapters = [
        ok(staff.post(f"{url}chapters/", {"sector_team": team}, format="json"), 201)["id"]
        for team in teams
    ]
    ok(
        staff.put(f"{url}coordinating-team/", {"members": [people["koordynator"]]}, format="json"),
        204,
    )
    take(staff, "programme", programme, "start_drafting")
    chapter_api = f"{API}/consultations/chapters/"
    for chapter in chapters:
        blocks = [{"kind": "goal", "text": "Więcej zajęć dla mieszkańców."}]
        version = ok(
            as_["czlonek"].post(
                f"{chapter_api}{chapter}/versions/", {"blocks": blocks}, format="json"
            ),
            201,
        )
        ok(as_["moderatorka"].post(f"{chapter_api}{chapter}/versions/{version['number']}/publish/"))
    opens = timezone.now() + timedelta(days=1)
    take(
        staff,
        "programme",
        programme,
        "publish_drafts",
        comments_open_at=opens.isoformat(),
        comments_close_at=(opens + timedelta(days=14)).isoformat(),
    )
    with time_machine.travel(opens + timedelta(hours=1)):
        take(staff, "programme", programme, "open_comments")
        comment = ok(
            as_["autorka"].post(
                f"{url}comments/",
                {"kind": "general", "justification": "Więcej sportu dla seniorów."},
                format="json",
            ),
            201,
        )["id"]
    with time_machine.travel(opens + timedelta(days=15)):
        take(staff, "programme", programme, "close_comments")
        coordinator = as_["koordynator"]
        take(coordinator, "programme", programme, "start_answering")
        checklist = ok(coordinator.get(f"{url}checklist/"))
        assert [i["label"] for i in checklist if not i["done"]] == ["Odpowiedź na każdą uwagę"]
        ok(
            coordinator.post(
                f"{API}/consultations/comments/{comment}/answer/",
                {"decision": "accepted", "reason": "Dodano zapis."},
                format="json",
            )
        )
        assert all(i["done"] for i in ok(coordinator.get(f"{url}checklist/")))
        take(coordinator, "programme", programme, "prepare_final_text")
        take(coordinator, "programme", programme, "publish_report")
        take(staff, "programme", programme, "submit_to_council")
        take(staff, "programme", programme, "record_first_reading")
        take(staff, "programme", programme, "record_second_reading")
        take(
            staff,
            "programme",
            programme,
            "record_council_vote",
            resolution_number="XX/200/27",
            resolution_date="2027-01-10",
            votes_for=30,
            votes_against=1,
        )
    assert ok(staff.get(url))["state"] == "adopted"
