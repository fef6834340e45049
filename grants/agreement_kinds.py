"""The workflow kinds of agreements, change requests and reports, with what their
transitions entail whichever door takes them (effects declared on the kind)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from workflows.registry import WorkflowKind, register
from workflows.services import advance

from . import agreement_selectors
from .agreements import Agreement, AgreementCostLine, Annex, ChangeRequest, TaskReport


def make_annex(change: ChangeRequest, *, by, payload) -> dict:
    """The approved change becomes the next annex, and its values the agreement's."""

    agreement = Agreement.objects.select_for_update().get(pk=change.agreement_id)
    done = []
    if change.new_starts_on or change.new_ends_on:
        agreement.starts_on = change.new_starts_on or agreement.starts_on
        agreement.ends_on = change.new_ends_on or agreement.ends_on
        done.append(
            _("termin realizacji: %(a)s – %(b)s")
            % {"a": agreement.starts_on.isoformat(), "b": agreement.ends_on.isoformat()}
        )
    if change.new_schedule:
        agreement.schedule = change.new_schedule
        done.append(_("harmonogram"))
    agreement.save()
    if change.new_cost_lines:
        _replace_lines(agreement, change.new_cost_lines)
        done.append(_("kosztorys (%(n)d pozycji)") % {"n": len(change.new_cost_lines)})
    annex = Annex.objects.create(
        agreement=agreement,
        change=change,
        number=agreement.annexes.count() + 1,
        signed_on=change.decided_on,
        summary="; ".join(str(x) for x in done),
    )
    return {"annex": annex.number}


def _replace_lines(agreement: Agreement, rows: list[dict]) -> None:
    """Lines are matched by name: a line already reported on is zeroed, never deleted."""

    current = {line.name: line for line in agreement.cost_lines.all()}
    for row in rows:
        line = current.pop(row["name"], None) or AgreementCostLine(agreement=agreement)
        for field in ("name", "quantity", "unit_cost", "from_grant", "from_own"):
            setattr(line, field, row[field])
        line.save()
    for line in current.values():
        if line.agreement.reports.filter(lines__cost_line=line).exists():
            line.quantity = line.unit_cost = line.from_grant = line.from_own = 0
            line.save()
        else:
            line.delete()


def _follow_final(transition: str, *, with_reason: bool = False):
    """The final report's decision moves its agreement along (partial ones do not);
    `with_reason`: the report's decision reason goes with it (a report sent back)."""

    def effect(report: TaskReport, *, by, payload) -> dict | None:
        if not report.final:
            return None
        reason = report.decision_reason if with_reason else ""
        advance(report.agreement, transition, by=by, reason=reason)
        return {"agreement": report.agreement_id, "agreement_transition": transition}

    effect.__name__ = f"agreement_{transition}"
    return effect


def register_kinds() -> None:
    from workflows.pages import NavItem, register_nav

    register_nav(NavItem("grants:agreements", _lazy("Umowy dotacji"), 46))
    register(
        WorkflowKind(
            name="grant_agreement",
            model=Agreement,
            label=_lazy("Umowa dotacji"),
            can_view=agreement_selectors.can_view_agreement,
            event_fields=lambda a: {"number": a.number},
            action_labels={
                "tranche_transferred": _lazy("Przekazanie transzy dotacji"),
                "return_recorded": _lazy("Zwrot niewykorzystanej dotacji"),
                "estimate_updated": _lazy("Aktualizacja kosztorysu i harmonogramu"),
                "tranches_set": _lazy("Ustalenie transz"),
            },
        )
    )
    register(
        WorkflowKind(
            name="agreement_change",
            model=ChangeRequest,
            label=_lazy("Wniosek o zmianę umowy dotacji"),
            can_view=agreement_selectors.can_view_part,
            event_fields=lambda c: {"agreement": c.agreement_id},
            effects={"approve": make_annex},
        )
    )
    register(
        WorkflowKind(
            name="task_report",
            model=TaskReport,
            label=_lazy("Sprawozdanie z realizacji zadania publicznego"),
            can_view=agreement_selectors.can_view_part,
            event_fields=lambda r: {"agreement": r.agreement_id, "final": r.final},
            effects={
                "submit": _follow_final("report_in"),
                "accept": _follow_final("report_accepted"),
                "send_back": _follow_final("report_back", with_reason=True),
            },
        )
    )
