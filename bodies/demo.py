"""Demo bodies: the city's public-benefit council, three Civic Dialogue Commissions and the
18 district councils, with members and opinions on the demo's programmes and proposals.

Runs after the consultations and budget demos (INSTALLED_APPS order) and asks through the
real services and the engine. Idempotent: bodies are found by name, requests by subject.
"""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from budget.models import Edition, EditionState
from consultations.models import Programme
from consultations.models.programme import State
from districts.models import District
from workflows.accounts.models import Organisation, User
from workflows.services import advance

from . import demo_meetings
from .consultations import comment_add, consultation_create
from .models import Body, BodyKind, Membership, OpinionRequest, OpinionState
from .services import request_district_opinions, request_opinion

TERM = (date(2024, 1, 1), date(2027, 12, 31))
RDPP = "Rada Działalności Pożytku Publicznego Krakowa"
# Kraków's Civic Dialogue Commissions bring together representatives of 114 NGOs (the
# city's cooperation report for 2019); three of them, by field.
COMMISSIONS = [
    ("Komisja Dialogu Obywatelskiego ds. Ekologii", "Ekologia"),
    ("Komisja Dialogu Obywatelskiego ds. Kultury", "Kultura"),
    ("Komisja Dialogu Obywatelskiego ds. Sportu i Rekreacji", "Sport"),
]
MEMBERS = [
    ("rdpp-przewodniczaca", "Barbara Dialogowa", "chair"),
    ("rdpp-sekretarz", "Łukasz Protokołowy", "secretary"),
    ("rdpp-czlonek1", "Agnieszka Pożytkowa", "member"),
    ("rdpp-czlonek2", "Stanisław Radny", "member"),
    ("rdpp-czlonek3", "Helena Samorządna", "member"),
]
# Before the council vote the programme waits for the RDPP's opinion (bodies.conditions).
OPINION = "Rada opiniuje projekt pozytywnie, z uwagami do rozdziału o ekologii."
BEFORE_COUNCIL = {
    State.COMMENTS_OPEN,
    State.COMMENTS_CLOSED,
    State.ANSWERING,
    State.FINAL_TEXT_PREPARED,
}
AT_COUNCIL = {
    State.REPORT_PUBLISHED,
    State.SUBMITTED,
    State.FIRST_READING,
    State.SECOND_READING,
    State.ADOPTED,
}


def _person(username: str, name: str, password: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"display_name": name})
    if created:
        user.password = password
        user.save(update_fields=["password"])
    return user


def _body(name: str, kind: str, legal_basis: str, district=None) -> Body:
    body, _ = Body.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind,
            "legal_basis": legal_basis,
            "term_start": TERM[0],
            "term_end": TERM[1],
            "district": district,
        },
    )
    return body


def _member(body: Body, person: User, role: str, organisation=None) -> None:
    Membership.objects.get_or_create(
        body=body,
        person=person,
        defaults={"role": role, "term_start": TERM[0], "organisation": organisation},
    )


def _ask(body: Body, target, subject: str, due: date, staff: User) -> OpinionRequest:
    found = OpinionRequest.objects.filter(
        body=body,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
    ).first()
    return found or request_opinion(by=staff, body=body, target=target, subject=subject, due_on=due)


def _adopt(opinion: OpinionRequest, text: str, day: date) -> None:
    if opinion.state != OpinionState.REQUESTED:
        return
    members = list(Membership.objects.in_term(day).filter(body=opinion.body_id))
    chair = next(m.person for m in members if m.role == "chair")
    advance(
        opinion,
        "adopt",
        by=chair,
        text=text,
        stance="with_remarks",
        procedure="meeting",
        adopted_on=day,
        present=[m.person_id for m in members],
        votes={m.person_id: "for" for m in members},
    )


PRIORITIES = (
    "Rada Dzielnicy proponuje na rok {year} trzy priorytety:\n"
    "1. Zieleń osiedlowa: nowe nasadzenia drzew przy szkołach i przystankach.\n"
    "2. Bezpieczne przejścia dla pieszych w drodze do szkół.\n"
    "3. Zajęcia dla seniorów w klubach dzielnicowych."
)
RESIDENT_COMMENTS = [
    ("mieszkaniec", "Proszę dopisać doświetlenie przejść przy szkole podstawowej."),
    ("mieszkaniec2", "Zajęcia dla seniorów także w soboty."),
]


