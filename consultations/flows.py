"""Who may take the round's transitions and when: permissions and conditions.

Imported by the models (no model imports here at module level).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.models import Role
from workflows.accounts.roles import has_role
from workflows.conditions import condition
from workflows.errors import InvalidInput
from workflows.timeutil import city_tz, end_of_day, format_local

# Kraków's rules on consulting acts with NGOs: comments are collected for at least 7 days.
MIN_COMMENT_DAYS = 7
MAX_TEXT = 10_000


def invalid(message, field: str):
    raise InvalidInput(str(message), field=field)


def is_coordinator(obj, user) -> bool:
    """Member of this programme's coordinating team, or holder of the city-wide role."""

    if not user or not user.is_authenticated:
        return False
    if has_role(user, Role.COORDINATING_TEAM) or has_role(user, Role.ADMINISTRATOR):
        return True
    programme = getattr(obj, "programme", obj)
    team = getattr(programme, "coordinating_team", None) if programme.pk else None
    return team is not None and team.members.filter(pk=user.pk).exists()


def wall_clock(moment):
    return timezone.localtime(moment, city_tz()).replace(tzinfo=None)


def check_comment_window(opens, closes) -> None:
    if closes <= opens:
        invalid(_("Koniec zbierania uwag musi być po jego początku."), "comments_close_at")
    # Counted on the Warsaw calendar: a window over the March DST change is one hour
    # shorter in absolute time, yet still seven days for the people commenting.
    if wall_clock(closes) - wall_clock(opens) < timedelta(days=MIN_COMMENT_DAYS):
        invalid(
            _("Uwagi zbiera się co najmniej %(days)d dni.") % {"days": MIN_COMMENT_DAYS},
            "comments_close_at",
        )


@condition
def has_chapters(programme):
    if not programme.chapters.exists():
        return _("Program nie ma jeszcze rozdziałów zespołów sektorowych.")
    return None


@condition
def every_chapter_published(programme):
    missing = programme.chapters.exclude(versions__published_at__isnull=False).count()
    if missing:
        return _("Rozdziały bez opublikowanej wersji: %(n)d.") % {"n": missing}
    return None


@condition
def window_started(programme):
    if programme.comments_open_at is None or timezone.now() < programme.comments_open_at:
        when = format_local(programme.comments_open_at) if programme.comments_open_at else "—"
        return _("Zbieranie uwag zaczyna się %(when)s.") % {"when": when}
    return None


@condition
def window_ended(programme):
    if programme.comments_close_at and timezone.now() < programme.comments_close_at:
        return _("Uwagi można zgłaszać do %(when)s; zamknięcie wcześniej nie jest możliwe.") % {
            "when": format_local(programme.comments_close_at)
        }
    return None


@condition
def every_comment_answered(programme):
    left = programme.comments.filter(answer__isnull=True).count()
    if left:
        return _("Bez odpowiedzi pozostało uwag: %(n)d. Odpowiedz na każdą uwagę.") % {"n": left}
    return None


@condition
def every_section_filled(programme):
    from .checklist import missing_sections

    missing = missing_sections(programme)
    if missing:
        # Art. 5a ust. 4 of the 2003 Act: what the programme must contain.
        return _("Brakuje sekcji programu (art. 5a ust. 4): %(list)s.") % {
            "list": "; ".join(missing)
        }
    return None


@condition
def report_due_passed(report):
    if timezone.now() <= end_of_day(report.due_on):
        return _("Termin sprawozdania mija %(day)s.") % {"day": report.due_on.strftime("%d.%m.%Y")}
    return None
