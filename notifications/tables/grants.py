"""Grant agreements: the organisation learns the city's decisions on its report and its
change requests (with the reason when it has to act)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..events import Rule


def organisation(part, entry):
    return [u for u in part.agreement.organisation.representatives.all() if u.is_active]


def report_params(report, entry) -> dict:
    return {"number": report.agreement.number, "reason": entry.reason}


def change_params(change, entry) -> dict:
    outcome = _("przyjęty (aneks do umowy)") if entry.action == "approve" else _("odrzucony")
    return {"number": change.agreement.number, "outcome": str(outcome), "reason": entry.reason}


RULES = {
    ("task_report", "send_back"): Rule("grant_report_returned", organisation, report_params),
    ("task_report", "accept"): Rule("grant_report_accepted", organisation, report_params),
    ("agreement_change", "approve"): Rule("grant_change_decided", organisation, change_params),
    ("agreement_change", "refuse"): Rule("grant_change_decided", organisation, change_params),
}

FOLLOWED: dict = {}
FOLLOWERS_GET_RULE: set[str] = set()

LINKS = {
    "task_report": lambda r: reverse("grants:task-report", args=[r.pk]),
    "agreement_change": lambda c: reverse("grants:agreement", args=[c.agreement_id]),
    "grant_agreement": lambda a: reverse("grants:agreement", args=[a.pk]),
}
