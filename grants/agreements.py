"""After the decision: the agreement for a granted offer (art. 16 of the 2003 Act) with its
updated cost estimate and tranches per budget year (art. 16 ust. 3), change requests and
their annexes, the organisation's reports (art. 18) and the settlement of the grant, with
the unused part returned within 15 days of the end of the task (art. 251 of the public
finance act)."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.conditions import condition
from workflows.permissions import perm
from workflows.timeutil import city_tz, end_of_day

from . import scoring

MONEY = {"max_digits": 14, "decimal_places": 2}
# Art. 18 ust. 1: the report within 30 days of the end of the task (unless agreed otherwise).
REPORT_DAYS = 30
# Art. 251 ust. 1 of the public finance act: the unused grant back within 15 days of the end.
RETURN_DAYS = 15
# The usual clause of the agreement: a line's grant may be overspent by up to this share of
# it without an annex (a larger shift needs a change request).
ALLOWED_SHIFT_PERCENT = Decimal("10")


def settlement(transferred: Decimal, spent_from_grant: Decimal) -> tuple[Decimal, Decimal]:
    """The grant used (never more than the city transferred) and the amount to return."""

    used = min(spent_from_grant, transferred)
    return used, transferred - used


def _today():
    return timezone.localdate(timezone=city_tz())


# --- permissions (objects carry the organisation) -------------------------------------------


# --- the agreement ---------------------------------------------------------------------------


class AgreementState(models.TextChoices):
    DRAFTED = "drafted", _lazy("projekt umowy")
    SIGNED = "signed", _lazy("umowa zawarta, zadanie w realizacji")
    REPORT_SUBMITTED = "report_submitted", _lazy("sprawozdanie końcowe złożone")
    REPORT_RETURNED = "report_returned", _lazy("sprawozdanie końcowe do poprawy")
    REPORT_ACCEPTED = "report_accepted", _lazy("sprawozdanie przyjęte, rozliczenie dotacji")
    SETTLED = "settled", _lazy("dotacja rozliczona")
    TERMINATED = "terminated", _lazy("umowa rozwiązana")


def estimate_problems(agreement) -> list[str]:
    """What keeps the (updated) cost estimate from matching the granted amount."""

    lines = list(agreement.cost_lines.all())
    if not lines:
        return [_("Kosztorys nie ma żadnej pozycji.")]
    problems = [
        _("Pozycja „%(name)s”: dotacja i wkład własny muszą dać koszt %(total)s zł.")
        % {"name": x.name, "total": x.total}
        for x in lines
        if x.from_grant + x.from_own != x.total
    ]
    sums = scoring.totals(lines)
    if sums.from_grant != agreement.amount:
        problems.append(
            _(
                "Kosztorys zakłada %(grant)s zł dotacji, a przyznano %(amount)s zł: "
                "zaktualizuj kosztorys i harmonogram."
            )
            % {"grant": sums.from_grant, "amount": agreement.amount}
        )
    need = agreement.offer.competition.own_contribution_percent
    if sums.own_percent < need:
        problems.append(
            _("Wkład własny to %(own)s%% kosztów, a ogłoszenie wymaga co najmniej %(need)s%%.")
            % {"own": sums.own_percent, "need": need}
        )
    return problems


@condition
def estimate_balanced(agreement):
    return " ".join(str(p) for p in estimate_problems(agreement)) or None


@condition
def tranches_complete(agreement):
    tranches = list(agreement.tranches.all())
    problems = []
    total = sum((t.amount for t in tranches), Decimal(0))
    if total != agreement.amount:
        problems.append(
            _("Transze (%(total)s zł) muszą sumować się do dotacji (%(amount)s zł).")
            % {"total": total, "amount": agreement.amount}
        )
    years = range(agreement.starts_on.year, agreement.ends_on.year + 1)
    if any(t.year not in years for t in tranches):
        problems.append(
            _("Transze przypadają na lata realizacji zadania (%(a)d–%(b)d).")
            % {"a": years[0], "b": years[-1]}
        )
    return " ".join(problems) or None


def _final_report(agreement, state):
    return agreement.reports.filter(final=True, state=state).exists()


@condition
def final_report_submitted(agreement):
    if not _final_report(agreement, ReportState.SUBMITTED):
        return _("Organizacja nie złożyła sprawozdania końcowego.")
    return None


@condition
def final_report_accepted(agreement):
    if not _final_report(agreement, ReportState.ACCEPTED):
        return _("Sprawozdanie końcowe nie zostało przyjęte.")
    return None


@condition
def final_report_returned(agreement):
    if not _final_report(agreement, ReportState.RETURNED):
        return _("Sprawozdanie końcowe nie zostało zwrócone do poprawy.")
    return None


@condition
def return_recorded(agreement):
    missing = (agreement.to_return or Decimal(0)) - agreement.returned
    if missing > 0:
        return _("Do zwrotu pozostaje %(left)s zł niewykorzystanej dotacji.") % {"left": missing}
    return None


class Agreement(ConcurrentTransitionMixin, models.Model):
    offer = models.OneToOneField("grants.Offer", on_delete=models.PROTECT, related_name="agreement")
    # Copied from the offer: the lists and the permissions filter on it without a join.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="grant_agreements",
        verbose_name=_lazy("organizacja"),
    )
    number = models.CharField(_lazy("numer umowy"), max_length=100, unique=True)
    amount = models.DecimalField(_lazy("kwota dotacji (zł)"), **MONEY)
    starts_on = models.DateField(_lazy("realizacja od"))
    ends_on = models.DateField(_lazy("realizacja do"))
    schedule = models.TextField(_lazy("harmonogram"), blank=True)
    partial_report_due = models.DateField(
        _lazy("termin sprawozdania częściowego"), null=True, blank=True
    )
    report_due = models.DateField(_lazy("termin sprawozdania końcowego"))
    return_due = models.DateField(_lazy("termin zwrotu niewykorzystanej dotacji"))
    signed_on = models.DateField(_lazy("data zawarcia"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The settlement: figured when the final report is accepted, then the return recorded.
    used = models.DecimalField(_lazy("dotacja wykorzystana (zł)"), null=True, blank=True, **MONEY)
    to_return = models.DecimalField(_lazy("do zwrotu (zł)"), null=True, blank=True, **MONEY)
    returned = models.DecimalField(_lazy("zwrócono (zł)"), default=Decimal(0), **MONEY)
    returned_on = models.DateField(_lazy("data zwrotu"), null=True, blank=True)
    settled_on = models.DateField(_lazy("data rozliczenia"), null=True, blank=True)
    termination_reason = models.TextField(_lazy("przyczyna rozwiązania"), blank=True)
    state = FSMField(default=AgreementState.DRAFTED, choices=AgreementState.choices, protected=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _lazy("umowa dotacji")
        verbose_name_plural = _lazy("umowy dotacji")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_period"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="agreement_amount"),
        ]

    def __str__(self) -> str:
        return _("Umowa nr %(number)s") % {"number": self.number}

    @property
    def is_public(self) -> bool:
        return self.state != AgreementState.DRAFTED

    @property
    def multi_year(self) -> bool:
        return self.starts_on.year != self.ends_on.year

    @property
    def return_late(self) -> bool:
        return bool(self.returned_on and self.returned_on > self.return_due)

    @transition(
        field=state,
        source=AgreementState.DRAFTED,
        target=AgreementState.SIGNED,
        permission=perm("grants.manage_agreement"),
        conditions=[estimate_balanced, tranches_complete],
        custom={"label": _lazy("Zawrzyj umowę"), "input": "grants.inputs.SigningInput"},
    )
    def sign(self, *, signed_on):
        self.signed_on = signed_on

    @transition(
        field=state,
        source=[AgreementState.SIGNED, AgreementState.REPORT_RETURNED],
        target=AgreementState.REPORT_SUBMITTED,
        permission=perm("grants.carry_out_agreement"),
        conditions=[final_report_submitted],
        custom={"label": _lazy("Sprawozdanie końcowe złożone")},
    )
    def report_in(self):
        """Taken by the final report's submission (its kind's effect)."""

    @transition(
        field=state,
        source=AgreementState.REPORT_SUBMITTED,
        target=AgreementState.REPORT_RETURNED,
        permission=perm("grants.manage_agreement"),
        conditions=[final_report_returned],
        custom={"label": _lazy("Sprawozdanie końcowe zwrócone")},
    )
    def report_back(self):
        """Taken when staff return the final report."""

    @transition(
        field=state,
        source=AgreementState.REPORT_SUBMITTED,
        target=AgreementState.REPORT_ACCEPTED,
        permission=perm("grants.manage_agreement"),
        conditions=[final_report_accepted],
        custom={"label": _lazy("Sprawozdanie końcowe przyjęte")},
    )
    def report_accepted(self):
        """Taken when staff accept the final report: the settlement's figures."""

        spent = ReportLine.objects.filter(report__agreement=self, report__final=True).aggregate(
            s=models.Sum("spent_grant")
        )["s"] or Decimal(0)
        self.used, self.to_return = settlement(self.transferred(), spent)

    @transition(
        field=state,
        source=AgreementState.REPORT_ACCEPTED,
        target=AgreementState.SETTLED,
        permission=perm("grants.manage_agreement"),
        conditions=[return_recorded],
        custom={"label": _lazy("Zamknij rozliczenie dotacji")},
    )
    def settle(self):
        self.settled_on = _today()

    @transition(
        field=state,
        source=[AgreementState.DRAFTED, AgreementState.SIGNED, AgreementState.REPORT_RETURNED],
        target=AgreementState.TERMINATED,
        permission=perm("grants.manage_agreement"),
        custom={"label": _lazy("Rozwiąż umowę"), "reason_required": True},
    )
    def terminate(self, *, reason):
        self.termination_reason = reason

    def transferred(self) -> Decimal:
        return self.tranches.filter(transferred_on__isnull=False).aggregate(s=models.Sum("amount"))[
            "s"
        ] or Decimal(0)


