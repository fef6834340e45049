"""The cooperation programme and its consultation round (art. 5a of the 2003 Act)."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from bodies.conditions import rdpp_opinion_settled
from workflows.permissions import perm

from .. import flows

LEGAL_BASIS = _(
    "Art. 5a ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"
)


class ProgrammeKind(models.TextChoices):
    ANNUAL = "annual", _("roczny")
    MULTI_YEAR = "multi_year", _("wieloletni")


class Form(models.TextChoices):
    """Forms of cooperation (art. 5 ust. 2 of the 2003 Act; Kraków's 2019 report)."""

    OPEN_COMPETITION = "open_competition", _("otwarte konkursy ofert")
    SMALL_GRANT = "small_grant", _("małe granty (art. 19a)")
    LOCAL_INITIATIVE = "local_initiative", _("inicjatywa lokalna")
    INFORMATION = "information", _("wzajemne informowanie się")
    CONSULTATION = "consultation", _("konsultowanie projektów aktów prawa miejscowego")
    ADVISORY_TEAM = "advisory_team", _("wspólne zespoły o charakterze doradczym")
    CIVIC_DIALOGUE = "civic_dialogue", _("Komisje Dialogu Obywatelskiego")


FINANCIAL_FORMS = {Form.OPEN_COMPETITION, Form.SMALL_GRANT, Form.LOCAL_INITIATIVE}


class State(models.TextChoices):
    DRAFT = "draft", _("szkic")
    DRAFTING = "drafting", _("prace zespołów sektorowych")
    DRAFTS_PUBLISHED = "drafts_published", _("projekty opublikowane")
    COMMENTS_OPEN = "comments_open", _("zbieranie uwag")
    COMMENTS_CLOSED = "comments_closed", _("zbieranie uwag zakończone")
    ANSWERING = "answering", _("odpowiedzi na uwagi")
    FINAL_TEXT_PREPARED = "final_text_prepared", _("tekst końcowy przygotowany")
    REPORT_PUBLISHED = "report_published", _("raport z konsultacji opublikowany")
    SUBMITTED = "submitted", _("przekazany Radzie Miasta")
    FIRST_READING = "first_reading", _("po pierwszym czytaniu")
    SECOND_READING = "second_reading", _("po drugim czytaniu")
    ADOPTED = "adopted", _("przyjęty uchwałą")
    RETURNED = "returned", _("zwrócony do poprawy")


# States in which the public sees the programme (before them only its authors do).
PUBLIC_STATES = {s.value for s in State} - {State.DRAFT, State.DRAFTING}

STAFF = {"denied": _("Tę czynność wykonuje pracownik urzędu (obsługa Rady Miasta).")}
COORD = {"denied": _("Tę czynność wykonuje zespół koordynujący konsultacje.")}


class Programme(ConcurrentTransitionMixin, models.Model):
    """A programme of cooperation with NGOs for a year or several (art. 5a ust. 1 and 4)."""

    title = models.CharField(_("tytuł"), max_length=300)
    kind = models.CharField(
        _("rodzaj"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.ANNUAL
    )
    year_from = models.PositiveSmallIntegerField(_("od roku"))
    year_to = models.PositiveSmallIntegerField(_("do roku"))
    legal_basis = models.CharField(_("podstawa prawna"), max_length=300, default=LEGAL_BASIS)
    # An annual programme implements the multi-year one of its period.
    implements = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_programmes",
        limit_choices_to={"kind": ProgrammeKind.MULTI_YEAR},
        verbose_name=_("realizuje program wieloletni"),
    )
    # Art. 5a ust. 4 pkt 1–11: the contents the programme must have.
    main_goal = models.TextField(_("cel główny"), blank=True)
    specific_goals = models.JSONField(_("cele szczegółowe"), default=list, blank=True)
    principles = models.TextField(_("zasady współpracy"), blank=True)
    scope = models.TextField(_("zakres przedmiotowy"), blank=True)
    forms_of_cooperation = models.JSONField(_("formy współpracy"), default=list, blank=True)
    priority_task_areas = models.ManyToManyField(
        "consultations.TaskArea", blank=True, verbose_name=_("priorytetowe zadania publiczne")
    )
    strategy_goals = models.ManyToManyField(
        "consultations.StrategyGoal", blank=True, verbose_name=_("cele strategii miasta")
    )
    implementation_method = models.TextField(_("sposób realizacji"), blank=True)
    planned_funds = models.DecimalField(
        _("planowane środki (zł)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    evaluation_method = models.TextField(_("sposób oceny realizacji"), blank=True)
    committees_rules = models.TextField(_("tryb powoływania komisji konkursowych"), blank=True)
    creation_info = models.TextField(
        _("informacja o sposobie tworzenia programu i przebiegu konsultacji"), blank=True
    )
    # The council's resolution on how acts are consulted with organisations (art. 5 ust. 5).
    consultation_resolution = models.CharField(
        _("uchwała o trybie konsultacji"), max_length=300, blank=True
    )
    # Art. 5a ust. 2a: the public-benefit council's opinion, attached when given.
    council_opinion = models.FileField(
        _("opinia rady działalności pożytku publicznego"),
        upload_to="consultations/opinions/",
        blank=True,
    )
    council_opinion_on = models.DateField(_("data opinii"), null=True, blank=True)
    comments_open_at = models.DateTimeField(_("uwagi od"), null=True, blank=True)
    comments_close_at = models.DateTimeField(_("uwagi do"), null=True, blank=True)
    submitted_on = models.DateField(_("przekazano Radzie"), null=True, blank=True)
    first_reading_on = models.DateField(_("pierwsze czytanie"), null=True, blank=True)
    second_reading_on = models.DateField(_("drugie czytanie"), null=True, blank=True)
    resolution_number = models.CharField(_("numer uchwały"), max_length=60, blank=True)
    resolution_date = models.DateField(_("data uchwały"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("głosy za"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("głosy przeciw"), null=True, blank=True)
    votes_abstained = models.PositiveIntegerField(_("głosy wstrzymujące"), null=True, blank=True)
    # Lead times of the backward schedule in days, overriding consultations.schedule.DEFAULTS.
    lead_days = models.JSONField(_("czasy wyprzedzenia (dni)"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state = FSMField(default=State.DRAFT, protected=True, choices=State.choices)

    class Meta:
        ordering = ["-year_from", "title"]
        verbose_name = _("program współpracy")
        verbose_name_plural = _("programy współpracy")

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_from)
        return f"{self.year_from}–{self.year_to}"

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def statutory_deadline(self) -> date:
        # Art. 5a ust. 1: adopted "do dnia 30 listopada roku poprzedzającego okres
        # obowiązywania programu" — a fixed day, not moved when it falls on a weekend.
        return date(self.year_from - 1, 11, 30)

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.DRAFTING,
        permission=perm("consultations.manage_programme"),
        custom={"label": _("Rozpocznij prace zespołów sektorowych"), **STAFF},
    )
    def start_drafting(self):
        pass

    @transition(
        field=state,
        source=State.DRAFTING,
        target=State.DRAFTS_PUBLISHED,
        permission=perm("consultations.manage_programme"),
        conditions=[flows.has_chapters, flows.every_chapter_published],
        custom={
            "label": _("Opublikuj projekty i ogłoś termin uwag"),
            "input": "consultations.inputs.PublishDraftsInput",
            **STAFF,
        },
    )
    def publish_drafts(self, *, comments_open_at, comments_close_at):
        self.comments_open_at, self.comments_close_at = comments_open_at, comments_close_at

    @transition(
        field=state,
        source=State.DRAFTS_PUBLISHED,
        target=State.COMMENTS_OPEN,
        permission=perm("consultations.manage_programme"),
        conditions=[flows.window_started],
        custom={"label": _("Otwórz zbieranie uwag"), **STAFF},
    )
    def open_comments(self):
        pass

    @transition(
        field=state,
        source=State.COMMENTS_OPEN,
        target=State.COMMENTS_CLOSED,
        permission=perm("consultations.manage_programme"),
        conditions=[flows.window_ended],
        custom={"label": _("Zamknij zbieranie uwag"), **STAFF},
    )
    def close_comments(self):
        pass

    @transition(
        field=state,
        source=State.COMMENTS_CLOSED,
        target=State.ANSWERING,
        permission=perm("consultations.answer_programme"),
        custom={"label": _("Rozpocznij odpowiadanie na uwagi"), **COORD},
    )
    def start_answering(self):
        pass

    @transition(
        field=state,
        source=State.ANSWERING,
        target=State.FINAL_TEXT_PREPARED,
        permission=perm("consultations.answer_programme"),
        conditions=[flows.every_comment_answered],
        custom={"label": _("Zatwierdź tekst końcowy"), **COORD},
    )
    def prepare_final_text(self):
        pass

    @transition(
        field=state,
        source=State.FINAL_TEXT_PREPARED,
        target=State.REPORT_PUBLISHED,
        permission=perm("consultations.answer_programme"),
        custom={"label": _("Opublikuj raport z konsultacji"), **COORD},
    )
    def publish_report(self):
        pass

    @transition(
        field=state,
        source=State.REPORT_PUBLISHED,
        target=State.SUBMITTED,
        permission=perm("consultations.manage_programme"),
        conditions=[
            flows.every_section_filled,
            flows.has_chapters,
            flows.every_chapter_published,
            flows.every_comment_answered,
            rdpp_opinion_settled,
        ],
        custom={
            "label": _("Przekaż projekt Radzie Miasta"),
            "input": "consultations.inputs.SubmissionInput",
            **STAFF,
        },
    )
    def submit_to_council(self, *, submitted_on):
        self.submitted_on = submitted_on

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.FIRST_READING,
        permission=perm("consultations.manage_programme"),
        custom={
            "label": _("Odnotuj pierwsze czytanie"),
            "input": "consultations.inputs.ReadingInput",
            **STAFF,
        },
    )
    def record_first_reading(self, *, held_on):
        self.first_reading_on = held_on

    @transition(
        field=state,
        source=State.FIRST_READING,
        target=State.SECOND_READING,
        permission=perm("consultations.manage_programme"),
        custom={
            "label": _("Odnotuj drugie czytanie"),
            "input": "consultations.inputs.ReadingInput",
            **STAFF,
        },
    )
    def record_second_reading(self, *, held_on):
        self.second_reading_on = held_on

    @transition(
        field=state,
        source=State.SECOND_READING,
        target=State.ADOPTED,
        permission=perm("consultations.manage_programme"),
        custom={
            "label": _("Odnotuj przyjęcie uchwały"),
            "input": "consultations.inputs.CouncilVoteInput",
            **STAFF,
        },
    )
    def record_council_vote(
        self, *, resolution_number, resolution_date, votes_for, votes_against, votes_abstained
    ):
        self.resolution_number, self.resolution_date = resolution_number, resolution_date
        self.votes_for, self.votes_against = votes_for, votes_against
        self.votes_abstained = votes_abstained
        # Art. 14 u.s.g.: a resolution passes by a simple majority (more for than against).
        if self.votes_for <= self.votes_against:
            flows.invalid(
                _("Przy tylu głosach przeciw uchwała nie została podjęta — użyj „Zwróć”."),
                "votes_for",
            )

    @transition(
        field=state,
        source=[State.SUBMITTED, State.FIRST_READING, State.SECOND_READING],
        target=State.RETURNED,
        permission=perm("consultations.manage_programme"),
        custom={"label": _("Zwróć do poprawy"), "reason_required": True, **STAFF},
    )
    def return_to_coordinators(self):
        pass

    @transition(
        field=state,
        source=State.RETURNED,
        target=State.ANSWERING,
        permission=perm("consultations.answer_programme"),
        custom={"label": _("Wznów odpowiadanie na uwagi"), **COORD},
    )
    def resume_answering(self):
        pass


class MilestoneCode(models.TextChoices):
    """Milestones of the backward schedule, in the order they happen."""

    SECTOR_MEETINGS = "sector_meetings", _("spotkania zespołów sektorowych zakończone")
    PUBLICATION = "publication", _("publikacja projektów, początek uwag")
    COMMENTS_END = "comments_end", _("koniec zbierania uwag")
    SUBMISSION = "submission", _("przekazanie projektu Radzie Miasta")
    FIRST_READING = "first_reading", _("pierwsze czytanie")
    SECOND_READING = "second_reading", _("drugie czytanie i głosowanie")


class Milestone(models.Model):
    """A planned date of the round, set by council staff; the schedule is data."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(max_length=30, choices=MilestoneCode.choices)
    planned_on = models.DateField(_("planowana data"))

    class Meta:
        ordering = ["programme", "planned_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="one_milestone_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.planned_on}"


class ReportState(models.TextChoices):
    DUE = "due", _("oczekuje")
    OVERDUE = "overdue", _("po terminie")
    PUBLISHED = "published", _("opublikowane")


class ImplementationReport(ConcurrentTransitionMixin, models.Model):
    """The report on a year of the programme, due by 31 May of the next year (art. 5a ust. 3)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="implementation_reports"
    )
    year = models.PositiveSmallIntegerField(_("rok realizacji"))
    due_on = models.DateField(_("termin"))
    url = models.URLField(_("adres sprawozdania"), blank=True)
    published_on = models.DateField(_("opublikowano"), null=True, blank=True)
    state = FSMField(default=ReportState.DUE, protected=True, choices=ReportState.choices)

    class Meta:
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_report_per_year")
        ]
        verbose_name = _("sprawozdanie z realizacji programu")
        verbose_name_plural = _("sprawozdania z realizacji programu")

    def __str__(self) -> str:
        return f"Sprawozdanie z realizacji programu za {self.year} r."

    @transition(
        field=state,
        source=ReportState.DUE,
        target=ReportState.OVERDUE,
        permission=perm("consultations.manage_programme"),
        conditions=[flows.report_due_passed],
        custom={"label": _("Oznacz jako po terminie"), **STAFF},
    )
    def mark_overdue(self):
        pass

    @transition(
        field=state,
        source=[ReportState.DUE, ReportState.OVERDUE],
        target=ReportState.PUBLISHED,
        permission=perm("consultations.manage_programme"),
        custom={
            "label": _("Odnotuj publikację sprawozdania"),
            "input": "consultations.inputs.ReportPublicationInput",
            **STAFF,
        },
    )
    def publish(self, *, published_on, url=""):
        self.url, self.published_on = url, published_on
