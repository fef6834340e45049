"""Budget transitions produce one notice and one e-mail per recipient, through real SMTP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budget.models import SupportSignature
from budget.selectors import edition_participants
from notifications.models import Follow, Mode, Notification, Preference, Subscriber
from tests.budget.factories import ProposalFactory
from workflows.accounts.models import Role


def take(client, obj, kind, name, **data):
    return client.post(
        f"/api/v1/workflows/{kind}/{obj.pk}/transitions/{name}/", data, format="json"
    )


def follow(user, obj):
    Follow.objects.create(user=user, subject=obj)


@pytest.fixture
def mailed_author(author):
    author.email = "autorka@example.org"
    author.save()
    return author


@pytest.fixture
def staff_member(make_user):
    return make_user(Role.COUNCIL_STAFF, username="urzednik", email="urzad@example.org")


@pytest.mark.django_db
def test_rejection_tells_the_author_once_with_the_appeal_deadline(
    api_as, smtp, work, mailed_author, staff_member, submission
):
    edition, city, _ = submission
    proposal = ProposalFactory(pool=city, author=mailed_author, state="submitted")
    response = take(
        api_as(staff_member), proposal, "proposal", "reject_formally", reason="Poza gminą."
    )
    assert response.status_code == 200
    assert smtp.messages == []  # nothing is sent in the request
    work()
    work()  # a second run of the worker sends nothing more
    [notice] = Notification.objects.filter(recipient=mailed_author)
    assert notice.event == "proposal_rejected" and notice.emailed_at is not None
    [mail] = smtp.to("autorka@example.org")
    body = mail.get_content()
    appeals = edition.phases.get(kind="appeals").closes_at
    assert "Poza gminą." in body
    assert timezone.localtime(appeals).strftime("%d.%m.%Y %H:%M") in body
    assert "/powiadomienia/wypisz/" in mail["List-Unsubscribe"]
    assert not Notification.objects.filter(recipient=staff_member).exists()  # the actor
    assert smtp.to("urzad@example.org") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "transition", "data", "event"),
    [
        ("submitted", "pass_formal_check", {"unit": "UNIT"}, "proposal_verified"),
        ("submitted", "reject_formally", {"reason": "Poza gminą."}, "proposal_rejected"),
        ("appealed", "uphold_appeal", {"reason": "Zasadne."}, "appeal_decided"),
        ("appealed", "dismiss_appeal", {"reason": "Bezzasadne."}, "appeal_decided"),
    ],
)
def test_each_proposal_event_mails_each_author_once(
    api_as, smtp, work, mailed_author, make_user, staff_member, unit, submission,
    start, transition, data, event,
):  # fmt: skip
    _, city, _ = submission
    coauthor = make_user(email="wspolautor@example.org")
    proposal = ProposalFactory(pool=city, author=mailed_author, state=start)
    proposal.coauthors.add(coauthor)
    data = {k: unit.pk if v == "UNIT" else v for k, v in data.items()}
    assert take(api_as(staff_member), proposal, "proposal", transition, **data).status_code == 200
    work()
    for person in (mailed_author, coauthor):
        assert list(
            Notification.objects.filter(recipient=person).values_list("event", flat=True)
        ) == [event]
        assert len(smtp.to(person.email)) == 1


@pytest.mark.django_db
def test_correction_notice_carries_the_correction_deadline(
    api_as, smtp, work, mailed_author, staff_member, submission
):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=mailed_author, state="submitted")
    url = f"/api/v1/budget/proposals/{proposal.pk}/correction/"
    assert (
        api_as(staff_member).post(url, {"reason": "Brak mapy."}, format="json").status_code == 200
    )
    work()
    proposal.refresh_from_db()
    [mail] = smtp.to(mailed_author.email)
    due = timezone.localtime(proposal.correction_due).strftime("%d.%m.%Y %H:%M")
    assert due in mail.get_content() and "Brak mapy." in mail.get_content()


@pytest.mark.django_db
def test_admission_by_the_units_verifier_tells_the_author(
    api_as, smtp, work, mailed_author, verifier, unit, submission
):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=mailed_author, state="formally_passed", unit=unit)
    assessment = {
        "verified_cost": "200000", "feasible": True, "legal": True,
        "land_ownership": "city", "maintenance_cost": "5000",
    }  # fmt: skip
    url = f"/api/v1/budget/proposals/{proposal.pk}/assessment/"
    assert api_as(verifier).post(url, assessment, format="json").status_code in (200, 201)
    assert take(api_as(verifier), proposal, "proposal", "accept_for_ballot").status_code == 200
    work()
    assert Notification.objects.get(recipient=mailed_author).event == "proposal_admitted"
    assert len(smtp.to(mailed_author.email)) == 1


@pytest.mark.django_db
def test_followers_hear_of_a_change_in_their_language(
    api_as, smtp, work, mailed_author, staff_member, follower, make_user, submission
):
    edition, _, district_pool = submission
    proposal = ProposalFactory(pool=district_pool, author=mailed_author, state="submitted")
    english = make_user(email="reader@example.org")
    Subscriber.objects.create(user=english, language="en")
    follow(follower, proposal)
    follow(follower, edition)  # two follows, still one notice
    follow(english, district_pool.district)
    take(api_as(staff_member), proposal, "proposal", "reject_formally", reason="Poza gminą.")
    work()
    for person in (follower, english):
        [notice] = Notification.objects.filter(recipient=person)
        assert notice.event == "followed_changed"
        assert len(smtp.to(person.email)) == 1
    assert "odrzucony" in smtp.to(follower.email)[0].get_content()
    english_mail = smtp.to("reader@example.org")[0]
    assert english_mail["Content-Language"] == "en"
    assert "rejected" in english_mail.get_content()


@pytest.mark.django_db
def test_voting_opens_and_closes_for_followers_of_the_edition(
    api_as, smtp, work, staff_member, follower, edition_in
):
    edition, _, _ = edition_in("appeals", "voting")
    follow(follower, edition)
    assert take(api_as(staff_member), edition, "edition", "open_voting").status_code == 200
    work()
    assert Notification.objects.get(recipient=follower).event == "voting_opened"
    edition.phases.filter(kind="voting").update(closes_at=timezone.now() - timedelta(minutes=1))
    assert take(api_as(staff_member), edition, "edition", "close_voting").status_code == 200
    work()
    events = Notification.objects.filter(recipient=follower).values_list("event", flat=True)
    assert sorted(events) == ["voting_closed", "voting_opened"]
    assert len(smtp.to(follower.email)) == 2


@pytest.fixture
def participants(make_user, edition_in):
    """An edition before voting, and who took part in it: an author, a co-author and a
    supporter; then who did not: the author of a mere draft, the author in another
    edition."""

    edition, city, district = edition_in("appeals", "voting")
    people = {
        name: make_user(username=name, email=f"{name}@example.org")
        for name in ("tworca", "wspolautor", "popierajacy", "szkic", "obcy")
    }
    on_ballot = ProposalFactory(pool=city, author=people["tworca"], state="on_ballot")
    on_ballot.coauthors.add(people["wspolautor"])
    rejected = ProposalFactory(pool=district, author=people["tworca"], state="rejected")
    SupportSignature.objects.create(proposal=rejected, user=people["popierajacy"])
    ProposalFactory(pool=city, author=people["szkic"], state="draft")
    _, other_city, _ = edition_in("appeals", "voting")
    ProposalFactory(pool=other_city, author=people["obcy"], state="on_ballot")
    return edition, people


@pytest.mark.django_db
def test_authors_and_supporters_hear_that_voting_opens_and_closes(
    api_as, smtp, work, staff_member, participants
):
    edition, people = participants
    assert take(api_as(staff_member), edition, "edition", "open_voting").status_code == 200
    work()
    edition.phases.filter(kind="voting").update(closes_at=timezone.now() - timedelta(minutes=1))
    assert take(api_as(staff_member), edition, "edition", "close_voting").status_code == 200
    work()
    told = {"tworca", "wspolautor", "popierajacy"}
    for name, person in people.items():
        events = sorted(
            Notification.objects.filter(recipient=person).values_list("event", flat=True)
        )
        assert events == (["voting_closed", "voting_opened"] if name in told else []), name
        assert len(smtp.to(person.email)) == (2 if name in told else 0), name


@pytest.mark.django_db
def test_the_participants_of_an_edition_are_read_in_one_query(
    django_assert_num_queries, participants, make_user
):
    edition, _ = participants
    for _n in range(5):  # more authors, supporters, co-authors: still one query
        proposal = ProposalFactory(pool=edition.pools.first(), author=make_user(), state="accepted")
        proposal.coauthors.add(make_user())
        SupportSignature.objects.create(proposal=proposal, user=make_user())
    with django_assert_num_queries(1):
        found = list(edition_participants(edition))
    assert len(found) == 3 + 15
    assert {"szkic", "obcy"}.isdisjoint(u.username for u in found)


@pytest.mark.django_db
def test_never_means_no_mail_but_still_a_notice(
    api_as, smtp, work, mailed_author, staff_member, submission
):
    _, city, _ = submission
    Preference.objects.create(user=mailed_author, event="proposal_rejected", mode=Mode.NEVER)
    proposal = ProposalFactory(pool=city, author=mailed_author, state="submitted")
    take(api_as(staff_member), proposal, "proposal", "reject_formally", reason="Poza gminą.")
    work()
    assert Notification.objects.filter(recipient=mailed_author).count() == 1
    assert smtp.messages == []


@pytest.mark.django_db
def test_a_rolled_back_transition_tells_nobody(
    api_as, smtp, work, mailed_author, staff_member, submission
):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=mailed_author, state="submitted")
    # No reason: refused with 400, so nothing commits and nothing is enqueued.
    assert take(api_as(staff_member), proposal, "proposal", "reject_formally").status_code == 400
    work()
    assert not Notification.objects.exists() and smtp.messages == []
