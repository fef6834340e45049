"""Pages: lists in a constant number of queries, the wizard, queues, voting without JS."""

import re

import pytest
from django.urls import reverse

from budget.models import Ballot, CityUnit, Implementation, Proposal
from workflows.services import record

from .factories import ProposalFactory
from .pesel import adult

pytestmark = pytest.mark.django_db


def many_proposals(pool, author, count, state="submitted"):
    Proposal.objects.bulk_create(
        Proposal(
            edition=pool.edition,
            pool=pool,
            author=author,
            title=f"Projekt {n:05d}",
            description="Opis",
            estimated_cost=1000 + n,
            state=state,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [5, 5000])
def test_proposal_list_runs_a_constant_number_of_queries(
    client, author, submission, count, django_assert_max_num_queries
):
    edition, city, _ = submission
    many_proposals(city, author, count)
    url = reverse("budget:proposals", args=[edition.year])
    with django_assert_max_num_queries(6):
        response = client.get(url, {"category": "other", "cost_max": "999999", "q": "Projekt"})
    assert response.status_code == 200
    assert "Projekt 00000" in response.content.decode()


def test_proposal_list_filters_by_district(client, author, submission):
    edition, city, district = submission
    ProposalFactory(pool=city, author=author, state="submitted", title="Miejski basen")
    ProposalFactory(pool=district, author=author, state="submitted", title="Ławki na osiedlu")
    page = client.get(
        reverse("budget:proposals", args=[edition.year]), {"district": district.district_id}
    ).content.decode()
    assert "Ławki na osiedlu" in page and "Miejski basen" not in page


def test_user_text_is_escaped(client, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(
        pool=city, author=author, state="submitted", title="<script>alert(1)</script>"
    )
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_wizard_saves_a_draft_at_each_step_and_the_author_submits(client, author, submission):
    edition, city, _ = submission
    client.force_login(author)
    response = client.post(
        reverse("budget:proposal-new", args=[edition.year]),
        {"title": "Rowerownia przy szkole", "pool": city.pk, "category": "roads"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.state == "draft"
    client.post(
        reverse("budget:proposal-edit", args=[proposal.pk, "opis"]),
        {"description": "Zadaszone stojaki", "location": "ul. Szkolna 1"},
    )
    client.post(
        reverse("budget:proposal-edit", args=[proposal.pk, "koszt"]), {"estimated_cost": "80000"}
    )
    proposal.refresh_from_db()
    assert (proposal.location, str(proposal.estimated_cost)) == ("ul. Szkolna 1", "80000.00")
    client.post(reverse("budget:proposal-decide", args=[proposal.pk, "submit"]))
    assert Proposal.objects.get().state == "submitted"


def test_others_cannot_open_the_wizard_of_a_draft(client, author, resident, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author)
    client.force_login(resident)
    assert (
        client.get(reverse("budget:proposal-edit", args=[proposal.pk, "opis"])).status_code == 404
    )


def test_detail_shows_decisions_with_reasons(client, api_as, staff, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    api_as(staff).post(
        f"/api/v1/workflows/proposal/{proposal.pk}/transitions/reject_formally/",
        {"reason": "Projekt dotyczy terenu szkoły prywatnej."},
        format="json",
    )
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert page.count("Projekt dotyczy terenu szkoły prywatnej.") >= 2  # public reason + history
    assert re.search(r"Odrzuć formalnie\s*<span[^>]*>→ odrzucony</span>", page)
    assert "reject_formally" not in page


def test_history_names_audited_actions(client, api_as, staff, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    record(proposal, "assessment", by=staff, reason="Koszt zweryfikowany.")
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert "Ocena merytoryczna i kosztowa" in page
    assert ">assessment<" not in page


def test_staff_passes_the_formal_check_on_the_page(client, staff, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    client.force_login(staff)
    assert (
        "Ocena formalna pozytywna"
        in client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    )
    client.post(
        reverse("budget:proposal-decide", args=[proposal.pk, "pass_formal_check"]),
        {"unit": unit.pk},
    )
    proposal.refresh_from_db()
    assert proposal.state == "formally_passed" and proposal.unit == unit


def test_verifier_queue_holds_only_their_units_proposals(
    client, verifier, other_verifier, author, unit, submission
):
    _, city, _ = submission
    mine = ProposalFactory(
        pool=city, author=author, state="formally_passed", unit=unit, title="Łąka kwietna"
    )
    theirs = ProposalFactory(
        pool=city,
        author=author,
        state="formally_passed",
        unit=CityUnit.objects.get(name="Zarząd Dróg Miasta Krakowa"),
        title="Nowy chodnik",
    )
    client.force_login(verifier)
    page = client.get(reverse("budget:queue")).content.decode()
    assert mine.title in page and theirs.title not in page
    detail = client.get(reverse("budget:proposal", args=[mine.pk])).content.decode()
    assert "Zapisz ocenę" in detail
    client.force_login(other_verifier)
    assert (
        "Zapisz ocenę"
        not in client.get(reverse("budget:proposal", args=[mine.pk])).content.decode()
    )


def test_queue_needs_login(client):
    assert client.get(reverse("budget:queue")).status_code == 302


def test_appeals_page_lists_pending_appeals_for_staff(client, staff, author, edition_in):
    _, city, _ = edition_in("appeals", "appeals")
    ProposalFactory(pool=city, author=author, state="appealed", title="Plac zabaw Zielony")
    client.force_login(staff)
    assert "Plac zabaw Zielony" in client.get(reverse("budget:appeals")).content.decode()


def vote_form(city, district, cp, dp):
    return {
        "dzielnica": str(district.pk),
        f"pool-{city.pk}": [cp[0].pk, cp[1].pk],
        f"pool-{district.pk}": [dp[0].pk],
    }


def test_voting_without_javascript_confirm_then_receipt(client, voting):
    edition, city, district, cp, dp = voting
    url = reverse("budget:vote", args=[edition.year])
    page = client.get(url, {"dzielnica": district.pk}).content.decode()
    assert cp[0].title in page and dp[0].title in page
    confirm = client.post(url, {**vote_form(city, district, cp, dp), "krok": "potwierdz"})
    assert confirm.status_code == 200 and "Sprawdź swój wybór" in confirm.content.decode()
    receipt = client.post(
        url,
        {
            **vote_form(city, district, cp, dp),
            "krok": "oddaj",
            "pesel": adult(),
            "first_name": "Anna",
            "last_name": "Nowak",
            "residence_declared": "on",
        },
    )
    assert receipt.status_code == 200
    ballot = Ballot.objects.get()
    assert ballot.receipt in receipt.content.decode()
    assert ballot.choices.count() == 3


def test_voting_page_refuses_a_rule_breach_and_never_echoes_pesel(client, voting):
    edition, city, district, cp, dp = voting
    url = reverse("budget:vote", args=[edition.year])
    too_many = {f"pool-{city.pk}": [p.pk for p in cp], "krok": "potwierdz"}
    response = client.post(url, too_many)
    assert response.status_code == 400 and "najwyżej 3" in response.content.decode()
    bad = adult()[:-1] + "0" if adult()[-1] != "0" else adult()[:-1] + "1"
    response = client.post(
        url,
        {
            **vote_form(city, district, cp, dp),
            "krok": "oddaj",
            "pesel": bad,
            "first_name": "A",
            "last_name": "B",
            "residence_declared": "on",
        },
    )
    assert response.status_code == 400
    assert "Nieprawidłowy numer PESEL." in response.content.decode()
    assert bad not in response.content.decode()
    assert not Ballot.objects.exists()


def test_voting_page_runs_constant_queries(client, voting, author, django_assert_max_num_queries):
    edition, city, district, _, _ = voting
    many_proposals(city, author, 500, state="on_ballot")
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("budget:vote", args=[edition.year]), {"dzielnica": district.pk}
        )
    assert response.status_code == 200


def test_paper_ballot_page_is_for_staff(client, staff, resident, voting):
    edition, city, _, cp, _ = voting
    url = reverse("budget:paper", args=[edition.year])
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.post(
        url,
        {
            "paper_number": "K-1",
            "pesel": adult(8080),
            "first_name": "Jan",
            "last_name": "Nowak",
            "residence_declared": "on",
            f"pool-{city.pk}": [cp[0].pk],
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]
    assert Ballot.objects.get().paper_number == "K-1"


def test_edition_page_shows_turnout_not_votes(client, voting):
    edition, _city, _, _cp, _ = voting
    page = client.get(reverse("budget:edition", args=[edition.year])).content.decode()
    assert f'data-stream="edition.{edition.pk}"' in page
    assert "po zamknięciu głosowania" in page


def test_implementation_list_per_district(client, voting):
    from workflows.services import SYSTEM, advance

    edition, _city, district, cp, dp = voting
    advance(cp[0], "select", by=SYSTEM)
    advance(dp[0], "select", by=SYSTEM)
    url = reverse("budget:implementation", args=[edition.year])
    page = client.get(url, {"dzielnica": district.district_id}).content.decode()
    assert dp[0].title in page and cp[0].title not in page


def test_staff_name_the_implementing_unit_of_a_selected_project_on_its_page(
    client, staff, resident, unit, voting
):
    from workflows.services import SYSTEM, advance

    _edition, _city, _district, cp, _dp = voting
    advance(cp[0], "select", by=SYSTEM)
    url = reverse("budget:proposal-implementer", args=[cp[0].pk])
    page = reverse("budget:proposal", args=[cp[0].pk])
    client.force_login(resident)
    assert "Wskaż jednostkę realizującą" not in client.get(page).content.decode()
    assert client.post(url, {"unit": unit.pk}).status_code == 403
    assert not Implementation.objects.exists()

    client.force_login(staff)
    assert "Wskaż jednostkę realizującą" in client.get(page).content.decode()
    assert client.post(url, {"unit": unit.pk}).status_code == 302
    assert Implementation.objects.get(proposal=cp[0]).unit == unit
    assert "Jednostka realizująca" in client.get(page).content.decode()
    # A project still on the ballot is not built: refused with the reason, nothing saved.
    refused = client.post(
        reverse("budget:proposal-implementer", args=[cp[1].pk]), {"unit": unit.pk}, follow=True
    )
    assert "tylko dla projektów wybranych" in refused.content.decode()
    assert client.post(url, {"unit": ""}, follow=True).status_code == 200
    assert Implementation.objects.count() == 1


def test_a_pesel_typed_with_separators_on_the_page_is_the_same_voter(client, api, voting):
    edition, city, district, cp, dp = voting
    url = reverse("budget:vote", args=[edition.year])
    form = {
        **vote_form(city, district, cp, dp),
        "krok": "oddaj",
        "first_name": "Anna",
        "last_name": "Nowak",
        "residence_declared": "on",
    }
    assert client.post(url, {**form, "pesel": "8503 174-5715"}).status_code == 200
    again = client.post(url, {**form, "pesel": "85031\u2013745715"})
    assert again.status_code == 409 and "Oddano już głos" in again.content.decode()
    body = {
        "identification": {
            "method": "pesel",
            "pesel": "85031745715",
            "first_name": "Anna",
            "last_name": "Nowak",
            "residence_declared": True,
        },
        "pools": [{"pool": city.pk, "choices": [{"proposal": cp[0].pk}]}],
    }
    online = api.post(f"/api/v1/budget/editions/{edition.pk}/ballots/", body, format="json")
    assert online.status_code == 409
    assert Ballot.objects.count() == 1


def test_residents_are_refused_the_verification_and_appeal_queues(client, api_as, resident):
    client.force_login(resident)
    assert client.get(reverse("budget:queue")).status_code == 403
    assert client.get(reverse("budget:appeals")).status_code == 403
    assert api_as(resident).get("/api/v1/budget/verification-queue/").status_code == 403


def test_verifiers_see_the_queue_but_not_the_appeals(client, api_as, verifier, unit):
    client.force_login(verifier)
    assert client.get(reverse("budget:queue")).status_code == 200
    assert client.get(reverse("budget:appeals")).status_code == 403
    assert api_as(verifier).get("/api/v1/budget/verification-queue/").status_code == 200
