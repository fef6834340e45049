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
    if programme.council_opinion_on:
        paragraphs.append(
            "Opinię rady działalności pożytku publicznego wydano "
            f"{programme.council_opinion_on:%d.%m.%Y} i dołączono do projektu uchwały."
        )
    return paragraphs


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
