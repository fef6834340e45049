"""Standing bodies (the public-benefit council, Civic Dialogue Commissions, advisory teams,
district councils), their members with terms and roles, and the opinions asked of them."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from consultations.meetings.sections import Section
from workflows.permissions import perm

from . import flows


class BodyKind(models.TextChoices):
    # Art. 41a of the 2003 Act: the municipal public-benefit council.
    RDPP = "rdpp", _("Rada Działalności Pożytku Publicznego")
    DIALOGUE_COMMISSION = "dialogue_commission", _("Komisja Dialogu Obywatelskiego")
    ADVISORY_TEAM = "advisory_team", _("wspólny zespół doradczy")
    DISTRICT_COUNCIL = "district_council", _("rada dzielnicy")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("zwykła większość (więcej głosów za niż przeciw)")
    ABSOLUTE = "absolute", _("bezwzględna większość głosujących")
    STATUTORY = "statutory", _("bezwzględna większość składu")


class InTermQuerySet(models.QuerySet):
    """Rows whose term (term_start … term_end, open-ended when empty) covers `on`."""

    def in_term(self, on: date):
        return self.filter(Q(term_start__lte=on), Q(term_end__isnull=True) | Q(term_end__gte=on))


class Body(models.Model):
    kind = models.CharField(_("rodzaj"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("nazwa"), max_length=300)
    legal_basis = models.CharField(
        _("podstawa prawna"), max_length=500, help_text=_("Uchwała lub zarządzenie powołujące.")
    )
    term_start = models.DateField(_("początek kadencji"))
    term_end = models.DateField(_("koniec kadencji"), null=True, blank=True)
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("dzielnica"),
    )
    # The body's own rules: a decision needs at least this share of its members present
    # (1/2 unless its statute says otherwise) and the majority below.
    quorum_percent = models.PositiveSmallIntegerField(_("kworum (procent składu)"), default=50)
    majority = models.CharField(
        _("wymagana większość"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE
    )

    objects = InTermQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organ doradczy")
        verbose_name_plural = _("organy doradcze")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100),
                name="body_quorum_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="body_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("przewodniczący")
    SECRETARY = "secretary", _("sekretarz")
    MEMBER = "member", _("członek")


class Membership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="body_memberships",
        verbose_name=_("osoba"),
    )
    # Commissions: the organisation a member represents.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("reprezentowana organizacja"),
    )
    role = models.CharField(
        _("funkcja"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_start = models.DateField(_("od"))
    term_end = models.DateField(_("do"), null=True, blank=True)

    objects = InTermQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "person__last_name", "person__username"]
        verbose_name = _("członkostwo")
        verbose_name_plural = _("członkostwa")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="membership_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.body} ({self.get_role_display()})"

    def in_term(self, on: date) -> bool:
        return self.term_start <= on and (self.term_end is None or on <= self.term_end)


class OpinionState(models.TextChoices):
    REQUESTED = "requested", _("oczekuje na opinię")
    ADOPTED = "adopted", _("opinia wydana")
    NOT_GIVEN = "not_given", _("brak opinii w terminie")
    WITHDRAWN = "withdrawn", _("wniosek wycofany")


class Stance(models.TextChoices):
    POSITIVE = "positive", _("pozytywna")
    WITH_REMARKS = "with_remarks", _("pozytywna z uwagami")
    NEGATIVE = "negative", _("negatywna")


class Method(models.TextChoices):
    MEETING = "meeting", _("na posiedzeniu")
    CIRCULATION = "circulation", _("w trybie obiegowym")


class OpinionRequest(ConcurrentTransitionMixin, models.Model):
    """Staff ask a body for its opinion on an object, by a date; the body answers or not."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="opinion_requests")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    subject = models.CharField(_("przedmiot opinii"), max_length=300)
    due_on = models.DateField(_("termin na opinię"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    state = FSMField(default=OpinionState.REQUESTED, choices=OpinionState.choices, protected=True)

    text = models.TextField(_("treść opinii"), blank=True)
    stance = models.CharField(_("stanowisko"), max_length=20, choices=Stance.choices, blank=True)
    procedure = models.CharField(_("tryb"), max_length=20, choices=Method.choices, blank=True)
    adopted_on = models.DateField(_("data podjęcia"), null=True, blank=True)
    # An opinion on a chapter may propose its wording: it becomes a suggestion on the draft.
    proposed_wording = models.TextField(_("proponowany zapis"), blank=True)
    proposed_section = models.CharField(
        _("część rozdziału"), max_length=10, choices=Section, blank=True
    )
    late = models.BooleanField(_("po terminie"), default=False)
    members_count = models.PositiveSmallIntegerField(default=0)
    present_count = models.PositiveSmallIntegerField(default=0)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    votes_abstained = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("wniosek o opinię")
        verbose_name_plural = _("wnioski o opinię")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.body}: {self.subject}"

    @property
    def is_adopted(self) -> bool:
        return self.state == OpinionState.ADOPTED

    @property
    def is_pending(self) -> bool:
        return self.state == OpinionState.REQUESTED

    @property
    def is_not_given(self) -> bool:
        return self.state == OpinionState.NOT_GIVEN

    @transition(
        field=state,
        source=[OpinionState.REQUESTED, OpinionState.NOT_GIVEN],
        target=OpinionState.ADOPTED,
        permission=perm("bodies.record_opinion"),
        custom={"label": _("Odnotuj podjęcie opinii"), "input": "bodies.inputs.AdoptionInput"},
    )
    def adopt(self, *, text, stance, procedure, adopted_on, present, votes, wording="", section=""):
        flows.apply_adoption(self, text, stance, procedure, adopted_on, present, votes)
        flows.apply_wording(self, wording, section)

    @transition(
        field=state,
        source=OpinionState.REQUESTED,
        target=OpinionState.NOT_GIVEN,
        permission=perm("bodies.request_opinion"),
        conditions=[flows.due_passed],
        custom={"label": _("Odnotuj brak opinii w terminie")},
    )
    def record_no_opinion(self):
        pass

    @transition(
        field=state,
        source=OpinionState.REQUESTED,
        target=OpinionState.WITHDRAWN,
        permission=perm("bodies.request_opinion"),
        custom={"label": _("Wycofaj wniosek o opinię"), "reason_required": True},
    )
    def withdraw(self):
        pass


class Vote(models.TextChoices):
    FOR = "for", _("za")
    AGAINST = "against", _("przeciw")
    ABSTAIN = "abstain", _("wstrzymuje się")


class OpinionVote(models.Model):
    """One member's vote on an opinion, recorded by name."""

    request = models.ForeignKey(OpinionRequest, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(max_length=10, choices=Vote.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "membership"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_vote_display()}"


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("w przygotowaniu")
    OPEN = "open", _("zbieranie uwag")
    CLOSED = "closed", _("zbieranie uwag zakończone")


class DistrictConsultation(ConcurrentTransitionMixin, models.Model):
    """A district council's own comment round on a district document (e.g. the district's
    priorities for the year), open to the district's residents."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(_("tytuł dokumentu"), max_length=300)
    text = models.TextField(_("treść dokumentu"))
    closes_at = models.DateTimeField(_("koniec zbierania uwag"))
    opened_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = FSMField(
        default=ConsultationState.DRAFT, choices=ConsultationState.choices, protected=True
    )

    class Meta:
        ordering = ["-closes_at", "-pk"]
        verbose_name = _("konsultacje rady dzielnicy")
        verbose_name_plural = _("konsultacje rad dzielnic")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == ConsultationState.OPEN

    @transition(
        field=state,
        source=ConsultationState.DRAFT,
        target=ConsultationState.OPEN,
        permission=perm("bodies.run_consultation"),
        conditions=[flows.closes_in_future],
        custom={"label": _("Rozpocznij zbieranie uwag")},
    )
    def open(self):
        self.opened_at = timezone.now()

    @transition(
        field=state,
        source=ConsultationState.OPEN,
        target=ConsultationState.CLOSED,
        permission=perm("bodies.run_consultation"),
        conditions=[flows.window_over],
        custom={"label": _("Zakończ zbieranie uwag")},
    )
    def close(self):
        pass


class DistrictComment(models.Model):
    """A resident's comment on a district document; residence is declared by the author."""

    consultation = models.ForeignKey(
        DistrictConsultation, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="district_comments"
    )
    text = models.TextField(_("uwaga"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uwaga mieszkańca dzielnicy")
        verbose_name_plural = _("uwagi mieszkańców dzielnicy")

    def __str__(self) -> str:
        return self.text[:80]
