"""An edition of the civic budget, its schedule (phases as rows), pools and city units."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from budget import flows
from workflows.permissions import perm

# The counting rules of budget.tally (its RULES; a test keeps the two lists equal). Not
# imported: the models must load even while the counting package is being changed.
TALLY_RULES = (
    "greedy",
    "greedy-threshold",
    "greedy-no-skip",
    "mes",
    "mes-greedy",
    "mes-add1",
    "mes-add1-greedy",
)
THRESHOLD_RULE = "greedy-threshold"


class VoteRule(models.TextChoices):
    APPROVAL = "approval", _("aprobujące (do k projektów w puli)")
    ORDINAL = "ordinal", _("punkty za kolejność (np. 3-2-1)")
    CUMULATIVE = "cumulative", _("punkty do rozdzielenia (do P punktów w puli)")


class PoolMode(models.TextChoices):
    ONE_DISTRICT = "one_district", _("pula ogólnomiejska i jedna wybrana dzielnica")
    SEVERAL = "several", _("pula ogólnomiejska i dowolne dzielnice")


class PoolKind(models.TextChoices):
    CITYWIDE = "citywide", _("ogólnomiejska")
    DISTRICT = "district", _("dzielnicowa")
    THEMATIC = "thematic", _("tematyczna")


class DuplicatePolicy(models.TextChoices):
    FIRST_COUNTS = "first_counts", _("liczy się głos zapisany wcześniej")
    # Warsaw: a paper and an online ballot of one person are both void.
    VOID_BOTH = "void_both", _("karta papierowa i głos internetowy jednej osoby są nieważne")


class TieBreak(models.TextChoices):
    CHEAPER_FIRST = "cheaper_first", _("tańszy projekt pierwszy, potem losowanie")
    EARLIER_SUBMITTED = "earlier_submitted", _("wcześniej złożony projekt pierwszy")
    DRAW = "draw", _("publiczne losowanie")


TallyRule = models.TextChoices(
    "TallyRule", [(rule.replace("-", "_").upper(), rule) for rule in TALLY_RULES]
)


class PhaseKind(models.TextChoices):
    SUBMISSION = "submission", _("zgłaszanie projektów")
    VERIFICATION = "verification", _("weryfikacja")
    APPEALS = "appeals", _("odwołania")
    VOTING = "voting", _("głosowanie")
    RESULTS = "results", _("ogłoszenie wyników")


PHASE_ORDER = [kind.value for kind in PhaseKind]


class EditionState(models.TextChoices):
    DRAFT = "draft", _("w przygotowaniu")
    SUBMISSION = "submission", _("zgłaszanie projektów")
    VERIFICATION = "verification", _("weryfikacja projektów")
    APPEALS = "appeals", _("odwołania")
    VOTING = "voting", _("głosowanie")
    VOTING_CLOSED = "voting_closed", _("głosowanie zamknięte (urna zamrożona)")
    RESULTS_PUBLISHED = "results_published", _("wyniki ogłoszone")


STAFF_ONLY = {"denied": _("Etapy edycji zmienia tylko pracownik urzędu.")}
AMEND = {
    "label": _("Zmień wyniki na podstawie uchwały lub decyzji"),
    "reason_required": True,
    "input": "budget.inputs.ResultsAmendmentInput",
    "denied": _("Wyniki zmienia tylko pracownik urzędu, na podstawie uchwały lub decyzji."),
}


def new_voter_salt() -> str:
    return secrets.token_hex(32)


class Edition(ConcurrentTransitionMixin, models.Model):
    city = models.ForeignKey("districts.City", on_delete=models.PROTECT, related_name="editions")
    year = models.PositiveSmallIntegerField(_("rok"))
    title = models.CharField(_("nazwa"), max_length=200)
    # The council's resolution on the rules of the civic budget (art. 5a ust. 7 u.s.g.).
    legal_basis = models.CharField(_("podstawa prawna (uchwała rady)"), max_length=300, blank=True)
    total_amount = models.DecimalField(_("kwota całkowita (zł)"), max_digits=14, decimal_places=2)
    # Art. 5a ust. 5 u.s.g.: at least 0.5 % of the city's spending in its last budget report.
    city_spending = models.DecimalField(
        _("wydatki miasta z ostatniego sprawozdania (zł)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    categories = models.JSONField(_("kategorie projektów"), default=list, blank=True)
    vote_rule = models.CharField(
        _("sposób głosowania"), max_length=20, choices=VoteRule, default=VoteRule.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(_("k: najwięcej projektów w puli"), default=5)
    ordinal_points = models.JSONField(_("punkty za kolejne miejsca"), default=list, blank=True)
    max_points = models.PositiveSmallIntegerField(_("P: punkty do rozdzielenia"), default=10)
    pool_mode = models.CharField(
        _("pule na karcie"), max_length=20, choices=PoolMode, default=PoolMode.ONE_DISTRICT
    )
    # Cumulative pools share one budget of `max_points` instead of P in each pool.
    points_across_pools = models.BooleanField(
        _("punkty można rozdzielić między pule"), default=False
    )
    duplicate_policy = models.CharField(
        _("głos oddany na papierze i przez internet"),
        max_length=20,
        choices=DuplicatePolicy,
        default=DuplicatePolicy.FIRST_COUNTS,
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimalny wiek głosującego"), default=0)
    guardian_under = models.PositiveSmallIntegerField(_("zgoda opiekuna poniżej (lat)"), default=13)
    identification = models.JSONField(_("sposoby identyfikacji"), default=list)
    correction_days = models.PositiveSmallIntegerField(_("dni na uzupełnienie braków"), default=7)
    tally_rule = models.CharField(
        _("reguła liczenia"), max_length=20, choices=TallyRule, default="greedy"
    )
    # greedy-threshold: a project needs at least this many votes (points) to be selected.
    score_threshold = models.PositiveIntegerField(
        _("próg: najmniej głosów projektu"), null=True, blank=True
    )
    tie_break = models.CharField(
        _("rozstrzyganie remisów"),
        max_length=20,
        choices=TieBreak,
        default=TieBreak.CHEAPER_FIRST,
    )
    # Where the council's rules on the civic budget give district councils that role, each
    # council gives its opinion on the projects of its district pool during verification.
    district_council_opinions = models.BooleanField(
        _("rady dzielnic opiniują projekty ze swoich dzielnic"), default=False
    )
    # Days after the results are published in which a protest may be filed (the council's
    # voting rules set it); after them the voter keys are unlinked for good (erase_voter_links).
    protest_days = models.PositiveSmallIntegerField(_("dni na protesty po wynikach"), default=14)
    # Mixed into every voter key and code hash of the edition; "" once erased.
    voter_salt = models.CharField(max_length=64, default=new_voter_salt, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    state = FSMField(default=EditionState.DRAFT, protected=True, choices=EditionState.choices)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="one_edition_per_city_year"),
            models.CheckConstraint(
                condition=Q(tally_rule=THRESHOLD_RULE, score_threshold__isnull=False)
                | (~Q(tally_rule=THRESHOLD_RULE) & Q(score_threshold__isnull=True)),
                name="score_threshold_only_with_its_rule",
            ),
        ]
        verbose_name = _("edycja budżetu obywatelskiego")
        verbose_name_plural = _("edycje budżetu obywatelskiego")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.vote_rule == VoteRule.ORDINAL:
            points = self.ordinal_points
            if not points or any(not isinstance(p, int) or p <= 0 for p in points):
                raise ValidationError(_("Podaj punkty za kolejne miejsca, np. [3, 2, 1]."))
        if self.guardian_under and self.guardian_under <= self.minimum_age:
            raise ValidationError(
                _("Wiek zgody opiekuna musi być wyższy niż minimalny wiek głosującego.")
            )
        unknown = set(self.identification) - {"pesel", "code"}
        if not self.identification or unknown:
            raise ValidationError(_("Sposób identyfikacji: „pesel”, „code” lub oba."))
        if self.pk and (reason := flows.methods_unlinkable(self)):
            raise ValidationError(reason)

    @property
    def spending_share(self):
        """The budget's share of the city's spending, in per cent (None when not given)."""

        if not self.city_spending:
            return None
        return (self.total_amount * 100 / self.city_spending).quantize(Decimal("0.01"))

    @property
    def choices_limit(self) -> int:
        if self.vote_rule == VoteRule.ORDINAL:
            return len(self.ordinal_points)
        return self.max_choices

    def rules_by_kind(self) -> dict:
        """The rule of each pool kind: the edition's row for it, or the edition's defaults."""

        rows = {rule.pool_kind: rule for rule in self.pool_rules.all()}
        return {kind: rows.get(kind, self) for kind in PoolKind.values}

    @transition(
        field=state,
        source=EditionState.DRAFT,
        target=EditionState.SUBMISSION,
        conditions=[flows.edition_has_schedule, flows.edition_has_pools],
        permission=perm("budget.manage_edition"),
        custom={"label": _("Otwórz nabór projektów"), **STAFF_ONLY},
    )
    def open_submission(self):
        pass

    @transition(
        field=state,
        source=EditionState.SUBMISSION,
        target=EditionState.VERIFICATION,
        permission=perm("budget.manage_edition"),
        custom={"label": _("Zamknij nabór, rozpocznij weryfikację"), **STAFF_ONLY},
    )
    def start_verification(self):
        pass

    @transition(
        field=state,
        source=EditionState.VERIFICATION,
        target=EditionState.APPEALS,
        conditions=[flows.no_proposal_awaits_verification],
        permission=perm("budget.manage_edition"),
        custom={"label": _("Otwórz odwołania"), **STAFF_ONLY},
    )
    def open_appeals(self):
        pass

    @transition(
        field=state,
        source=EditionState.APPEALS,
        target=EditionState.VOTING,
        conditions=[flows.no_appeal_pending, flows.methods_linkable],
        permission=perm("budget.manage_edition"),
        custom={"label": _("Opublikuj listę i otwórz głosowanie"), **STAFF_ONLY},
    )
    def open_voting(self):
        pass

    @transition(
        field=state,
        source=EditionState.VOTING,
        target=EditionState.VOTING_CLOSED,
        permission=perm("budget.manage_edition"),
        custom={"label": _("Zamknij głosowanie i zamroź urnę"), **STAFF_ONLY},
    )
    def close_voting(self):
        pass

    @transition(
        field=state,
        source=EditionState.VOTING_CLOSED,
        target=EditionState.RESULTS_PUBLISHED,
        conditions=[flows.votes_counted],
        permission=perm("budget.manage_edition"),
        custom={"label": _("Ogłoś wyniki"), **STAFF_ONLY},
    )
    def publish_results(self):
        pass

    # After the count the council may withdraw a selected project (no permit, cost explosion)
    # or add one, by a resolution: the count is re-run from the frozen box with the change as
    # a constraint (the edition's effect, budget/results/amendments.py). Before and after the
    # results are published: one transition from each state, to the same state.
    @transition(
        field=state,
        source=EditionState.VOTING_CLOSED,
        target=EditionState.VOTING_CLOSED,
        conditions=[flows.votes_counted],
        permission=perm("budget.manage_edition"),
        custom=AMEND,
    )
    @transition(
        field=state,
        source=EditionState.RESULTS_PUBLISHED,
        target=EditionState.RESULTS_PUBLISHED,
        conditions=[flows.votes_counted],
        permission=perm("budget.manage_edition"),
        custom=AMEND,
    )
    def amend_results(self, *, proposal, change, resolution_number, resolution_date, reason=""):
        # Typed once; the effect, which runs next on this very instance, reads it from here.
        self.amendment_input = flows.amendment_or_invalid(
            self,
            proposal=proposal,
            change=change,
            resolution_number=resolution_number,
            resolution_date=resolution_date,
            reason=reason,
        )

    # The box stays frozen and verifiable; only the link from a ballot to a person goes.
    @transition(
        field=state,
        source=EditionState.RESULTS_PUBLISHED,
        target=EditionState.RESULTS_PUBLISHED,
        conditions=[flows.protest_period_over, flows.voter_links_kept],
        permission=perm("budget.manage_edition"),
        custom={"label": _("Usuń powiązanie głosów z głosującymi"), **STAFF_ONLY},
    )
    def erase_voter_links(self):
        pass


class Phase(models.Model):
    """One phase of an edition's schedule: its window is checked at every write."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("etap"), max_length=20, choices=PhaseKind)
    opens_at = models.DateTimeField(_("początek"))
    closes_at = models.DateTimeField(_("koniec"))
    legal_basis = models.CharField(_("podstawa prawna"), max_length=300, blank=True)

    class Meta:
        ordering = ["opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="one_phase_of_a_kind"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="phase_ends_after_start"
            ),
        ]
        verbose_name = _("etap harmonogramu")
        verbose_name_plural = _("harmonogram")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.edition})"


