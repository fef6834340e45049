"""The ballot box: one ballot per voter per edition, enforced by the database."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("przez internet")
    PAPER = "paper", _("karta papierowa")


class IdMethod(models.TextChoices):
    PESEL = "pesel", _("PESEL")
    CODE = "code", _("jednorazowy kod")


class Ballot(models.Model):
    """A cast ballot. `voter_key` is a keyed hash (HMAC-SHA256 with PESEL_HASH_KEY) of the
    PESEL or of the one-time code; the number itself is never stored. No name, no birth date:
    only the age band that turnout statistics need."""

    # Indexes: every ballot writes each of them, so only those a query needs (migration
    # 0004). Ballots of an edition use one_ballot_per_voter, which starts with the edition.
    edition = models.ForeignKey(
        "budget.Edition", on_delete=models.PROTECT, related_name="ballots", db_index=False
    )
    voter_key = models.CharField(max_length=64)
    method = models.CharField(max_length=10, choices=IdMethod)
    channel = models.CharField(max_length=10, choices=Channel, default=Channel.ONLINE)
    paper_number = models.CharField(_("numer karty papierowej"), max_length=30, null=True)
    age_band = models.CharField(_("przedział wieku"), max_length=10)
    receipt = models.CharField(max_length=16)  # unique: see Meta
    cast_at = models.DateTimeField()
    # No index on who entered or invalidated a ballot: no query asks, and PROTECT's check
    # when a user is deleted (the admin only, rarely) may scan the table.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    invalidation_reason = models.TextField(blank=True)
    # The duplicate policy "void both": this ballot and the person's ballot from the other
    # channel are void. The later one is stored under a key derived from the person's
    # (one_ballot_per_voter holds one ballot per key), so both stay in the box and audit.
    voided_as_duplicate = models.BooleanField(default=False, db_default=False)
    # A voter under the edition's guardian age: the guardian's PESEL as a keyed hash.
    guardian_key = models.CharField(max_length=64, blank=True, default="", db_default="")
    # HMAC over the content (budget/seal.py): verify_audit detects an edited ballot.
    seal = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        constraints = [
            # Art. 5a ust. 7 pkt 4 u.s.g. (rules of voting): one voter, one ballot per edition.
            models.UniqueConstraint(fields=["edition", "voter_key"], name="one_ballot_per_voter"),
            models.UniqueConstraint(
                fields=["edition", "paper_number"],
                condition=Q(paper_number__isnull=False),
                name="one_entry_per_paper_ballot",
            ),
            # A constraint, not unique=True: receipts are compared for equality only, and
            # unique=True adds a second (varchar_pattern_ops) index for LIKE on PostgreSQL.
            models.UniqueConstraint(fields=["receipt"], name="one_ballot_per_receipt"),
        ]
        indexes = [
            # Turnout subtracts the invalidated ballots (budget/turnout.py); valid ones,
            # nearly all, are not in this index and cost an insert nothing.
            models.Index(
                fields=["edition"],
                condition=Q(invalidated_at__isnull=False),
                name="invalidated_ballots",
            ),
        ]
        verbose_name = _("głos")
        verbose_name_plural = _("głosy")

    def __str__(self) -> str:
        return f"{self.edition} #{self.pk}"

    @property
    def is_valid(self) -> bool:
        return self.invalidated_at is None


class BallotChoice(models.Model):
    # The choices of a ballot use one_choice_per_project, which starts with the ballot.
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="choices", db_index=False
    )
    pool = models.ForeignKey("budget.Pool", on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("budget.Proposal", on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(default=1)
    rank = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="one_choice_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.proposal_id} ({self.points})"


class CodeBatch(models.Model):
    edition = models.ForeignKey("budget.Edition", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("opis partii"), max_length=200)
    size = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label


class VotingCode(models.Model):
    """A one-time voting code, stored only as its keyed hash; used once.

    A code issued to a person carries that person's voter key (identity.person_key, a keyed
    hash of the PESEL): voting with it uses up the same identity as voting with the PESEL.
    An unbound code (person_key null) is a voter of its own, so an edition that has them
    may not also accept PESEL numbers (flows.methods_unlinkable)."""

    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    edition = models.ForeignKey("budget.Edition", on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    person_key = models.CharField(max_length=64, null=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "code_hash"], name="unique_voting_code"),
            models.UniqueConstraint(
                fields=["edition", "person_key"],
                condition=Q(person_key__isnull=False),
                name="one_code_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"code {self.code_hash[:8]}…"
