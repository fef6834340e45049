"""One place sets the ballot rules: once an edition has a rulebook, the settings page and API
leave them to it (page: no fields, a link; API: 409 naming the field and the rulebook), and
the rulebook has an API of its own beside its page."""

import pytest

from budget.models import Edition, PoolRule
from budget.services.rulebook import rulebook_apply_preset
from workflows.accounts.models import Role
from workflows.models import AuditEntry

from .factories import EditionFactory

pytestmark = pytest.mark.django_db

SETTINGS = {
    "title": "Budżet Obywatelski 2030",
    "year": "2030",
    "legal_basis": "",
    "total_amount": "2 500 000,00",
    "city_spending": "",
    "categories": ["greenery"],
    "vote_rule": "approval",
    "max_choices": "9",
    "ordinal_points": "",
    "max_points": "10",
    "pool_mode": "several",
    "minimum_age": "0",
    "guardian_under": "13",
    "identification": ["pesel"],
    "tie_break": "cheaper_first",
    "correction_days": "7",
}


def settings_url(edition):
    return f"/budzet/ustawienia/{edition.pk}/"


def api_url(edition, what="rulebook"):
    return f"/api/v1/budget/editions/{edition.pk}/{what}/"


@pytest.fixture
def krakow(staff):
    """A draft edition under Kraków's rulebook: 3-2-1 points in every pool, one district."""

    edition = EditionFactory(year=2030)
    rulebook_apply_preset(edition_id=edition.pk, by=staff, preset="krakow")
    return Edition.objects.get(pk=edition.pk)


def rules_of(edition):
    return {
        r.pool_kind: (r.vote_rule, r.ordinal_points, r.max_choices)
        for r in PoolRule.objects.filter(edition=edition)
    }


def test_settings_page_offers_the_rule_only_while_the_edition_has_no_rulebook(client, staff):
    edition = EditionFactory(year=2030)
    client.force_login(staff)
    page = client.get(settings_url(edition)).content.decode()
    assert 'name="vote_rule"' in page and 'name="max_choices"' in page
    # The rulebook page is linked from the set-up pages' navigation.
    assert f'href="/budzet/edycje/{edition.pk}/zasady/"' in page


def test_settings_page_links_to_the_rulebook_and_leaves_its_rules_alone(client, staff, krakow):
    client.force_login(staff)
    before = rules_of(krakow)
    page = client.get(settings_url(krakow)).content.decode()
    for name in ("vote_rule", "max_choices", "ordinal_points", "pool_mode", "minimum_age"):
        assert f'name="{name}"' not in page
    assert "Ta edycja ma zasady głosowania w pulach" in page
    assert f'<a href="/budzet/edycje/{krakow.pk}/zasady/">Zasady głosowania</a>' in page
    # A stale form's rule fields are not read; the other settings are saved.
    response = client.post(settings_url(krakow), {**SETTINGS, "title": "BO Krakowa 2030"})
    assert response.status_code == 302, response.content.decode()
    krakow.refresh_from_db()
    assert krakow.title == "BO Krakowa 2030"
    assert (krakow.vote_rule, krakow.pool_mode) == ("ordinal", "one_district")
    assert rules_of(krakow) == before


