"""Joint offers (art. 14 ust. 2), offers started from earlier ones, the announcement's
parameters enforced as the offer is filled in, corrections of formal errors within the
announcement's deadline, and the public list of funded and not funded offers."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from grants.models import Competition, Offer, OfferState
from tests.grants.conftest import add_offer, line, offer_body, transition
from tests.grants.factories import CompetitionFactory, CriterionFactory, OrganisationFactory
from workflows.accounts.models import Role
from workflows.deadlines import fire_due

pytestmark = pytest.mark.django_db


def start(client, competition, body):
    return client.post(f"/api/v1/grants/competitions/{competition.pk}/offers/", body, format="json")


@pytest.fixture
def partner(make_user):
    person = make_user(Role.RESIDENT, username="rep-c")
    organisation = OrganisationFactory(name="Fundacja C")
    organisation.representatives.add(person)
    organisation.rep = person
    return organisation


@pytest.fixture
def joint(api_as, published, org, partner):
    """A joint offer led by A with partner C, written through the API."""

    body = offer_body(org["a"], partners=[partner.pk])
    response = start(api_as(org["a"].rep), published, body)
    assert response.status_code == 201, response.json()
    assert response.json()["partners"] == [partner.pk]
    return Offer.objects.get(pk=response.json()["id"])


def close(competition):
    Competition.objects.filter(pk=competition.pk).update(
        state="offers_closed", offers_deadline=timezone.now() - timedelta(seconds=1)
    )
    competition.refresh_from_db()


# --- joint offers ---------------------------------------------------------------------------


def test_a_partner_sees_the_joint_offer_but_only_the_leader_submits(api_as, joint, partner, org):
    seen = api_as(partner.rep).get(f"/api/v1/grants/offers/{joint.pk}/")
    assert seen.status_code == 200
    assert api_as(org["b"].rep).get(f"/api/v1/grants/offers/{joint.pk}/").status_code == 404
    refused = transition(api_as(partner.rep), "offer", joint, "submit")
    assert refused.status_code == 403
    joint.refresh_from_db()
    assert joint.state == OfferState.DRAFT
    edit = api_as(partner.rep).put(
        f"/api/v1/grants/offers/{joint.pk}/", offer_body(org["a"]), format="json"
    )
    assert edit.status_code == 403
    assert transition(api_as(org["a"].rep), "offer", joint, "submit").status_code == 200


def test_a_partner_sees_the_joint_offer_on_the_competition_page(client, joint, partner):
    client.force_login(partner.rep)
    page = client.get(f"/konkursy/{joint.competition_id}/")
    assert joint.title in page.content.decode()
    offer_page = client.get(f"/konkursy/oferty/{joint.pk}/")
    assert offer_page.status_code == 200
    assert "Oferta wspólna" in offer_page.content.decode()
    # Not the leader: no form to change it.
    assert offer_page.context["editable"] is False


def test_the_joint_offer_counts_for_the_partner(api_as, joint, partner, published):
    own = start(api_as(partner.rep), published, offer_body(partner))
    assert own.status_code == 409
    assert "partner" in own.json()["error"]["message"]


def test_the_leader_is_not_its_own_partner_and_partners_exist(api_as, published, org):
    client = api_as(org["a"].rep)
    itself = start(client, published, offer_body(org["a"], partners=[org["a"].pk]))
    assert itself.status_code == 400
    unknown = start(client, published, offer_body(org["a"], partners=[999999]))
    assert unknown.status_code == 400
    assert Offer.objects.count() == 0


def test_a_member_linked_to_a_partner_is_excluded_from_scoring_it(
    api_as, joint, partner, published, commission, org, staff
):
    assert transition(api_as(org["a"].rep), "offer", joint, "submit").status_code == 200
    close(published)
    assert transition(api_as(staff), "offer", joint, "accept_formally").status_code == 200
    conflicted = commission[0].person
    partner.representatives.add(conflicted)
    for member in commission:
        client = api_as(member.person)
        assert (
            client.post(f"/api/v1/grants/competitions/{published.pk}/declaration/").status_code
            == 200
        )
    body = {"points": {str(published.quality.pk): 8, str(published.costs.pk): 4}}
    refused = api_as(conflicted).post(
        f"/api/v1/grants/offers/{joint.pk}/scores/", body, format="json"
    )
    assert refused.status_code == 409
    assert "partnerem" in refused.json()["error"]["message"]
    for member in commission[1:]:
        response = api_as(member.person).post(
            f"/api/v1/grants/offers/{joint.pk}/scores/", body, format="json"
        )
        assert response.status_code == 200
    # The two unconflicted members' sheets complete the scoring.
    assert transition(api_as(staff), "competition", published, "score").status_code == 200
    joint.refresh_from_db()
    assert joint.score == 80
    # Scores stay hidden from the offerors, the partner too, until the results.
    seen = api_as(partner.rep).get(f"/api/v1/grants/offers/{joint.pk}/").json()
    assert seen["score"] is None


def test_the_scoring_page_takes_constant_queries_with_many_joint_offers(
    client, api_as, published, commission, staff, django_assert_max_num_queries
):
    def many(n):
        for _i in range(n):
            made = add_offer(OrganisationFactory(), published)
            made.partners.add(OrganisationFactory())
            Offer.objects.filter(pk=made.pk).update(state="formally_accepted")

    close(published)
    person = commission[0].person
    client.force_login(person)
    client.post(f"/konkursy/{published.pk}/ocena/", {"action": "declare"})
    many(2)
    with django_assert_max_num_queries(40) as few:
        assert client.get(f"/konkursy/{published.pk}/ocena/").status_code == 200
    many(30)
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/konkursy/{published.pk}/ocena/")
    assert len(page.context["sheets"]) == 32


def test_the_scoring_page_tells_a_partners_member_they_do_not_score(
    client, api_as, joint, partner, published, commission, org, staff
):
    assert transition(api_as(org["a"].rep), "offer", joint, "submit").status_code == 200
    close(published)
    assert transition(api_as(staff), "offer", joint, "accept_formally").status_code == 200
    person = commission[0].person
    partner.representatives.add(person)
    client.force_login(person)
    client.post(f"/konkursy/{published.pk}/ocena/", {"action": "declare"})
    page = client.get(f"/konkursy/{published.pk}/ocena/")
    ((offer, form, conflicted),) = page.context["sheets"]
    assert (offer.pk, form, conflicted) == (joint.pk, None, True)


# --- a new offer from an earlier one -------------------------------------------------------


@pytest.fixture
def second(staff):
    competition = CompetitionFactory(created_by=staff, state="published")
    CriterionFactory(competition=competition, weight=100)
    return competition


def test_an_offer_is_started_from_an_earlier_one(api_as, joint, second, org, partner):
    response = api_as(org["a"].rep).post(
        f"/api/v1/grants/competitions/{second.pk}/offers/copy/", {"offer": joint.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    copy = Offer.objects.get(pk=response.json()["id"])
    assert (copy.competition_id, copy.state, copy.title) == (second.pk, "draft", joint.title)
    assert (copy.description, copy.schedule) == (joint.description, joint.schedule)
    assert [p.pk for p in copy.partners.all()] == [partner.pk]
    assert [(x.name, x.total, x.from_grant) for x in copy.cost_lines.all()] == [
        (x.name, x.total, x.from_grant) for x in joint.cost_lines.all()
    ]


def test_only_the_leaders_representative_copies_an_offer(api_as, joint, second, partner, org):
    url = f"/api/v1/grants/competitions/{second.pk}/offers/copy/"
    assert api_as(partner.rep).post(url, {"offer": joint.pk}, format="json").status_code == 403
    assert api_as(org["b"].rep).post(url, {"offer": joint.pk}, format="json").status_code == 404
    assert api_as(org["a"].rep).post(url, {}, format="json").status_code == 400
    assert Offer.objects.filter(competition=second).count() == 0


def test_an_offer_is_copied_from_the_page(client, org, published, second):
    earlier = add_offer(org["a"], published)
    client.force_login(org["a"].rep)
    form = client.get(f"/konkursy/{second.pk}/oferta/")
    assert "Zacznij od wcześniejszej oferty" in form.content.decode()
    response = client.post(f"/konkursy/{second.pk}/oferta/z-wczesniejszej/", {"source": earlier.pk})
    copy = Offer.objects.get(competition=second)
    assert response.status_code == 302
    assert response["Location"] == f"/konkursy/oferty/{copy.pk}/"
    refused = client.post(f"/konkursy/{second.pk}/oferta/z-wczesniejszej/", {"source": earlier.pk})
    assert refused.status_code == 302  # one offer per organisation: said in a message
    assert Offer.objects.filter(competition=second).count() == 1


# --- the announcement's parameters -------------------------------------------------------


def test_a_period_outside_the_announced_one_is_a_400(api_as, published, org):
    body = offer_body(org["a"], starts_on="2027-01-01", ends_on="2027-06-30")
    response = start(api_as(org["a"].rep), published, body)
    assert response.status_code == 400
    assert "01.03.2027" in response.json()["error"]["message"]


def test_an_offer_without_a_period_is_not_submitted(api_as, published, org):
    response = start(
        api_as(org["a"].rep), published, offer_body(org["a"], starts_on=None, ends_on=None)
    )
    assert response.status_code == 201
    offer = Offer.objects.get()
    assert response.json()["problems"] == ["Podaj termin realizacji zadania (od–do)."]
    refused = transition(api_as(org["a"].rep), "offer", offer, "submit")
    assert refused.status_code == 409
    assert "termin realizacji" in refused.json()["error"]["message"]


def test_a_line_whose_sources_do_not_add_up_is_a_400(api_as, published, org):
    wrong = line(grant="18000.00", own="1000.00") | {"from_personal": "500.00"}
    response = start(api_as(org["a"].rep), published, offer_body(org["a"], wrong))
    assert response.status_code == 400
    assert "19500.00" in response.json()["error"]["message"]


def test_the_financial_and_personal_contributions_the_announcement_expects(api_as, staff, org):
    competition = CompetitionFactory(
        created_by=staff,
        state="published",
        own_contribution_percent=10,
        own_financial_percent=5,
        own_personal_percent=5,
    )
    client = api_as(org["a"].rep)
    # 20 000 zł: 18 000 grant, 2 000 financial, no personal contribution.
    created = start(client, competition, offer_body(org["a"]))
    offer = Offer.objects.get(pk=created.json()["id"])
    refused = transition(client, "offer", offer, "submit")
    assert refused.status_code == 409
    assert "Wkład osobowy to 0.00%" in refused.json()["error"]["message"]
    fixed = line(grant="18000.00", own="1000.00") | {"from_personal": "1000.00"}
    assert (
        client.put(
            f"/api/v1/grants/offers/{offer.pk}/", offer_body(org["a"], fixed), format="json"
        ).status_code
        == 200
    )
    assert transition(client, "offer", offer, "submit").status_code == 200


def test_the_offer_page_carries_the_live_totals_script_and_limits(client, org, published):
    client.force_login(org["a"].rep)
    page = client.get(f"/konkursy/{published.pk}/oferta/").content.decode()
    assert "js/grants-offer.js" in page
    assert 'data-min-grant="5000.00"' in page
    assert 'min="2027-03-01"' in page


# --- corrections of formal errors ---------------------------------------------------------


@pytest.fixture
def submitted(api_as, published, org):
    offer = add_offer(org["a"], published)
    assert transition(api_as(org["a"].rep), "offer", offer, "submit").status_code == 200
    close(published)
    offer.refresh_from_db()
    return offer


def test_staff_call_for_correction_and_the_organisation_resubmits(api_as, submitted, org, staff):
    assert transition(api_as(org["a"].rep), "offer", submitted, "call_for_correction").status_code
    no_reason = transition(api_as(staff), "offer", submitted, "call_for_correction")
    assert no_reason.status_code == 400
    called = transition(
        api_as(staff), "offer", submitted, "call_for_correction", reason="Brak podpisu."
    )
    assert called.status_code == 200, called.json()
    submitted.refresh_from_db()
    assert submitted.state == OfferState.TO_CORRECT
    assert submitted.corrections == "Brak podpisu."
    assert submitted.correction_deadline > timezone.now() + timedelta(days=6)
    # Not yet checked: the commission cannot be closed with an offer waiting for correction.
    client = api_as(org["a"].rep)
    body = offer_body(org["a"], title="Zajęcia ruchowe (poprawione)")
    assert client.put(f"/api/v1/grants/offers/{submitted.pk}/", body, format="json").status_code
    assert transition(client, "offer", submitted, "resubmit").status_code == 200
    submitted.refresh_from_db()
    assert (submitted.state, submitted.title) == ("submitted", "Zajęcia ruchowe (poprawione)")
    assert transition(api_as(staff), "offer", submitted, "accept_formally").status_code == 200


def test_a_correction_after_the_deadline_is_refused_and_the_engine_rejects(
    api_as, submitted, org, staff
):
    transition(api_as(staff), "offer", submitted, "call_for_correction", reason="Brak podpisu.")
    submitted.refresh_from_db()
    client = api_as(org["a"].rep)
    with time_machine.travel(submitted.correction_deadline + timedelta(seconds=1)):
        late_edit = client.put(
            f"/api/v1/grants/offers/{submitted.pk}/", offer_body(org["a"]), format="json"
        )
        assert late_edit.status_code == 409
        late = transition(client, "offer", submitted, "resubmit")
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "outside_window"
        fire_due()
    submitted.refresh_from_db()
    assert submitted.state == OfferState.FORMALLY_REJECTED
    assert submitted.decision_reason.startswith("Błędów formalnych nie poprawiono")
    assert submitted.decision_reason.endswith("Brak podpisu.")


def test_staff_may_not_reject_before_the_correction_deadline(api_as, submitted, staff):
    transition(api_as(staff), "offer", submitted, "call_for_correction", reason="Brak podpisu.")
    early = transition(api_as(staff), "offer", submitted, "reject_uncorrected", reason="x")
    assert early.status_code == 409


def test_the_correction_is_made_from_the_offer_page(client, api_as, submitted, org, staff):
    transition(api_as(staff), "offer", submitted, "call_for_correction", reason="Brak podpisu.")
    client.force_login(org["a"].rep)
    page = client.get(f"/konkursy/oferty/{submitted.pk}/")
    assert "Brak podpisu." in page.content.decode()
    client.force_login(staff)
    listed = client.get(f"/konkursy/{submitted.competition_id}/").content.decode()
    assert f'href="/konkursy/oferty/{submitted.pk}/"' in listed
    client.force_login(org["a"].rep)
    assert page.context["editable"] is True
    form = {
        "organisation": org["a"].pk,
        "title": "Poprawiona",
        "starts_on": "2027-04-01",
        "ends_on": "2027-06-30",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-0-name": "Instruktor",
        "costs-0-quantity": "20",
        "costs-0-unit_cost": "1000",
        "costs-0-from_grant": "18000",
        "costs-0-from_own": "2000",
        "submit": "1",
    }
    response = client.post(f"/konkursy/oferty/{submitted.pk}/", form)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, submitted.title) == ("submitted", "Poprawiona")


# --- the list of funded and not funded offers ---------------------------------------------


def test_the_results_list_is_public_once_published(client, api_as, staff, org, published):
    funded = add_offer(org["a"], published)
    refused = add_offer(org["b"], published)
    Offer.objects.filter(pk=funded.pk).update(state="granted", granted=15000, score=80)
    Offer.objects.filter(pk=refused.pk).update(
        state="not_granted", score=40, decision_reason="Za mało punktów."
    )
    url = f"/konkursy/{published.pk}/wyniki/"
    assert client.get(url).status_code == 404
    Competition.objects.filter(pk=published.pk).update(
        state="results_published", results_published_at=timezone.now()
    )
    page = client.get(url)
    assert page.status_code == 200
    assert [o.pk for o in page.context["funded"]] == [funded.pk]
    assert [o.pk for o in page.context["not_funded"]] == [refused.pk]
    assert "Za mało punktów." in page.content.decode()


def test_the_results_list_takes_constant_queries(client, published, django_assert_max_num_queries):
    Competition.objects.filter(pk=published.pk).update(
        state="results_published", results_published_at=timezone.now()
    )
    for _i in range(30):
        offer = add_offer(OrganisationFactory(), published)
        offer.partners.add(OrganisationFactory())
        Offer.objects.filter(pk=offer.pk).update(state="granted", granted=1000, score=50)
    with django_assert_max_num_queries(12):
        assert client.get(f"/konkursy/{published.pk}/wyniki/").status_code == 200