class CityUnit(models.Model):
    """A city unit (e.g. Zarząd Dróg Miasta Krakowa) that verifies and carries out projects."""

    name = models.CharField(_("nazwa"), max_length=200, unique=True)
    short_name = models.CharField(_("skrót"), max_length=20, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="city_units",
        blank=True,
        verbose_name=_("weryfikatorzy"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("jednostka miejska")
        verbose_name_plural = _("jednostki miejskie")

    def __str__(self) -> str:
        return self.name


class Pool(models.Model):
    """The money for one area: the citywide pool (no district) or one district's."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pools")
    district = models.ForeignKey(
        "districts.District", null=True, blank=True, on_delete=models.PROTECT
    )
    # Filled from `district` when left empty: a thematic pool (no district) says so.
    kind = models.CharField(_("rodzaj puli"), max_length=20, choices=PoolKind, blank=True)
    name = models.CharField(_("nazwa"), max_length=200)
    amount = models.DecimalField(_("kwota puli (zł)"), max_digits=14, decimal_places=2)
    max_project_cost = models.DecimalField(
        _("najwyższy koszt projektu (zł)"), max_digits=14, decimal_places=2
    )
    population = models.PositiveIntegerField(_("liczba mieszkańców obszaru"))
    support_minimum = models.PositiveIntegerField(_("wymagana liczba podpisów poparcia"), default=0)

    class Meta:
        ordering = ["district__number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "district"], name="one_pool_per_district"),
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(kind=PoolKind.CITYWIDE),
                name="one_citywide_pool",
            ),
            models.CheckConstraint(
                condition=Q(kind=PoolKind.DISTRICT, district__isnull=False)
                | (~Q(kind=PoolKind.DISTRICT) & Q(district__isnull=True)),
                name="district_pool_has_district",
            ),
        ]
        verbose_name = _("pula")
        verbose_name_plural = _("pule")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.kind:
            self.kind = PoolKind.CITYWIDE if self.district_id is None else PoolKind.DISTRICT
        super().save(*args, **kwargs)

    @property
    def is_citywide(self) -> bool:
        return self.district_id is None

    def clean(self):
        if self.support_minimum > self.max_support_minimum:
            raise ValidationError(
                _("Wymagana liczba podpisów może wynosić najwyżej %(cap)s (0,1%% mieszkańców).")
                % {"cap": self.max_support_minimum}
            )
        if self.max_project_cost > self.amount:
            raise ValidationError(_("Najwyższy koszt projektu nie może przekraczać kwoty puli."))

    @property
    def max_support_minimum(self) -> int:
        # Art. 5a ust. 7 pkt 1 u.s.g.: at most 0.1 % of the residents of the area may be required.
        return self.population // 1000
