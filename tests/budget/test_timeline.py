"""A proposal's page shows its history as a timeline: each decision in order, when, who in
role terms (never a clerk's login), and the public reason."""

import re

import pytest
from django.urls import reverse

from budget.selectors import proposal_timeline

from .factories import ProposalFactory
from .test_proposals import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(api_as, author, staff, verifier, unit, submission):
    """Submitted by its author, passed by the office to ZZM, rejected there on merit."""

    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="draft", description="Opis")
    assert take(api_as(author), proposal, "submit").status_code == 200
    assert take(api_as(staff), proposal, "pass_formal_check", unit=unit.pk).status_code == 200
    response = take(
        api_as(verifier), proposal, "reject_on_merit", reason="Teren należy do Skarbu Państwa."
    )
    assert response.status_code == 200
    return proposal


def entries(page: str) -> list[str]:
    items = re.findall(r'<li class="timeline__item[^"]*">(.*?)</li>', page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip() for item in items]


def test_timeline_lists_each_decision_in_order_with_role_and_reason(client, decided):
    page = client.get(reverse("budget:proposal", args=[decided.pk])).content.decode()
    rows = entries(page)
    assert len(rows) == 3
    assert rows[0].startswith("Złóż projekt → złożony") and "autor projektu" in rows[0]
    assert rows[1].startswith("Ocena formalna pozytywna → ocena formalna pozytywna")
    assert "urząd miasta" in rows[1]
    assert rows[2].startswith("Odrzuć po weryfikacji merytorycznej → odrzucony")
    assert "jednostka weryfikująca: Zarząd Zieleni Miejskiej" in rows[2]
    assert rows[2].endswith("Teren należy do Skarbu Państwa.")
    # Roles, not the clerks' logins.
    assert "verifier" not in page and ">staff<" not in page


def test_timeline_entries_carry_machine_readable_dates_in_order(client, decided):
    page = client.get(reverse("budget:proposal", args=[decided.pk])).content.decode()
    stamps = re.findall(r'<li class="timeline__item.*?<time datetime="([^"]+)"', page, re.S)
    assert len(stamps) == 3 and stamps == sorted(stamps)


def test_timeline_is_read_in_one_query(decided, django_assert_num_queries):
    proposal = type(decided).objects.select_related("unit").get(pk=decided.pk)
    proposal_timeline(proposal)  # the content type is cached from then on
    with django_assert_num_queries(1):
        timeline = proposal_timeline(proposal)
    assert [e.to_state for e in timeline] == ["submitted", "formally_passed", "rejected"]


def test_a_proposal_without_decisions_says_so(client, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert "Projekt nie ma jeszcze historii decyzji." in page