# Transitions of the agreement taken by its reports (not offered on the agreement's page).
REPORT_DRIVEN = {"report_in", "report_back", "report_accepted"}


def default_dates(ends_on) -> tuple:
    return ends_on + timedelta(days=REPORT_DAYS), ends_on + timedelta(days=RETURN_DAYS)


class Tranche(models.Model):
    """The part of the grant for one budget year (art. 16 ust. 3: multi-year agreements)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="tranches")
    year = models.PositiveSmallIntegerField(_lazy("rok budżetowy"))
    amount = models.DecimalField(_lazy("kwota transzy (zł)"), **MONEY)
    transferred_on = models.DateField(_lazy("przekazano"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "year"]
        verbose_name = _lazy("transza dotacji")
        verbose_name_plural = _lazy("transze dotacji")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="one_tranche_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class AgreementCostLine(models.Model):
    """A line of the cost estimate annexed to the agreement: the offer's, updated to the
    granted amount, then changed only by annexes."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_lines")
    name = models.CharField(_lazy("rodzaj kosztu"), max_length=300)
    quantity = models.DecimalField(_lazy("liczba jednostek"), max_digits=10, decimal_places=2)
    unit_cost = models.DecimalField(_lazy("koszt jednostkowy (zł)"), **MONEY)
    from_grant = models.DecimalField(_lazy("z dotacji (zł)"), **MONEY)
    from_own = models.DecimalField(_lazy("z wkładu własnego finansowego (zł)"), **MONEY)
    from_personal = models.DecimalField(
        _lazy("z wkładu osobowego (zł)"), default=Decimal("0"), **MONEY
    )

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _lazy("pozycja kosztorysu umowy")
        verbose_name_plural = _lazy("pozycje kosztorysu umowy")

    def __str__(self) -> str:
        return self.name

    @property
    def total(self) -> Decimal:
        return scoring.line_total(self.quantity, self.unit_cost)


