"""The voting page (plain HTML form; JS only counts what is left) and paper ballot entry.

Steps: choose projects → confirm the choice and identify → receipt. The PESEL is typed on
the confirmation step and never written back into any page, not even after an error.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from workflows.errors import InvalidInput, WorkflowError
from workflows.parsing import parse_int
from workflows.permissions import has_perm

from .. import ballot_rules, selectors
from ..forms import PeselForm
from ..guidance import vote_action
from ..models import EditionState, PoolMode, VoteRule
from ..services import voting as services
from .common import edition_or_404


def with_rules(edition, pools) -> list:
    """The pools, each with the rule of its kind (the page's fields and hints follow it)."""

    rules = edition.rules_by_kind()
    for pool in pools:
        pool.rule = ballot_rules.Rule.of(pool.kind, rules[pool.kind])
    return pools


def _pools(edition, request):
    """The pools shown: citywide plus the chosen district (or all in "several" mode)."""

    pools = with_rules(edition, list(selectors.ballot_pools(edition)))
    if edition.pool_mode == PoolMode.SEVERAL:
        return pools, pools, None
    chosen = request.POST.get("dzielnica") or request.GET.get("dzielnica") or ""
    shown = [p for p in pools if p.district_id is None or str(p.id) == chosen]
    return pools, shown, chosen


def _int(value) -> int | None:
    # Typed into the form: spaces around the number are no mistake.
    return parse_int(value.strip()) if isinstance(value, str) else None


def selections_from(edition, pools, data) -> list[dict]:
    """The HTML form's fields as the API's selections; nonsense becomes a 400 by the rules."""

    result = []
    for pool in pools:
        ids = [p.id for p in pool.on_ballot]
        if pool.rule.vote_rule == VoteRule.APPROVAL:
            chosen = [{"proposal": _int(v)} for v in data.getlist(f"pool-{pool.id}")]
        elif pool.rule.vote_rule == VoteRule.ORDINAL:
            ranked = [(_int(data.get(f"rank-{pid}")), pid) for pid in ids]
            ranked = sorted((r, pid) for r, pid in ranked if r)
            if len({r for r, _pid in ranked}) != len(ranked):
                raise InvalidInput(
                    _("Każde miejsce w kolejności można nadać tylko raz."), rule="rank_once"
                )
            chosen = [{"proposal": pid} for _r, pid in ranked]
        else:
            chosen = [
                {"proposal": pid, "points": _int(data.get(f"points-{pid}"))}
                for pid in ids
                if _int(data.get(f"points-{pid}"))
            ]
        if chosen:
            result.append({"pool": pool.id, "choices": chosen})
    return result


def _summary(pools, selections):
    titles = {p.id: p for pool in pools for p in pool.on_ballot}
    names = {pool.id: pool.name for pool in pools}
    return [
        {
            "pool": names[s["pool"]],
            "choices": [
                {"title": titles[c["proposal"]].title, "points": c.get("points")}
                for c in s["choices"]
                if c["proposal"] in titles
            ],
        }
        for s in selections
    ]


def kept_choices(post) -> dict:
    """What the person chose, to show it again when the ballot is refused or changed."""

    return {
        "checked": {v for k in post if k.startswith("pool-") for v in post.getlist(k)},
        "ranks": {k[5:]: v for k, v in post.items() if k.startswith("rank-") and v},
        "points": {k[7:]: v for k, v in post.items() if k.startswith("points-") and v},
    }


def vote(request, year: int):
    edition = edition_or_404(request, year)
    all_pools, pools, chosen = _pools(edition, request)
    context = {
        "edition": edition,
        "pools": pools,
        "all_pools": all_pools,
        "chosen": chosen,
        "open": edition.state == EditionState.VOTING,
        "districts": [p for p in all_pools if p.district_id],
        "vote_blocked": vote_action(edition),
        "kept": kept_choices(request.POST),
    }
    step = request.POST.get("krok")
    # "zmien": back from the confirmation page with the choices as they were.
    if request.method != "POST" or not context["open"] or step == "zmien":
        return render(request, "budget/vote.html", context)
    try:
        selections = selections_from(edition, pools, request.POST)
        pools_on_ballot = selectors.voting_snapshot(edition.pk, refresh=True).pools
        ballot_rules.validate(edition, pools_on_ballot, selections)
    except WorkflowError as exc:
        context["error"] = exc.message
        return render(request, "budget/vote.html", context, status=exc.status)
    context.update(
        selections=selections,
        summary=_summary(pools, selections),
        hidden=_hidden(request.POST),
        form=PeselForm(),
    )
    if step != "oddaj":
        return render(request, "budget/vote_confirm.html", context)
    form = PeselForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return render(request, "budget/vote_confirm.html", context, status=400)
    try:
        ballot = services.cast_ballot(
            edition_id=edition.pk,
            identification={"method": "pesel", **form.cleaned_data},
            selections=selections,
        )
    except WorkflowError as exc:
        context.update(error=exc.message, form=form)
        return render(request, "budget/vote_confirm.html", context, status=exc.status)
    return render(
        request,
        "budget/vote_receipt.html",
        {"edition": edition, "ballot": ballot, "summary": context["summary"]},
    )


def _hidden(post) -> list[tuple[str, str]]:
    keep = ("pool-", "rank-", "points-", "dzielnica")
    return [(k, v) for k in post for v in post.getlist(k) if k.startswith(keep) and v]


@login_required
def paper_ballot(request, year: int):
    edition = edition_or_404(request, year)
    if not has_perm(request.user, "budget.enter_paper_ballot", edition):
        raise Http404(_("Strona dla pracowników urzędu."))
    all_pools = with_rules(edition, list(selectors.ballot_pools(edition)))
    context = {
        "edition": edition,
        "pools": all_pools,
        "form": PeselForm(),
        "paper": True,
        "open": edition.state == EditionState.VOTING,
    }
    if request.method == "POST":
        form = PeselForm(request.POST)
        try:
            selections = selections_from(edition, all_pools, request.POST)
            if not form.is_valid():
                raise InvalidInput(_("Uzupełnij dane głosującego z karty."))
            ballot = services.enter_paper_ballot(
                edition_id=edition.pk,
                by=request.user,
                paper_number=request.POST.get("paper_number", ""),
                identification={"method": "pesel", **form.cleaned_data},
                selections=selections,
            )
        except WorkflowError as exc:
            context.update(
                error=exc.message, form=form, paper_number=request.POST.get("paper_number", "")
            )
            return render(request, "budget/paper_ballot.html", context, status=exc.status)
        context["entered"] = ballot
    return render(request, "budget/paper_ballot.html", context)
