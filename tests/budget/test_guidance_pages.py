"""The edition's pages say where it stands; submit and vote are not offered outside their window."""

from django.urls import reverse

from tests.budget.factories import ProposalFactory


def test_edition_page_names_the_current_phase_and_how_to_vote(db, client, voting):
    edition = voting[0]
    body = client.get(reverse("budget:edition", args=[edition.year])).content.decode()
    assert "Etap 4 z 5: głosowanie, do" in body
    assert "Możesz zagłosować" in body
    assert reverse("budget:vote", args=[edition.year]) in body


def test_proposal_form_is_not_offered_after_submission_closed(client, resident, edition_in):
    edition, _city, _district = edition_in("verification", "verification")
    client.force_login(resident)
    body = client.get(reverse("budget:proposal-new", args=[edition.year])).content.decode()
    assert "Teraz nie można zgłosić projektu." in body
    assert "jest możliwe tylko w terminie" in body
    assert 'name="title"' not in body


def test_proposal_form_is_offered_in_submission(client, resident, submission):
    client.force_login(resident)
    body = client.get(reverse("budget:proposal-new", args=[submission[0].year])).content.decode()
    assert 'name="title"' in body


def test_voting_page_outside_voting_gives_the_reason(client, resident, submission):
    client.force_login(resident)
    body = client.get(reverse("budget:vote", args=[submission[0].year])).content.decode()
    assert "Głosowanie w tej edycji nie jest otwarte." in body
    assert "Możliwe od" in body


def test_costs_are_written_with_the_money_filter(client, author, submission):
    edition, city, _district = submission
    ProposalFactory(pool=city, author=author, state="on_ballot", estimated_cost=150000)
    body = client.get(reverse("budget:proposals", args=[edition.year])).content.decode()
    assert "150\u00a0000\u00a0zł" in body or "150\u00a0000,00\u00a0zł" in body
    assert "150,000" not in body


def test_refused_ballot_keeps_the_choices(client, voting):
    edition, city, _district, cp, _dp = voting
    url = reverse("budget:vote", args=[edition.year])
    response = client.post(url, {f"pool-{city.pk}": [p.pk for p in cp], "krok": "potwierdz"})
    assert response.status_code == 400
    body = response.content.decode()
    for p in cp:
        assert f'id="p{p.pk}" name="pool-{city.pk}" value="{p.pk}" checked' in body


def test_back_from_confirmation_keeps_the_choices(client, voting):
    edition, city, _district, cp, _dp = voting
    url = reverse("budget:vote", args=[edition.year])
    body = client.post(url, {f"pool-{city.pk}": [cp[1].pk], "krok": "zmien"}).content.decode()
    assert f'value="{cp[1].pk}" checked' in body
    assert f'value="{cp[0].pk}" checked' not in body


def test_proposals_are_cards_with_cost_pool_and_category(client, author, submission):
    edition, city, _district = submission
    ProposalFactory(pool=city, author=author, state="on_ballot", title="Łąka kwietna")
    body = client.get(reverse("budget:proposals", args=[edition.year])).content.decode()
    card = body.split('class="card-grid proposal-cards"')[1].split("</ul>")[0]
    assert "Łąka kwietna" in card and city.name in card and "Kategoria" in card
