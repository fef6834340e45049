"""Admin lists for every model: the last resort for administrators, never the normal way.

Each list searches its text fields and filters by its choices, booleans and dates. Rows are
read-only unless a model is named editable (reference data): states change only through
advance(), and the audit trail, ballots and results are evidence that nobody edits.
"""

from django.contrib import admin
from django.db import models

LISTED = 6
SEARCHED = 3


def _columns(model) -> list[str]:
    shown = [
        f.name
        for f in model._meta.fields
        if not isinstance(f, models.JSONField | models.TextField | models.BinaryField)
    ]
    return shown[:LISTED]


def _search(model) -> list[str]:
    text = [
        f.name
        for f in model._meta.fields
        if isinstance(f, models.CharField) and not f.choices and f.name != "password"
    ]
    return text[:SEARCHED]


def _filters(model) -> list[str]:
    return [
        f.name
        for f in model._meta.fields
        if f.choices or isinstance(f, models.BooleanField | models.DateField)
    ][:4]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def register_lists(*model_list, editable=()) -> None:
    """Register each model (unless already registered) with a searchable, filtered list."""

    for model in model_list:
        if admin.site.is_registered(model):
            continue
        base = admin.ModelAdmin if model in editable else ReadOnly
        options = {
            "list_display": _columns(model),
            "search_fields": _search(model),
            "list_filter": _filters(model),
            "list_select_related": [
                f.name for f in model._meta.fields if isinstance(f, models.ForeignKey)
            ][:LISTED],
        }
        admin.site.register(model, type(f"{model.__name__}Admin", (base,), options))