# --- change requests and annexes ------------------------------------------------------------


class ChangeState(models.TextChoices):
    REQUESTED = "requested", _lazy("wniosek o zmianę złożony")
    APPROVED = "approved", _lazy("zmiana przyjęta (aneks)")
    REFUSED = "refused", _lazy("zmiany nie przyjęto")


@condition
def task_under_way(change):
    if change.agreement.state != AgreementState.SIGNED:
        return _("Umowę zmienia się aneksem w czasie realizacji zadania.")
    return None


class ChangeRequest(ConcurrentTransitionMixin, models.Model):
    """The organisation asks to change the agreement; approved, it becomes an annex."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="changes")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    justification = models.TextField(_lazy("uzasadnienie wniosku"))
    new_starts_on = models.DateField(_lazy("nowy początek realizacji"), null=True, blank=True)
    new_ends_on = models.DateField(_lazy("nowy koniec realizacji"), null=True, blank=True)
    new_schedule = models.TextField(_lazy("nowy harmonogram"), blank=True)
    # The whole new cost estimate, as the organisation typed it (amounts as strings).
    new_cost_lines = models.JSONField(_lazy("nowy kosztorys"), null=True, blank=True)
    decided_on = models.DateField(_lazy("data decyzji"), null=True, blank=True)
    decision_reason = models.TextField(_lazy("uzasadnienie decyzji"), blank=True)
    state = FSMField(default=ChangeState.REQUESTED, choices=ChangeState.choices, protected=True)

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _lazy("wniosek o zmianę umowy")
        verbose_name_plural = _lazy("wnioski o zmianę umowy")

    def __str__(self) -> str:
        return _("Wniosek o zmianę umowy nr %(number)s") % {"number": self.agreement.number}

    @transition(
        field=state,
        source=ChangeState.REQUESTED,
        target=ChangeState.APPROVED,
        permission=perm("grants.manage_agreement"),
        conditions=[task_under_way],
        custom={"label": _lazy("Przyjmij zmianę (aneks)")},
    )
    def approve(self):
        """The annex and the changed values: the kind's effect."""

        self.decided_on = _today()

    @transition(
        field=state,
        source=ChangeState.REQUESTED,
        target=ChangeState.REFUSED,
        permission=perm("grants.manage_agreement"),
        custom={"label": _lazy("Odmów zmiany"), "reason_required": True},
    )
    def refuse(self, *, reason):
        self.decided_on = _today()
        self.decision_reason = reason


