"""Open competitions of offers (art. 11–19 of the 2003 Act): the announcement with its
criteria, the organisations' offers with their cost estimates, and the commission's scores."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.permissions import perm

from . import flows

MONEY = {"max_digits": 14, "decimal_places": 2}


class CompetitionState(models.TextChoices):
    DRAFT = "draft", _("projekt ogłoszenia")
    PUBLISHED = "published", _("nabór ofert")
    OFFERS_CLOSED = "offers_closed", _("nabór zamknięty, ocena ofert")
    SCORED = "scored", _("oferty ocenione, decyzja o dotacjach")
    RESULTS_PUBLISHED = "results_published", _("wyniki ogłoszone")
    CANCELLED = "cancelled", _("konkurs unieważniony")


class TaskForm(models.TextChoices):
    # Art. 5 ust. 4 pkt 2 of the 2003 Act.
    SUPPORTING = "supporting", _("wspieranie realizacji zadania")
    ENTRUSTING = "entrusting", _("powierzenie realizacji zadania")


class Competition(ConcurrentTransitionMixin, models.Model):
    task_area = models.ForeignKey(
        "consultations.TaskArea",
        on_delete=models.PROTECT,
        related_name="competitions",
        verbose_name=_("obszar zadań publicznych"),
    )
    programme = models.ForeignKey(
        "consultations.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitions",
        verbose_name=_("program współpracy"),
    )
    title = models.CharField(_("zadanie publiczne"), max_length=300)
    form = models.CharField(_("forma realizacji"), max_length=20, choices=TaskForm.choices)
    funds = models.DecimalField(_("wysokość środków (zł)"), **MONEY)
    rules = models.TextField(_("zasady przyznawania dotacji"))
    carried_out_from = models.DateField(_("realizacja od"))
    carried_out_to = models.DateField(_("realizacja do"))
    offers_deadline = models.DateTimeField(_("termin składania ofert"))
    min_grant = models.DecimalField(_("minimalna dotacja (zł)"), **MONEY)
    max_grant = models.DecimalField(_("maksymalna dotacja (zł)"), **MONEY)
    own_contribution_percent = models.DecimalField(
        _("wymagany wkład własny (% kosztów)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # The kinds of own contribution the announcement expects (the statutory offer form's
    # financial and personal contribution), each as a minimum share of the task's costs.
    own_financial_percent = models.DecimalField(
        _("wymagany wkład własny finansowy (% kosztów)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    own_personal_percent = models.DecimalField(
        _("wymagany wkład osobowy (% kosztów)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    several_offers_allowed = models.BooleanField(
        _("organizacja może złożyć kilka ofert"), default=False
    )
    correction_days = models.PositiveSmallIntegerField(
        _("termin na poprawę błędów formalnych (dni)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    operational_programme = models.ForeignKey(
        "grants.OperationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitions",
        verbose_name=_("program operacyjny"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("ogłoszono"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("wyniki ogłoszono"), null=True, blank=True)
    state = FSMField(
        default=CompetitionState.DRAFT, choices=CompetitionState.choices, protected=True
    )

    class Meta:
        ordering = ["-offers_deadline", "-pk"]
        verbose_name = _("otwarty konkurs ofert")
        verbose_name_plural = _("otwarte konkursy ofert")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_grant__gte=0) & Q(max_grant__gte=models.F("min_grant")),
                name="competition_grant_range",
            ),
            models.CheckConstraint(
                condition=Q(carried_out_to__gte=models.F("carried_out_from")),
                name="competition_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state not in (CompetitionState.DRAFT,)

    @property
    def results_public(self) -> bool:
        return self.state == CompetitionState.RESULTS_PUBLISHED

    @transition(
        field=state,
        source=CompetitionState.DRAFT,
        target=CompetitionState.PUBLISHED,
        permission=perm("grants.manage_competition"),
        conditions=[flows.deadline_far_enough, flows.criteria_complete],
        custom={"label": _("Ogłoś konkurs")},
    )
    def publish(self):
        flows.stamp_publication(self)

    @transition(
        field=state,
        source=CompetitionState.PUBLISHED,
        target=CompetitionState.OFFERS_CLOSED,
        permission=perm("grants.manage_competition"),
        conditions=[flows.offers_deadline_passed],
        custom={"label": _("Zamknij nabór ofert")},
    )
    def close_offers(self):
        pass

    @transition(
        field=state,
        source=CompetitionState.OFFERS_CLOSED,
        target=CompetitionState.SCORED,
        permission=perm("grants.manage_competition"),
        conditions=[flows.formal_check_done, flows.scoring_complete],
        custom={"label": _("Zatwierdź ocenę komisji")},
    )
    def score(self):
        pass

    @transition(
        field=state,
        source=CompetitionState.SCORED,
        target=CompetitionState.RESULTS_PUBLISHED,
        permission=perm("grants.manage_competition"),
        conditions=[flows.every_offer_decided, flows.grants_within_funds],
        custom={"label": _("Ogłoś wyniki konkursu")},
    )
    def publish_results(self):
        flows.stamp_results(self)

    @transition(
        field=state,
        source=[
            CompetitionState.DRAFT,
            CompetitionState.PUBLISHED,
            CompetitionState.OFFERS_CLOSED,
            CompetitionState.SCORED,
        ],
        target=CompetitionState.CANCELLED,
        permission=perm("grants.manage_competition"),
        custom={"label": _("Unieważnij konkurs"), "reason_required": True},
    )
    def cancel(self):
        pass


class Criterion(models.Model):
    """A selection criterion of the announcement (art. 13 ust. 2 pkt 6) with its weight."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kryterium"), max_length=300)
    # Weights are percentages of the total score and add up to 100 (checked at publication).
    weight = models.PositiveSmallIntegerField(
        _("waga (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("punkty (najwyżej)"), default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("kryterium oceny")
        verbose_name_plural = _("kryteria oceny")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class OfferState(models.TextChoices):
    DRAFT = "draft", _("wersja robocza")
    SUBMITTED = "submitted", _("złożona")
    TO_CORRECT = "to_correct", _("wezwana do poprawy błędów formalnych")
    FORMALLY_ACCEPTED = "formally_accepted", _("poprawna formalnie")
    FORMALLY_REJECTED = "formally_rejected", _("odrzucona formalnie")
    SCORED = "scored", _("oceniona")
    GRANTED = "granted", _("dotacja przyznana")
    NOT_GRANTED = "not_granted", _("dotacji nie przyznano")


class Offer(ConcurrentTransitionMixin, models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="offers")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("organizacja"),
    )
    # A joint offer (art. 14 ust. 2): `organisation` leads and submits; the partners share it.
    partners = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="partner_offers",
        verbose_name=_("partnerzy oferty wspólnej"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tytuł zadania"), max_length=300)
    description = models.TextField(_("opis zadania"), blank=True)
    schedule = models.TextField(_("harmonogram"), blank=True)
    resources = models.TextField(_("zasoby organizacji"), blank=True)
    starts_on = models.DateField(_("realizacja od"), null=True, blank=True)
    ends_on = models.DateField(_("realizacja do"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("złożono"), null=True, blank=True)
    # The formal errors the city named and the deadline to correct them (art. 13 ust. 2).
    corrections = models.TextField(_("błędy formalne do poprawy"), blank=True)
    correction_deadline = models.DateTimeField(_("termin poprawy"), null=True, blank=True)
    # Filled when the offer is scored (the combined points) and decided.
    score = models.DecimalField(_("ocena (pkt)"), max_digits=6, decimal_places=2, null=True)
    granted = models.DecimalField(_("przyznana dotacja (zł)"), null=True, **MONEY)
    decision_reason = models.TextField(_("uzasadnienie"), blank=True)
    state = FSMField(default=OfferState.DRAFT, choices=OfferState.choices, protected=True)

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("oferta")
        verbose_name_plural = _("oferty")

    def __str__(self) -> str:
        return self.title

    @transition(
        field=state,
        source=OfferState.DRAFT,
        target=OfferState.SUBMITTED,
        permission=perm("grants.change_offer"),
        conditions=[flows.competition_open, flows.cost_estimate_valid],
        custom={"label": _("Złóż ofertę")},
    )
    def submit(self):
        flows.stamp_submission(self)

    @transition(
        field=state,
        source=OfferState.SUBMITTED,
        target=OfferState.FORMALLY_ACCEPTED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_closed],
        custom={"label": _("Uznaj za poprawną formalnie")},
    )
    def accept_formally(self):
        pass

    @transition(
        field=state,
        source=OfferState.SUBMITTED,
        target=OfferState.FORMALLY_REJECTED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_closed],
        custom={"label": _("Odrzuć z przyczyn formalnych"), "reason_required": True},
    )
    def reject_formally(self, *, reason):
        self.decision_reason = reason

    @transition(
        field=state,
        source=OfferState.SUBMITTED,
        target=OfferState.TO_CORRECT,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_closed],
        custom={"label": _("Wezwij do poprawy błędów formalnych"), "reason_required": True},
    )
    def call_for_correction(self, *, reason):
        flows.open_correction(self, reason)

    @transition(
        field=state,
        source=OfferState.TO_CORRECT,
        target=OfferState.SUBMITTED,
        permission=perm("grants.change_offer"),
        conditions=[flows.competition_closed, flows.cost_estimate_valid],
        custom={"label": _("Złóż poprawioną ofertę")},
    )
    def resubmit(self):
        flows.stamp_correction(self)

    @transition(
        field=state,
        source=OfferState.TO_CORRECT,
        target=OfferState.FORMALLY_REJECTED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.correction_deadline_passed],
        custom={"label": _("Odrzuć: błędów nie poprawiono w terminie")},
    )
    def reject_uncorrected(self):
        # The same reason whoever takes it (staff, or the engine at the deadline).
        self.decision_reason = flows.not_corrected(self)

    @transition(
        field=state,
        source=OfferState.FORMALLY_ACCEPTED,
        target=OfferState.SCORED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_scored],
        custom={"label": _("Zapisz ocenę komisji")},
    )
    def record_score(self):
        flows.apply_score(self)

    @transition(
        field=state,
        source=OfferState.SCORED,
        target=OfferState.GRANTED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_scored],
        custom={"label": _("Przyznaj dotację"), "input": "grants.inputs.GrantInput"},
    )
    def grant(self, *, amount):
        flows.apply_grant(self, amount)

    @transition(
        field=state,
        source=OfferState.SCORED,
        target=OfferState.NOT_GRANTED,
        permission=perm("grants.decide_offer"),
        conditions=[flows.competition_scored],
        custom={"label": _("Nie przyznawaj dotacji"), "reason_required": True},
    )
    def refuse_grant(self, *, reason):
        self.decision_reason = reason


