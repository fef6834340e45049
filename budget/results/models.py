"""A count of an edition's frozen ballot box and its explained results, per pool and project."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TallyRun(models.Model):
    """One count. `input_digest` is the SHA-256 of the anonymised ballots (the export anyone
    can download), so a recount can show it used the very same box."""

    edition = models.OneToOneField(
        "budget.Edition", on_delete=models.PROTECT, related_name="tally_run"
    )
    rule = models.CharField(_("reguła liczenia"), max_length=20)
    tie_break = models.CharField(_("rozstrzyganie remisów"), max_length=20)
    seed = models.BigIntegerField(_("ziarno losowania"), null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    input_digest = models.CharField(_("skrót SHA-256 urny"), max_length=64)
    ballots = models.PositiveIntegerField(_("ważne karty"), default=0)

    class Meta:
        verbose_name = _("liczenie głosów")
        verbose_name_plural = _("liczenia głosów")

    def __str__(self) -> str:
        return f"{self.edition} ({self.rule})"


class PoolResult(models.Model):
    run = models.ForeignKey(TallyRun, on_delete=models.CASCADE, related_name="pools")
    pool = models.ForeignKey("budget.Pool", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("kwota puli (zł)"), max_digits=14, decimal_places=2)
    spent = models.DecimalField(_("przyznano (zł)"), max_digits=14, decimal_places=2)
    voters = models.PositiveIntegerField(_("głosujący w puli"))
    voters_with_winner = models.PositiveIntegerField(_("głosujący z co najmniej jednym zwycięzcą"))
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pool__district__number", "pool_id"]
        constraints = [models.UniqueConstraint(fields=["run", "pool"], name="one_result_per_pool")]

    def __str__(self) -> str:
        return f"{self.pool}: {self.spent} / {self.amount}"

    @property
    def winner_share(self) -> float:
        return self.voters_with_winner / self.voters if self.voters else 0.0

    @property
    def spent_share(self) -> float:
        return float(self.spent / self.amount) if self.amount else 0.0


class ProjectResult(models.Model):
    run = models.ForeignKey(TallyRun, on_delete=models.CASCADE, related_name="projects")
    pool = models.ForeignKey("budget.Pool", on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("budget.Proposal", on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("głosy"))
    score = models.PositiveIntegerField(_("punkty"))
    cost = models.DecimalField(_("koszt (zł)"), max_digits=12, decimal_places=2)
    selected = models.BooleanField(_("wybrany"))
    # 1 for the first project the rule chose, then 2, ...; null for projects not selected.
    selection_order = models.PositiveIntegerField(null=True)
    reason = models.TextField(_("uzasadnienie"))
    # The rule's figures behind the reason (MES round, price per supporter, money left, ...).
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["pool_id", "-score", "-votes", "proposal_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "proposal"], name="one_result_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.score}"


class AmendmentChange(models.TextChoices):
    WITHDRAW = "withdraw", _("wycofanie wybranego projektu")
    ADD = "add", _("dodanie niewybranego projektu")


class ResultAmendment(models.Model):
    """A change of the counted results the council (or the mayor) decided, with its public
    reason and the resolution it rests on. The count is re-run from the frozen box with every
    amendment so far as a constraint; `pools` keeps the outcome of each re-counted pool, and
    the original count (TallyRun's rows) stays as it was."""

    run = models.ForeignKey(TallyRun, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveIntegerField(_("numer zmiany"))
    change = models.CharField(_("zmiana"), max_length=20, choices=AmendmentChange)
    proposal = models.ForeignKey("budget.Proposal", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("uzasadnienie (publiczne)"))
    resolution_number = models.CharField(_("uchwała lub decyzja"), max_length=200)
    resolution_date = models.DateField(_("data uchwały lub decyzji"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    # Proposal ids the amended count moved into and out of the selected projects.
    moved_in = models.JSONField(default=list)
    moved_out = models.JSONField(default=list)
    # {pool id: {"spent": "...", "projects": [{"id", "title", "selected", "order", "reason",
    #  "change"}]}} for every pool the amendments so far re-counted.
    pools = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="one_amendment_number_per_run")
        ]
        verbose_name = _("zmiana wyników")
        verbose_name_plural = _("zmiany wyników")

    def __str__(self) -> str:
        return f"{self.run}: {self.number}. {self.get_change_display()}"