class Annex(models.Model):
    """An annex to the agreement, numbered 1, 2, … on it, made from an approved request."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="annexes")
    change = models.OneToOneField(ChangeRequest, on_delete=models.PROTECT, related_name="annex")
    number = models.PositiveSmallIntegerField(_lazy("numer aneksu"))
    signed_on = models.DateField(_lazy("data aneksu"))
    summary = models.TextField(_lazy("zmiany"))

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _lazy("aneks do umowy")
        verbose_name_plural = _lazy("aneksy do umów")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="annex_number_per_agreement"
            )
        ]

    def __str__(self) -> str:
        return _("Aneks nr %(n)d do umowy nr %(number)s") % {
            "n": self.number,
            "number": self.agreement.number,
        }


# --- the organisation's reports (art. 18) ---------------------------------------------------


class ReportState(models.TextChoices):
    DRAFT = "draft", _lazy("wersja robocza")
    SUBMITTED = "submitted", _lazy("złożone")
    RETURNED = "returned", _lazy("zwrócone do poprawy")
    ACCEPTED = "accepted", _lazy("przyjęte")


def report_problems(report) -> list[str]:
    """A line overspent beyond the allowed shift, or more of the grant spent than granted."""

    problems = []
    lines = list(report.lines.select_related("cost_line"))
    if not lines:
        problems.append(_("Podaj koszty poniesione w pozycjach kosztorysu."))
    for line in lines:
        planned = line.cost_line.from_grant
        limit = (planned * (100 + ALLOWED_SHIFT_PERCENT) / 100).quantize(scoring.CENT)
        if line.spent_grant > limit:
            problems.append(
                _(
                    "Pozycja „%(name)s”: z dotacji wydano %(spent)s zł, o więcej niż "
                    "%(shift)s%% ponad %(planned)s zł z kosztorysu; taka zmiana wymaga aneksu."
                )
                % {
                    "name": line.cost_line.name,
                    "spent": line.spent_grant,
                    "shift": ALLOWED_SHIFT_PERCENT,
                    "planned": planned,
                }
            )
    spent = sum((x.spent_grant for x in lines), Decimal(0))
    if spent > report.agreement.amount:
        problems.append(
            _("Z dotacji wydano %(spent)s zł, więcej niż przyznane %(amount)s zł.")
            % {"spent": spent, "amount": report.agreement.amount}
        )
    return problems


@condition
def report_complete(report):
    return " ".join(str(p) for p in report_problems(report)) or None


@condition
def agreement_running(report):
    allowed = [AgreementState.SIGNED]
    if report.final:
        allowed.append(AgreementState.REPORT_RETURNED)
    if report.agreement.state not in allowed:
        return _("Sprawozdanie składa się z umowy w realizacji.")
    return None


class TaskReport(ConcurrentTransitionMixin, models.Model):
    """A partial or the final report on the task (art. 18 ust. 1–2 of the 2003 Act)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reports")
    final = models.BooleanField(_lazy("sprawozdanie końcowe"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    achieved = models.TextField(_lazy("opis wykonania zadania"))
    beneficiaries = models.PositiveIntegerField(_lazy("liczba odbiorców"), default=0)
    due_on = models.DateField(_lazy("termin złożenia"))
    submitted_at = models.DateTimeField(_lazy("złożono"), null=True, blank=True)
    late = models.BooleanField(_lazy("złożone po terminie"), default=False)
    decided_at = models.DateTimeField(_lazy("data decyzji"), null=True, blank=True)
    decision_reason = models.TextField(_lazy("uwagi urzędu"), blank=True)
    state = FSMField(default=ReportState.DRAFT, choices=ReportState.choices, protected=True)

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _lazy("sprawozdanie z realizacji zadania")
        verbose_name_plural = _lazy("sprawozdania z realizacji zadań")

    def __str__(self) -> str:
        kind = _("końcowe") if self.final else _("częściowe")
        return _("Sprawozdanie %(kind)s z umowy nr %(number)s") % {
            "kind": kind,
            "number": self.agreement.number,
        }

    @transition(
        field=state,
        source=[ReportState.DRAFT, ReportState.RETURNED],
        target=ReportState.SUBMITTED,
        permission=perm("grants.report_on_agreement"),
        conditions=[agreement_running, report_complete],
        custom={"label": _lazy("Złóż sprawozdanie")},
    )
    def submit(self):
        now = timezone.now()
        if self.submitted_at is None:
            # Accepted whenever it comes, but a late first submission stays flagged.
            self.late = now > end_of_day(self.due_on)
        self.submitted_at = now

    @transition(
        field=state,
        source=ReportState.SUBMITTED,
        target=ReportState.ACCEPTED,
        permission=perm("grants.manage_agreement"),
        custom={"label": _lazy("Przyjmij sprawozdanie")},
    )
    def accept(self):
        self.decided_at = timezone.now()
        self.decision_reason = ""

    @transition(
        field=state,
        source=ReportState.SUBMITTED,
        target=ReportState.RETURNED,
        permission=perm("grants.manage_agreement"),
        custom={"label": _lazy("Zwróć do poprawy"), "reason_required": True},
    )
    def send_back(self, *, reason):
        self.decided_at = timezone.now()
        self.decision_reason = reason

    @property
    def spent_grant(self) -> Decimal:
        return sum((x.spent_grant for x in self.lines.all()), Decimal(0))

    @property
    def spent_own(self) -> Decimal:
        return sum((x.spent_own for x in self.lines.all()), Decimal(0))


class ReportLine(models.Model):
    """Costs actually incurred on one line of the agreement's estimate."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="lines")
    cost_line = models.ForeignKey(AgreementCostLine, on_delete=models.CASCADE, related_name="+")
    spent_grant = models.DecimalField(_lazy("poniesione z dotacji (zł)"), **MONEY)
    spent_own = models.DecimalField(_lazy("poniesione z wkładu własnego (zł)"), **MONEY)

    class Meta:
        ordering = ["report", "cost_line"]
        constraints = [
            models.UniqueConstraint(fields=["report", "cost_line"], name="one_report_line_per_cost")
        ]

    def __str__(self) -> str:
        return f"{self.cost_line}: {self.spent_grant}"