class CostLine(models.Model):
    """A line of the offer's cost estimate: quantity × unit cost, split between the grant
    and the organisation's own contribution."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="cost_lines")
    name = models.CharField(_("rodzaj kosztu"), max_length=300)
    quantity = models.DecimalField(_("liczba jednostek"), max_digits=10, decimal_places=2)
    unit_cost = models.DecimalField(_("koszt jednostkowy (zł)"), **MONEY)
    from_grant = models.DecimalField(_("z dotacji (zł)"), **MONEY)
    from_own = models.DecimalField(_("z wkładu własnego finansowego (zł)"), **MONEY)
    # The personal contribution: volunteers' and members' work, valued in złoty.
    from_personal = models.DecimalField(_("z wkładu osobowego (zł)"), default=Decimal("0"), **MONEY)

    class Meta:
        ordering = ["offer", "pk"]
        verbose_name = _("pozycja kosztorysu")
        verbose_name_plural = _("pozycje kosztorysu")

    def __str__(self) -> str:
        return self.name

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


class CommissionMember(models.Model):
    """A member of the competition commission (art. 15 ust. 2a); sees the offers only once
    the declaration of no conflict of interest is signed (art. 15 ust. 2d)."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="commission"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="commission_seats",
        verbose_name=_("osoba"),
    )
    declared_at = models.DateTimeField(_("oświadczenie o bezstronności"), null=True, blank=True)

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("członek komisji konkursowej")
        verbose_name_plural = _("członkowie komisji konkursowej")
        constraints = [
            models.UniqueConstraint(fields=["competition", "person"], name="one_seat_per_person")
        ]

    def __str__(self) -> str:
        return str(self.person)


class Score(models.Model):
    """One member's points for one offer on one criterion."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CommissionMember, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("punkty"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "member", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.points}"


from .agreements import (  # noqa: E402, F401 - models of the app
    Agreement,
    AgreementCostLine,
    Annex,
    ChangeRequest,
    ReportLine,
    TaskReport,
    Tranche,
)
from .cooperation_report import CooperationReport  # noqa: E402, F401 - models of the app
from .initiative import (  # noqa: E402, F401 - models of the app
    InitiativeAssessment,
    InitiativeCriterion,
    InitiativeResolution,
    LocalInitiative,
)
from .operational import OperationalProgramme  # noqa: E402, F401 - models of the app
from .small import SmallGrant, SmallGrantComment  # noqa: E402, F401 - models of the app
