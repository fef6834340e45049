"""Generated parts of the programme's text."""

from django.db.models import Count, Q

from workflows.selectors import history
from workflows.timeutil import format_local

from .models import Programme


def creation_section(programme: Programme) -> list[str]:
    """Art. 5a ust. 4 pkt 10: how the programme was created and how the consultation went,
    written from the round's own data (dates, teams, meetings, comments, answers)."""

    chapters = list(programme.chapters.select_related("sector_team"))
    counts = programme.comments.aggregate(
        total=Count("id"),
        organisations=Count("organisation", distinct=True),
        accepted=Count("id", filter=Q(answer__decision__in=["accepted", "partly"])),
    )
    paragraphs = []
    if chapters:
        teams = ", ".join(c.sector_team.name for c in chapters)
        paragraphs.append(
            f"Projekt programu przygotowało {len(chapters)} zespołów sektorowych: {teams}."
        )
    meetings = meeting_count(programme)
    if meetings:
        paragraphs.append(f"Zespoły sektorowe odbyły {meetings} spotkań.")
    if programme.comments_open_at and programme.comments_close_at:
        paragraphs.append(
            "Projekt poddano konsultacjom; uwagi zbierano od "
            f"{format_local(programme.comments_open_at)} do "
            f"{format_local(programme.comments_close_at)}."
        )
        paragraphs.append(
            f"Zgłoszono {counts['total']} uwag, w tym od {counts['organisations']} organizacji "
            f"pozarządowych; uwzględniono w całości lub w części {counts['accepted']}. "
            "Odpowiedzi na wszystkie uwagi zawiera raport z konsultacji."
        )
    published = history(programme).filter(action="publish_report").last()
    if published:
        paragraphs.append(f"Raport z konsultacji opublikowano {format_local(published.at)}.")
    paragraphs += opinions_section(programme)
    return paragraphs


def opinions_section(programme: Programme) -> list[str]:
    """The bodies' opinions on the programme and its chapters (bodies app). A programme from
    before the bodies app has only the date of the council's opinion, attached as a file:
    it is read when no body's opinion on the programme is on record."""

    from bodies.models import BodyKind, OpinionState
    from bodies.selectors import programme_opinions

    opinions = list(programme_opinions(programme))
    paragraphs = []
    on_programme = [o for o in opinions if o.content_type_id == _type_of(programme)]
    for opinion in on_programme:
        if opinion.is_adopted:
            late = " (po terminie)" if opinion.late else ""
            paragraphs.append(
                f"Opinia: {opinion.body.name} — {opinion.get_stance_display()}, podjęta "
                f"{opinion.adopted_on:%d.%m.%Y}{late}; dołączono ją do projektu uchwały."
            )
        elif opinion.state == OpinionState.NOT_GIVEN:
            paragraphs.append(
                f"Opinia: {opinion.body.name} — brak opinii w wyznaczonym terminie "
                f"(do {opinion.due_on:%d.%m.%Y})."
            )
    has_rdpp = any(
        o.body.kind == BodyKind.RDPP and o.state in (OpinionState.ADOPTED, OpinionState.NOT_GIVEN)
        for o in on_programme
    )
    if programme.council_opinion_on and not has_rdpp:
        paragraphs.append(
            "Opinię rady działalności pożytku publicznego wydano "
            f"{programme.council_opinion_on:%d.%m.%Y} i dołączono do projektu uchwały."
        )
    on_chapters = sum(o.is_adopted for o in opinions if o not in on_programme)
    if on_chapters:
        paragraphs.append(
            f"Opinie organów doradczych o rozdziałach programu: {on_chapters}; "
            "opublikowano je wraz z projektem."
        )
    return paragraphs


def _type_of(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(type(obj)).pk


def meeting_count(programme: Programme) -> int:
    """Meetings of the programme's sector teams held while it was drafted (meetings app)."""

    from django.apps import apps

    try:
        meeting = apps.get_model("meetings", "Meeting")
    except LookupError:
        return 0
    meetings = meeting.objects.filter(
        team__in=programme.chapters.values("sector_team"), starts_at__gte=programme.created_at
    )
    if programme.comments_open_at:
        meetings = meetings.filter(starts_at__lt=programme.comments_open_at)
    return meetings.count()
