"""The yearly report on the cooperation programme (art. 5a ust. 3 of the 2003 Act): the
mayor submits it to the council by 31 May of the following year and publishes it.

Its figures are generated from the data (grants.report_figures) and kept as a snapshot, so a
submitted report does not change when later data does; staff add commentary per section.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.conditions import condition
from workflows.permissions import perm
from workflows.timeutil import end_of_day

# The sections of the report, in order; each may carry the city's commentary.
SECTIONS = [
    ("competitions", _lazy("Otwarte konkursy ofert")),
    ("agreements", _lazy("Umowy i rozliczenie dotacji z konkursów")),
    ("small_grants", _lazy("Dotacje z pominięciem konkursu (art. 19a)")),
    ("local_initiatives", _lazy("Inicjatywa lokalna (art. 19b–19h)")),
    ("cooperation", _lazy("Współpraca pozafinansowa")),
    ("summary", _lazy("Ocena realizacji programu")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
# A report not yet submitted is at risk this many days before 31 May (the council's
# session calendar needs the draft resolution's papers about two weeks ahead).
AT_RISK_DAYS = 14


class CooperationReportState(models.TextChoices):
    DRAFT = "draft", _lazy("projekt sprawozdania")
    READY = "ready", _lazy("gotowe do przedłożenia")
    SUBMITTED = "submitted", _lazy("przedłożone Radzie")
    PUBLISHED = "published", _lazy("opublikowane")


@condition
def summary_written(report):
    if not (report.commentary or {}).get("summary", "").strip():
        return _("Napisz ocenę realizacji programu (sekcja „Ocena realizacji programu”).")
    return None


class CooperationReport(ConcurrentTransitionMixin, models.Model):
    year = models.PositiveSmallIntegerField(_lazy("rok realizacji programu"))
    # Empty for the city-wide report; else the report of one operational programme.
    operational_programme = models.ForeignKey(
        "grants.OperationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_lazy("program operacyjny"),
    )
    programme = models.ForeignKey(
        "consultations.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_reports",
        verbose_name=_lazy("program współpracy"),
    )
    figures = models.JSONField(_lazy("dane sprawozdania"), default=dict)
    generated_at = models.DateTimeField(_lazy("dane z dnia"))
    commentary = models.JSONField(_lazy("komentarze do sekcji"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_lazy("przedłożono Radzie"), null=True, blank=True)
    published_at = models.DateTimeField(_lazy("opublikowano"), null=True, blank=True)
    state = FSMField(
        default=CooperationReportState.DRAFT,
        choices=CooperationReportState.choices,
        protected=True,
    )

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(operational_programme__isnull=True),
                name="one_city_report_per_year",
            ),
            models.UniqueConstraint(
                fields=["year", "operational_programme"],
                name="one_report_per_operational_programme",
            ),
        ]
        verbose_name = _lazy("sprawozdanie z realizacji programu współpracy")
        verbose_name_plural = _lazy("sprawozdania z realizacji programu współpracy")

    def __str__(self) -> str:
        if self.operational_programme_id:
            return _(
                "Sprawozdanie z realizacji programu operacyjnego „%(name)s” za %(year)d r."
            ) % {"name": self.operational_programme.name, "year": self.year}
        return _("Sprawozdanie z realizacji programu współpracy za %(year)d r.") % {
            "year": self.year
        }

    @property
    def query(self) -> str:
        """The query string naming an operational programme's report in the pages' links."""
        if self.operational_programme_id:
            return f"?program={self.operational_programme_id}"
        return ""

    @property
    def statutory_deadline(self) -> date:
        # Art. 5a ust. 3: "nie później niż do dnia 31 maja każdego roku" for the previous year.
        return date(self.year + 1, 5, 31)

    @property
    def is_public(self) -> bool:
        return self.state == CooperationReportState.PUBLISHED

    @transition(
        field=state,
        source=CooperationReportState.DRAFT,
        target=CooperationReportState.READY,
        permission=perm("grants.manage_report"),
        conditions=[summary_written],
        custom={"label": _lazy("Zatwierdź sprawozdanie")},
    )
    def mark_ready(self):
        pass

    @transition(
        field=state,
        source=CooperationReportState.READY,
        target=CooperationReportState.DRAFT,
        permission=perm("grants.manage_report"),
        custom={"label": _lazy("Przywróć do edycji"), "reason_required": True},
    )
    def reopen(self):
        pass

    @transition(
        field=state,
        source=CooperationReportState.READY,
        target=CooperationReportState.SUBMITTED,
        permission=perm("grants.manage_report"),
        custom={
            "label": _lazy("Przedłóż Radzie Miasta"),
            "input": "grants.inputs.CouncilSubmissionInput",
        },
    )
    def submit_to_council(self, *, submitted_on):
        self.submitted_on = submitted_on

    @transition(
        field=state,
        source=CooperationReportState.SUBMITTED,
        target=CooperationReportState.PUBLISHED,
        permission=perm("grants.manage_report"),
        custom={"label": _lazy("Opublikuj sprawozdanie")},
    )
    def publish(self):
        self.published_at = timezone.now()


@dataclass(frozen=True)
class DeadlineStatus:
    due_at: datetime  # the end of 31 May, Warsaw time
    days_left: int
    submitted: bool
    late: bool  # submitted after 31 May, or still not submitted after it
    at_risk: bool


def deadline_status(report: CooperationReport, now=None) -> DeadlineStatus:
    """Where the report stands against 31 May, like the 30 November schedule's flags."""

    now = now or timezone.now()
    due_at = end_of_day(report.statutory_deadline)
    days_left = (report.statutory_deadline - timezone.localdate(now, due_at.tzinfo)).days
    submitted = report.state in (
        CooperationReportState.SUBMITTED,
        CooperationReportState.PUBLISHED,
    )
    if submitted:
        late = report.submitted_on is not None and report.submitted_on > report.statutory_deadline
    else:
        late = now > due_at
    at_risk = not submitted and not late and now > due_at - timedelta(days=AT_RISK_DAYS)
    return DeadlineStatus(due_at, days_left, submitted, late, at_risk)