def test_settings_api_refuses_a_ballot_rule_once_the_edition_has_a_rulebook(api_as, staff, krakow):
    response = api_as(staff).patch(
        api_url(krakow, "settings"), {"title": "Nowa", "max_choices": 9}, format="json"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["details"]["field"] == "max_choices"
    assert error["details"]["rulebook"] == f"/budzet/edycje/{krakow.pk}/zasady/"
    assert error["details"]["rulebook_api"] == api_url(krakow)
    assert "„Zasady głosowania”" in error["message"] and "k: najwięcej" in error["message"]
    krakow.refresh_from_db()
    assert krakow.title != "Nowa"
    # The rule sent back unchanged (a client echoing what it read) is no change: accepted.
    same = api_as(staff).patch(
        api_url(krakow, "settings"), {"title": "Nowa", "vote_rule": "ordinal"}, format="json"
    )
    assert same.status_code == 200
    assert same.json()["title"] == "Nowa"


def test_settings_api_still_sets_the_rule_of_an_edition_without_a_rulebook(api_as, staff):
    edition = EditionFactory(year=2030)
    response = api_as(staff).patch(api_url(edition, "settings"), {"max_choices": 9}, format="json")
    assert response.status_code == 200
    assert response.json()["max_choices"] == 9


def test_staff_read_and_change_the_rulebook_through_the_api(api_as, staff):
    edition = EditionFactory(year=2030)
    read = api_as(staff).get(api_url(edition))
    assert read.status_code == 200
    body = read.json()
    assert body["has_rulebook"] is False and body["editable"] is True
    assert set(body["rules"]) == {"citywide", "district", "thematic"}
    assert body["presets"]["warszawa_2022_2025"].startswith("Warszawa, edycje 2022–2025")

    preset = api_as(staff).put(api_url(edition), {"preset": "gdansk"}, format="json")
    assert preset.status_code == 200
    assert preset.json()["rules"]["district"]["vote_rule"] == "cumulative"
    assert preset.json()["points_across_pools"] is True

    rulebook = {
        "pool_mode": "one_district",
        "points_across_pools": False,
        "max_points": 10,
        "duplicate_policy": "void_both",
        "minimum_age": 0,
        "guardian_under": 13,
        "rules": {
            "citywide": {"vote_rule": "approval", "max_choices": 5},
            "district": {"vote_rule": "approval", "max_choices": 5},
            "thematic": {"vote_rule": "ordinal", "ordinal_points": [3, 2, 1]},
        },
    }
    saved = api_as(staff).put(api_url(edition), rulebook, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["has_rulebook"] is True
    assert rules_of(edition) == {
        "citywide": ("approval", [], 5),
        "district": ("approval", [], 5),
        "thematic": ("ordinal", [3, 2, 1], 5),
    }
    entries = AuditEntry.objects.filter(action="rulebook_changed").order_by("id")
    assert [e.payload["preset"] for e in entries] == ["gdansk", ""]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rules": {"citywide": {"vote_rule": "plurality"}}}, "citywide.vote_rule"),
        ({"rules": ["approval"]}, "rules"),
        ({"rules": {"citywide": {"vote_rule": "ordinal", "ordinal_points": [1, 2]}}}, "citywide"),
        ({"preset": ["krakow"]}, "preset"),
        ({"preset": "warszawa"}, "preset"),
    ],
)
def test_rulebook_api_refuses_bad_input_naming_the_field(api_as, staff, change, field):
    edition = EditionFactory(year=2030)
    response = api_as(staff).put(api_url(edition), change, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not PoolRule.objects.exists()


def test_rulebook_api_is_409_once_voting_started(api_as, staff, voting):
    edition = voting[0]
    response = api_as(staff).put(api_url(edition), {"preset": "krakow"}, format="json")
    assert response.status_code == 409
    assert "Głosowanie już się rozpoczęło" in response.json()["error"]["message"]
    assert api_as(staff).get(api_url(edition)).json()["editable"] is False


def test_only_staff_change_the_rulebook(api, api_as, make_user, submission):
    edition = submission[0]
    for role in (Role.RESIDENT, Role.VERIFIER, Role.COORDINATING_TEAM):
        response = api_as(make_user(role)).put(
            api_url(edition), {"preset": "krakow"}, format="json"
        )
        assert response.status_code == 403, role
    assert api.put(api_url(edition), {"preset": "krakow"}, format="json").status_code == 403
    assert not PoolRule.objects.exists()
    # The rules of a published edition are public (its page states them); a draft's are not.
    assert api.get(api_url(edition)).status_code == 200
    draft = EditionFactory(year=2031)
    assert api_as(make_user(Role.RESIDENT)).get(api_url(draft)).status_code == 404
