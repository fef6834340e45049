"""What follows a round's transition, whichever path took it (our services or the generic
workflow API): the deadlines the scheduler fires, and the implementation reports owed.

These are the only writes outside a service, kept here in one place on purpose: the engine
lets staff take any transition through its generic endpoint, and the deadlines must follow.
"""

from datetime import date, time, timedelta

from django_fsm.signals import post_transition

from workflows.deadlines import set_deadline
from workflows.timeutil import local_datetime

WINDOW_BASIS = "Termin konsultacji ogłoszony przy publikacji projektów programu"
REPORT_BASIS = "Art. 5a ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie"


def after_programme_transition(sender, instance, name, **kwargs) -> None:
    if name == "publish_drafts":
        set_deadline(instance, "open_comments", instance.comments_open_at, WINDOW_BASIS)
        set_deadline(instance, "close_comments", instance.comments_close_at, WINDOW_BASIS)
    elif name == "record_council_vote":
        owe_implementation_reports(instance)


def owe_implementation_reports(programme) -> None:
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


def connect() -> None:
    from .models import Programme

    post_transition.connect(
        after_programme_transition, sender=Programme, dispatch_uid="consultations.effects"
    )
