"""Small grants (art. 19a of the 2003 Act): an offer outside a competition for up to
10 000 zł and 90 days, published for 7 days for comments, then decided; the city's yearly
total of small grants is capped (settings.SMALL_GRANTS_YEARLY_CAP)."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.conditions import condition
from workflows.permissions import perm
from workflows.timeutil import city_tz

MAX_AMOUNT = Decimal("10000")
MAX_DAYS = 90
COMMENT_DAYS = 7


class SmallGrantState(models.TextChoices):
    SUBMITTED = "submitted", _lazy("złożona")
    PUBLISHED = "published", _lazy("opublikowana do uwag")
    COMMENTS_CLOSED = "comments_closed", _lazy("po okresie uwag")
    GRANTED = "granted", _lazy("dotacja przyznana")
    REFUSED = "refused", _lazy("dotacji nie przyznano")


@condition
def within_limits(grant):
    days = (grant.carried_out_to - grant.carried_out_from).days + 1
    if grant.amount > MAX_AMOUNT or days > MAX_DAYS:
        return _(
            "Z pominięciem konkursu: dotacja do %(amount)s zł na zadanie do %(days)d dni "
            "(art. 19a ust. 1 ustawy); tu %(asked)s zł na %(took)d dni."
        ) % {"amount": MAX_AMOUNT, "days": MAX_DAYS, "asked": grant.amount, "took": days}
    return None


@condition
def comments_period_over(grant):
    if grant.comments_close_at and timezone.now() < grant.comments_close_at:
        return _("Uwagi do oferty można zgłaszać przez 7 dni od jej publikacji.")
    return None


def granted_in(year: int) -> Decimal:
    total = SmallGrant.objects.filter(state=SmallGrantState.GRANTED, decided_on__year=year)
    return total.aggregate(s=Sum("amount"))["s"] or Decimal(0)


@condition
def within_yearly_cap(grant):
    year = timezone.localdate(timezone=city_tz()).year
    cap = Decimal(settings.SMALL_GRANTS_YEARLY_CAP)
    left = cap - granted_in(year)
    if grant.amount > left:
        return _(
            "Limit dotacji z pominięciem konkursu na %(year)d r. (%(cap)s zł) pozwala jeszcze "
            "na %(left)s zł."
        ) % {"year": year, "cap": cap, "left": left}
    return None


class SmallGrant(ConcurrentTransitionMixin, models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="small_grants"
    )
    task_area = models.ForeignKey(
        "consultations.TaskArea", on_delete=models.PROTECT, related_name="small_grants"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_lazy("tytuł zadania"), max_length=300)
    description = models.TextField(_lazy("opis zadania"))
    amount = models.DecimalField(_lazy("wnioskowana dotacja (zł)"), max_digits=14, decimal_places=2)
    carried_out_from = models.DateField(_lazy("realizacja od"))
    carried_out_to = models.DateField(_lazy("realizacja do"))
    created_at = models.DateTimeField(auto_now_add=True)
    comments_close_at = models.DateTimeField(_lazy("uwagi do"), null=True, blank=True)
    decided_on = models.DateField(_lazy("data decyzji"), null=True, blank=True)
    decision_reason = models.TextField(_lazy("uzasadnienie"), blank=True)
    state = FSMField(
        default=SmallGrantState.SUBMITTED, choices=SmallGrantState.choices, protected=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _lazy("dotacja z pominięciem konkursu")
        verbose_name_plural = _lazy("dotacje z pominięciem konkursu")

    def __str__(self) -> str:
        return self.title

    @transition(
        field=state,
        source=SmallGrantState.SUBMITTED,
        target=SmallGrantState.PUBLISHED,
        permission=perm("grants.manage_small_grant"),
        conditions=[within_limits],
        custom={"label": _lazy("Opublikuj ofertę do uwag na 7 dni")},
    )
    def publish(self):
        self.comments_close_at = timezone.now() + timedelta(days=COMMENT_DAYS)

    @transition(
        field=state,
        source=SmallGrantState.PUBLISHED,
        target=SmallGrantState.COMMENTS_CLOSED,
        permission=perm("grants.manage_small_grant"),
        conditions=[comments_period_over],
        custom={"label": _lazy("Zamknij okres uwag")},
    )
    def close_comments(self):
        pass

    @transition(
        field=state,
        source=SmallGrantState.COMMENTS_CLOSED,
        target=SmallGrantState.GRANTED,
        permission=perm("grants.manage_small_grant"),
        conditions=[within_limits, within_yearly_cap],
        custom={"label": _lazy("Przyznaj dotację")},
    )
    def grant(self):
        self.decided_on = timezone.localdate(timezone=city_tz())

    @transition(
        field=state,
        source=SmallGrantState.COMMENTS_CLOSED,
        target=SmallGrantState.REFUSED,
        permission=perm("grants.manage_small_grant"),
        custom={"label": _lazy("Nie przyznawaj dotacji"), "reason_required": True},
    )
    def refuse(self, *, reason):
        self.decided_on = timezone.localdate(timezone=city_tz())
        self.decision_reason = reason


class SmallGrantComment(models.Model):
    """A remark anyone signed in makes on the published offer (art. 19a ust. 3)."""

    grant = models.ForeignKey(SmallGrant, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_lazy("uwaga"))
    # A remark sent to the city by post or e-mail, typed in by staff: who sent it.
    sender = models.CharField(_lazy("zgłaszający"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