def _district_consultations(staff: User, today: date) -> int:
    """Each district council consults its priorities for next year with its residents."""

    year = today.year + 1
    closes = timezone.now() + timedelta(days=21)
    opened = 0
    councils = Body.objects.filter(kind=BodyKind.DISTRICT_COUNCIL).exclude(district=None)
    for council in councils.order_by("district__number"):
        title = f"Priorytety dzielnicy na rok {year}"
        if council.consultations.filter(title=title).exists():
            continue
        consultation = consultation_create(
            by=staff, body=council, title=title, text=PRIORITIES.format(year=year), closes_at=closes
        )
        advance(consultation, "open", by=staff)
        opened += 1
        if opened == 1:  # the first district's residents have already written in
            for username, text in RESIDENT_COMMENTS:
                author = User.objects.filter(username=username).first()
                if author:
                    comment_add(by=author, consultation=consultation, text=text, resident=True)
    return opened


@transaction.atomic
def load(stdout) -> None:
    staff = User.objects.filter(username="urzednik").first()
    if staff is None:
        return
    today = timezone.localdate()
    password = make_password(None)  # members sign in after a password reset
    rdpp = _body(
        RDPP, BodyKind.RDPP, "Uchwała nr CXII/1772/14 Rady Miasta Krakowa (art. 41e ustawy)"
    )
    for username, name, role in MEMBERS:
        _member(rdpp, _person(username, name, password), role)
    organisations = list(Organisation.objects.order_by("pk"))
    commissions = {}
    for index, (title, field) in enumerate(COMMISSIONS):
        commission = commissions[field] = _body(
            title,
            BodyKind.DIALOGUE_COMMISSION,
            "Zarządzenie Prezydenta Miasta Krakowa w sprawie Komisji Dialogu Obywatelskiego",
        )
        for n, role in enumerate(("chair", "secretary", "member")):
            person = _person(f"kdo{index + 1}-{n + 1}", f"KDO {field} — członek {n + 1}", password)
            org = organisations[(index + n) % len(organisations)] if organisations else None
            _member(commission, person, role, org)
    for district in District.objects.order_by("number"):
        council = _body(
            f"Rada Dzielnicy {district.roman} {district.name}",
            BodyKind.DISTRICT_COUNCIL,
            f"Statut Dzielnicy {district.roman} {district.name}",
            district,
        )
        chair = _person(
            f"rada-{district.number}", f"Przewodniczący Rady Dzielnicy {district.roman}", password
        )
        _member(council, chair, "chair")
        for n in (2, 3):
            name = f"Radny {n - 1} Dzielnicy {district.roman}"
            _member(council, _person(f"rada-{district.number}-{n}", name, password), "member")
    for programme in Programme.objects.filter(state__in=BEFORE_COUNCIL | AT_COUNCIL):
        subject = f"Projekt: {programme.title}"
        opinion = _ask(rdpp, programme, subject, today + timedelta(days=14), staff)
        # Out for comments: the RDPP is still considering the draft. Being answered or
        # further: it has given its opinion, so staff can take the programme to the council.
        if programme.state not in (State.COMMENTS_OPEN, State.COMMENTS_CLOSED):
            _adopt(opinion, OPINION, today)
    for edition in Edition.objects.filter(
        district_council_opinions=True,
        state__in=[EditionState.SUBMISSION, EditionState.VERIFICATION],
    ):
        request_district_opinions(by=staff, edition=edition, due_on=today + timedelta(days=10))
    meetings = demo_meetings.load(
        rdpp=rdpp,
        commissions=commissions,
        ask=lambda body, target, subject, due: _ask(body, target, subject, due, staff),
        staff=staff,
    )
    consulting = _district_consultations(staff, today)
    stdout.write(
        f"Bodies: {Body.objects.count()} (RDPP, commissions, district councils), "
        f"{OpinionRequest.objects.count()} opinion requests, {meetings} new meetings, "
        f"{consulting} district consultations opened: /organy/"
    )
