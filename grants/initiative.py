"""Local initiative (inicjatywa lokalna, art. 19b–19h of the 2003 Act): residents, directly or
through an organisation, apply to carry out a public task together with the city, giving
their own contribution (social work, in kind, money). The city assesses the application on
the criteria the council set by resolution (art. 19e), decides, signs the agreement (art. 19d)
and records the task's completion."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.conditions import condition
from workflows.permissions import perm

from . import scoring

MONEY = {"max_digits": 14, "decimal_places": 2}


class InitiativeResolution(models.Model):
    """The council's resolution on the procedure and criteria of local initiative (art. 19e);
    the one in force is the latest active one."""

    number = models.CharField(_lazy("numer uchwały"), max_length=100)
    adopted_on = models.DateField(_lazy("data uchwały"))
    min_score = models.DecimalField(
        _lazy("próg punktowy (0–100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    active = models.BooleanField(_lazy("obowiązuje"), default=True)

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _lazy("uchwała o inicjatywie lokalnej")
        verbose_name_plural = _lazy("uchwały o inicjatywie lokalnej")

    def __str__(self) -> str:
        return self.number


class InitiativeCriterion(models.Model):
    resolution = models.ForeignKey(
        InitiativeResolution, on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_lazy("kryterium"), max_length=300)
    # Percent of the score; a resolution's weights add up to 100.
    weight = models.PositiveSmallIntegerField(
        _lazy("waga (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_points = models.PositiveSmallIntegerField(
        _lazy("punkty (najwyżej)"), default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["resolution", "pk"]
        verbose_name = _lazy("kryterium oceny inicjatywy lokalnej")
        verbose_name_plural = _lazy("kryteria oceny inicjatywy lokalnej")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class InitiativeState(models.TextChoices):
    SUBMITTED = "submitted", _lazy("wniosek złożony")
    ASSESSED = "assessed", _lazy("wniosek oceniony")
    ACCEPTED = "accepted", _lazy("wniosek przyjęty")
    REJECTED = "rejected", _lazy("wniosek odrzucony")
    AGREEMENT_SIGNED = "agreement_signed", _lazy("umowa zawarta")
    COMPLETED = "completed", _lazy("zadanie wykonane")


@condition
def fully_assessed(initiative):
    criteria = {c.pk for c in initiative.resolution.criteria.all()}
    given = {a.criterion_id for a in initiative.assessments.all()}
    if not criteria or given != criteria:
        return _("Oceń wniosek według każdego kryterium uchwały.")
    return None


@condition
def meets_threshold(initiative):
    threshold = initiative.resolution.min_score
    if initiative.score is None or initiative.score < threshold:
        return _(
            "Wniosek uzyskał %(score)s pkt, a uchwała %(resolution)s wymaga co najmniej "
            "%(min)s pkt."
        ) % {
            "score": initiative.score,
            "resolution": initiative.resolution.number,
            "min": threshold,
        }
    return None


class LocalInitiative(ConcurrentTransitionMixin, models.Model):
    resolution = models.ForeignKey(
        InitiativeResolution, on_delete=models.PROTECT, related_name="applications"
    )
    task_area = models.ForeignKey(
        "consultations.TaskArea",
        on_delete=models.PROTECT,
        related_name="local_initiatives",
        verbose_name=_lazy("obszar zadań publicznych"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="local_initiatives"
    )
    # Art. 19b ust. 1: residents directly, or through an organisation.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_initiatives",
        verbose_name=_lazy("za pośrednictwem organizacji"),
    )
    group_name = models.CharField(_lazy("wnioskodawcy (grupa mieszkańców)"), max_length=300)
    title = models.CharField(_lazy("tytuł zadania"), max_length=300)
    description = models.TextField(_lazy("opis zadania"))
    place = models.CharField(_lazy("miejsce realizacji"), max_length=300)
    carried_out_from = models.DateField(_lazy("realizacja od"))
    carried_out_to = models.DateField(_lazy("realizacja do"))
    # Art. 19c: the residents' contribution: social work, in kind, money.
    work_hours = models.PositiveIntegerField(_lazy("praca społeczna (godziny)"), default=0)
    work_value = models.DecimalField(_lazy("wartość pracy społecznej (zł)"), **MONEY)
    in_kind_value = models.DecimalField(_lazy("wkład rzeczowy (zł)"), **MONEY)
    money_value = models.DecimalField(_lazy("wkład pieniężny (zł)"), **MONEY)
    city_contribution = models.DecimalField(_lazy("wnioskowany wkład miasta (zł)"), **MONEY)
    score = models.DecimalField(_lazy("ocena (pkt)"), max_digits=6, decimal_places=2, null=True)
    agreement_number = models.CharField(_lazy("numer umowy"), max_length=100, blank=True)
    decision_reason = models.TextField(_lazy("uzasadnienie"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state = FSMField(
        default=InitiativeState.SUBMITTED, choices=InitiativeState.choices, protected=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _lazy("wniosek o realizację inicjatywy lokalnej")
        verbose_name_plural = _lazy("wnioski o realizację inicjatywy lokalnej")

    def __str__(self) -> str:
        return self.title

    @property
    def residents_contribution(self) -> Decimal:
        return self.work_value + self.in_kind_value + self.money_value

    @property
    def is_public(self) -> bool:
        return self.state != InitiativeState.SUBMITTED

    @transition(
        field=state,
        source=InitiativeState.SUBMITTED,
        target=InitiativeState.ASSESSED,
        permission=perm("grants.manage_initiative"),
        conditions=[fully_assessed],
        custom={"label": _lazy("Zatwierdź ocenę wniosku")},
    )
    def assess(self):
        criteria = {
            c.pk: scoring.Rule(c.weight, c.max_points) for c in self.resolution.criteria.all()
        }
        sheet = {a.criterion_id: a.points for a in self.assessments.all()}
        self.score = scoring.combined_score([sheet], criteria)

    @transition(
        field=state,
        source=InitiativeState.ASSESSED,
        target=InitiativeState.ACCEPTED,
        permission=perm("grants.manage_initiative"),
        conditions=[meets_threshold],
        custom={"label": _lazy("Przyjmij wniosek do realizacji")},
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=[InitiativeState.SUBMITTED, InitiativeState.ASSESSED],
        target=InitiativeState.REJECTED,
        permission=perm("grants.manage_initiative"),
        custom={"label": _lazy("Odrzuć wniosek"), "reason_required": True},
    )
    def reject(self, *, reason):
        self.decision_reason = reason

    @transition(
        field=state,
        source=InitiativeState.ACCEPTED,
        target=InitiativeState.AGREEMENT_SIGNED,
        permission=perm("grants.manage_initiative"),
        custom={
            "label": _lazy("Zapisz zawarcie umowy (art. 19d)"),
            "input": "grants.inputs.AgreementInput",
        },
    )
    def sign_agreement(self, *, agreement_number):
        self.agreement_number = agreement_number

    @transition(
        field=state,
        source=InitiativeState.AGREEMENT_SIGNED,
        target=InitiativeState.COMPLETED,
        permission=perm("grants.manage_initiative"),
        custom={"label": _lazy("Odnotuj wykonanie zadania")},
    )
    def complete(self):
        pass


class InitiativeAssessment(models.Model):
    """The city's points for one application on one criterion of the resolution."""

    initiative = models.ForeignKey(
        LocalInitiative, on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(InitiativeCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_lazy("punkty"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "criterion"], name="one_assessment_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"
