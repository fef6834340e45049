"""What a body may be asked for an opinion on: any workflow object, and the documents below."""

from django.apps import apps
from django.db.models import QuerySet

from workflows.registry import get_kind, kind_of, kinds

# Not processes themselves, but parts of one a body gives its opinion on (a commission on the
# chapter of its field).
DOCUMENTS = {"chapter": "consultations.Chapter"}


def queryset(name: str) -> QuerySet | None:
    if name in DOCUMENTS:
        return apps.get_model(DOCUMENTS[name])._default_manager.all()
    kind = get_kind(name)
    return kind.queryset() if kind else None


def name_of(obj) -> str | None:
    for name, label in DOCUMENTS.items():
        if isinstance(obj, apps.get_model(label)):
            return name
    try:
        return kind_of(obj).name
    except LookupError:
        return None


def names() -> list[str]:
    return sorted([*kinds(), *DOCUMENTS])
