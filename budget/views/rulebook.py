"""The edition's rulebook page for staff: start from a city's preset, adjust, save."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from workflows.errors import WorkflowError
from workflows.permissions import has_perm

from .. import selectors
from ..models import DuplicatePolicy, PoolKind, PoolMode, VoteRule
from ..presets import PRESETS
from ..services import rulebook as services


def _data(post) -> dict:
    """The page's fields as the service's input; the service checks every value."""

    return {
        "pool_mode": post.get("pool_mode"),
        "points_across_pools": post.get("points_across_pools"),
        "max_points": post.get("max_points"),
        "duplicate_policy": post.get("duplicate_policy"),
        "minimum_age": post.get("minimum_age"),
        "guardian_under": post.get("guardian_under"),
        "rules": {
            kind: {
                "vote_rule": post.get(f"{kind}-vote_rule"),
                "max_choices": post.get(f"{kind}-max_choices"),
                "ordinal_points": post.get(f"{kind}-ordinal_points", ""),
                "max_points": post.get(f"{kind}-max_points"),
            }
            for kind in PoolKind.values
        },
    }


@login_required
def rulebook(request, pk: int):
    if not has_perm(request.user, "budget.manage_edition"):
        raise Http404(_("Strona dla pracowników urzędu."))
    edition = selectors.editions().filter(pk=pk).first()
    if edition is None:
        raise Http404(_("Nie ma takiej edycji."))
    context = {"edition": edition, "presets": PRESETS}
    if request.method == "POST":
        try:
            if request.POST.get("preset"):
                services.rulebook_apply_preset(
                    edition_id=pk, by=request.user, preset=request.POST["preset"]
                )
            else:
                services.rulebook_save(edition_id=pk, by=request.user, data=_data(request.POST))
        except WorkflowError as exc:
            context.update(error=exc.message, **_form(edition))
            return render(request, "budget/rulebook.html", context, status=exc.status)
        return redirect("budget:rulebook", pk=pk)
    context.update(_form(edition))
    return render(request, "budget/rulebook.html", context)


def _form(edition) -> dict:
    rules = edition.rules_by_kind()
    return {
        "rows": [(kind, label, rules[kind]) for kind, label in PoolKind.choices],
        "vote_rules": VoteRule.choices,
        "pool_modes": PoolMode.choices,
        "duplicate_policies": DuplicatePolicy.choices,
        "editable": edition.state in services.BEFORE_VOTING,
    }
