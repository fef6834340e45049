"""Demo meetings of the standing bodies, held through the meeting room's own services: the
Civic Dialogue Commissions adopt their opinions on their chapters by vote (one of them meets
soon, its vote still to take), the RDPP adopts its work plan, and each district council
meets and gives its opinions on the civic-budget projects of its district.

Called by bodies.demo.load. Idempotent: a body's meeting is found by its title.
"""

from datetime import timedelta

from django.utils import timezone

from consultations.meetings import services
from consultations.meetings.models import Meeting
from consultations.models import Chapter
from consultations.selectors import PUBLIC_STATES

from .models import Body, BodyKind, MemberRole, Membership, OpinionRequest, OpinionState

PLACE = "Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala Portretowa"
# The commission's field → its sector team's chapter (consultations demo slugs).
FIELDS = {"Ekologia": "ekologia", "Kultura": "kultura", "Sport": "sport"}
CHAPTER_OPINION = (
    "Komisja opiniuje rozdział pozytywnie. Prosi o dopisanie działania, które zapewni "
    "organizacjom z dzielnic udział w konkursach ofert na równych zasadach."
)
# The action the opinion asks for, as wording: a suggestion on the chapter's draft.
CHAPTER_WORDING = (
    "Zapewnienie organizacjom działającym w dzielnicach udziału w otwartych konkursach ofert "
    "na równych zasadach, m.in. przez dyżury konsultacyjne w radach dzielnic."
)
PROJECT_OPINION = "Rada dzielnicy opiniuje projekt pozytywnie: odpowiada potrzebom mieszkańców."


def chapter_of(field: str) -> Chapter | None:
    slug = FIELDS.get(field)
    return (
        Chapter.objects.filter(sector_team__slug=slug, programme__state__in=PUBLIC_STATES)
        .order_by("-programme__year_from", "-pk")
        .first()
    )


def _chair(body: Body):
    today = timezone.localdate()
    chair = Membership.objects.in_term(today).filter(body=body, role=MemberRole.CHAIR).first()
    return chair.person if chair else None


def hold(body: Body, *, title: str, agenda: str, motions: list[dict], staff, when, held=True):
    """Plan a meeting of `body`; when `held`, the chair runs it: every motion put to the vote,
    every member in term votes for, the minutes are published."""

    if Meeting.objects.filter(body=body, title=title).exists():
        return None
    chair = _chair(body)
    if chair is None:
        return None
    meeting = services.create_meeting(
        body=body,
        by=staff,
        title=title,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        place=PLACE if body.kind != BodyKind.DISTRICT_COUNCIL else f"Siedziba {body.name}",
        agenda=[{"title": agenda}, {"title": "Sprawy różne"}],
    )
    if not held:
        return meeting
    services.open_meeting(meeting=meeting, by=chair)
    item = meeting.items.get(position=1)
    services.open_item(meeting=meeting, item_id=item.pk, by=chair)
    members = list(Membership.objects.in_term(timezone.localdate()).filter(body=body))
    for motion in motions:
        services.put_to_vote(meeting=meeting, by=chair, **motion)
        for member in members:
            services.cast_vote(meeting=meeting, user=member.person, vote="for")
        services.close_vote(meeting=meeting, by=chair)
    services.close_item(meeting=meeting, by=chair)
    services.close_meeting(meeting=meeting, by=chair)
    services.publish_minutes(meeting=meeting, by=chair)
    return meeting


def _opinion_motion(
    opinion: OpinionRequest | None, text: str, stance: str, **wording: str
) -> list[dict]:
    if opinion is None or opinion.state != OpinionState.REQUESTED:
        return []
    return [
        {"kind": "opinion", "opinion_id": opinion.pk, "stance": stance, "text": text, **wording}
    ]


def load(*, rdpp: Body, commissions: dict[str, Body], ask, staff) -> int:
    """Returns how many meetings were added."""

    now = timezone.localtime()
    today = now.date()
    added = []
    for index, (field, commission) in enumerate(commissions.items()):
        chapter = chapter_of(field)
        opinion = (
            ask(commission, chapter, f"Opinia o rozdziale: {chapter.title}", today + timedelta(14))
            if chapter
            else None
        )
        # The first commission meets in an hour: its chair can run the vote in the demo.
        held = index > 0
        added.append(
            hold(
                commission,
                title=f"Posiedzenie: {commission.name}",
                agenda="Opinia o rozdziale programu współpracy",
                motions=_opinion_motion(
                    opinion,
                    CHAPTER_OPINION,
                    "with_remarks",
                    wording=CHAPTER_WORDING,
                    section="actions",
                ),
                staff=staff,
                when=now - timedelta(days=3) if held else now + timedelta(hours=1),
                held=held,
            )
        )
    added.append(
        hold(
            rdpp,
            title="Posiedzenie Rady Działalności Pożytku Publicznego",
            agenda="Plan pracy Rady",
            motions=[{"text": f"Rada przyjmuje plan pracy na rok {today.year + 1}."}],
            staff=staff,
            when=now - timedelta(days=10),
        )
    )
    for council in Body.objects.filter(kind=BodyKind.DISTRICT_COUNCIL).order_by("district"):
        pending = OpinionRequest.objects.filter(body=council, state=OpinionState.REQUESTED)
        motions = [{"text": "Rada przyjmuje plan pracy na kolejny kwartał."}]
        for opinion in pending:
            motions += _opinion_motion(opinion, PROJECT_OPINION, "positive")
        added.append(
            hold(
                council,
                title=f"Sesja {council.name}",
                agenda="Opinie o projektach budżetu obywatelskiego w dzielnicy",
                motions=motions,
                staff=staff,
                when=now - timedelta(days=2),
            )
        )
    return sum(1 for meeting in added if meeting is not None)
