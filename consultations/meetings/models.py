"""Sector team meetings: agenda, speaker queue, floor, decisions, contributions, minutes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from bodies.models import Vote
from consultations.models import SectorTeam
from consultations.suggestion_flow import SuggestionFlow, SuggestionState
from workflows.accounts.models import Organisation

from . import flows
from .sections import Section


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("zaplanowane")
    OPEN = "open", _("trwa")
    CLOSED = "closed", _("zakończone")
    PUBLISHED = "published", _("protokół opublikowany")


class Meeting(ConcurrentTransitionMixin, flows.MeetingFlow, models.Model):
    """A meeting of a sector team or of a standing body (exactly one of the two)."""

    team = models.ForeignKey(
        SectorTeam,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("zespół"),
    )
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("organ"),
    )
    title = models.CharField(_("tytuł"), max_length=200)
    starts_at = models.DateTimeField(_("początek"))
    ends_at = models.DateTimeField(_("koniec"))
    place = models.CharField(_("miejsce"), max_length=300, blank=True)
    online_url = models.URLField(_("link do spotkania online"), blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="moderated_meetings",
        verbose_name=_("moderator"),
    )
    speaking_limit_seconds = models.PositiveIntegerField(
        _("limit czasu wypowiedzi (s)"), default=180
    )
    rules = models.TextField(_("zasady spotkania"), blank=True)
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("zaproszeni eksperci"),
    )
    invited_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="meetings", verbose_name=_("zaproszone organizacje")
    )
    state = FSMField(default=MeetingState.PLANNED, protected=True, choices=MeetingState.choices)
    current_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Empty until the moderator edits the draft: the draft is generated from the record.
    minutes = models.TextField(_("protokół"), blank=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("spotkanie zespołu")
        verbose_name_plural = _("spotkania zespołów")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False, body__isnull=True)
                | models.Q(team__isnull=True, body__isnull=False),
                name="meeting_of_team_or_body",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.host})"

    @property
    def host(self):
        """The sector team or the body holding the meeting."""

        return self.team if self.team_id else self.body

    @property
    def is_body_meeting(self) -> bool:
        return self.body_id is not None

    def is_moderator(self, user) -> bool:
        return bool(user and user.is_authenticated and user.pk == self.moderator_id)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("kolejność"))
    title = models.CharField(_("punkt"), max_length=300)
    section = models.CharField(_("część rozdziału"), max_length=10, choices=Section, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def status(self) -> str:
        if self.closed_at:
            return "closed"
        return "open" if self.opened_at else "pending"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting_id}"


class QueuedHand(models.Model):
    """A raised hand; the queue is ordered by when hands went up."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="queue")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    raised_at = models.DateTimeField()

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_hand")]

    def __str__(self) -> str:
        return f"{self.user} ({self.meeting_id})"


class Speech(models.Model):
    """A turn at the floor; the open one (ended_at empty) is the current floor."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speeches")
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    limit_seconds = models.PositiveIntegerField()

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(ended_at__isnull=True),
                name="one_floor_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.speaker} ({self.started_at:%H:%M})"


class Outcome(models.TextChoices):
    CONSENSUS = "consensus", _("konsensus osiągnięty")
    NO_CONSENSUS = "no_consensus", _("brak konsensusu")
    POSTPONED = "postponed", _("odłożone")
    # Set only by closing a body's vote (services.votes), never chosen by hand.
    ADOPTED = "adopted", _("przyjęte w głosowaniu")
    REJECTED = "rejected", _("nieprzyjęte w głosowaniu")


# The outcomes a moderator records by hand; a vote's result comes from the count.
MANUAL_OUTCOMES = [Outcome.CONSENSUS, Outcome.NO_CONSENSUS, Outcome.POSTPONED]


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("wynik"), max_length=20, choices=Outcome)
    text = models.TextField(_("treść"))
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.text[:60]}"


class Contribution(models.Model):
    """A short written contribution of a participant to an agenda item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("treść"), max_length=1000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class ChapterSuggestion(ConcurrentTransitionMixin, SuggestionFlow, models.Model):
    """A consensus decision offered to the team as a change of its chapter's draft; the
    chapter's writers accept it into the next version or reject it with a reason."""

    team = models.ForeignKey(
        SectorTeam, on_delete=models.CASCADE, related_name="chapter_suggestions"
    )
    section = models.CharField(_("część rozdziału"), max_length=10, choices=Section, blank=True)
    text = models.TextField(_("treść"))
    # Its origin: a team's consensus in a meeting, or a body's opinion proposing a wording.
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestion"
    )
    opinion = models.OneToOneField(
        "bodies.OpinionRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestion",
        verbose_name=_("opinia"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = FSMField(default=SuggestionState.OPEN, protected=True, choices=SuggestionState.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("powód odrzucenia"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("propozycja do rozdziału")
        verbose_name_plural = _("propozycje do rozdziału")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__isnull=True) ^ models.Q(opinion__isnull=True),
                name="suggestion_has_one_origin",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class MotionKind(models.TextChoices):
    RESOLUTION = "resolution", _("uchwała")
    OPINION = "opinion", _("opinia")


class Motion(models.Model):
    """A body's vote on the open item: a resolution, or an opinion asked of the body."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(_("rodzaj"), max_length=20, choices=MotionKind.choices)
    text = models.TextField(_("treść"))
    opinion = models.ForeignKey(
        "bodies.OpinionRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("wniosek o opinię"),
    )
    stance = models.CharField(_("stanowisko"), max_length=20, blank=True)
    wording = models.TextField(_("proponowany zapis"), blank=True)
    section = models.CharField(_("część rozdziału"), max_length=10, choices=Section, blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    carried = models.BooleanField(null=True)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="motion"
    )

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_vote_per_meeting",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="opinion") | models.Q(opinion__isnull=False),
                name="opinion_motion_names_request",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class MotionVote(models.Model):
    """One member's vote, by name: the body's rules want the roll call on record."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey("bodies.Membership", on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(max_length=10, choices=Vote.choices)
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "membership"], name="one_vote_per_motion")
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.vote}"
