"""Demo: a chapter revised before publication (its versions compared on the diff page), and a
sector team meeting whose consensus waits on the draft of the chapter being written."""

from datetime import time, timedelta

from django.utils import timezone

from workflows.timeutil import local_datetime

from ..meetings import services as meetings
from ..services import chapters as chapter_services

REVISION_NOTE = "Poprawki po spotkaniu zespołu: doprecyzowano słabe strony, dodano szansę."
WEAKNESS = (
    "Roczne umowy i późne rozstrzygnięcia konkursów utrudniają organizacjom planowanie "
    "działań na kolejny rok."
)
OPPORTUNITY = "Wieloletnie umowy w otwartych konkursach ofert dają organizacjom stabilność."
AGENDA = [
    {"title": "Cele współpracy na kolejny rok", "section": "goals"},
    {"title": "Konkretne działania", "section": "actions"},
]
CONSENSUS = [
    "Dodać cel: stabilne, wieloletnie finansowanie zadań zleconych organizacjom.",
    "Dodać działanie: konsultowanie ogłoszeń konkursowych z organizacjami przed ich publikacją.",
]


def _blocks(version) -> list[dict]:
    return [
        {
            "anchor": b.anchor,
            "kind": b.kind,
            "text": b.text,
            "responsible_unit": b.responsible_unit,
            "indicator": b.indicator,
            "budget_estimate": b.budget_estimate,
            "task_areas": [a.number for a in b.task_areas.all()],
            "strategy_goals": [g.code for g in b.strategy_goals.all()],
        }
        for b in version.blocks.all()
    ]


def revise(chapter, staff) -> None:
    """Version 2 of a published chapter: a weakness reworded and an opportunity added."""

    blocks = _blocks(chapter.versions.get(number=1))
    for n, block in enumerate(blocks):
        if block["kind"] == "weakness":
            block["text"] = WEAKNESS
        if block["kind"] == "opportunity":
            blocks.insert(n + 1, {"kind": "opportunity", "text": OPPORTUNITY})
            break
    version = chapter_services.create_version(
        by=staff, chapter=chapter, blocks=blocks, note=REVISION_NOTE
    )
    chapter_services.publish_version(by=staff, version=version)


def team_meeting(team, year: int) -> None:
    """Yesterday's meeting of the team, its minutes published: each item ended in a
    consensus that the team's writers can accept into the chapter or reject."""

    moderator = team.moderator
    start = local_datetime(timezone.localdate() - timedelta(days=1), time(17, 0))
    meeting = meetings.create_meeting(
        team=team,
        by=moderator,
        title=f"Spotkanie zespołu: cele i działania na {year} rok",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala 201",
        agenda=AGENDA,
    )
    meetings.open_meeting(meeting=meeting, by=moderator)
    for item, text in zip(meeting.items.order_by("position"), CONSENSUS, strict=True):
        meetings.open_item(meeting=meeting, item_id=item.pk, by=moderator)
        meetings.record_decision(meeting=meeting, by=moderator, outcome="consensus", text=text)
        meetings.close_item(meeting=meeting, by=moderator, item_id=item.pk)
    meetings.close_meeting(meeting=meeting, by=moderator)
    meetings.publish_minutes(meeting=meeting, by=moderator)
