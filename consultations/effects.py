"""What follows a round's transition, whichever path takes it (our services, the generic
workflow API, the staff panel or the scheduler): the deadlines the scheduler fires, and the
implementation reports owed. Declared as the programme's effects in apps.py; advance() runs
them in the transition's transaction.
"""

from datetime import date, time, timedelta

from workflows.deadlines import set_deadline
from workflows.timeutil import local_datetime

WINDOW_BASIS = "Termin konsultacji ogłoszony przy publikacji projektów programu"
REPORT_BASIS = "Art. 5a ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie"


def set_comment_window(programme, *, by, payload) -> None:
    """Publishing the drafts announces the comment window; the scheduler opens and closes it."""

    set_deadline(programme, "open_comments", programme.comments_open_at, WINDOW_BASIS)
    set_deadline(programme, "close_comments", programme.comments_close_at, WINDOW_BASIS)


def owe_implementation_reports(programme, *, by, payload) -> None:
    """One report per year of the period, due 31 May of the following year."""

    from .models import ImplementationReport

    for year in range(programme.year_from, programme.year_to + 1):
        due = date(year + 1, 5, 31)
        report, _ = ImplementationReport.objects.get_or_create(
            programme=programme, year=year, defaults={"due_on": due}
        )
        # Overdue from the first moment of 1 June, Warsaw time.
        set_deadline(
            report,
            "mark_overdue",
            local_datetime(due + timedelta(days=1), time(0, 0)),
            REPORT_BASIS,
        )


def apply_suggestion(suggestion, *, by, payload) -> dict:
    """An accepted suggestion becomes part of the chapter's next version, its origin kept."""

    from .services.suggestions import put_into_draft

    return put_into_draft(
        suggestion, by=by, anchor=payload.get("anchor", ""), kind=payload.get("kind", "")
    )
