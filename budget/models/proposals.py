"""Proposals: the state machine from a draft to a completed project, and what surrounds it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from budget import flows
from workflows.permissions import perm


class Category(models.TextChoices):
    GREENERY = "greenery", _("zieleń i ekologia")
    ROADS = "roads", _("drogi, chodniki, rowery")
    EDUCATION = "education", _("edukacja")
    SPORT = "sport", _("sport i rekreacja")
    CULTURE = "culture", _("kultura")
    SOCIAL = "social", _("pomoc społeczna i zdrowie")
    SAFETY = "safety", _("bezpieczeństwo")
    OTHER = "other", _("inne")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("szkic")
    SUBMITTED = "submitted", _("złożony")
    NEEDS_CORRECTION = "needs_correction", _("do uzupełnienia")
    FORMALLY_PASSED = "formally_passed", _("ocena formalna pozytywna — weryfikacja merytoryczna")
    ACCEPTED = "accepted", _("dopuszczony do głosowania")
    REJECTED = "rejected", _("odrzucony")
    APPEALED = "appealed", _("odwołanie złożone")
    APPEAL_DISMISSED = "appeal_dismissed", _("odwołanie oddalone")
    ON_BALLOT = "on_ballot", _("na karcie do głosowania")
    SELECTED = "selected", _("wybrany do realizacji")
    NOT_SELECTED = "not_selected", _("niewybrany")
    IN_IMPLEMENTATION = "in_implementation", _("w realizacji")
    COMPLETED = "completed", _("zrealizowany")
    ABANDONED = "abandoned", _("zaniechany")
    MERGED = "merged", _("połączony z innym projektem")


S = ProposalState
AWAITING_VERIFICATION = [S.SUBMITTED, S.NEEDS_CORRECTION, S.FORMALLY_PASSED]
PUBLIC_STATES = [s for s in S.values if s != S.DRAFT]
IMPLEMENTATION_STATES = [S.SELECTED, S.IN_IMPLEMENTATION, S.COMPLETED, S.ABANDONED]
# Over: no more progress reports.
FINISHED_STATES = (S.COMPLETED, S.ABANDONED)


class Proposal(ConcurrentTransitionMixin, models.Model):
    edition = models.ForeignKey(
        "budget.Edition", on_delete=models.CASCADE, related_name="proposals"
    )
    pool = models.ForeignKey("budget.Pool", on_delete=models.PROTECT, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="budget_proposals"
    )
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coauthored_proposals", blank=True
    )
    title = models.CharField(_("tytuł"), max_length=200)
    description = models.TextField(_("opis"), blank=True)
    location = models.CharField(_("lokalizacja"), max_length=300, blank=True)
    # An optional point on the map (WGS 84), inside the city (settings.MAP_BOUNDS).
    latitude = models.DecimalField(
        _("szerokość geograficzna"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("długość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    category = models.CharField(_("kategoria"), max_length=20, choices=Category, default="other")
    estimated_cost = models.DecimalField(
        _("szacowany koszt (zł)"), max_digits=12, decimal_places=2, default=0
    )
    verified_cost = models.DecimalField(
        _("koszt po weryfikacji (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.ForeignKey(
        "budget.CityUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("jednostka weryfikująca"),
    )
    correction_due = models.DateTimeField(_("termin uzupełnienia"), null=True, blank=True)
    rejection_reason = models.TextField(_("powód odrzucenia (publiczny)"), blank=True)
    appeal_justification = models.TextField(_("uzasadnienie odwołania"), blank=True)
    appeal_decision = models.TextField(_("rozstrzygnięcie odwołania"), blank=True)
    abandon_reason = models.TextField(_("powód zaniechania"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state = FSMField(default=S.DRAFT, protected=True, choices=S.choices, db_index=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["edition", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="proposal_point_has_both_coordinates",
            )
        ]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekty")

    def __str__(self) -> str:
        return self.title

    @property
    def cost(self):
        return self.verified_cost if self.verified_cost is not None else self.estimated_cost

    # --- author ---
    @transition(
        field=state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        conditions=[
            flows.in_submission_phase,
            flows.has_content,
            flows.cost_within_pool_maximum,
            flows.has_required_support,
        ],
        permission=perm("budget.change_proposal"),
        custom={"label": _("Złóż projekt"), "denied": flows.AUTHOR_ONLY},
    )
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=S.NEEDS_CORRECTION,
        target=S.SUBMITTED,
        conditions=[flows.before_correction_due, flows.has_content, flows.cost_within_pool_maximum],
        permission=perm("budget.change_proposal"),
        custom={"label": _("Złóż poprawiony projekt"), "denied": flows.AUTHOR_ONLY},
    )
    def resubmit(self):
        self.correction_due = None

    @transition(
        field=state,
        source=S.REJECTED,
        target=S.APPEALED,
        conditions=[flows.in_appeals_phase],
        permission=perm("budget.appeal_proposal"),
        custom={
            "label": _("Odwołaj się"),
            "denied": flows.AUTHOR_ONLY,
            "reason_required": True,
        },
    )
    def appeal(self, reason: str = ""):
        self.appeal_justification = reason

    # --- formal check (council staff) ---
    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.FORMALLY_PASSED,
        permission=perm("budget.check_proposal"),
        custom={
            "label": _("Ocena formalna pozytywna"),
            "denied": flows.STAFF_ONLY,
            "input": "budget.inputs.FormalCheckInput",
        },
    )
    def pass_formal_check(self, *, unit):
        self.unit = unit

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.NEEDS_CORRECTION,
        permission=perm("budget.check_proposal"),
        custom={
            "label": _("Wezwij do uzupełnienia"),
            "denied": flows.STAFF_ONLY,
            "reason_required": True,
        },
    )
    def request_correction(self):
        self.correction_due = flows.correction_deadline(self)

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.REJECTED,
        permission=perm("budget.check_proposal"),
        custom={
            "label": _("Odrzuć formalnie"),
            "denied": flows.STAFF_ONLY,
            "reason_required": True,
        },
    )
    def reject_formally(self, reason: str = ""):
        self.rejection_reason = reason

    @transition(
        field=state,
        source=S.NEEDS_CORRECTION,
        target=S.REJECTED,
        conditions=[flows.correction_due_passed],
        permission=perm("budget.check_proposal"),
        custom={"label": _("Odrzuć — brak uzupełnienia w terminie"), "denied": flows.STAFF_ONLY},
    )
    def reject_uncorrected(self):
        self.rejection_reason = str(flows.NOT_CORRECTED)

    # --- merit and cost verification (the assigned unit) ---
    @transition(
        field=state,
        source=S.FORMALLY_PASSED,
        target=S.ACCEPTED,
        conditions=[flows.has_assessment, flows.verified_cost_within_pool_maximum],
        permission=perm("budget.verify_proposal"),
        custom={"label": _("Dopuść do głosowania"), "denied": flows.UNIT_ONLY},
    )
    def accept_for_ballot(self):
        pass

    @transition(
        field=state,
        source=S.FORMALLY_PASSED,
        target=S.REJECTED,
        permission=perm("budget.verify_proposal"),
        custom={
            "label": _("Odrzuć po weryfikacji merytorycznej"),
            "denied": flows.UNIT_ONLY,
            "reason_required": True,
        },
    )
    def reject_on_merit(self, reason: str = ""):
        self.rejection_reason = reason

    # --- appeals (council staff) ---
    @transition(
        field=state,
        source=S.APPEALED,
        target=S.ACCEPTED,
        permission=perm("budget.decide_appeal"),
        custom={
            "label": _("Uwzględnij odwołanie"),
            "denied": flows.STAFF_ONLY,
            "reason_required": True,
        },
    )
    def uphold_appeal(self, reason: str = ""):
        self.appeal_decision = reason

    @transition(
        field=state,
        source=S.APPEALED,
        target=S.APPEAL_DISMISSED,
        permission=perm("budget.decide_appeal"),
        custom={
            "label": _("Oddal odwołanie"),
            "denied": flows.STAFF_ONLY,
            "reason_required": True,
        },
    )
    def dismiss_appeal(self, reason: str = ""):
        self.appeal_decision = reason

    @transition(
        field=state,
        source=[S.SUBMITTED, S.FORMALLY_PASSED],
        target=S.MERGED,
        conditions=[flows.merge_consented],
        permission=perm("budget.merge_proposal"),
        custom={
            "label": _("Połącz z innym projektem"),
            "denied": flows.STAFF_ONLY,
            "input": "budget.inputs.MergeInput",
        },
    )
    def merge(self, *, into):
        self.merged_into = into

    # --- ballot and tally ---
    @transition(
        field=state,
        source=S.ACCEPTED,
        target=S.ON_BALLOT,
        permission=perm("budget.tally_proposal"),
        custom={"label": _("Umieść na karcie"), "denied": flows.LIST_BY_OPENING},
    )
    def place_on_ballot(self):
        pass

    # From the other outcome too: an amendment of the results (budget/results/amendments.py).
    @transition(
        field=state,
        source=[S.ON_BALLOT, S.NOT_SELECTED],
        target=S.SELECTED,
        permission=perm("budget.tally_proposal"),
        custom={"label": _("Wybrany w głosowaniu"), "denied": flows.TALLY_ONLY},
    )
    def select(self):
        pass

    @transition(
        field=state,
        source=[S.ON_BALLOT, S.SELECTED],
        target=S.NOT_SELECTED,
        permission=perm("budget.tally_proposal"),
        custom={"label": _("Niewybrany w głosowaniu"), "denied": flows.TALLY_ONLY},
    )
    def not_select(self):
        pass

    # --- implementation ---
    @transition(
        field=state,
        source=S.SELECTED,
        target=S.IN_IMPLEMENTATION,
        permission=perm("budget.implement_proposal"),
        custom={"label": _("Rozpocznij realizację"), "denied": flows.IMPLEMENTER_ONLY},
    )
    def start_implementation(self):
        pass

    @transition(
        field=state,
        source=S.IN_IMPLEMENTATION,
        target=S.COMPLETED,
        permission=perm("budget.implement_proposal"),
        custom={"label": _("Zakończ realizację"), "denied": flows.IMPLEMENTER_ONLY},
    )
    def complete(self):
        pass

    @transition(
        field=state,
        source=[S.SELECTED, S.IN_IMPLEMENTATION],
        target=S.ABANDONED,
        permission=perm("budget.implement_proposal"),
        custom={
            "label": _("Zaniechaj realizacji"),
            "denied": flows.IMPLEMENTER_ONLY,
            "reason_required": True,
        },
    )
    def abandon(self, reason: str = ""):
        self.abandon_reason = reason


class LandOwnership(models.TextChoices):
    CITY = "city", _("gmina")
    STATE = "state", _("Skarb Państwa")
    PRIVATE = "private", _("prywatny właściciel")
    MIXED = "mixed", _("różni właściciele")


class Verification(models.Model):
    """One merit and cost assessment by the assigned unit; the latest one counts."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="verifications")
    unit = models.ForeignKey("budget.CityUnit", on_delete=models.PROTECT)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)
    verified_cost = models.DecimalField(_("koszt po weryfikacji"), max_digits=12, decimal_places=2)
    cost_change_reason = models.TextField(_("uzasadnienie zmiany kosztu"), blank=True)
    feasible = models.BooleanField(_("wykonalny"))
    legal = models.BooleanField(_("zgodny z prawem"))
    land_ownership = models.CharField(_("własność terenu"), max_length=10, choices=LandOwnership)
    maintenance_cost = models.DecimalField(
        _("roczny koszt utrzymania (zł)"), max_digits=12, decimal_places=2, default=0
    )
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("weryfikacja merytoryczna")
        verbose_name_plural = _("weryfikacje merytoryczne")

    def __str__(self) -> str:
        return f"{self.proposal} — {self.unit}"


class SupportSignature(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_signature_per_person")
        ]
        verbose_name = _("podpis poparcia")
        verbose_name_plural = _("podpisy poparcia")

    def __str__(self) -> str:
        return f"{self.user} → {self.proposal}"


class MergeRequest(models.Model):
    """Merging two similar proposals needs the consent of both authors, each recorded."""

    source = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="merge_requests")
    target = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    source_consent_at = models.DateTimeField(null=True, blank=True)
    target_consent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="one_merge_request_per_pair")
        ]
        verbose_name = _("wniosek o połączenie")
        verbose_name_plural = _("wnioski o połączenie")

    def __str__(self) -> str:
        return f"{self.source} + {self.target}"

    @property
    def consented(self) -> bool:
        return self.source_consent_at is not None and self.target_consent_at is not None
